import { Anchor, Table } from "@mantine/core";
import type { Company } from "@shien/contracts";
import type { ReactNode } from "react";
import { formatDateTime } from "../../../lib/datetime";
import { type MessageKey, useI18n } from "../../../lib/i18n";
import { industryLabel } from "./IndustrySelect";

/**
 * Every field of one record a user reads, label beside value. The 名寄せ key is left out: it is an
 * internal cluster id, and the page's 「同じ事業者の他の記録」 card already names the sibling records.
 */
export function CompanyDetails({ company: c }: { company: Company }) {
  const { t, locale } = useI18n();
  const rows: [MessageKey, ReactNode][] = [
    ["company.name", c.name],
    ["company.nameKana", c.nameKana],
    ["company.corporateNumber", c.corporateNumber],
    ["company.legalForm", c.legalForm],
    ["company.representative", c.representative],
    ["company.postalCode", c.postalCode],
    ["company.prefecture", c.prefecture],
    ["company.address", c.address],
    ["company.phone", c.phone],
    ["company.email", c.email],
    [
      "company.website",
      c.website && (
        <Anchor href={c.website} target="_blank" rel="noreferrer">
          {c.website}
        </Anchor>
      ),
    ],
    ["company.industry", c.industry],
    ["company.industryCode", industryLabel(c.industryCode)],
    [
      "company.employees",
      c.employees == null ? null : t("company.people", { count: c.employees.toLocaleString("ja-JP") }),
    ],
    [
      "company.capitalYen",
      c.capitalYen == null ? null : t("company.yen", { amount: c.capitalYen.toLocaleString("ja-JP") }),
    ],
    ["company.founded", c.founded],
    ["company.sizeClass", c.sizeClass && t(`company.size.${c.sizeClass}`)],
    ["company.soleProprietor", c.soleProprietor ? t("common.yes") : t("common.no")],
    ["company.notes", c.notes],
    ["company.createdAt", formatDateTime(c.createdAt, locale)],
    ["company.updatedAt", formatDateTime(c.updatedAt, locale)],
  ];
  return (
    <Table withRowBorders={false} verticalSpacing={6} data-testid="company-details">
      <Table.Tbody>
        {rows.map(([label, value]) => (
          <Table.Tr key={label}>
            <Table.Th w={180} c="dimmed" fw={500}>
              {t(label)}
            </Table.Th>
            <Table.Td style={{ whiteSpace: "pre-wrap" }}>{value || "—"}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
