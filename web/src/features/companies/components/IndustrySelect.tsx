import { Select } from "@mantine/core";
import { JSIC_MAJORS, JSIC_MEDIUMS, jsicMajor, jsicMedium } from "@shien/contracts";
import { useMemo } from "react";

/** 日本標準産業分類 中分類, grouped by 大分類 and searchable by code or name. */
export function IndustrySelect({
  label,
  value,
  onChange,
  error,
}: {
  label: string;
  value: string;
  onChange: (code: string) => void;
  error?: string | undefined;
}) {
  const data = useMemo(
    () =>
      JSIC_MAJORS.map((major) => ({
        group: `${major.code} ${major.name}`,
        items: JSIC_MEDIUMS.filter((m) => m.major === major.code).map((m) => ({
          value: m.code,
          label: `${m.code} ${m.name}`,
        })),
      })),
    [],
  );
  return (
    <Select
      label={label}
      data={data}
      value={value || null}
      onChange={(v) => onChange(v ?? "")}
      searchable
      clearable
      error={error}
      data-testid="company-form-industry-code"
    />
  );
}

/** "E 製造業 ＞ 09 食料品製造業". */
export function industryLabel(code: string | null): string | null {
  if (!code) return null;
  const medium = jsicMedium(code);
  if (!medium) return code;
  return `${medium.major} ${jsicMajor(medium.major)?.name ?? ""} ＞ ${medium.code} ${medium.name}`;
}
