import {
  ActionIcon,
  Button,
  Checkbox,
  Group,
  NumberInput,
  Select,
  Table,
  Text,
  TextInput,
  Tooltip,
} from "@mantine/core";
import type { SubsidyExpenseCategory, SubsidyExpenseLine, SubsidyTaxRate } from "@shien/contracts";
import { IconPlus, IconTrash } from "@tabler/icons-react";
import { ApiError } from "../../../lib/api";
import { useI18n } from "../../../lib/i18n";
import { errorUnder } from "../../support/shared/field-error";
import { formatYen } from "../format";
import { SUBSIDY_YEN_MAX, TAX_RATES, taxRateLabelKey } from "../labels";

/** One expense line as typed: the amount stays what the input holds until it is sent. */
export interface LineValue {
  key: number;
  category: string | null;
  description: string;
  amount: number | string;
  /** undefined: the application's 税込 setting applies (the contract's default). */
  taxIncluded: boolean | undefined;
  taxRate: SubsidyTaxRate;
}

let nextKey = 1;

export function emptyLine(): LineValue {
  return { key: nextKey++, category: null, description: "", amount: "", taxIncluded: undefined, taxRate: "standard" };
}

/** Lines of an application (or its 実績報告) as the editor's starting point. */
export function fromLines(lines: readonly SubsidyExpenseLine[]): LineValue[] {
  return lines.map((l) => ({
    key: nextKey++,
    category: l.category ?? null,
    description: l.description ?? "",
    amount: l.amountYen,
    taxIncluded: l.taxIncluded,
    taxRate: l.taxRate ?? "standard",
  }));
}

/** The contract's lines: what the user left out stays out, so the server's defaults apply. */
export function toLines(values: readonly LineValue[]): SubsidyExpenseLine[] {
  return values.map((v) => {
    const line: SubsidyExpenseLine = { amountYen: typeof v.amount === "number" ? v.amount : 0 };
    if (v.category) line.category = v.category;
    if (v.description.trim()) line.description = v.description.trim();
    if (v.taxIncluded !== undefined) line.taxIncluded = v.taxIncluded;
    if (v.taxRate !== "standard") line.taxRate = v.taxRate;
    return line;
  });
}

/** The server's message about the lines as a whole (a refusal such as 下限額 not reached). */
export function linesError(error: unknown, field = "lines"): string | undefined {
  return error instanceof ApiError ? error.fieldError(field) : undefined;
}

/**
 * 経費明細: category (from the terms' list when it has one), description, amount, 税込 and 税率
 * per line. Test ids are `<prefix>-line-amount`, `-category`, `-description`, `-tax-included`,
 * `-tax-rate` per line and `<prefix>-add-line`.
 */
export function ExpenseLinesEditor({
  lines,
  onChange,
  categories,
  inheritTaxIncluded,
  error,
  field = "lines",
  testPrefix,
}: {
  lines: LineValue[];
  onChange: (lines: LineValue[]) => void;
  categories: readonly SubsidyExpenseCategory[] | undefined;
  /** The application's 税込 flag the lines follow; undefined when not known here. */
  inheritTaxIncluded: boolean | undefined;
  error: unknown;
  field?: string;
  testPrefix: string;
}) {
  const { t, locale } = useI18n();
  const set = (key: number, patch: Partial<LineValue>) =>
    onChange(lines.map((l) => (l.key === key ? { ...l, ...patch } : l)));
  const total = lines.reduce((sum, l) => sum + (typeof l.amount === "number" ? l.amount : 0), 0);
  const categoryData = (categories ?? []).map((c) => ({ value: c.code, label: c.name[locale] }));
  const whole = linesError(error, field);

  return (
    <div>
      <Text size="sm" fw={500} mb={4}>
        {t("subsidies.lines.title")}
      </Text>
      <Table.ScrollContainer minWidth={820}>
        <Table verticalSpacing={6} withTableBorder data-testid={`${testPrefix}-lines`}>
          <Table.Thead>
            <Table.Tr>
              {categories && <Table.Th w={180}>{t("subsidies.lines.category")}</Table.Th>}
              <Table.Th>{t("subsidies.lines.description")}</Table.Th>
              <Table.Th w={190}>{t("subsidies.lines.amount")}</Table.Th>
              <Table.Th w={70}>{t("subsidies.lines.taxIncluded")}</Table.Th>
              <Table.Th w={150}>{t("subsidies.lines.taxRate")}</Table.Th>
              <Table.Th w={44} />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {lines.map((l, i) => {
              const under = (name: string) => errorUnder(error, `${field}.${i}.${name}`);
              const included = l.taxIncluded ?? inheritTaxIncluded;
              return (
                <Table.Tr key={l.key} data-testid={`${testPrefix}-line`}>
                  {categories && (
                    <Table.Td>
                      <Select
                        aria-label={t("subsidies.lines.category")}
                        data={
                          l.category && !categoryData.some((c) => c.value === l.category)
                            ? [...categoryData, { value: l.category, label: l.category }]
                            : categoryData
                        }
                        value={l.category}
                        onChange={(v) => set(l.key, { category: v })}
                        placeholder={t("subsidies.lines.categoryPick")}
                        error={under("category")}
                        data-testid={`${testPrefix}-line-category`}
                      />
                    </Table.Td>
                  )}
                  <Table.Td>
                    <TextInput
                      aria-label={t("subsidies.lines.description")}
                      value={l.description}
                      onChange={(e) => set(l.key, { description: e.currentTarget.value })}
                      maxLength={200}
                      error={under("description")}
                      data-testid={`${testPrefix}-line-description`}
                    />
                  </Table.Td>
                  <Table.Td>
                    <NumberInput
                      aria-label={t("subsidies.lines.amount")}
                      value={l.amount}
                      onChange={(v) => set(l.key, { amount: v })}
                      min={0}
                      max={SUBSIDY_YEN_MAX}
                      allowDecimal={false}
                      allowNegative={false}
                      thousandSeparator=","
                      suffix={t("subsidies.yenSuffix")}
                      hideControls
                      required
                      styles={{ input: { textAlign: "right", fontVariantNumeric: "tabular-nums" } }}
                      error={under("amountYen")}
                      data-testid={`${testPrefix}-line-amount`}
                    />
                  </Table.Td>
                  <Table.Td>
                    <Tooltip
                      label={t("subsidies.lines.taxIncludedInherit")}
                      disabled={l.taxIncluded !== undefined}
                      withArrow
                    >
                      <Checkbox
                        aria-label={t("subsidies.lines.taxIncluded")}
                        checked={included === true}
                        indeterminate={included === undefined}
                        onChange={(e) => set(l.key, { taxIncluded: e.currentTarget.checked })}
                        data-testid={`${testPrefix}-line-tax-included`}
                      />
                    </Tooltip>
                  </Table.Td>
                  <Table.Td>
                    <Select
                      aria-label={t("subsidies.lines.taxRate")}
                      data={TAX_RATES.map((r) => ({ value: r, label: t(taxRateLabelKey[r]) }))}
                      value={l.taxRate}
                      onChange={(v) => set(l.key, { taxRate: (v as SubsidyTaxRate | null) ?? "standard" })}
                      allowDeselect={false}
                      error={under("taxRate")}
                      data-testid={`${testPrefix}-line-tax-rate`}
                    />
                  </Table.Td>
                  <Table.Td>
                    <ActionIcon
                      variant="subtle"
                      color="red"
                      disabled={lines.length <= 1}
                      aria-label={t("subsidies.lines.remove")}
                      onClick={() => onChange(lines.filter((x) => x.key !== l.key))}
                      data-testid={`${testPrefix}-line-remove`}
                    >
                      <IconTrash size={16} />
                    </ActionIcon>
                  </Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
          <Table.Tfoot>
            <Table.Tr>
              <Table.Td colSpan={categories ? 2 : 1} ta="right">
                <Text size="sm" c="dimmed">
                  {t("subsidies.lines.total")}
                </Text>
              </Table.Td>
              <Table.Td ta="right" style={{ fontVariantNumeric: "tabular-nums" }}>
                <Text size="sm" fw={600} data-testid={`${testPrefix}-lines-total`}>
                  {formatYen(total, locale)}
                </Text>
              </Table.Td>
              <Table.Td colSpan={3} />
            </Table.Tr>
          </Table.Tfoot>
        </Table>
      </Table.ScrollContainer>
      {whole && (
        <Text size="sm" c="red" mt={4} role="alert" data-testid={`${testPrefix}-lines-error`}>
          {whole}
        </Text>
      )}
      <Group mt="xs">
        <Button
          variant="light"
          size="xs"
          leftSection={<IconPlus size={14} />}
          onClick={() => onChange([...lines, emptyLine()])}
          disabled={lines.length >= 200}
          data-testid={`${testPrefix}-add-line`}
        >
          {t("subsidies.lines.add")}
        </Button>
      </Group>
    </div>
  );
}
