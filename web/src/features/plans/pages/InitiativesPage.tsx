import { Card, List, Table, Text } from "@mantine/core";
import { useParams } from "react-router-dom";
import { QueryState } from "../../../components/QueryState";
import { useI18n } from "../../../lib/i18n";
import { PlanBreadcrumbs } from "../components/PlanBreadcrumbs";
import { PlanHeading } from "../components/PlanHeading";
import { reiwaYear } from "../labels";
import { type Initiative, useInitiatives, usePlanOverview } from "../queries";

/** How many rows each 行動指針 spans: consecutive rows with the same guideline share one cell, as printed. */
function guidelineSpans(items: readonly Initiative[]): number[] {
  const spans = items.map(() => 0);
  let start = 0;
  items.forEach((item, index) => {
    if (index > 0 && item.guideline === items[start]?.guideline) {
      spans[start] = (spans[start] ?? 0) + 1;
    } else {
      start = index;
      spans[index] = 1;
    }
  });
  return spans;
}

function Bullets({ items }: { items: readonly string[] }) {
  return (
    <List size="sm" spacing={4}>
      {items.map((item) => (
        <List.Item key={item}>{item}</List.Item>
      ))}
    </List>
  );
}

/** 計画推進に向けた取組み: 行動指針 / 取組方針 / last year's results / this year's plan. */
export function InitiativesPage() {
  const { t } = useI18n();
  const { planId = "" } = useParams();
  const overview = usePlanOverview(planId);
  const initiatives = useInitiatives(planId);
  const plan = overview.data?.plan;
  const items = initiatives.data ?? [];
  const spans = guidelineSpans(items);
  const year = plan ? reiwaYear(plan.fiscalYear) : 0;

  return (
    <QueryState isPending={overview.isPending || initiatives.isPending} error={overview.error ?? initiatives.error}>
      {plan && (
        <>
          <PlanBreadcrumbs plan={plan} current={t("initiatives.title")} />
          <PlanHeading plan={plan} title={t("initiatives.title")} />
          <Card withBorder padding="md">
            {items.length === 0 ? (
              <Text c="dimmed" ta="center" py="lg">
                {t("initiatives.empty")}
              </Text>
            ) : (
              <Table.ScrollContainer minWidth={900}>
                <Table withTableBorder withColumnBorders verticalSpacing="sm" data-testid="initiatives-table">
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th w={120}>{t("initiatives.guideline")}</Table.Th>
                      <Table.Th w={200}>{t("initiatives.policy")}</Table.Th>
                      <Table.Th>{t("initiatives.results", { year: year - 1 })}</Table.Th>
                      <Table.Th>{t("initiatives.plan", { year })}</Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {items.map((item, index) => (
                      <Table.Tr key={item.id} data-testid="initiative-row">
                        {(spans[index] ?? 0) > 0 && (
                          <Table.Td rowSpan={spans[index]} bg="gray.0" style={{ verticalAlign: "top" }}>
                            <Text size="sm" fw={700}>
                              {item.guideline}
                            </Text>
                          </Table.Td>
                        )}
                        <Table.Td style={{ verticalAlign: "top" }}>
                          <Text size="sm" fw={600}>
                            {item.policy}
                          </Text>
                        </Table.Td>
                        <Table.Td style={{ verticalAlign: "top" }}>
                          <Bullets items={item.results} />
                        </Table.Td>
                        <Table.Td style={{ verticalAlign: "top" }}>
                          <Bullets items={item.plan} />
                        </Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              </Table.ScrollContainer>
            )}
          </Card>
        </>
      )}
    </QueryState>
  );
}
