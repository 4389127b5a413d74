import { SegmentedControl, Stack, TextInput } from "@mantine/core";
import { useI18n } from "../../../lib/i18n";
import { CompanyPicker, type CompanyRef } from "./CompanyPicker";
import { errorUnder } from "./field-error";
export type Subject = "company" | "person";

/** 相談者: a registered business (searched or registered here), or a person without a record. */
export function SubjectFields({
  subject,
  company,
  personName,
  onChange,
  error,
  allowCreate,
  testId,
}: {
  subject: Subject;
  company: CompanyRef | null;
  personName: string;
  onChange: (patch: { subject?: Subject; company?: CompanyRef | null; personName?: string }) => void;
  error: unknown;
  allowCreate: boolean;
  testId: string;
}) {
  const { t } = useI18n();
  return (
    <Stack gap="xs">
      <SegmentedControl
        aria-label={t("support.subjectKind")}
        value={subject}
        onChange={(v) => onChange({ subject: v === "person" ? "person" : "company" })}
        data={[
          { value: "company", label: t("support.company") },
          { value: "person", label: t("support.person") },
        ]}
        w="fit-content"
        data-testid={`${testId}-subject`}
      />
      {subject === "company" ? (
        <CompanyPicker
          value={company}
          onChange={(c) => onChange({ company: c })}
          error={errorUnder(error, "companyId")}
          allowCreate={allowCreate}
          required
          testId={`${testId}-company`}
        />
      ) : (
        <TextInput
          label={t("support.personName")}
          description={t("support.personNameHint")}
          value={personName}
          onChange={(e) => onChange({ personName: e.currentTarget.value })}
          required
          error={errorUnder(error, "personName")}
          data-testid={`${testId}-person-name`}
        />
      )}
    </Stack>
  );
}
