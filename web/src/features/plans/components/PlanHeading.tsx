import { Group, Text } from "@mantine/core";
import type { PlanOverview } from "@shien/contracts";
import type { ReactNode } from "react";
import { PageHeader } from "../../../components/PageHeader";
import { useI18n } from "../../../lib/i18n";
import { fiscalYearLabel } from "../../../lib/numbers";
import { PlanStatusBadge, revisionLabel } from "./StatusBadges";

/** The plan's title with 令和8年度（2026年度）, its status and revision. */
export function PlanHeading({
  plan,
  title,
  actions,
}: {
  plan: PlanOverview["plan"];
  /** A sub-page's own title (予算書 …); the plan's title otherwise. */
  title?: string;
  actions?: ReactNode;
}) {
  const { t } = useI18n();
  return (
    <>
      <PageHeader title={title ?? plan.title} actions={actions} />
      <Group gap="sm" mt={-8} mb="lg">
        <Text size="sm" fw={600} data-testid="plan-fiscal-year">
          {fiscalYearLabel(plan.fiscalYear)}
        </Text>
        <PlanStatusBadge status={plan.status} />
        <Text size="sm" c="dimmed" data-testid="plan-revision">
          {revisionLabel(plan.revision, t)}
        </Text>
      </Group>
    </>
  );
}
