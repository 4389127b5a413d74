import { Anchor, Table, Text } from "@mantine/core";
import type { SubsidyApplication, SubsidyProgram } from "@shien/contracts";
import { Link } from "react-router-dom";
import { useI18n } from "../../../lib/i18n";
import { courseTypeLabel, digits, formatYen } from "../format";
import { StatusBadge } from "./StatusBadge";

/** 補助金申請 as rows: the amounts as computed, decided and paid, and where each stands. */
export function ApplicationsTable({
  items,
  programs = [],
}: {
  items: SubsidyApplication[];
  /** The year's programs, for the courses' names in the reader's language. */
  programs?: SubsidyProgram[];
}) {
  const { t, locale, displayDate } = useI18n();
  const yen = { fontVariantNumeric: "tabular-nums", whiteSpace: "nowrap" } as const;
  return (
    <Table.ScrollContainer minWidth={960}>
      <Table striped highlightOnHover verticalSpacing="xs" data-testid="applications-table">
        <Table.Thead>
          <Table.Tr>
            <Table.Th style={{ whiteSpace: "nowrap" }}>{t("subsidies.receivedOn")}</Table.Th>
            <Table.Th>{t("subsidies.applicationTitle")}</Table.Th>
            <Table.Th>{t("support.company")}</Table.Th>
            <Table.Th>{t("subsidies.program")}</Table.Th>
            <Table.Th ta="right" style={{ whiteSpace: "nowrap" }}>
              {t("subsidies.amount.computed")}
            </Table.Th>
            <Table.Th ta="right" style={{ whiteSpace: "nowrap" }}>
              {t("subsidies.amount.decided")}
            </Table.Th>
            <Table.Th ta="right" style={{ whiteSpace: "nowrap" }}>
              {t("subsidies.amount.paid")}
            </Table.Th>
            <Table.Th style={{ whiteSpace: "nowrap" }}>{t("support.status")}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {items.map((a) => (
            <Table.Tr key={a.id} data-testid="application-row" data-application-id={a.id} data-status={a.status}>
              <Table.Td style={{ whiteSpace: "nowrap" }}>{displayDate(a.receivedOn)}</Table.Td>
              <Table.Td>
                <Anchor component={Link} to={`/subsidies/applications/${a.id}`} size="sm" fw={600}>
                  {a.title}
                </Anchor>
                {(a.course || a.type) && (
                  <Text size="xs" c="dimmed">
                    {courseTypeLabel(programs.find((p) => p.id === a.subsidyProgramId)?.terms, a, locale)}
                  </Text>
                )}
              </Table.Td>
              <Table.Td>
                <Anchor component={Link} to={`/companies/${a.company.id}`} size="sm">
                  {a.company.name}
                </Anchor>
              </Table.Td>
              <Table.Td>
                <Text size="sm">
                  {a.program.code} {a.program.name}
                </Text>
                {a.round && (
                  <Text size="xs" c="dimmed">
                    {a.round.name}
                  </Text>
                )}
              </Table.Td>
              <Table.Td ta="right" style={yen} data-yen={digits(a.computedYen)}>
                {formatYen(a.computedYen, locale)}
              </Table.Td>
              <Table.Td ta="right" style={yen}>
                {formatYen(a.decidedYen, locale)}
              </Table.Td>
              <Table.Td ta="right" style={yen}>
                {formatYen(a.paidYen, locale)}
              </Table.Td>
              <Table.Td>
                <StatusBadge status={a.status} size="sm" testId="application-row-status" />
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
