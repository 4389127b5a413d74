import { Button } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import {
  IconFileSpreadsheet,
  IconFileText,
  IconGitMerge,
  IconListCheck,
  IconPlus,
  IconUpload,
} from "@tabler/icons-react";
import { useMemo } from "react";
import { Link } from "react-router-dom";
import { useI18n } from "../../../lib/i18n";
import { companyExportUrl, useDedupeJob } from "../queries";

/** The registry page's buttons; writes only for roles that may write. */
export function RegistryActions({ mayWrite, reviewPairs }: { mayWrite: boolean; reviewPairs: number }) {
  const { t } = useI18n();
  const handlers = useMemo(
    () => ({
      onDone: (stats: { records: number; entities: number; reviewPairs: number; conflicts: number }) =>
        notifications.show({ color: "green", message: t("meiyose.runDone", { ...stats }) }),
      onFailed: (message: string) => notifications.show({ color: "red", message: t("meiyose.failed", { message }) }),
    }),
    [t],
  );
  const dedupe = useDedupeJob(handlers);
  const progress = dedupe.job
    ? t(`meiyose.progress.${dedupe.job.phase === "done" ? "review" : dedupe.job.phase}`, {
        done: dedupe.job.done.toLocaleString(),
        total: dedupe.job.total.toLocaleString(),
      })
    : null;
  return (
    <>
      {mayWrite && (
        <Button
          component={Link}
          to="/companies/new"
          leftSection={<IconPlus size={16} />}
          data-testid="companies-create"
        >
          {t("companies.create")}
        </Button>
      )}
      {mayWrite && (
        <Button
          component={Link}
          to="/companies/import"
          variant="default"
          leftSection={<IconUpload size={16} />}
          data-testid="companies-import"
        >
          {t("companies.import")}
        </Button>
      )}
      <Button
        component={Link}
        to="/companies/review"
        variant="default"
        leftSection={<IconListCheck size={16} />}
        data-testid="companies-review"
      >
        {t("companies.review")}
        {reviewPairs > 0 ? ` (${reviewPairs})` : ""}
      </Button>
      {mayWrite && (
        <Button
          variant="light"
          leftSection={<IconGitMerge size={16} />}
          loading={dedupe.running && !progress}
          disabled={dedupe.running}
          onClick={dedupe.start}
          data-testid="companies-dedupe"
        >
          {progress ?? t("meiyose.run")}
        </Button>
      )}
      <Button
        component="a"
        href={companyExportUrl("csv")}
        download
        variant="subtle"
        leftSection={<IconFileText size={16} />}
        data-testid="companies-download-csv"
      >
        {t("companies.downloadCsv")}
      </Button>
      <Button
        component="a"
        href={companyExportUrl("xlsx")}
        download
        variant="subtle"
        leftSection={<IconFileSpreadsheet size={16} />}
        data-testid="companies-download-xlsx"
      >
        {t("companies.downloadXlsx")}
      </Button>
    </>
  );
}
