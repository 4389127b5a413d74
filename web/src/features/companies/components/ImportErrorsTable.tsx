import { Alert, Table } from "@mantine/core";
import type { CompanyImportReport } from "@shien/contracts";
import { IconAlertCircle } from "@tabler/icons-react";
import { useI18n } from "../../../lib/i18n";

/**
 * 行・列・値・理由 of each problem: an error means nothing was imported; a warning (kind "warnings")
 * is a row imported as it is but worth a look.
 */
export function ImportErrorsTable({
  errors,
  kind = "errors",
}: {
  errors: CompanyImportReport["errors"];
  kind?: "errors" | "warnings";
}) {
  const { t } = useI18n();
  const warnings = kind === "warnings";
  return (
    <Alert
      color={warnings ? "orange" : "red"}
      icon={<IconAlertCircle size={18} />}
      title={t(warnings ? "companyImport.warningsTitle" : "companyImport.errorsTitle", { count: errors.length })}
      data-testid={warnings ? "import-warnings" : "import-errors"}
    >
      {t(warnings ? "companyImport.warningsHelp" : "companyImport.errorsHelp")}
      <Table.ScrollContainer minWidth={600} mt="sm">
        <Table verticalSpacing={4} bg="var(--mantine-color-body)">
          <Table.Thead>
            <Table.Tr>
              <Table.Th w={60}>{t("companyImport.row")}</Table.Th>
              <Table.Th w={140}>{t("companyImport.column")}</Table.Th>
              <Table.Th w={180}>{t("companyImport.value")}</Table.Th>
              <Table.Th>{t("companyImport.reason")}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {errors.slice(0, 500).map((e, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: one row may have several problems in one column
              <Table.Tr key={i} data-testid={warnings ? "import-warning-row" : "import-error-row"}>
                <Table.Td style={{ fontVariantNumeric: "tabular-nums" }}>{e.row}</Table.Td>
                <Table.Td>{e.column}</Table.Td>
                <Table.Td>{e.value}</Table.Td>
                <Table.Td>{e.reason}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Alert>
  );
}
