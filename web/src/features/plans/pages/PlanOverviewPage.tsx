import { Button, Card, Group, Stack, Text, Title } from "@mantine/core";
import { IconCalculator, IconTarget } from "@tabler/icons-react";
import { Link, useParams } from "react-router-dom";
import { QueryState } from "../../../components/QueryState";
import { useI18n } from "../../../lib/i18n";
import { NotesSection } from "../components/NotesSection";
import { PlanActions } from "../components/PlanActions";
import { PlanBreadcrumbs } from "../components/PlanBreadcrumbs";
import { PlanHeading } from "../components/PlanHeading";
import { PlanTreeTable } from "../components/PlanTreeTable";
import { TotalsPanels } from "../components/TotalsPanels";
import { usePlanOverview } from "../queries";

/** One plan: 事業体系 in document order with its figures, then the totals and the transcription notes. */
export function PlanOverviewPage() {
  const { t } = useI18n();
  const { planId = "" } = useParams();
  const overview = usePlanOverview(planId);
  const data = overview.data;

  return (
    <QueryState isPending={overview.isPending} error={overview.error}>
      {data && (
        <>
          <PlanBreadcrumbs plan={data.plan} />
          <PlanHeading plan={data.plan} actions={<PlanActions plan={data.plan} />} />
          <Stack gap="lg">
            {(data.plan.hasBudgetStatement || data.plan.initiativeCount > 0) && (
              <Group gap="sm" data-testid="plan-documents">
                {data.plan.hasBudgetStatement && (
                  <Button
                    component={Link}
                    to={`/plans/${planId}/budget-statement`}
                    variant="light"
                    leftSection={<IconCalculator size={16} />}
                    data-testid="plan-budget-link"
                  >
                    {t("plans.budgetStatementLink")}
                  </Button>
                )}
                {data.plan.initiativeCount > 0 && (
                  <Button
                    component={Link}
                    to={`/plans/${planId}/initiatives`}
                    variant="light"
                    leftSection={<IconTarget size={16} />}
                    data-testid="plan-initiatives-link"
                  >
                    {t("plans.initiativesLink")}
                  </Button>
                )}
              </Group>
            )}
            <Card withBorder padding="md">
              <Group justify="space-between" mb="sm">
                <Title order={2} size="h4">
                  {t("plans.tree")}
                </Title>
                <Text size="sm" c="dimmed" data-testid="plan-unit">
                  {t("plans.unitThousandYen")}
                </Text>
              </Group>
              <PlanTreeTable planId={planId} tree={data.tree} />
            </Card>
            <section>
              <Group justify="space-between" mb="sm">
                <Title order={2} size="h4">
                  {t("plans.totals")}
                </Title>
                <Text size="sm" c="dimmed">
                  {t("plans.unitThousandYen")}
                </Text>
              </Group>
              <TotalsPanels totals={data.totals} />
            </section>
            <NotesSection
              title={t("plans.notes", { count: data.plan.notes.length })}
              notes={data.plan.notes}
              source={data.plan.source ? { label: t("plans.source"), text: data.plan.source } : undefined}
              testId="plan-notes"
            />
          </Stack>
        </>
      )}
    </QueryState>
  );
}
