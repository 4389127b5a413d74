import { Button } from "@mantine/core";
import type { SubsidyStatus } from "@shien/contracts";
import { IconFileSpreadsheet } from "@tabler/icons-react";
import { toQueryString } from "../../../lib/api";
import { useI18n } from "../../../lib/i18n";

interface Filter {
  fiscalYear: number;
  subsidyProgramId?: string | null;
  roundId?: string | null;
  status?: SubsidyStatus | null;
}

export function applicationsXlsxUrl(f: Filter): string {
  return `/api/subsidies/applications.xlsx${toQueryString({
    fiscalYear: f.fiscalYear,
    subsidyProgramId: f.subsidyProgramId,
    roundId: f.roundId,
    status: f.status,
  })}`;
}

/** 申請一覧 (xlsx) of what the list shows: a plain link, saved under the server's Japanese file name. */
export function ApplicationsXlsxButton(props: Filter) {
  const { locale } = useI18n();
  return (
    <Button
      component="a"
      href={applicationsXlsxUrl(props)}
      download
      variant="default"
      ml="auto"
      leftSection={<IconFileSpreadsheet size={16} />}
      title={locale === "ja" ? "表示中の条件の申請一覧をxlsxで保存します" : "Saves the listed applications as xlsx"}
      data-testid="applications-xlsx"
    >
      {locale === "ja" ? "一覧をxlsxで保存" : "Download xlsx"}
    </Button>
  );
}
