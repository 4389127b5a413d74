import { Card, Grid, Table, Text, Title } from "@mantine/core";
import type { FundingSource, PlanOverview, TotalsRow } from "@shien/contracts";
import { type Translate, useI18n } from "../../../lib/i18n";
import { SOURCE_ORDER, sourcesText } from "../labels";
import { AmountTd, CountTd, DifferenceTd, NumTd, NumTh } from "./NumberCells";

type Totals = PlanOverview["totals"];

/**
 * The server labels rows in Japanese; funding-source rows are relabelled from their key
 * ("prefecture+own") so they follow the UI language, and "none" rows get the UI's wording.
 */
function sourceRowLabel(row: TotalsRow, t: Translate): string {
  if (row.key === "none") return t("plans.noSource");
  const parts = row.key.split("+").filter((k): k is FundingSource => SOURCE_ORDER.includes(k as FundingSource));
  return parts.length > 0 ? sourcesText(parts, t) : row.label;
}

function TotalsTable({
  title,
  rows,
  label,
  testId,
}: {
  title: string;
  rows: readonly TotalsRow[];
  label: (row: TotalsRow) => string;
  testId: string;
}) {
  const { t } = useI18n();
  return (
    <Card withBorder padding="md" h="100%" data-testid={testId}>
      <Title order={3} size="h5" mb="xs">
        {title}
      </Title>
      <Table.ScrollContainer minWidth={480}>
        <Table verticalSpacing={4} striped>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t("plans.totalsLabel")}</Table.Th>
              <NumTh>{t("plans.budget")}</NumTh>
              <NumTh>{t("plans.previous")}</NumTh>
              <NumTh>{t("plans.difference")}</NumTh>
              <NumTh>{t("plans.programCount")}</NumTh>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((row) => (
              <Table.Tr key={row.key}>
                <Table.Td>
                  <Text size="sm">{label(row)}</Text>
                </Table.Td>
                {row.budgetLineCount === 0 ? (
                  // Programs with no amount in the plan (V 公の施設…) sum to nothing, not to 0千円.
                  <NumTd c="dimmed" data-testid="totals-no-figure">
                    {t("plans.noFigure")}
                  </NumTd>
                ) : (
                  <AmountTd yen={row.currentYen} />
                )}
                <AmountTd yen={row.previousYen} />
                <DifferenceTd yen={row.differenceYen} approximate={row.differenceApproximate} />
                <CountTd value={row.programCount} />
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Card>
  );
}

/** 合計, 財源別, 担当課別, 体系別 (千円); a 再掲 program is counted once. */
export function TotalsPanels({ totals }: { totals: Totals }) {
  const { t } = useI18n();
  const asPrinted = (row: TotalsRow) => row.label;
  const department = (row: TotalsRow) => (row.key === "none" ? t("plans.noDepartment") : row.label);
  return (
    <>
      <Grid gutter="md">
        <Grid.Col span={12}>
          <TotalsTable
            title={t("plans.totalsAll")}
            rows={[totals.all]}
            label={() => t("plans.totalsAll")}
            testId="totals-all"
          />
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 6 }}>
          <TotalsTable
            title={t("plans.totalsBySection")}
            rows={totals.bySection}
            label={asPrinted}
            testId="totals-section"
          />
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 6 }}>
          <TotalsTable
            title={t("plans.totalsBySource")}
            rows={totals.bySource}
            label={(row) => sourceRowLabel(row, t)}
            testId="totals-source"
          />
        </Grid.Col>
        <Grid.Col span={12}>
          <TotalsTable
            title={t("plans.totalsByDepartment")}
            rows={totals.byDepartment}
            label={department}
            testId="totals-department"
          />
        </Grid.Col>
      </Grid>
      <Text size="xs" c="dimmed" mt="xs">
        {t("plans.totalsNote")}
      </Text>
    </>
  );
}
