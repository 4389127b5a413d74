import { Button, Group, Select, TextInput } from "@mantine/core";
import { IconSearch } from "@tabler/icons-react";
import { useI18n } from "../../../../lib/i18n";
import { useDepartments } from "../../../admin/queries";
import { currentFiscalYear, fiscalYearOf } from "../../format";
import { CONSULTATION_STATUSES, consultationStatusLabelKey } from "../../labels";
import { ProgramSelect } from "../../shared/ProgramSelect";
import { type ConsultationFilters, EMPTY_CONSULTATION_FILTERS } from "../queries";

const isoDate = /^\d{4}-\d{2}-\d{2}$/;

/** 期間・事業・部署・状況・検索. The program list follows the period's fiscal year (this year by default). */
export function ConsultationFilterBar({
  value,
  search,
  onSearch,
  onChange,
}: {
  value: ConsultationFilters;
  /** The search box as typed (the list follows it after a pause). */
  search: string;
  onSearch: (text: string) => void;
  onChange: (next: ConsultationFilters) => void;
}) {
  const { t } = useI18n();
  const departments = useDepartments();
  const set = (patch: Partial<ConsultationFilters>) => onChange({ ...value, ...patch });
  const fiscalYear = isoDate.test(value.from) ? fiscalYearOf(value.from) : currentFiscalYear();
  const active = Boolean(search || value.from || value.to || value.programId || value.departmentId || value.status);

  return (
    <Group gap="sm" align="flex-end" mb="md" wrap="wrap">
      <TextInput
        label={t("support.search")}
        placeholder={t("consultations.searchHint")}
        leftSection={<IconSearch size={16} />}
        value={search}
        onChange={(e) => onSearch(e.currentTarget.value)}
        w={240}
        data-testid="consultations-search"
      />
      <TextInput
        type="date"
        label={t("support.from")}
        value={value.from}
        onChange={(e) => set({ from: e.currentTarget.value })}
        w={160}
        data-testid="consultations-from"
      />
      <TextInput
        type="date"
        label={t("support.to")}
        value={value.to}
        onChange={(e) => set({ to: e.currentTarget.value })}
        w={160}
        data-testid="consultations-to"
      />
      <ProgramSelect
        fiscalYear={fiscalYear}
        value={value.programId}
        onChange={(p) => set({ programId: p?.id ?? null })}
        clearable
        compact
        w={260}
        testId="consultations-program"
      />
      <Select
        label={t("support.department")}
        placeholder={t("support.all")}
        data={(departments.data ?? [])
          .filter((d) => !d.archived)
          .sort((a, b) => a.sortOrder - b.sortOrder)
          .map((d) => ({ value: d.id, label: d.name }))}
        value={value.departmentId}
        onChange={(departmentId) => set({ departmentId })}
        clearable
        w={200}
        data-testid="consultations-department"
      />
      <Select
        label={t("support.status")}
        placeholder={t("support.all")}
        data={CONSULTATION_STATUSES.map((s) => ({ value: s, label: t(consultationStatusLabelKey[s]) }))}
        value={value.status}
        onChange={(status) => set({ status: status as ConsultationFilters["status"] })}
        clearable
        w={160}
        data-testid="consultations-status"
      />
      {active && (
        <Button
          variant="subtle"
          onClick={() => {
            onSearch("");
            onChange(EMPTY_CONSULTATION_FILTERS);
          }}
          data-testid="consultations-clear"
        >
          {t("support.clearFilters")}
        </Button>
      )}
    </Group>
  );
}
