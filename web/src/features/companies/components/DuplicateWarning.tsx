import { Alert, Anchor, Badge, Button, Group, Paper, Stack, Text } from "@mantine/core";
import { IconAlertTriangle } from "@tabler/icons-react";
import { Link } from "react-router-dom";
import { useI18n } from "../../../lib/i18n";
import type { DuplicateCandidate } from "../queries";
import { MatchReasons } from "./MatchReasons";

/** 同じ事業者の可能性があります: registered businesses the record being typed probably is. */
export function DuplicateWarning({
  candidates,
  onSaveAnyway,
  saving,
}: {
  candidates: DuplicateCandidate[];
  /** Offered once the user pressed 保存 and the warning stopped it. */
  onSaveAnyway?: (() => void) | undefined;
  saving?: boolean;
}) {
  const { t } = useI18n();
  if (candidates.length === 0) return null;
  return (
    <Alert
      color="orange"
      icon={<IconAlertTriangle size={18} />}
      title={t("meiyose.duplicateTitle")}
      data-testid="duplicate-warning"
    >
      <Stack gap="sm">
        <Text size="sm">{t("meiyose.duplicateHelp")}</Text>
        {candidates.map((c) => (
          <Paper key={c.company.id} withBorder p="sm" data-testid="duplicate-candidate">
            <Group gap="sm" mb={4}>
              <Anchor component={Link} to={`/companies/${c.company.id}`} target="_blank" fw={600}>
                {c.company.name}
              </Anchor>
              <Badge color={c.decision === "same" ? "red" : "orange"} variant="light">
                {t(`meiyose.decision.${c.decision}`)}
              </Badge>
              <Text size="xs" c="dimmed">
                {[c.company.address, c.company.phone].filter(Boolean).join(" / ")}
              </Text>
            </Group>
            <MatchReasons reasons={c.reasons} />
          </Paper>
        ))}
        {onSaveAnyway && (
          <Group justify="flex-end">
            <Button color="orange" onClick={onSaveAnyway} loading={saving} data-testid="duplicate-save-anyway">
              {t("meiyose.saveAnyway")}
            </Button>
          </Group>
        )}
      </Stack>
    </Alert>
  );
}
