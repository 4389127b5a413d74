import { Badge } from "@mantine/core";
import type { PlanSummary, ProgramStatus } from "@shien/contracts";
import { type Translate, useI18n } from "../../../lib/i18n";
import { programStatusColor, programStatusLabelKey } from "../labels";

/** 採択済 (read-only) or 編集中. */
export function PlanStatusBadge({ status }: { status: PlanSummary["status"] }) {
  const { t } = useI18n();
  const adopted = status === "adopted";
  return (
    <Badge color={adopted ? "green" : "yellow"} variant="light" data-testid="plan-status">
      {adopted ? t("plans.statusAdopted") : t("plans.statusDraft")}
    </Badge>
  );
}

/** 初版 / 改訂1 … */
export function revisionLabel(revision: number, t: Translate): string {
  return revision === 0 ? t("plans.revisionOriginal") : t("plans.revision", { n: revision });
}

/**
 * 新規 / 継続 / 拡充. The tree marks only what changed (`onlyChanges`), as the documents do; the
 * program page names the status whatever it is.
 */
export function ProgramStatusBadge({
  status,
  onlyChanges = false,
}: {
  status: ProgramStatus | null;
  onlyChanges?: boolean;
}) {
  const { t } = useI18n();
  if (!status || (onlyChanges && status === "continuing")) return null;
  return (
    <Badge color={programStatusColor[status]} variant={status === "continuing" ? "outline" : "light"} size="sm">
      {t(programStatusLabelKey[status])}
    </Badge>
  );
}
