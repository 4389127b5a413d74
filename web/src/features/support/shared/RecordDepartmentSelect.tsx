import { Select } from "@mantine/core";
import type { SessionUser, SupportProgramDto } from "@shien/contracts";
import { useI18n } from "../../../lib/i18n";

/** The 担当課 a record is made for by default: the first of the program's departments the user works in. */
export function defaultDepartment(program: SupportProgramDto | null, user: SessionUser | undefined): string | null {
  if (!program) return null;
  const mine = program.departments.find((d) => user?.departments.some((u) => u.id === d.id));
  return (mine ?? program.departments[0])?.id ?? null;
}

/**
 * Which of the program's departments the record belongs to. Only the user's own are offered
 * (the server refuses the others), except to administrators; a program run by one department
 * shows it without a choice.
 */
export function RecordDepartmentSelect({
  program,
  user,
  value,
  onChange,
  error,
  label,
  testId,
}: {
  program: SupportProgramDto | null;
  user: SessionUser | undefined;
  value: string | null;
  onChange: (departmentId: string | null) => void;
  error?: string | undefined;
  label?: string;
  testId: string;
}) {
  const { t } = useI18n();
  const all = program?.departments ?? [];
  const mine = all.filter((d) => user?.role === "admin" || user?.departments.some((u) => u.id === d.id));
  const offered = mine.length > 0 ? mine : all;
  const outside = program !== null && mine.length === 0 && user?.role !== "admin";
  return (
    <Select
      label={label ?? t("support.department")}
      data={offered.map((d) => ({ value: d.id, label: d.name }))}
      value={value}
      onChange={onChange}
      disabled={program === null}
      readOnly={offered.length <= 1}
      error={error ?? (outside ? t("support.notYourProgram") : undefined)}
      data-testid={testId}
    />
  );
}
