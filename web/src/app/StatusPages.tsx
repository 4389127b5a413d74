import { Button, Stack, Text, Title } from "@mantine/core";
import { Link } from "react-router-dom";
import { useI18n } from "../lib/i18n";

function StatusPage({ title, message }: { title: string; message: string }) {
  const { t } = useI18n();
  return (
    <Stack align="flex-start" gap="sm" data-testid="status-page">
      <Title order={1} size="h2">
        {title}
      </Title>
      <Text c="dimmed">{message}</Text>
      <Button component={Link} to="/" variant="light">
        {t("status.backHome")}
      </Button>
    </Stack>
  );
}

export function NotFoundPage() {
  const { t } = useI18n();
  return <StatusPage title={t("status.notFoundTitle")} message={t("status.notFoundMessage")} />;
}

export function NoAccessPage() {
  const { t } = useI18n();
  return <StatusPage title={t("status.noAccessTitle")} message={t("status.noAccessMessage")} />;
}
