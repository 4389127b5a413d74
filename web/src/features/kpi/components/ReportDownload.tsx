import { Button, Group, Select } from "@mantine/core";
import { IconDownload } from "@tabler/icons-react";
import { useState } from "react";
import { useI18n } from "../../../lib/i18n";
import { quarterOf } from "../pace";
import { reportUrl } from "../queries";

const QUARTERS = ["1", "2", "3", "4"] as const;
const quarterLabelKey = {
  "1": "kpi.report.q1",
  "2": "kpi.report.q2",
  "3": "kpi.report.q3",
  "4": "kpi.report.q4",
} as const;

/** 四半期報告 (xlsx): the plan's table with actuals and 進捗率 to the end of the chosen quarter. */
export function ReportDownload({ fiscalYear, asOf }: { fiscalYear: number; asOf: string }) {
  const { t } = useI18n();
  const [quarter, setQuarter] = useState<string>(String(quarterOf(asOf)));
  return (
    <Group gap="xs" align="flex-end" wrap="nowrap">
      <Select
        label={t("kpi.report.quarter")}
        data={QUARTERS.map((q) => ({ value: q, label: t(quarterLabelKey[q]) }))}
        value={quarter}
        onChange={(v) => setQuarter(v ?? quarter)}
        allowDeselect={false}
        w={190}
        data-testid="kpi-report-quarter"
      />
      <Button
        component="a"
        href={reportUrl(fiscalYear, Number(quarter))}
        download
        variant="default"
        leftSection={<IconDownload size={16} />}
        data-testid="kpi-report-download"
      >
        {t("kpi.report.download")}
      </Button>
    </Group>
  );
}
