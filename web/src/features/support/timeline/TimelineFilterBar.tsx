import { Group, Select, Switch, TextInput } from "@mantine/core";
import type { FactType } from "@shien/contracts";
import { useI18n } from "../../../lib/i18n";
import { useDepartments } from "../../admin/queries";
import { FACT_TYPES, factTypeLabelKey } from "../labels";
import type { TimelineFilters } from "./queries";

/** 種類・部署・期間, and whether the 名寄せ siblings' history is included. */
export function TimelineFilterBar({
  value,
  onChange,
}: {
  value: TimelineFilters;
  onChange: (next: TimelineFilters) => void;
}) {
  const { t } = useI18n();
  const departments = useDepartments().data ?? [];
  const set = (patch: Partial<TimelineFilters>) => onChange({ ...value, ...patch });
  return (
    <Group gap="sm" align="flex-end" mb="md" wrap="wrap">
      <Select
        label={t("timeline.type")}
        placeholder={t("support.all")}
        data={FACT_TYPES.map((f) => ({ value: f, label: t(factTypeLabelKey[f]) }))}
        value={value.type}
        onChange={(v) => set({ type: v as FactType | null })}
        clearable
        w={200}
        data-testid="timeline-type"
      />
      <Select
        label={t("support.department")}
        placeholder={t("support.all")}
        data={departments
          .filter((d) => !d.archived)
          .sort((a, b) => a.sortOrder - b.sortOrder)
          .map((d) => ({ value: d.id, label: d.name }))}
        value={value.departmentId}
        onChange={(departmentId) => set({ departmentId })}
        clearable
        w={200}
        data-testid="timeline-department"
      />
      <TextInput
        type="date"
        label={t("support.from")}
        value={value.from}
        onChange={(e) => set({ from: e.currentTarget.value })}
        w={160}
        data-testid="timeline-from"
      />
      <TextInput
        type="date"
        label={t("support.to")}
        value={value.to}
        onChange={(e) => set({ to: e.currentTarget.value })}
        w={160}
        data-testid="timeline-to"
      />
      <Switch
        label={t("timeline.siblings")}
        checked={value.siblings}
        onChange={(e) => set({ siblings: e.currentTarget.checked })}
        mb={6}
        data-testid="timeline-siblings"
      />
    </Group>
  );
}
