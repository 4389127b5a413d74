import { AppShell, Box, Burger, em, Group, ScrollArea, Stack, Text } from "@mantine/core";
import { useDisclosure, useMediaQuery } from "@mantine/hooks";
import type { SessionUser } from "@shien/contracts";
import type { ReactNode } from "react";
import { Link } from "react-router-dom";
import { LanguageSwitch } from "../../components/LanguageSwitch";
import { useI18n } from "../../lib/i18n";
import { DepartmentSwitcher } from "./DepartmentSwitcher";
import { NavMenu } from "./NavMenu";
import { UserMenu } from "./UserMenu";

export function AppLayout({ user, children }: { user: SessionUser; children: ReactNode }) {
  const { t } = useI18n();
  const [navOpened, nav] = useDisclosure(false);
  // Narrow screens: the header has no room for the switchers, so they lead the menu instead.
  const wide = useMediaQuery(`(min-width: ${em(992)})`, true);

  return (
    <AppShell
      header={{ height: 60 }}
      navbar={{ width: 240, breakpoint: "sm", collapsed: { mobile: !navOpened } }}
      padding="lg"
    >
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group gap="sm" wrap="nowrap" miw={0}>
            <Burger
              opened={navOpened}
              onClick={nav.toggle}
              hiddenFrom="sm"
              size="sm"
              aria-label={t("shell.toggleNavigation")}
            />
            <Text component={Link} to="/" fw={700} size="lg" c="blue.8" style={{ textDecoration: "none" }}>
              Shien
            </Text>
            <Text fw={500} truncate="end" visibleFrom="xs" data-testid="org-name">
              {user.org.name}
            </Text>
          </Group>
          <Group gap="sm" wrap="nowrap">
            {wide && (
              <>
                <DepartmentSwitcher user={user} width={220} />
                <LanguageSwitch />
              </>
            )}
            <UserMenu user={user} />
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar>
        {/* The menu outgrows a laptop's 657 px of page height once the admin entries are shown: it scrolls on its own, the header stays. */}
        <AppShell.Section grow component={ScrollArea} type="auto" scrollbarSize={8} p="sm" data-testid="nav-scroll">
          {!wide && (
            <Stack gap="sm" mb="md">
              <DepartmentSwitcher user={user} width="100%" />
              <Box>
                <LanguageSwitch />
              </Box>
            </Stack>
          )}
          <NavMenu user={user} onNavigate={nav.close} />
        </AppShell.Section>
      </AppShell.Navbar>
      <AppShell.Main bg="gray.0">{children}</AppShell.Main>
    </AppShell>
  );
}
