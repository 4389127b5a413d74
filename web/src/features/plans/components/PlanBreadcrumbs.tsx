import { Anchor, Box, Breadcrumbs, Text } from "@mantine/core";
import { Link } from "react-router-dom";
import { useI18n } from "../../../lib/i18n";
import { fiscalYearWareki } from "../../../lib/numbers";

/** 事業計画 › 令和8年度 … › (this page). */
export function PlanBreadcrumbs({
  plan,
  current,
}: {
  plan?: { id: string; fiscalYear: number; title: string } | undefined;
  current?: string | undefined;
}) {
  const { t } = useI18n();
  const items = [
    <Anchor key="plans" component={Link} to="/plans" size="sm">
      {t("plans.title")}
    </Anchor>,
  ];
  if (plan) {
    const label = plan.title.includes(fiscalYearWareki(plan.fiscalYear))
      ? plan.title
      : `${fiscalYearWareki(plan.fiscalYear)} ${plan.title}`;
    items.push(
      current ? (
        <Anchor key="plan" component={Link} to={`/plans/${plan.id}`} size="sm" data-testid="breadcrumb-plan">
          {label}
        </Anchor>
      ) : (
        <Text key="plan" size="sm">
          {label}
        </Text>
      ),
    );
  }
  if (current) {
    items.push(
      <Text key="current" size="sm" c="dimmed">
        {current}
      </Text>,
    );
  }
  return (
    <Box component="nav" aria-label={t("plans.breadcrumb")} mb="sm">
      <Breadcrumbs separatorMargin={6}>{items}</Breadcrumbs>
    </Box>
  );
}
