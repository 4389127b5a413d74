import { Badge } from "@mantine/core";
import type { SubsidyStatus } from "@shien/contracts";
import { useI18n } from "../../../lib/i18n";
import { subsidyStatusColor, subsidyStatusLabelKey } from "../labels";

/** An application's status; `data-status` carries the contract's value for tests. */
export function StatusBadge({
  status,
  size = "md",
  testId = "application-status",
}: {
  status: SubsidyStatus;
  size?: "sm" | "md" | "lg";
  testId?: string;
}) {
  const { t } = useI18n();
  return (
    <Badge
      miw="max-content"
      size={size}
      color={subsidyStatusColor[status]}
      variant="light"
      data-testid={testId}
      data-status={status}
    >
      {t(subsidyStatusLabelKey[status])}
    </Badge>
  );
}
