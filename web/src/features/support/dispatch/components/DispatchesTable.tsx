import { Anchor, Badge, Button, Group, Table, Text, Tooltip } from "@mantine/core";
import type { Dispatch, DispatchAction } from "@shien/contracts";
import { Link } from "react-router-dom";
import { useI18n } from "../../../../lib/i18n";
import { formatMinutes, formatYen } from "../../format";
import { dispatchStatusColor, dispatchStatusLabelKey } from "../../labels";

/** The moves each status allows (contract: DISPATCH_TRANSITIONS), in the order they are offered. */
const ACTIONS_FROM: Record<Dispatch["status"], DispatchAction[]> = {
  requested: ["approve", "reject", "cancel"],
  approved: ["done", "cancel"],
  done: ["report"],
  reported: ["pay"],
  paid: [],
  rejected: [],
  cancelled: [],
};

/** 専門家派遣 as rows, with the moves the reader may make on each. */
export function DispatchesTable({
  items,
  mayDo,
  onAction,
  showCompany = true,
}: {
  items: Dispatch[];
  /** Whether the reader may make this move on this dispatch (approve/reject: its department's managers). */
  mayDo?: (dispatch: Dispatch, action: DispatchAction) => boolean;
  onAction?: (dispatch: Dispatch, action: DispatchAction) => void;
  showCompany?: boolean;
}) {
  const { t, locale, displayDate } = useI18n();
  return (
    <Table.ScrollContainer minWidth={1000}>
      <Table striped highlightOnHover verticalSpacing="xs" data-testid="dispatches-table">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t("dispatches.scheduledOn")}</Table.Th>
            {showCompany && <Table.Th>{t("support.company")}</Table.Th>}
            <Table.Th>{t("dispatches.frame")}</Table.Th>
            <Table.Th>{t("dispatches.expert")}</Table.Th>
            <Table.Th ta="right">{t("dispatches.minutes")}</Table.Th>
            <Table.Th ta="right">{t("dispatches.fee")}</Table.Th>
            <Table.Th ta="right">{t("dispatches.companyShare")}</Table.Th>
            <Table.Th>{t("support.status")}</Table.Th>
            {onAction && <Table.Th>{t("common.actions")}</Table.Th>}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {items.map((d) => {
            const actions = ACTIONS_FROM[d.status].filter((a) => mayDo?.(d, a) ?? false);
            return (
              <Table.Tr key={d.id} data-testid="dispatch-row" data-dispatch-id={d.id} data-status={d.status}>
                <Table.Td style={{ whiteSpace: "nowrap" }}>{displayDate(d.heldOn ?? d.scheduledOn)}</Table.Td>
                {showCompany && (
                  <Table.Td>
                    <Anchor component={Link} to={`/companies/${d.company.id}`} size="sm" fw={600}>
                      {d.company.name}
                    </Anchor>
                  </Table.Td>
                )}
                <Table.Td>
                  <Text size="sm">{d.frame.name}</Text>
                  <Text size="xs" c="dimmed">
                    {d.program.code} {d.program.name}
                  </Text>
                </Table.Td>
                <Table.Td>
                  {d.expert.name}
                  {d.purpose && (
                    <Text size="xs" c="dimmed" lineClamp={1}>
                      {d.purpose}
                    </Text>
                  )}
                </Table.Td>
                <Table.Td ta="right" style={{ whiteSpace: "nowrap" }}>
                  {formatMinutes(d.minutes, locale)}
                </Table.Td>
                <Table.Td ta="right" style={{ fontVariantNumeric: "tabular-nums" }}>
                  {formatYen(d.feeYen, locale)}
                </Table.Td>
                <Table.Td ta="right" style={{ fontVariantNumeric: "tabular-nums" }}>
                  {formatYen(d.companyShareYen, locale)}
                </Table.Td>
                <Table.Td>
                  <Tooltip
                    label={d.reason ?? d.reportText ?? ""}
                    disabled={!d.reason && !d.reportText}
                    multiline
                    w={320}
                  >
                    <Badge
                      miw="max-content"
                      color={dispatchStatusColor[d.status]}
                      variant="light"
                      data-testid="dispatch-status"
                    >
                      {t(dispatchStatusLabelKey[d.status])}
                    </Badge>
                  </Tooltip>
                </Table.Td>
                {onAction && (
                  <Table.Td>
                    <Group gap={4} wrap="nowrap">
                      {actions.map((a) => (
                        <Button
                          key={a}
                          size="compact-xs"
                          variant={a === "reject" || a === "cancel" ? "subtle" : "light"}
                          color={a === "reject" || a === "cancel" ? "red" : undefined}
                          onClick={() => onAction(d, a)}
                          data-testid={`dispatch-action-${a}`}
                        >
                          {t(`dispatches.action.${a}`)}
                        </Button>
                      ))}
                    </Group>
                  </Table.Td>
                )}
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
