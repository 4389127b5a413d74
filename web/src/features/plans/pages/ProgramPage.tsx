import { Alert, Badge, Card, Group, Stack, Table, Text } from "@mantine/core";
import type { PlanOverview, PlanTreeNode, ProgramDetail, ProgramSummary } from "@shien/contracts";
import { IconLock } from "@tabler/icons-react";
import type { ReactNode } from "react";
import { useParams } from "react-router-dom";
import { PageHeader } from "../../../components/PageHeader";
import { QueryState } from "../../../components/QueryState";
import { useI18n } from "../../../lib/i18n";
import { formatAmount, formatDifference } from "../../../lib/numbers";
import { useMe } from "../../auth/queries";
import { canEditProgram } from "../access";
import { PlanBreadcrumbs } from "../components/PlanBreadcrumbs";
import { KindBadges, ProgramBody } from "../components/ProgramBody";
import { ProgramStatusBadge } from "../components/StatusBadges";
import { usePlanOverview, useProgram } from "../queries";

function InfoRow({ label, children, testId }: { label: string; children: ReactNode; testId?: string }) {
  return (
    <Table.Tr>
      <Table.Th w={140}>{label}</Table.Th>
      <Table.Td data-testid={testId}>{children}</Table.Td>
    </Table.Tr>
  );
}

/** The program's row of the 事業体系 (its budget summed over its lines and sub-programs). */
function findSummary(nodes: readonly PlanTreeNode[], code: string): ProgramSummary | undefined {
  for (const node of nodes) {
    if (node.kind === "program" && node.program?.code === code) return node.program;
    const found = findSummary(node.children, code);
    if (found) return found;
  }
  return undefined;
}

/** 事業費 474,069千円（前年度 … 前年度比 +約5,400千円）, as the tree shows it. */
function BudgetSummary({ summary }: { summary: ProgramSummary }) {
  const { t } = useI18n();
  const unit = t("plans.unitSuffix");
  const parts = [`${formatAmount(summary.budgetYen)}${unit}`];
  if (summary.previousYen !== null) parts.push(`${t("plans.previous")} ${formatAmount(summary.previousYen)}${unit}`);
  if (summary.differenceYen !== null) {
    parts.push(
      `${t("plans.difference")} ${formatDifference(summary.differenceYen, summary.differenceApproximate)}${unit}`,
    );
  }
  return (
    <Text size="sm" style={{ fontVariantNumeric: "tabular-nums" }}>
      {parts.join("　")}
    </Text>
  );
}

/** One program of a plan: what it is for, its figures and targets, terms and sub-programs (①②). */
export function ProgramPage() {
  const { planId = "", code = "" } = useParams();
  const overview = usePlanOverview(planId);
  const program = useProgram(planId, code);
  return (
    <QueryState isPending={overview.isPending || program.isPending} error={overview.error ?? program.error}>
      {overview.data && program.data && (
        <ProgramView
          plan={overview.data.plan}
          program={program.data}
          summary={findSummary(overview.data.tree, program.data.code)}
        />
      )}
    </QueryState>
  );
}

function ProgramView({
  plan,
  program,
  summary,
}: {
  plan: PlanOverview["plan"];
  program: ProgramDetail;
  summary: ProgramSummary | undefined;
}) {
  const { t } = useI18n();
  const user = useMe().data?.user;
  const departmentIds = program.departments.map((d) => d.id);
  const mayEdit = user ? canEditProgram(user, departmentIds) : false;
  const adopted = plan.status === "adopted";
  const title = `${program.numbering} ${program.name}`;

  return (
    <>
      <PlanBreadcrumbs plan={plan} current={title} />
      <PageHeader title={title} />
      <Stack gap="lg">
        <Card withBorder padding="md">
          <Table variant="vertical" withTableBorder={false} verticalSpacing={6}>
            <Table.Tbody>
              <InfoRow label={t("plans.status")}>
                <ProgramStatusBadge status={program.status} />
              </InfoRow>
              {program.kinds.length > 0 && (
                <InfoRow label={t("program.kinds")}>
                  <KindBadges kinds={program.kinds} />
                </InfoRow>
              )}
              <InfoRow label={t("program.departments")} testId="program-departments">
                <Group gap={6}>
                  {program.departments.map((d) => (
                    <Badge key={d.id} variant="light">
                      {d.name}
                    </Badge>
                  ))}
                </Group>
              </InfoRow>
              {summary && summary.budgetYen !== 0 && (
                <InfoRow label={t("plans.budget")} testId="program-budget">
                  <BudgetSummary summary={summary} />
                </InfoRow>
              )}
              {program.agencies.length > 0 && (
                <InfoRow label={t("program.agencies")}>
                  <Text size="sm">{program.agencies.join(t("common.listSeparator"))}</Text>
                </InfoRow>
              )}
            </Table.Tbody>
          </Table>
        </Card>
        {mayEdit && adopted && (
          <Alert color="gray" variant="light" icon={<IconLock size={18} />} data-testid="program-read-only">
            {t("planEdit.readOnlyAdopted")}
          </Alert>
        )}
        <Card withBorder padding="lg">
          <ProgramBody program={program} scope={{ planId: plan.id, canEdit: mayEdit && !adopted }} />
        </Card>
      </Stack>
    </>
  );
}
