import { Button, Group, Text } from "@mantine/core";
import { IconGitMerge } from "@tabler/icons-react";
import { FormError } from "../../../components/FormError";
import { useI18n } from "../../../lib/i18n";
import { useMergeCompanies } from "../queries";
import { showMergeNotice } from "./merge-notice";

/** 同一事業者として統合 for the rows selected; the notification offers 元に戻す. */
export function SelectionBar({ ids, onClear }: { ids: string[]; onClear: () => void }) {
  const { t } = useI18n();
  const merge = useMergeCompanies();
  if (ids.length === 0) return null;
  const run = () =>
    merge.mutate(ids, {
      onSuccess: (result) => {
        showMergeNotice(t, result.mergeId, ids.length);
        onClear();
      },
    });
  return (
    <>
      <Group mb="sm" gap="sm" data-testid="selection-bar">
        <Text size="sm">{t("companies.selected", { count: ids.length })}</Text>
        <Button
          size="xs"
          leftSection={<IconGitMerge size={14} />}
          disabled={ids.length < 2}
          loading={merge.isPending}
          onClick={run}
          data-testid="companies-merge"
        >
          {t("meiyose.merge")}
        </Button>
        <Button size="xs" variant="subtle" onClick={onClear}>
          {t("companies.clearSelection")}
        </Button>
      </Group>
      <FormError error={merge.error} testId="merge-error" />
    </>
  );
}
