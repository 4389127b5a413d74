import {
  CHANNEL_LABELS,
  type Channel,
  CONSULTATION_STATUS_LABELS,
  type CompanyInput,
  type ConsultationStatus,
} from "@shien/contracts";
import { isoDate } from "../../../lib/import-values.js";
import { type ColumnMapping, type RowError, readRow } from "../../companies/index.js";
import type { Column, Mapping } from "./columns.js";

/** One data row of a consultation import, read but not yet checked against the organization. */
export interface ImportRow {
  row: number;
  occurredOn: string;
  programCode: string;
  /** The business as the row describes it; null for a person without one (then personName). */
  company: CompanyInput | null;
  personName: string | null;
  channel: Channel;
  status: ConsultationStatus;
  topics: string[];
  staff: string[];
  notes: string | null;
  location: string | null;
  durationMinutes: number | null;
  nextAction: string | null;
  followUpOn: string | null;
}

const fold = (s: string) => s.normalize("NFKC").toLowerCase().replace(/\s/g, "");

function lookupOf<T extends string>(labels: Record<T, { ja: string; en: string }>): Map<string, T> {
  const m = new Map<string, T>();
  for (const [code, l] of Object.entries(labels) as [T, { ja: string; en: string }][]) {
    m.set(fold(code), code);
    m.set(fold(l.ja), code);
    m.set(fold(l.en), code);
  }
  return m;
}
const CHANNELS = lookupOf(CHANNEL_LABELS);
const STATUSES = lookupOf(CONSULTATION_STATUS_LABELS);
const jaList = (labels: Record<string, { ja: string }>) =>
  Object.values(labels)
    .map((l) => l.ja)
    .join("、");

/** `;`-separated lists (topics, staff); full-width ； and 、 are read the same way. */
const listOf = (v: string) =>
  v
    .normalize("NFKC")
    .split(/[;、]/)
    .map((s) => s.trim())
    .filter((s) => s !== "");

export function readConsultationRow(
  cells: string[],
  rowNumber: number,
  headers: string[],
  mapping: Mapping,
): { row?: ImportRow; errors: RowError[] } {
  const errors: RowError[] = [];
  const header = (c: Column) => headers[mapping.byField[c] ?? -1] ?? c;
  const cell = (c: Column) => {
    const i = mapping.byField[c];
    return i === undefined ? "" : (cells[i] ?? "").trim();
  };
  const fail = (c: Column, reason: string) =>
    errors.push({ row: rowNumber, column: header(c), value: cell(c), reason });
  const text = (c: Column) => cell(c) || null;

  const occurredOn = isoDate(cell("date"));
  if (!occurredOn) fail("date", "日付は 2026-04-01（または 2026/4/1）の形で入力してください");
  const followRaw = cell("follow_up_on");
  const followUpOn = followRaw ? isoDate(followRaw) : null;
  if (followRaw && !followUpOn) fail("follow_up_on", "フォロー予定日は 2026-04-01 の形で入力してください");
  // The export writes "コード 事業名"; the code is the first word.
  const programCode = cell("program_code").normalize("NFKC").split(/\s+/)[0] ?? "";
  if (!programCode) fail("program_code", "事業計画の事業コード（例: I-1-2）を入力してください");
  const channel = CHANNELS.get(fold(cell("channel")));
  if (!channel) fail("channel", `対応方法は ${jaList(CHANNEL_LABELS)} のいずれかで入力してください`);
  const status = STATUSES.get(fold(cell("status")));
  if (!status) fail("status", `状況は ${jaList(CONSULTATION_STATUS_LABELS)} のいずれかで入力してください`);
  const staff = listOf(cell("staff"));
  if (staff.length === 0) fail("staff", "担当者のログインIDか氏名を入力してください（複数は「;」で区切ります）");
  const durationRaw = cell("duration_minutes").normalize("NFKC");
  const durationMinutes = durationRaw && /^\d+$/.test(durationRaw) ? Number(durationRaw) : null;
  if (durationRaw && durationMinutes === null) fail("duration_minutes", "所要時間は分単位の数字で入力してください");

  const personName = text("person_name");
  let company: CompanyInput | null = null;
  if (cell("company_name") || !personName) {
    const companyMapping: ColumnMapping = {
      byField: {
        name: mapping.byField.company_name,
        corporate_number: mapping.byField.corporate_number,
        postal_code: mapping.byField.postal_code,
        address: mapping.byField.address,
        phone: mapping.byField.phone,
      },
      ignored: [],
    };
    if (!cell("company_name")) fail("company_name", "事業者名か相談者名を入力してください");
    else {
      const read = readRow(cells, rowNumber, headers, companyMapping);
      errors.push(...read.errors);
      company = read.input ?? null;
    }
  }
  if (errors.length > 0) return { errors };
  return {
    errors,
    row: {
      row: rowNumber,
      occurredOn: occurredOn as string,
      programCode,
      company,
      personName,
      channel: channel as Channel,
      status: status as ConsultationStatus,
      topics: listOf(cell("topics")),
      staff,
      notes: text("notes"),
      location: text("location"),
      durationMinutes,
      nextAction: text("next_action"),
      followUpOn,
    },
  };
}
