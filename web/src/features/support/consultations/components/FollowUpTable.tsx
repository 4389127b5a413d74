import { Anchor, Badge, Button, Table, Text } from "@mantine/core";
import type { FollowUpItem } from "@shien/contracts";
import { Link } from "react-router-dom";
import { useI18n } from "../../../../lib/i18n";

function DueBadge({ days }: { days: number }) {
  const { t } = useI18n();
  if (days > 0) {
    return (
      <Badge miw="max-content" color="red" data-testid="follow-up-overdue">
        {t("followUps.overdue", { days })}
      </Badge>
    );
  }
  if (days === 0)
    return (
      <Badge miw="max-content" color="orange">
        {t("followUps.dueToday")}
      </Badge>
    );
  return (
    <Badge miw="max-content" color="gray" variant="light">
      {t("followUps.dueIn", { days: -days })}
    </Badge>
  );
}

/** Open follow-ups as the server orders them (overdue first), each with フォロー完了 where the reader may record. */
export function FollowUpTable({
  items,
  mayComplete,
  onComplete,
  completingId,
}: {
  items: FollowUpItem[];
  mayComplete: (item: FollowUpItem) => boolean;
  onComplete: (item: FollowUpItem) => void;
  completingId: string | null;
}) {
  const { t, displayDate } = useI18n();
  return (
    <Table.ScrollContainer minWidth={900}>
      <Table striped highlightOnHover verticalSpacing="sm" data-testid="follow-ups-table">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t("consultations.followUpOn")}</Table.Th>
            <Table.Th>{t("consultations.subject")}</Table.Th>
            <Table.Th>{t("consultations.nextAction")}</Table.Th>
            <Table.Th>{t("support.program")}</Table.Th>
            <Table.Th>{t("consultations.staff")}</Table.Th>
            <Table.Th>{t("consultations.lastContact")}</Table.Th>
            <Table.Th w={130}>{t("common.actions")}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {items.map((item) => {
            const c = item.consultation;
            return (
              <Table.Tr key={c.id} data-testid="follow-up-row" data-consultation-id={c.id}>
                <Table.Td style={{ whiteSpace: "nowrap" }}>
                  <Text size="sm">{displayDate(c.followUpOn)}</Text>
                  <DueBadge days={item.daysOverdue} />
                </Table.Td>
                <Table.Td>
                  <Anchor component={Link} to={`/support/consultations/${c.id}`} fw={600} data-testid="follow-up-link">
                    {c.companyName ?? c.personName}
                  </Anchor>
                </Table.Td>
                <Table.Td>
                  <Text size="sm" lineClamp={3}>
                    {c.nextAction}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <Text size="sm">
                    {c.program.code} {c.program.name}
                  </Text>
                  <Text size="xs" c="dimmed">
                    {c.department.name}
                  </Text>
                </Table.Td>
                <Table.Td>{c.staff.map((s) => s.name).join(t("common.listSeparator"))}</Table.Td>
                <Table.Td style={{ whiteSpace: "nowrap" }}>{displayDate(c.occurredOn)}</Table.Td>
                <Table.Td>
                  {mayComplete(item) && (
                    <Button
                      size="xs"
                      variant="light"
                      color="green"
                      loading={completingId === c.id}
                      onClick={() => onComplete(item)}
                      data-testid="follow-up-done"
                    >
                      {t("followUps.done")}
                    </Button>
                  )}
                </Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
