import { Select, Table } from "@mantine/core";
import { useI18n } from "../../../lib/i18n";

/** The registry's import columns (the server's CANONICAL_COLUMNS). */
export const IMPORT_COLUMNS = [
  "corporate_number",
  "name",
  "name_kana",
  "postal_code",
  "address",
  "phone",
  "representative",
  "email",
  "website",
  "industry",
  "industry_code",
  "employees",
  "capital",
  "sole_proprietor",
] as const;

/** Sent in `map` for 取り込まない: the server ignores a header mapped to "". */
export const SKIP = "";
const SKIP_OPTION = "__skip__";

/** Each file header with the column it is imported as; a change re-runs the dry run. */
export function ImportMappingTable({
  headers,
  mapping,
  disabled,
  onChange,
}: {
  headers: string[];
  mapping: Record<string, string>;
  disabled: boolean;
  onChange: (header: string, column: string) => void;
}) {
  const { t } = useI18n();
  const options = [
    ...IMPORT_COLUMNS.map((c) => ({ value: c, label: `${t(`companyImport.col.${c}`)}（${c}）` })),
    { value: SKIP_OPTION, label: t("companyImport.skip") },
  ];
  return (
    <Table verticalSpacing={4} data-testid="import-mapping">
      <Table.Thead>
        <Table.Tr>
          <Table.Th>{t("companyImport.header")}</Table.Th>
          <Table.Th>{t("companyImport.target")}</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {headers.map((header) => (
          <Table.Tr key={header} data-testid="import-mapping-row">
            <Table.Td fw={600}>{header}</Table.Td>
            <Table.Td>
              <Select
                data={options}
                value={mapping[header] || SKIP_OPTION}
                onChange={(v) => onChange(header, !v || v === SKIP_OPTION ? SKIP : v)}
                allowDeselect={false}
                disabled={disabled}
                aria-label={t("companyImport.targetFor", { header })}
                w={280}
                size="xs"
              />
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
