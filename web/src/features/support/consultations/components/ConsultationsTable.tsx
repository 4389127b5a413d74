import { Anchor, Badge, Group, Table, Text } from "@mantine/core";
import type { Consultation } from "@shien/contracts";
import { Link } from "react-router-dom";
import { useI18n } from "../../../../lib/i18n";
import { formatMinutes } from "../../format";
import { channelLabelKey, consultationStatusColor, consultationStatusLabelKey } from "../../labels";

/** 相談・訪問記録 as rows: date, who, program, channel, staff, status and follow-up. */
export function ConsultationsTable({ items }: { items: Consultation[] }) {
  const { t, locale, displayDate } = useI18n();
  return (
    <Table.ScrollContainer minWidth={960}>
      <Table striped highlightOnHover verticalSpacing="xs" data-testid="consultations-table">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t("consultations.occurredOn")}</Table.Th>
            <Table.Th>{t("consultations.subject")}</Table.Th>
            <Table.Th>{t("support.program")}</Table.Th>
            <Table.Th>{t("support.department")}</Table.Th>
            <Table.Th>{t("consultations.channel")}</Table.Th>
            <Table.Th>{t("consultations.staff")}</Table.Th>
            <Table.Th>{t("support.status")}</Table.Th>
            <Table.Th>{t("consultations.followUpOn")}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {items.map((c) => (
            <Table.Tr key={c.id} data-testid="consultation-row" data-consultation-id={c.id}>
              <Table.Td style={{ whiteSpace: "nowrap" }}>
                <Anchor component={Link} to={`/support/consultations/${c.id}`} data-testid="consultation-link">
                  {displayDate(c.occurredOn)}
                </Anchor>
                {c.startTime && (
                  <Text size="xs" c="dimmed">
                    {c.startTime} {formatMinutes(c.durationMinutes, locale)}
                  </Text>
                )}
              </Table.Td>
              <Table.Td>
                <Text size="sm" fw={600}>
                  {c.companyName ?? c.personName}
                </Text>
                {c.topics.length > 0 && (
                  <Text size="xs" c="dimmed">
                    {c.topics.join(t("common.listSeparator"))}
                  </Text>
                )}
              </Table.Td>
              <Table.Td>
                <Group gap={4} wrap="nowrap">
                  <Text size="sm" ff="monospace" style={{ whiteSpace: "nowrap" }}>
                    {c.program.code}
                  </Text>
                  <Text size="sm">{c.program.name}</Text>
                  {c.confidential && (
                    <Badge miw="max-content" size="xs" color="red" variant="light">
                      {t("support.confidential")}
                    </Badge>
                  )}
                </Group>
              </Table.Td>
              <Table.Td>{c.department.name}</Table.Td>
              <Table.Td style={{ whiteSpace: "nowrap" }}>
                {t(channelLabelKey[c.channel])}
                {c.location && (
                  <Text size="xs" c="dimmed">
                    {c.location}
                  </Text>
                )}
              </Table.Td>
              <Table.Td>{c.staff.map((s) => s.name).join(t("common.listSeparator"))}</Table.Td>
              <Table.Td>
                <Badge miw="max-content" color={consultationStatusColor[c.status]} variant="light">
                  {t(consultationStatusLabelKey[c.status])}
                </Badge>
              </Table.Td>
              <Table.Td style={{ whiteSpace: "nowrap" }}>
                {c.followUpOn && (
                  <Text
                    size="sm"
                    c={c.followUpDoneAt ? "dimmed" : undefined}
                    td={c.followUpDoneAt ? "line-through" : undefined}
                  >
                    {displayDate(c.followUpOn)}
                  </Text>
                )}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
