import { Badge, Group, Select, Text } from "@mantine/core";
import type { SupportProgramDto } from "@shien/contracts";
import { useI18n } from "../../../lib/i18n";
import { fiscalYearLabel, fiscalYearWareki } from "../../../lib/numbers";
import { usePrograms } from "./queries";

export function programLabel(p: { code: string; name: string }): string {
  return `${p.code} ${p.name}`;
}

/**
 * 事業 of one fiscal year, by code and name (sub-programs indented under theirs); confidential
 * programs (中小企業活性化協議会 …) carry a 機密 badge so nobody records into one by mistake.
 */
export function ProgramSelect({
  fiscalYear,
  value,
  onChange,
  error,
  required,
  clearable,
  label,
  testId,
  w,
  compact,
}: {
  fiscalYear: number | null;
  value: string | null;
  onChange: (program: SupportProgramDto | null) => void;
  error?: string | undefined;
  required?: boolean;
  clearable?: boolean;
  label?: string;
  testId: string;
  w?: number;
  /** In a filter row: the year goes into the label instead of a description line. */
  compact?: boolean;
}) {
  const { t } = useI18n();
  const programs = usePrograms(fiscalYear);
  const items = programs.data ?? [];
  const byId = new Map(items.map((p) => [p.id, p]));
  const data = items.map((p) => ({
    value: p.id,
    label: p.confidential ? t("support.confidentialProgram", { label: programLabel(p) }) : programLabel(p),
  }));
  const noPrograms = programs.isSuccess && items.length === 0;
  return (
    <Select
      label={
        compact && fiscalYear !== null
          ? `${label ?? t("support.program")}（${fiscalYearWareki(fiscalYear)}）`
          : (label ?? t("support.program"))
      }
      placeholder={compact ? t("support.all") : undefined}
      description={
        compact || fiscalYear === null ? undefined : t("support.programHint", { year: fiscalYearLabel(fiscalYear) })
      }
      data={data}
      value={value && byId.has(value) ? value : null}
      onChange={(id) => onChange(id ? (byId.get(id) ?? null) : null)}
      searchable
      clearable={clearable}
      required={required}
      w={w}
      disabled={programs.isPending && fiscalYear !== null}
      error={error ?? (noPrograms ? t("support.noPrograms") : undefined)}
      renderOption={({ option }) => {
        const p = byId.get(option.value);
        return (
          <Group gap="xs" wrap="nowrap" pl={p ? p.depth * 14 : 0}>
            <Text size="sm" ff="monospace">
              {p?.code}
            </Text>
            <Text size="sm">{p?.name}</Text>
            {p?.confidential && (
              <Badge size="xs" color="red" variant="light">
                {t("support.confidential")}
              </Badge>
            )}
          </Group>
        );
      }}
      data-testid={testId}
    />
  );
}
