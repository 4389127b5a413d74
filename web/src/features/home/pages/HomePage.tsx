import { Anchor, Badge, Card, Group, SimpleGrid, Stack, Table, Text, Title } from "@mantine/core";
import type { ReactNode } from "react";
import { Link } from "react-router-dom";
import { NAV_ITEMS } from "../../../app/nav";
import { roleLabelKey } from "../../../app/roles";
import { PageHeader } from "../../../components/PageHeader";
import { useI18n } from "../../../lib/i18n";
import { useMe } from "../../auth/queries";
import { WorkToday } from "../components/WorkToday";

/** The signed-in user's own account and the screens open to them; nothing here is invented. */
export function HomePage() {
  const { t } = useI18n();
  const user = useMe().data?.user;
  if (!user) return null;

  const active = user.departments.find((d) => d.id === user.activeDepartmentId);
  const links = NAV_ITEMS.filter((item) => item.id !== "home" && item.audience(user));

  return (
    <>
      <PageHeader title={t("home.title")} description={t("home.welcome", { name: user.displayName })} />
      <WorkToday user={user} />
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="lg">
        <Card withBorder padding="lg" data-testid="home-account">
          <Title order={2} size="h4" mb="sm">
            {t("home.account")}
          </Title>
          <Table variant="vertical" withTableBorder={false}>
            <Table.Tbody>
              <InfoRow label={t("home.org")}>{user.org.name}</InfoRow>
              <InfoRow label={t("home.displayName")}>{user.displayName}</InfoRow>
              <InfoRow label={t("home.loginId")}>{user.login}</InfoRow>
              <InfoRow label={t("home.role")}>{t(roleLabelKey[user.role])}</InfoRow>
              <InfoRow label={t("home.departments")}>
                {user.departments.length === 0 ? (
                  <Text c="dimmed" size="sm">
                    {t("home.noDepartments")}
                  </Text>
                ) : (
                  <Group gap={6}>
                    {user.departments.map((d) => (
                      <Badge key={d.id} variant="light">
                        {d.name}
                      </Badge>
                    ))}
                  </Group>
                )}
              </InfoRow>
              <InfoRow label={t("home.activeDepartment")}>{active ? active.name : t("shell.allDepartments")}</InfoRow>
            </Table.Tbody>
          </Table>
        </Card>
        {links.length > 0 && (
          <Card withBorder padding="lg" data-testid="home-links">
            <Title order={2} size="h4" mb="sm">
              {t("home.screens")}
            </Title>
            <Stack gap="xs">
              {links.map((item) => (
                <Anchor key={item.id} component={Link} to={item.path}>
                  <Group gap="xs">
                    <item.icon size={18} />
                    {t(item.labelKey)}
                  </Group>
                </Anchor>
              ))}
            </Stack>
          </Card>
        )}
      </SimpleGrid>
    </>
  );
}

function InfoRow({ label, children }: { label: string; children: ReactNode }) {
  return (
    <Table.Tr>
      <Table.Th w={140}>{label}</Table.Th>
      <Table.Td>{children}</Table.Td>
    </Table.Tr>
  );
}
