import { Card, Group, List, Stack, Table, Text, Title } from "@mantine/core";
import type { BudgetStatementDto, PlanOverview } from "@shien/contracts";
import { useParams } from "react-router-dom";
import { QueryState } from "../../../components/QueryState";
import { useI18n } from "../../../lib/i18n";
import { formatSenYen } from "../../../lib/numbers";
import { AmountTd, NumTd, NumTh } from "../components/NumberCells";
import { PlanBreadcrumbs } from "../components/PlanBreadcrumbs";
import { PlanHeading } from "../components/PlanHeading";
import { reiwaYear } from "../labels";
import { useBudgetStatement, usePlanOverview } from "../queries";

/**
 * 正味財産予算書: the statement's lines as printed (千円, ▲; its 前年度比 carries no "+", unlike the
 * program tables), then its 概要 explanations in printed order.
 */
export function BudgetStatementPage() {
  const { t } = useI18n();
  const { planId = "" } = useParams();
  const overview = usePlanOverview(planId);
  const statement = useBudgetStatement(planId);
  return (
    <QueryState isPending={overview.isPending || statement.isPending} error={overview.error ?? statement.error}>
      {overview.data && statement.data && (
        <>
          <PlanBreadcrumbs plan={overview.data.plan} current={t("budget.title")} />
          <PlanHeading plan={overview.data.plan} title={statement.data.title} />
          <StatementView plan={overview.data.plan} statement={statement.data} />
        </>
      )}
    </QueryState>
  );
}

function StatementView({ plan, statement }: { plan: PlanOverview["plan"]; statement: BudgetStatementDto }) {
  const { t } = useI18n();
  const year = reiwaYear(plan.fiscalYear);
  return (
    <Stack gap="lg">
      <Card withBorder padding="md">
        <Group justify="flex-end" mb="xs">
          <Text size="sm" c="dimmed">
            {t("plans.unitThousandYen")}
          </Text>
        </Group>
        <Table.ScrollContainer minWidth={640}>
          <Table verticalSpacing={6} withTableBorder withColumnBorders data-testid="budget-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t("budget.item")}</Table.Th>
                <NumTh w={140}>{t("budget.yearColumn", { year })}</NumTh>
                <NumTh w={140}>{t("budget.yearColumn", { year: year - 1 })}</NumTh>
                <NumTh w={160}>{t("budget.difference")}</NumTh>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {statement.lines.map((line) => {
                const heading = line.indent === 0;
                return (
                  <Table.Tr key={line.id} bg={heading ? "gray.0" : undefined} fw={heading ? 700 : undefined}>
                    <Table.Td
                      style={{
                        paddingLeft: `calc(var(--table-horizontal-spacing, var(--mantine-spacing-xs)) + ${line.indent * 1.5}rem)`,
                      }}
                    >
                      <Text size="sm" fw={heading ? 700 : 400} span>
                        {line.label}
                      </Text>
                      {line.formula && line.formula !== "sum" && (
                        <Text size="xs" c="dimmed" fw={400}>
                          {t("budget.formula", { formula: line.formula.replace(/ - /g, " − ") })}
                        </Text>
                      )}
                    </Table.Td>
                    <AmountTd yen={line.currentYen} />
                    <AmountTd yen={line.previousYen} />
                    <NumTd>
                      {line.marker && (
                        <Text span size="sm" c="blue.8" fw={700} mr={6} data-testid="budget-marker">
                          {line.marker}
                        </Text>
                      )}
                      {formatSenYen(line.differenceYen)}
                    </NumTd>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      </Card>
      {statement.explanations.length > 0 && (
        <Card withBorder padding="md" data-testid="budget-explanations">
          <Title order={2} size="h4" mb="sm">
            {t("budget.explanations")}
          </Title>
          <Stack gap="sm">
            {statement.explanations.map((e, index) => (
              // A marked explanation (①) details the unmarked heading above it, so it sits indented.
              // biome-ignore lint/suspicious/noArrayIndexKey: printed order, no ids
              <Stack key={index} gap={4} pl={e.marker ? "md" : 0}>
                <Group gap={6} wrap="nowrap" align="baseline">
                  {e.marker && (
                    <Text c="blue.8" fw={700}>
                      {e.marker}
                    </Text>
                  )}
                  <Text fw={e.marker ? 600 : 700}>{e.heading}</Text>
                </Group>
                {e.items.length > 0 && (
                  <List size="sm" spacing={4} withPadding={Boolean(e.marker)}>
                    {e.items.map((item) => (
                      <List.Item key={item}>{item}</List.Item>
                    ))}
                  </List>
                )}
              </Stack>
            ))}
          </Stack>
        </Card>
      )}
    </Stack>
  );
}
