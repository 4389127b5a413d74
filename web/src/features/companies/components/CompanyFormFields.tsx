import { Checkbox, Select, SimpleGrid, Stack, Textarea, TextInput } from "@mantine/core";
import { useCallback, useRef } from "react";
import { fieldError } from "../../../components/FormError";
import { type MessageKey, useI18n } from "../../../lib/i18n";
import type { CompanyFormValues } from "../form-values";
import { IndustrySelect } from "./IndustrySelect";
import { PostalAddressHint } from "./PostalAddressHint";

type TextField = Exclude<keyof CompanyFormValues, "soleProprietor" | "sizeClass" | "industryCode" | "notes">;

const TEXT_FIELDS: { field: TextField; label: MessageKey; hint?: MessageKey; required?: boolean }[] = [
  { field: "name", label: "company.name", required: true },
  { field: "nameKana", label: "company.nameKana" },
  { field: "corporateNumber", label: "company.corporateNumber", hint: "company.corporateNumberHint" },
  { field: "representative", label: "company.representative" },
  { field: "postalCode", label: "company.postalCode" },
  { field: "address", label: "company.address" },
  { field: "phone", label: "company.phone" },
  { field: "email", label: "company.email" },
  { field: "website", label: "company.website" },
  { field: "industry", label: "company.industry" },
  { field: "employees", label: "company.employees" },
  { field: "capitalYen", label: "company.capitalYen" },
  { field: "founded", label: "company.founded" },
];

const testId = (field: string) => `company-form-${field.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;

/** Every field of a company record; server details are shown beside the field they name. */
export function CompanyFormFields({
  values,
  onChange,
  error,
}: {
  values: CompanyFormValues;
  onChange: (next: CompanyFormValues) => void;
  error: unknown;
}) {
  const { t } = useI18n();
  const set = <K extends keyof CompanyFormValues>(key: K, value: CompanyFormValues[K]) =>
    onChange({ ...values, [key]: value });
  // the lookup answers later: fill from the latest values, not the ones of the render that asked
  const latest = useRef(values);
  latest.current = values;
  const fillAddress = useCallback((address: string) => onChange({ ...latest.current, address }), [onChange]);
  return (
    <>
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        {TEXT_FIELDS.map(({ field, label, hint, required }) => {
          const input = (
            <TextInput
              key={field}
              label={t(label)}
              description={hint ? t(hint) : undefined}
              value={values[field]}
              onChange={(e) => set(field, e.currentTarget.value)}
              required={required}
              type={field === "founded" ? "date" : "text"}
              inputMode={field === "employees" || field === "capitalYen" ? "numeric" : undefined}
              error={fieldError(error, field)}
              data-testid={testId(field)}
            />
          );
          if (field !== "postalCode") return input;
          return (
            <Stack key={field} gap={4}>
              {input}
              <PostalAddressHint postalCode={values.postalCode} address={values.address} onFill={fillAddress} />
            </Stack>
          );
        })}
        <IndustrySelect
          label={t("company.industryCode")}
          value={values.industryCode}
          onChange={(v) => set("industryCode", v)}
          error={fieldError(error, "industryCode")}
        />
        <Select
          label={t("company.sizeClass")}
          data={(["sme", "small", "other"] as const).map((s) => ({ value: s, label: t(`company.size.${s}`) }))}
          value={values.sizeClass || null}
          onChange={(v) => set("sizeClass", v ?? "")}
          clearable
          error={fieldError(error, "sizeClass")}
          data-testid="company-form-size-class"
        />
      </SimpleGrid>
      <Checkbox
        label={t("company.soleProprietor")}
        checked={values.soleProprietor}
        onChange={(e) => set("soleProprietor", e.currentTarget.checked)}
        data-testid="company-form-sole-proprietor"
      />
      <Textarea
        label={t("company.notes")}
        value={values.notes}
        onChange={(e) => set("notes", e.currentTarget.value)}
        autosize
        minRows={2}
        error={fieldError(error, "notes")}
        data-testid="company-form-notes"
      />
    </>
  );
}
