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
import { Link } from "react-router-dom";
import { useI18n } from "../../../lib/i18n";
import { companyExportUrl, useRunDedupe } from "../queries";

/** The registry page's buttons; writes only for roles that may write. */
export function RegistryActions({ mayWrite, reviewPairs }: { mayWrite: boolean; reviewPairs: number }) {
  const { t } = useI18n();
  const dedupe = useRunDedupe();
  const run = () =>
    dedupe.mutate(undefined, {
      onSuccess: (stats) => notifications.show({ color: "green", message: t("meiyose.runDone", { ...stats }) }),
      onError: (error) =>
        notifications.show({ color: "red", message: t("meiyose.failed", { message: error.message }) }),
    });
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
          loading={dedupe.isPending}
          onClick={run}
          data-testid="companies-dedupe"
        >
          {t("meiyose.run")}
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
