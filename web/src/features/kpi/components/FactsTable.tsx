import { Anchor, Badge, Group, Table, Text } from "@mantine/core";
import type { ActivityFact, ConsultationStatus } from "@shien/contracts";
import { IconExternalLink } from "@tabler/icons-react";
import { Link } from "react-router-dom";
import { type Translate, useI18n } from "../../../lib/i18n";
import { formatCount } from "../../../lib/numbers";
import { consultationStatusLabelKey, factTypeLabelKey } from "../../support/labels";

/** The record a fact came from: a consultation or referral page; dispatches have only their list. */
export function sourcePath(fact: Pick<ActivityFact, "sourceModule" | "sourceId">): string | null {
  if (fact.sourceModule === "dispatch") return "/support/dispatches";
  if (!fact.sourceId) return null;
  if (fact.sourceModule === "consultations") return `/support/consultations/${encodeURIComponent(fact.sourceId)}`;
  if (fact.sourceModule === "referrals") return `/support/referrals/${encodeURIComponent(fact.sourceId)}`;
  return null;
}

/** A consultation's outcome is its status code; other facts carry words (a referral's outcome, a deal's kind). */
function outcomeText(fact: ActivityFact, t: Translate): string {
  // A figure entered by hand has no outcome; its evidence (根拠) is what a reader checks it by.
  if (fact.type === "manual_figure" && typeof fact.attributes.evidence === "string") return fact.attributes.evidence;
  if (!fact.outcome) return "";
  const key = consultationStatusLabelKey[fact.outcome as ConsultationStatus];
  return (fact.type === "consultation" || fact.type === "visit") && key ? t(key) : fact.outcome;
}

/** The facts behind a figure, newest first as the server lists them. */
export function FactsTable({ items }: { items: readonly ActivityFact[] }) {
  const { t, displayDate } = useI18n();
  const withQuantity = items.some((f) => f.quantity !== 1);
  return (
    <Table.ScrollContainer minWidth={960}>
      <Table striped verticalSpacing="xs" data-testid="kpi-facts-table">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t("kpi.fact.date")}</Table.Th>
            <Table.Th>{t("kpi.fact.type")}</Table.Th>
            <Table.Th>{t("kpi.fact.program")}</Table.Th>
            <Table.Th>{t("kpi.fact.department")}</Table.Th>
            <Table.Th>{t("kpi.fact.company")}</Table.Th>
            <Table.Th>{t("kpi.fact.outcome")}</Table.Th>
            {withQuantity && <Table.Th ta="right">{t("kpi.fact.quantity")}</Table.Th>}
            <Table.Th>{t("kpi.fact.recordedBy")}</Table.Th>
            <Table.Th>{t("kpi.fact.source")}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {items.map((f) => {
            const source = sourcePath(f);
            return (
              <Table.Tr key={f.id} data-testid="kpi-fact-row" data-fact-type={f.type} data-source-id={f.sourceId ?? ""}>
                <Table.Td style={{ whiteSpace: "nowrap" }}>{displayDate(f.occurredOn)}</Table.Td>
                <Table.Td>
                  <Group gap={4} wrap="nowrap">
                    <Badge variant="light" miw="max-content">
                      {t(factTypeLabelKey[f.type])}
                    </Badge>
                    {f.confidential && (
                      <Badge miw="max-content" size="xs" color="red" variant="outline">
                        {t("support.confidential")}
                      </Badge>
                    )}
                  </Group>
                </Table.Td>
                <Table.Td>
                  <Text size="sm">
                    <Text span ff="monospace" size="sm">
                      {f.programCode}
                    </Text>{" "}
                    {f.programName}
                  </Text>
                </Table.Td>
                <Table.Td style={{ whiteSpace: "nowrap" }}>{f.departmentName}</Table.Td>
                <Table.Td>
                  {f.companyId ? (
                    <Anchor component={Link} to={`/companies/${encodeURIComponent(f.companyId)}`} size="sm">
                      {f.companyName ?? f.companyId}
                    </Anchor>
                  ) : (
                    <Text size="sm">{f.personName ?? ""}</Text>
                  )}
                </Table.Td>
                <Table.Td>
                  <Text size="sm" lineClamp={2}>
                    {outcomeText(f, t)}
                  </Text>
                </Table.Td>
                {withQuantity && (
                  <Table.Td ta="right" style={{ fontVariantNumeric: "tabular-nums" }}>
                    {formatCount(f.quantity)}
                  </Table.Td>
                )}
                <Table.Td style={{ whiteSpace: "nowrap" }}>{f.recordedBy}</Table.Td>
                <Table.Td>
                  {source && (
                    <Anchor
                      component={Link}
                      to={source}
                      size="sm"
                      style={{ whiteSpace: "nowrap" }}
                      data-testid="kpi-fact-source-link"
                    >
                      {t("kpi.fact.openSource")}{" "}
                      <IconExternalLink size={13} style={{ verticalAlign: "-2px" }} aria-hidden />
                    </Anchor>
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
