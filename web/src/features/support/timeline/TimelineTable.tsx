import { Anchor, Badge, Group, Table, Text } from "@mantine/core";
import type { ActivityFact, Channel, ConsultationStatus, Locale, SubsidyStatus } from "@shien/contracts";
import { Link } from "react-router-dom";
import { type MessageKey, type Translate, useI18n } from "../../../lib/i18n";
import { subsidyStatusLabelKey } from "../../subsidies/labels";
import { formatYen } from "../format";
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

const SUBSIDY_AMOUNT_LABEL: Partial<Record<ActivityFact["type"], MessageKey>> = {
  subsidy_decided: "timeline.amount.decided",
  subsidy_confirmed: "timeline.amount.confirmed",
  subsidy_paid: "timeline.amount.paid",
};

/** Facts a consultation writes beside its own 相談/訪問 fact, from the same record. */
const CONSULTATION_FOLLOW_ONS: readonly ActivityFact["type"][] = ["issue_resolved", "support_completed"];

/**
 * The 結果 column: a consultation's status, a subsidy step's amount (交付決定額, 確定額, 支払額 in yen,
 * as the application prints them) or a 辞退・取消, a referral's outcome in its words.
 */
function outcomeText(fact: ActivityFact, t: Translate, locale: Locale): string {
  const amountLabel = SUBSIDY_AMOUNT_LABEL[fact.type];
  if (amountLabel && fact.amountYen !== null) return t(amountLabel, { yen: formatYen(fact.amountYen, locale) });
  if (!fact.outcome) return "";
  if (fact.type === "subsidy_withdrawn") {
    const key = subsidyStatusLabelKey[fact.outcome as SubsidyStatus];
    return key ? t(key) : fact.outcome;
  }
  const key = consultationStatusLabelKey[fact.outcome as ConsultationStatus];
  return (fact.type === "consultation" || fact.type === "visit") && key ? t(key) : fact.outcome;
}

/**
 * What the fact's attributes say, in a line: channel and topics, the 枠, the agency; for a
 * subsidy step, the application's 事業名 and its course and type.
 */
function detailText(fact: ActivityFact, t: Translate, departments: Map<string, string>): string {
  const a = fact.attributes;
  const parts: string[] = [];
  if (fact.sourceTitle) parts.push(fact.sourceTitle);
  for (const v of [a.course, a.type]) if (fact.sourceModule === "subsidies" && typeof v === "string") parts.push(v);
  const channelKey = typeof a.channel === "string" ? channelLabelKey[a.channel as Channel] : undefined;
  if (channelKey) parts.push(t(channelKey));
  if (Array.isArray(a.topics) && a.topics.length > 0) parts.push(a.topics.join(t("common.listSeparator")));
  if (typeof a.frame === "string") parts.push(a.frame);
  if (typeof a.agency === "string") parts.push(`→ ${a.agency}`);
  if (typeof a.toDepartmentId === "string") parts.push(`→ ${departments.get(a.toDepartmentId) ?? ""}`);
  return parts.join(" / ");
}

/** The page of the record a fact came from: a consultation, a referral, a subsidy application. */
function sourceLink(fact: ActivityFact): string | null {
  if (!fact.sourceId) return null;
  const id = encodeURIComponent(fact.sourceId);
  if (fact.sourceModule === "consultations") return `/support/consultations/${id}`;
  if (fact.sourceModule === "referrals") return `/support/referrals/${id}`;
  if (fact.sourceModule === "subsidies") return `/subsidies/applications/${id}`;
  return null;
}

/**
 * A 課題解決 or 支援完了 is not a second consultation: it is the status of the 相談 beside it. The row
 * says so when that 相談 is on the page too (the server keeps a record's facts of a day together).
 */
function sameRecordAs(fact: ActivityFact, items: readonly ActivityFact[]): boolean {
  return (
    fact.sourceModule === "consultations" &&
    fact.sourceId !== null &&
    CONSULTATION_FOLLOW_ONS.includes(fact.type) &&
    items.some(
      (o) => o.id !== fact.id && o.sourceId === fact.sourceId && (o.type === "consultation" || o.type === "visit"),
    )
  );
}

/**
 * The timeline's facts, newest first as the server orders them (a record's facts of one day
 * together, in the order of its life); a sibling record's facts name it.
 */
export function TimelineTable({
  items,
  companyId,
  departments,
}: {
  items: ActivityFact[];
  companyId: string;
  departments: Map<string, string>;
}) {
  const { t, displayDate, locale } = useI18n();
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
                  {sameRecordAs(f, items) && (
                    <Text size="xs" c="dimmed" data-testid="timeline-same-record">
                      {t("timeline.sameConsultation")}
                    </Text>
                  )}
                  <Text size="sm">{detailText(f, t, departments)}</Text>
                </Table.Td>
                <Table.Td>
                  <Text size="sm" lineClamp={2} style={{ fontVariantNumeric: "tabular-nums" }}>
                    {outcomeText(f, t, locale)}
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
