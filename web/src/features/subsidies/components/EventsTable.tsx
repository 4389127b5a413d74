import { Group, Table, Text } from "@mantine/core";
import { IconArrowRight } from "@tabler/icons-react";
import { formatDateTime } from "../../../lib/datetime";
import { useI18n } from "../../../lib/i18n";
import { digits, formatYen } from "../format";
import { eventActionLabelKey } from "../labels";
import type { SubsidyEvent } from "../queries";
import { StatusBadge } from "./StatusBadge";

/** The state log: each move, the day it happened, who recorded it and when, with its amount and reason. */
export function EventsTable({ events }: { events: SubsidyEvent[] }) {
  const { t, locale, displayDate } = useI18n();
  if (events.length === 0) {
    return (
      <Text size="sm" c="dimmed">
        {t("subsidies.events.empty")}
      </Text>
    );
  }
  return (
    <Table.ScrollContainer minWidth={800}>
      <Table verticalSpacing={6} striped data-testid="application-events">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t("support.date")}</Table.Th>
            <Table.Th>{t("subsidies.events.action")}</Table.Th>
            <Table.Th>{t("support.status")}</Table.Th>
            <Table.Th ta="right">{t("subsidies.events.amount")}</Table.Th>
            <Table.Th>{t("subsidies.events.note")}</Table.Th>
            <Table.Th>{t("subsidies.events.by")}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {events.map((e) => {
            const key = eventActionLabelKey(e.action);
            return (
              <Table.Tr key={`${e.at}:${e.action}`} data-testid="application-event" data-action={e.action}>
                <Table.Td style={{ whiteSpace: "nowrap" }}>{displayDate(e.on)}</Table.Td>
                <Table.Td style={{ whiteSpace: "nowrap" }}>{key ? t(key) : e.action}</Table.Td>
                <Table.Td>
                  <Group gap={4} wrap="nowrap">
                    {e.from && <StatusBadge status={e.from} size="sm" testId="application-event-from" />}
                    {e.from && <IconArrowRight size={12} />}
                    <StatusBadge status={e.to} size="sm" testId="application-event-to" />
                  </Group>
                </Table.Td>
                <Table.Td
                  ta="right"
                  style={{ fontVariantNumeric: "tabular-nums", whiteSpace: "nowrap" }}
                  data-yen={digits(e.amountYen)}
                >
                  {formatYen(e.amountYen, locale)}
                </Table.Td>
                <Table.Td>
                  <Text size="sm" style={{ whiteSpace: "pre-wrap" }}>
                    {e.note}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <Text size="sm">{e.by}</Text>
                  <Text size="xs" c="dimmed">
                    {formatDateTime(e.at, locale)}
                  </Text>
                </Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
