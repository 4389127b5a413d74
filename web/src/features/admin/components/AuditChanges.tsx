import { Stack, Text } from "@mantine/core";
import type { AuditAction, AuditChange } from "@shien/contracts";
import { ROLE_ORDER, roleLabelKey } from "../../../app/roles";
import { type Translate, useI18n } from "../../../lib/i18n";
import { fieldLabelKey } from "../audit-labels";

/** Looks up names for ids the log records (departments, users) so changes read as words. */
export interface NameLookup {
  department: (id: string) => string | undefined;
}

const DEPARTMENT_FIELDS = new Set(["departmentIds", "departmentId", "activeDepartmentId"]);

function formatValue(field: string, value: unknown, t: Translate, names: NameLookup): string {
  if (value === null || value === undefined || value === "") return t("audit.empty");
  if (typeof value === "boolean") return value ? t("common.yes") : t("common.no");
  if (DEPARTMENT_FIELDS.has(field)) {
    const ids = Array.isArray(value) ? value : [value];
    if (ids.length === 0) return t("audit.empty");
    return ids.map((id) => names.department(String(id)) ?? String(id)).join(t("common.listSeparator"));
  }
  if (field === "role" && typeof value === "string" && (ROLE_ORDER as string[]).includes(value)) {
    return t(roleLabelKey[value as keyof typeof roleLabelKey]);
  }
  if (Array.isArray(value)) return value.map(String).join(t("common.listSeparator"));
  if (typeof value === "object") return JSON.stringify(value);
  return String(value);
}

/** One line per changed field: "氏名: 山田 → 山田 太郎" (a creation shows the new values only). Secrets show only that they changed. */
export function AuditChanges({
  action,
  changes,
  names,
}: {
  action: AuditAction;
  changes: AuditChange[];
  names: NameLookup;
}) {
  const { t } = useI18n();
  if (changes.length === 0) {
    return (
      <Text size="sm" c="dimmed">
        {t("audit.noChanges")}
      </Text>
    );
  }
  return (
    <Stack gap={2}>
      {changes.map((change) => {
        const labelKey = fieldLabelKey[change.field];
        const label = labelKey ? t(labelKey) : change.field;
        const secret = !("from" in change) && !("to" in change);
        let text: string;
        if (secret) text = t("audit.changedSecret");
        else if (action === "create") text = formatValue(change.field, change.to, t, names);
        else
          text = `${formatValue(change.field, change.from, t, names)} → ${formatValue(change.field, change.to, t, names)}`;
        return (
          <Text size="sm" key={change.field}>
            <Text span fw={600} size="sm">
              {label}
            </Text>
            : {text}
          </Text>
        );
      })}
    </Stack>
  );
}
