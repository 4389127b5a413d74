import { Anchor, Card, Table, Text } from "@mantine/core";
import { Link } from "react-router-dom";
import { PageHeader } from "../../../components/PageHeader";
import { QueryState } from "../../../components/QueryState";
import { useI18n } from "../../../lib/i18n";
import { fiscalYearLabel } from "../../../lib/numbers";
import { CountTd, NumTh } from "../components/NumberCells";
import { PlanStatusBadge, revisionLabel } from "../components/StatusBadges";
import { usePlans } from "../queries";

/** 事業計画: the organization's plans, newest year first. */
export function PlansPage() {
  const { t } = useI18n();
  const plans = usePlans();
  const rows = [...(plans.data ?? [])].sort((a, b) => b.fiscalYear - a.fiscalYear);

  return (
    <>
      <PageHeader title={t("plans.title")} description={t("plans.description")} />
      <Card withBorder padding="md">
        <QueryState isPending={plans.isPending} error={plans.error}>
          {rows.length === 0 ? (
            <Text c="dimmed" ta="center" py="lg" data-testid="plans-empty">
              {t("plans.empty")}
            </Text>
          ) : (
            <Table.ScrollContainer minWidth={640}>
              <Table striped highlightOnHover verticalSpacing="sm" data-testid="plans-table">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t("plans.fiscalYear")}</Table.Th>
                    <Table.Th>{t("plans.planTitle")}</Table.Th>
                    <Table.Th>{t("plans.status")}</Table.Th>
                    <Table.Th>{t("plans.revisionColumn")}</Table.Th>
                    <NumTh>{t("plans.programCount")}</NumTh>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {rows.map((plan) => (
                    <Table.Tr key={plan.id} data-testid={`plan-item-${plan.fiscalYear}`}>
                      <Table.Td style={{ whiteSpace: "nowrap" }}>{fiscalYearLabel(plan.fiscalYear)}</Table.Td>
                      <Table.Td>
                        <Anchor component={Link} to={`/plans/${plan.id}`} fw={600} data-testid="plan-link">
                          {plan.title}
                        </Anchor>
                      </Table.Td>
                      <Table.Td>
                        <PlanStatusBadge status={plan.status} />
                      </Table.Td>
                      <Table.Td>{revisionLabel(plan.revision, t)}</Table.Td>
                      <CountTd value={plan.programCount} />
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          )}
        </QueryState>
      </Card>
    </>
  );
}
