import { Anchor, Badge, Table, Text } from "@mantine/core";
import type { Referral } from "@shien/contracts";
import { Link } from "react-router-dom";
import { useI18n } from "../../../../lib/i18n";
import { referralStatusColor, referralStatusLabelKey } from "../../labels";

/** Where a referral went: a department of the center, or an outside agency. */
export function referralTarget(r: Referral): string {
  return r.toDepartment?.name ?? r.agency ?? "";
}

/** 橋渡し as rows; `showCompany` is off where the company is the page's subject. */
export function ReferralsTable({ items, showCompany = true }: { items: Referral[]; showCompany?: boolean }) {
  const { t, displayDate } = useI18n();
  return (
    <Table.ScrollContainer minWidth={820}>
      <Table striped highlightOnHover verticalSpacing="xs" data-testid="referrals-table">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t("referrals.sentOn")}</Table.Th>
            {showCompany && <Table.Th>{t("consultations.subject")}</Table.Th>}
            <Table.Th>{t("referrals.fromDepartment")}</Table.Th>
            <Table.Th>{t("referrals.target")}</Table.Th>
            <Table.Th>{t("referrals.reason")}</Table.Th>
            <Table.Th>{t("support.status")}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {items.map((r) => (
            <Table.Tr key={r.id} data-testid="referral-row" data-referral-id={r.id} data-status={r.status}>
              <Table.Td style={{ whiteSpace: "nowrap" }}>
                <Anchor component={Link} to={`/support/referrals/${r.id}`} data-testid="referral-link">
                  {displayDate(r.sentOn)}
                </Anchor>
              </Table.Td>
              {showCompany && (
                <Table.Td>
                  <Text size="sm" fw={600}>
                    {r.companyName ?? r.personName}
                  </Text>
                </Table.Td>
              )}
              <Table.Td>
                <Text size="sm">{r.fromDepartment.name}</Text>
                <Text size="xs" c="dimmed">
                  {r.program.code} {r.program.name}
                </Text>
              </Table.Td>
              <Table.Td>
                {referralTarget(r)}
                {r.agency && (
                  <Text size="xs" c="dimmed">
                    {t("referrals.targetAgency")}
                  </Text>
                )}
              </Table.Td>
              <Table.Td>
                <Text size="sm" lineClamp={2}>
                  {r.reason}
                </Text>
              </Table.Td>
              <Table.Td>
                <Badge
                  miw="max-content"
                  color={referralStatusColor[r.status]}
                  variant="light"
                  data-testid="referral-status"
                >
                  {t(referralStatusLabelKey[r.status])}
                </Badge>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
