import { Anchor, Button, Group, List, Loader, Stack, Text, Tooltip } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import type { Company } from "@shien/contracts";
import { useState } from "react";
import { Link } from "react-router-dom";
import { formatDateTime } from "../../../lib/datetime";
import { useI18n } from "../../../lib/i18n";
import { undoMerge, useCompanyEntity } from "../queries";

/**
 * The other records 名寄せ counts as this business, and the merges that made it (newest first),
 * each with 元に戻す: merges are undone last first, so one a later merge built on waits for it.
 */
export function SameEntityList({ company, mayWrite }: { company: Company; mayWrite: boolean }) {
  const { t, locale } = useI18n();
  const entity = useCompanyEntity(company.id);
  const [undoing, setUndoing] = useState<string | null>(null);
  if (entity.isPending) return <Loader size="sm" />;
  if (entity.isError) {
    return (
      <Text size="sm" c="red">
        {entity.error.message}
      </Text>
    );
  }
  const others = entity.data.records.filter((r) => r.id !== company.id);
  const undo = (mergeId: string) => {
    setUndoing(mergeId);
    undoMerge(mergeId)
      .then(
        () => notifications.show({ color: "green", message: t("meiyose.undone") }),
        (error: unknown) =>
          notifications.show({
            color: "red",
            message: t("meiyose.undoFailed", { message: error instanceof Error ? error.message : String(error) }),
          }),
      )
      .finally(() => setUndoing(null));
  };
  return (
    <Stack gap="sm">
      {others.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t("meiyose.sameEntityNone")}
        </Text>
      ) : (
        <List size="sm" data-testid="same-entity-list">
          {others.map((r) => (
            <List.Item key={r.id} data-testid="same-entity-record">
              <Anchor component={Link} to={`/companies/${r.id}`}>
                {r.name}
              </Anchor>{" "}
              <Text span size="xs" c="dimmed">
                {[r.corporateNumber, r.address, r.phone].filter(Boolean).join(" / ")}
              </Text>
            </List.Item>
          ))}
        </List>
      )}
      {entity.data.merges.length > 0 && (
        <Stack gap={4} data-testid="entity-merges">
          <Text size="xs" fw={600} c="dimmed">
            {t("meiyose.mergeHistory")}
          </Text>
          {entity.data.merges.map((m) => (
            <Group key={m.id} justify="space-between" gap="xs" wrap="nowrap" data-testid="entity-merge">
              <Text size="xs">
                {t("meiyose.mergeLine", {
                  at: formatDateTime(m.createdAt, locale),
                  by: m.mergedBy,
                  count: m.companyIds.length,
                })}
              </Text>
              {mayWrite && (
                <Tooltip label={t("meiyose.undoLaterFirst")} disabled={m.undoable}>
                  <Button
                    size="compact-xs"
                    variant="light"
                    disabled={!m.undoable}
                    loading={undoing === m.id}
                    onClick={() => undo(m.id)}
                    data-testid="entity-merge-undo"
                  >
                    {t("meiyose.undo")}
                  </Button>
                </Tooltip>
              )}
            </Group>
          ))}
        </Stack>
      )}
    </Stack>
  );
}
