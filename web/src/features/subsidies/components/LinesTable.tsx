import { Table } from "@mantine/core";
import type { SubsidyExpenseLine, SubsidyProgramTerms } from "@shien/contracts";
import { useI18n } from "../../../lib/i18n";
import { categoryName, formatYen } from "../format";
import { taxRateLabelKey } from "../labels";

/** 経費明細 as entered (read-only): category, description, amount, 税込 and 税率. */
export function LinesTable({
  lines,
  terms,
  testId,
}: {
  lines: readonly SubsidyExpenseLine[];
  terms: SubsidyProgramTerms | undefined;
  testId: string;
}) {
  const { t, locale } = useI18n();
  const total = lines.reduce((sum, l) => sum + l.amountYen, 0);
  const tax = (l: SubsidyExpenseLine) =>
    l.taxIncluded === undefined
      ? t("subsidies.lines.taxAsApplication")
      : t(l.taxIncluded ? "subsidies.lines.taxIn" : "subsidies.lines.taxOut");
  return (
    <Table.ScrollContainer minWidth={600}>
      <Table verticalSpacing={4} withTableBorder fz="sm" data-testid={testId}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t("subsidies.lines.category")}</Table.Th>
            <Table.Th>{t("subsidies.lines.description")}</Table.Th>
            <Table.Th ta="right">{t("subsidies.lines.amount")}</Table.Th>
            <Table.Th>{t("subsidies.lines.tax")}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {lines.map((l, i) => (
            // Lines have no identity of their own; their order is what the application says.
            // biome-ignore lint/suspicious/noArrayIndexKey: read-only rows in the application's order
            <Table.Tr key={i}>
              <Table.Td>{terms ? categoryName(terms, l.category, locale) : l.category}</Table.Td>
              <Table.Td>{l.description}</Table.Td>
              <Table.Td ta="right" style={{ fontVariantNumeric: "tabular-nums" }}>
                {formatYen(l.amountYen, locale)}
              </Table.Td>
              <Table.Td>
                {tax(l)} / {t(taxRateLabelKey[l.taxRate ?? "standard"])}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
        <Table.Tfoot>
          <Table.Tr>
            <Table.Td colSpan={2} ta="right" c="dimmed">
              {t("subsidies.lines.total")}
            </Table.Td>
            <Table.Td ta="right" fw={600} style={{ fontVariantNumeric: "tabular-nums" }}>
              {formatYen(total, locale)}
            </Table.Td>
            <Table.Td />
          </Table.Tr>
        </Table.Tfoot>
      </Table>
    </Table.ScrollContainer>
  );
}
