import { Anchor, Badge, Group, Table, Text } from "@mantine/core";
import type { ActivityFact, Channel, ConsultationStatus } from "@shien/contracts";
import { Link } from "react-router-dom";
import { type Translate, useI18n } from "../../../lib/i18n";
import { channelLabelKey, consultationStatusLabelKey, factTypeLabelKey } from "../labels";

const FACT_COLORS: Partial<Record<ActivityFact["type"], string>> = {
  consultation: "blue",
  visit: "indigo",
  issue_resolved: "green",
  support_completed: "teal",
  dispatch: "orange",
  dispatch_completed: "orange",
  deal_closed: "pink",
};

/** A consultation's outcome is its status code; other facts carry words (a referral's outcome). */
function outcomeText(fact: ActivityFact, t: Translate): string {
  if (!fact.outcome) return "";
  const key = consultationStatusLabelKey[fact.outcome as ConsultationStatus];
  return (fact.type === "consultation" || fact.type === "visit") && key ? t(key) : fact.outcome;
}

/** What the fact's attributes say, in a line: channel and topics, the 枠, the agency. */
function detailText(fact: ActivityFact, t: Translate, departments: Map<string, string>): string {
  const a = fact.attributes;
  const parts: string[] = [];
  const channelKey = typeof a.channel === "string" ? channelLabelKey[a.channel as Channel] : undefined;
  if (channelKey) parts.push(t(channelKey));
  if (Array.isArray(a.topics) && a.topics.length > 0) parts.push(a.topics.join(t("common.listSeparator")));
  if (typeof a.frame === "string") parts.push(a.frame);
  if (typeof a.agency === "string") parts.push(`→ ${a.agency}`);
  if (typeof a.toDepartmentId === "string") parts.push(`→ ${departments.get(a.toDepartmentId) ?? ""}`);
  return parts.join(" / ");
}

function sourceLink(fact: ActivityFact): string | null {
  if (!fact.sourceId) return null;
  if (fact.sourceModule === "consultations") return `/support/consultations/${fact.sourceId}`;
  if (fact.sourceModule === "referrals") return `/support/referrals/${fact.sourceId}`;
  return null;
}

/** The timeline's facts, newest first as the server orders them; a sibling record's facts name it. */
export function TimelineTable({
  items,
  companyId,
  departments,
}: {
  items: ActivityFact[];
  companyId: string;
  departments: Map<string, string>;
}) {
  const { t, displayDate } = useI18n();
  return (
    <Table.ScrollContainer minWidth={900}>
      <Table striped verticalSpacing="xs" data-testid="timeline-table">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t("support.date")}</Table.Th>
            <Table.Th>{t("timeline.type")}</Table.Th>
            <Table.Th>{t("support.program")}</Table.Th>
            <Table.Th>{t("support.department")}</Table.Th>
            <Table.Th>{t("timeline.detail")}</Table.Th>
            <Table.Th>{t("timeline.outcome")}</Table.Th>
            <Table.Th>{t("timeline.recordedBy")}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {items.map((f) => {
            const link = sourceLink(f);
            const date = displayDate(f.occurredOn);
            return (
              <Table.Tr
                key={f.id}
                data-testid="timeline-row"
                data-fact-type={f.type}
                style={f.voidedAt ? { textDecoration: "line-through", opacity: 0.6 } : undefined}
              >
                <Table.Td style={{ whiteSpace: "nowrap" }}>
                  {link ? (
                    <Anchor component={Link} to={link} size="sm">
                      {date}
                    </Anchor>
                  ) : (
                    date
                  )}
                </Table.Td>
                <Table.Td>
                  <Group gap={4} wrap="nowrap">
                    <Badge
                      miw="max-content"
                      variant="light"
                      color={FACT_COLORS[f.type] ?? "grape"}
                      data-testid="timeline-type-label"
                    >
                      {t(factTypeLabelKey[f.type])}
                    </Badge>
                    {f.confidential && (
                      <Badge miw="max-content" size="xs" color="red" variant="outline">
                        {t("support.confidential")}
                      </Badge>
                    )}
                  </Group>
                  {f.companyId && f.companyId !== companyId && (
                    <Anchor component={Link} to={`/companies/${f.companyId}`} size="xs" c="violet">
                      {t("timeline.siblingRecord", { name: f.companyName ?? "" })}
                    </Anchor>
                  )}
                </Table.Td>
                <Table.Td>
                  <Text size="sm">
                    <Text span ff="monospace" size="sm">
                      {f.programCode}
                    </Text>{" "}
                    {f.programName}
                  </Text>
                </Table.Td>
                <Table.Td>{f.departmentName}</Table.Td>
                <Table.Td>
                  <Text size="sm">{detailText(f, t, departments)}</Text>
                </Table.Td>
                <Table.Td>
                  <Text size="sm" lineClamp={2}>
                    {outcomeText(f, t)}
                  </Text>
                </Table.Td>
                <Table.Td>{f.recordedBy}</Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
