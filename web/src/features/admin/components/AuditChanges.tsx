import { Stack, Text } from "@mantine/core";
import type { AuditAction, AuditChange, Locale } from "@shien/contracts";
import { ROLE_ORDER, roleLabelKey } from "../../../app/roles";
import { formatDateTime } from "../../../lib/datetime";
import { type MessageKey, type Translate, useI18n } from "../../../lib/i18n";
import { sourceLabelKey } from "../../plans/labels";
import { subsidyStatusLabelKey, taxTreatmentLabelKey } from "../../subsidies/labels";
import {
  channelLabelKey,
  consultationStatusLabelKey,
  dispatchStatusLabelKey,
  referralStatusLabelKey,
} from "../../support/labels";
import { fieldLabelKey } from "../audit-labels";

/** Looks up names for ids the log records (departments, users) so changes read as words. */
export interface NameLookup {
  department: (id: string) => string | undefined;
}

const DEPARTMENT_FIELDS = new Set([
  "departmentIds",
  "departmentId",
  "activeDepartmentId",
  "fromDepartmentId",
  "toDepartmentId",
]);

/** The words the rest of the app uses for a field's codes; `status` depends on what the entry is about. */
const STATUS_BY_ENTITY: Record<string, Record<string, MessageKey>> = {
  consultation: consultationStatusLabelKey,
  referral: referralStatusLabelKey,
  dispatch: dispatchStatusLabelKey,
  subsidy_application: subsidyStatusLabelKey,
  plan: { adopted: "audit.planAdopted", draft: "audit.planDraft" },
};
const CODES_BY_FIELD: Record<string, Record<string, MessageKey>> = {
  channel: channelLabelKey,
  fundingSources: sourceLabelKey,
  taxTreatment: taxTreatmentLabelKey,
  role: Object.fromEntries(ROLE_ORDER.map((r) => [r, roleLabelKey[r]])),
  kind: {
    topic: "vocab.kind.topic",
    agency: "vocab.kind.agency",
    application: "subsidies.attachments.kind.application",
    estimate: "subsidies.attachments.kind.estimate",
    report: "subsidies.attachments.kind.report",
    receipt: "subsidies.attachments.kind.receipt",
    other: "subsidies.attachments.kind.other",
  },
};

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const ISO_MOMENT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const MONTH = /^\d{4}-\d{2}$/;

interface Context {
  entity: string;
  t: Translate;
  locale: Locale;
  displayDate: (iso: string) => string;
  names: NameLookup;
}

const labelOf = (field: string, t: Translate) => {
  const key = fieldLabelKey[field];
  return key ? t(key) : field;
};

/** A recorded id reads as a name where one is known, otherwise as a short reference, not a UUID. */
const shortId = (id: string, t: Translate) => t("audit.id", { id: id.slice(0, 8) });

function formatValue(field: string, value: unknown, c: Context): string {
  const { t } = c;
  if (value === null || value === undefined || value === "") return t("audit.empty");
  if (typeof value === "boolean") return value ? t("common.yes") : t("common.no");
  if (Array.isArray(value)) {
    if (value.length === 0) return t("audit.empty");
    return value.map((v) => formatValue(field, v, c)).join(t("common.listSeparator"));
  }
  if (typeof value === "object") {
    // Imports and month entries record a small summary object: each part labelled in turn.
    return Object.entries(value as Record<string, unknown>)
      .map(([k, v]) => `${labelOf(k, t)} ${formatValue(k, v, c)}`)
      .join(t("common.listSeparator"));
  }
  if (typeof value === "number") {
    if (field.endsWith("Yen") || field === "yen") return t("audit.yen", { n: value.toLocaleString("ja-JP") });
    if (field === "sizeBytes") return t("audit.bytes", { n: value.toLocaleString("ja-JP") });
    if (
      [
        "programs",
        "indicators",
        "removedPrograms",
        "rows",
        "created",
        "updated",
        "imported",
        "companies",
        "applications",
      ].includes(field)
    )
      return t("audit.count", { n: value.toLocaleString("ja-JP") });
    return value.toLocaleString("ja-JP");
  }
  const text = String(value);
  // Older plan imports recorded the server's path of the file; its name is what identifies it.
  if (field === "file") return text.split(/[\\/]/).pop() ?? text;
  if (DEPARTMENT_FIELDS.has(field)) return c.names.department(text) ?? shortId(text, t);
  const codes = field === "status" ? STATUS_BY_ENTITY[c.entity] : CODES_BY_FIELD[field];
  const codeKey = codes?.[text];
  if (codeKey) return t(codeKey);
  if (ISO_DATE.test(text)) return c.displayDate(text);
  if (ISO_MOMENT.test(text)) return formatDateTime(text, c.locale);
  if (UUID.test(text)) return shortId(text, t);
  // Expense lines and review scores are kept as JSON text: their count or their parts, not the text.
  if (text.startsWith("[") || text.startsWith("{")) {
    try {
      const parsed: unknown = JSON.parse(text);
      if (Array.isArray(parsed)) return t("audit.count", { n: parsed.length });
      return formatValue(field, parsed, c);
    } catch {
      return text;
    }
  }
  return text;
}

/** One line per changed field: "氏名: 山田 → 山田 太郎" (a creation shows the new values only). Secrets show only that they changed. */
export function AuditChanges({
  entity,
  action,
  changes,
  names,
}: {
  entity: string;
  action: AuditAction;
  changes: AuditChange[];
  names: NameLookup;
}) {
  const { t, locale, displayDate } = useI18n();
  if (changes.length === 0) {
    return (
      <Text size="sm" c="dimmed">
        {t("audit.noChanges")}
      </Text>
    );
  }
  const c: Context = { entity, t, locale, displayDate, names };
  return (
    <Stack gap={2}>
      {changes.map((change) => {
        // A month's manual figure is recorded under the month ("2026-05").
        const label = MONTH.test(change.field)
          ? t("audit.month", { month: displayDate(`${change.field}-01`).replace(/1日$/, "").replace(/^1 /, "") })
          : labelOf(change.field, t);
        const secret = !("from" in change) && !("to" in change);
        let text: string;
        if (secret) text = t("audit.changedSecret");
        else if (action === "create" || !("from" in change)) text = formatValue(change.field, change.to, c);
        else text = `${formatValue(change.field, change.from, c)} → ${formatValue(change.field, change.to, c)}`;
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
