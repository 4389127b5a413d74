import "@mantine/dates/styles.css";
import "dayjs/locale/ja";
import { Button, Group, Select } from "@mantine/core";
import { DatePickerInput, DatesProvider } from "@mantine/dates";
import type { AuditAction } from "@shien/contracts";
import { useI18n } from "../../../lib/i18n";
import { actionLabelKey, entityLabelKey } from "../audit-labels";

export interface AuditFilterValues {
  entity: string | null;
  entityId: string | null;
  action: AuditAction | null;
  actorUserId: string | null;
  /** Asia/Tokyo calendar days, YYYY-MM-DD, both ends included. */
  from: string | null;
  to: string | null;
}

export const EMPTY_AUDIT_FILTERS: AuditFilterValues = {
  entity: null,
  entityId: null,
  action: null,
  actorUserId: null,
  from: null,
  to: null,
};

interface AuditFiltersProps {
  value: AuditFilterValues;
  onChange: (value: AuditFilterValues) => void;
  actors: { value: string; label: string }[];
}

export function AuditFilters({ value, onChange, actors }: AuditFiltersProps) {
  const { t, locale } = useI18n();
  const set = (patch: Partial<AuditFilterValues>) => onChange({ ...value, ...patch });
  const entities = Object.entries(entityLabelKey).map(([code, key]) => ({ value: code, label: t(key) }));
  const actions = (Object.keys(actionLabelKey) as AuditAction[]).map((a) => ({
    value: a,
    label: t(actionLabelKey[a]),
  }));
  const active = Object.values(value).some((v) => v !== null);

  return (
    <DatesProvider settings={{ locale, firstDayOfWeek: 0 }}>
      <Group gap="md" align="flex-end" mb="md" wrap="wrap">
        <Select
          label={t("audit.entity")}
          placeholder={t("audit.all")}
          data={entities}
          value={value.entity}
          onChange={(entity) => set({ entity, entityId: null })}
          clearable
          w={180}
          data-testid="audit-filter-entity"
        />
        <Select
          label={t("audit.action")}
          placeholder={t("audit.all")}
          data={actions}
          value={value.action}
          onChange={(action) => set({ action: action as AuditAction | null })}
          clearable
          w={180}
          data-testid="audit-filter-action"
        />
        <Select
          label={t("audit.actor")}
          placeholder={t("audit.all")}
          data={actors}
          value={value.actorUserId}
          onChange={(actorUserId) => set({ actorUserId })}
          clearable
          searchable
          w={220}
          data-testid="audit-filter-actor"
        />
        <DatePickerInput
          type="range"
          label={t("audit.period")}
          placeholder={t("audit.periodPlaceholder")}
          value={[value.from, value.to]}
          onChange={([from, to]) => set({ from, to })}
          valueFormat="YYYY/MM/DD"
          monthLabelFormat={locale === "ja" ? "YYYY年M月" : "MMMM YYYY"}
          allowSingleDateInRange
          clearable
          w={260}
          data-testid="audit-filter-period"
        />
        {active && (
          <Button variant="subtle" onClick={() => onChange(EMPTY_AUDIT_FILTERS)} data-testid="audit-filter-clear">
            {t("audit.clearFilters")}
          </Button>
        )}
      </Group>
    </DatesProvider>
  );
}
