import { type ConsultationInput, consultationInputSchema, fiscalYearOf, fiscalYearWareki } from "@shien/contracts";
import { z } from "zod";
import { type Db, type Executor, inTransaction } from "../../db/client.js";
import type { Actor } from "../../http/actor.js";
import { AppError, invalidField } from "../../http/app-error.js";
import { recordAudit } from "../audit/index.js";
import {
  createCompany,
  type Match,
  matchCompany,
  type RowError,
  readTable,
  type TextEncodingName,
} from "../companies/index.js";
import { type SupportProgram, supportProgramByCode } from "../plans/index.js";
import { type UserRef, userRefs } from "../users/index.js";
import * as repo from "./consultations.repository.js";
import { lookupsFor } from "./consultations.rules.js";
import { recordConsultation } from "./consultations.service.js";
import { COLUMNS, type Column, resolveMapping } from "./import/columns.js";
import { type ImportRow, readConsultationRow } from "./import/rows.js";

export interface ConsultationImportOptions {
  bytes: Buffer;
  fileName: string;
  encoding?: TextEncodingName | undefined;
  /** File header → column, overriding the automatic mapping. */
  map?: Record<string, string> | undefined;
  /** Validate everything (inside a transaction that is rolled back) and store nothing. */
  dryRun: boolean;
  /** Register the businesses that match no registered one (ambiguous ones stay errors). */
  createCompanies: boolean;
  onProgress?: (done: number, total: number) => void;
}

export interface ConsultationImportReport {
  fileName: string;
  encoding: string;
  rows: number;
  mapping: Record<string, string>;
  ignoredColumns: string[];
  imported: number;
  companies: { matched: number; created: number; persons: number };
  /** Rows whose business is not registered: created with createCompanies, errors without. */
  unmatched: { row: number; name: string }[];
  dryRun: boolean;
  /** When not empty, nothing was imported. */
  errors: RowError[];
}

const MAX_ERRORS = 500;
/** Which file column an error of the consultation rules is about. */
const COLUMN_OF_FIELD: Record<string, Column> = {
  programId: "program_code",
  departmentId: "program_code",
  companyId: "company_name",
  name: "company_name",
  corporateNumber: "corporate_number",
  personName: "person_name",
  staffUserIds: "staff",
  topics: "topics",
  location: "location",
  occurredOn: "date",
  followUpOn: "follow_up_on",
  durationMinutes: "duration_minutes",
  channel: "channel",
  visit: "channel",
  status: "status",
  notes: "notes",
  nextAction: "next_action",
};
const REQUIRED: Column[] = ["date", "program_code", "channel", "status", "staff"];

class Rollback extends Error {}

const ja = z.locales.ja().localeError;

/** The row as the API would receive it passes the API's schema (lengths, counts) too. */
function checked(input: ConsultationInput): ConsultationInput {
  const parsed = consultationInputSchema.safeParse(input, { error: ja });
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const field = String(issue?.path[0] ?? "notes");
  throw invalidField(field, { ja: issue?.message ?? "", en: issue?.message ?? "" });
}

const fold = (s: string) => s.normalize("NFKC").toLowerCase().replace(/\s/g, "");

/** Staff by login, else by 氏名; a name two users share must be given as a login. */
function staffIds(users: UserRef[], names: string[]): { ids: string[]; problem?: string } {
  const ids: string[] = [];
  for (const name of names) {
    const byLogin = users.find((u) => u.login.toLowerCase() === name.toLowerCase());
    const byName = users.filter((u) => fold(u.displayName) === fold(name));
    if (byLogin) ids.push(byLogin.id);
    else if (byName.length === 1) ids.push((byName[0] as UserRef).id);
    else if (byName.length > 1)
      return { ids, problem: `「${name}」という氏名のユーザーが複数います。ログインIDで指定してください` };
    else return { ids, problem: `担当者「${name}」はこの組織のユーザーにいません。ログインIDか氏名を確かめてください` };
  }
  return { ids };
}

/**
 * Imports past consultations (CSV in UTF-8 / CP932, or xlsx), all or nothing: every row is read,
 * its business matched to the registry and its program found in the plan of its date's fiscal
 * year, then all rows are written in one transaction through the same rules and fact writing as the
 * API. One error anywhere and nothing is stored; the report lists every error it found.
 */
export async function importConsultations(
  db: Db,
  actor: Actor,
  opts: ConsultationImportOptions,
): Promise<ConsultationImportReport> {
  const { rows, rowNumbers, encoding } = await readTable(opts.bytes, opts.fileName, opts.encoding);
  const [headers = [], ...data] = rows;
  const mapping = resolveMapping(headers, opts.map ?? {});
  const header = (c: Column) => headers[mapping.byField[c] ?? -1] ?? c;
  const report: ConsultationImportReport = {
    fileName: opts.fileName,
    encoding,
    rows: data.length,
    mapping: Object.fromEntries(
      Object.entries(mapping.byField).map(([field, i]) => [headers[i as number] ?? field, field]),
    ),
    ignoredColumns: mapping.ignored,
    imported: 0,
    companies: { matched: 0, created: 0, persons: 0 },
    unmatched: [],
    dryRun: opts.dryRun,
    errors: [],
  };
  const fail = (row: number, column: string, value: string, reason: string) => {
    if (report.errors.length < MAX_ERRORS) report.errors.push({ row, column, value, reason });
  };
  const unknownTargets = Object.values(opts.map ?? {}).filter((t) => !(COLUMNS as readonly string[]).includes(t));
  const missing = REQUIRED.filter((c) => mapping.byField[c] === undefined);
  if (mapping.byField.company_name === undefined && mapping.byField.person_name === undefined)
    missing.push("company_name");
  if (unknownTargets.length > 0 || missing.length > 0) {
    fail(
      1,
      "(見出し)",
      [...unknownTargets, ...missing].join(","),
      unknownTargets.length > 0
        ? `対応先「${unknownTargets.join("、")}」という列はありません。列名は ${COLUMNS.join(", ")} です`
        : `必要な列 ${missing.join(", ")} が見つかりません。見出しを列名にするか、--map で対応を指定してください`,
    );
    return report;
  }

  // Read every row, then look up what it names; rows with errors are reported and not written.
  const users = await userRefs(db, actor.orgId);
  const programs = new Map<string, Promise<SupportProgram | null>>();
  const matches = new Map<string, Promise<Match>>();
  const ready: { row: ImportRow; program: SupportProgram; staff: string[]; match: Match | null }[] = [];
  for (const [i, cells] of data.entries()) {
    if (report.errors.length >= MAX_ERRORS) break;
    const read = readConsultationRow(cells, rowNumbers[i + 1] ?? i + 2, headers, mapping);
    for (const e of read.errors) fail(e.row, e.column, e.value, e.reason);
    const row = read.row;
    if (!row) continue;
    const fy = fiscalYearOf(row.occurredOn);
    const pkey = `${fy}/${row.programCode}`;
    if (!programs.has(pkey)) programs.set(pkey, supportProgramByCode(db, actor.orgId, fy, row.programCode));
    const program = await programs.get(pkey);
    if (!program) {
      fail(
        row.row,
        header("program_code"),
        row.programCode,
        `${fiscalYearWareki(fy)}（${fy}年度）の事業計画に事業コード「${row.programCode}」はありません。日付か事業コードを確かめてください`,
      );
    }
    const staff = staffIds(users, row.staff);
    if (staff.problem) fail(row.row, header("staff"), row.staff.join(";"), staff.problem);
    let match: Match | null = null;
    if (row.company) {
      const mkey = JSON.stringify(row.company);
      if (!matches.has(mkey)) matches.set(mkey, matchCompany(db, actor, row.company));
      match = (await matches.get(mkey)) as Match;
      if (match.kind === "ambiguous") fail(row.row, header("company_name"), row.company.name, match.reason.ja);
      if (match.kind === "unmatched") {
        report.unmatched.push({ row: row.row, name: row.company.name });
        if (!opts.createCompanies)
          fail(
            row.row,
            header("company_name"),
            row.company.name,
            "登録済みの事業者に該当しません。事業者台帳に登録するか、事業者も新規登録する指定（--create-companies）で取り込んでください",
          );
      }
    }
    if (
      program &&
      !staff.problem &&
      match?.kind !== "ambiguous" &&
      (match?.kind !== "unmatched" || opts.createCompanies)
    )
      ready.push({ row, program, staff: staff.ids, match });
    opts.onProgress?.(i + 1, data.length * 2);
  }

  try {
    await db.transaction(async (tx) => {
      const look = lookupsFor(tx, actor);
      // Loaded before the first row's savepoint, so that a rolled-back row cannot take them along.
      await Promise.all([look.topics(), look.users()]);
      const created = new Map<string, string>();
      for (const [n, { row, program, staff, match }] of ready.entries()) {
        if (report.errors.length >= MAX_ERRORS) break;
        try {
          // A savepoint per row: a refused row is reported and the next rows are still checked.
          const fresh = await inTransaction(tx, async (sp) => {
            const company = await companyFor(sp, actor, row, match, created);
            const input: ConsultationInput = {
              companyId: company.id,
              personName: row.personName,
              programId: program.id,
              channel: row.channel,
              location: row.location,
              occurredOn: row.occurredOn,
              durationMinutes: row.durationMinutes,
              staffUserIds: staff,
              topics: row.topics,
              notes: row.notes,
              nextAction: row.nextAction,
              followUpOn: row.followUpOn,
              status: row.status,
            };
            if (
              await repo.sameConsultationExists(sp, actor.orgId, {
                companyId: input.companyId ?? null,
                personName: input.personName ?? null,
                programId: program.id,
                occurredOn: row.occurredOn,
                notes: input.notes ?? null,
              })
            ) {
              throw invalidField("occurredOn", {
                ja: "同じ事業者・事業・日付・内容の相談が既に記録されています。同じファイルを2回取り込んでいないか確かめてください",
                en: "A consultation of the same business, program, date and notes is already recorded; check that this file was not imported before",
              });
            }
            await recordConsultation(sp, actor, checked(input), look);
            return company.created;
          });
          // Only a row that committed to its savepoint leaves its new business for the next rows.
          if (fresh) {
            created.set(fresh.key, fresh.id);
            report.companies.created++;
          }
          report.imported++;
          if (match?.kind === "matched") report.companies.matched++;
          if (!row.company) report.companies.persons++;
        } catch (err) {
          if (!(err instanceof AppError)) throw err;
          if (err.code === "NOT_FOUND") {
            // The one access check answers "not found" for a program the importer may not record for.
            const reason = `事業「${program.label}」の相談を記録する権限がありません。担当課の職員か管理者が取り込んでください`;
            fail(row.row, header("program_code"), row.programCode, reason);
            continue;
          }
          const detail = err.details[0];
          const column = COLUMN_OF_FIELD[detail?.field ?? ""] ?? "company_name";
          fail(row.row, header(column), cellValue(row, column), (detail?.message ?? err.text).ja);
        }
        opts.onProgress?.(data.length + n + 1, data.length * 2);
      }
      if (report.errors.length > 0 || opts.dryRun) throw new Rollback();
      await recordAudit(tx, actor, {
        entity: "consultation_import",
        entityId: opts.fileName.slice(0, 200),
        action: "create",
        changes: [
          { field: "import", to: { rows: report.rows, imported: report.imported, companies: report.companies } },
        ],
      });
    });
  } catch (err) {
    if (!(err instanceof Rollback)) throw err;
  }
  opts.onProgress?.(data.length * 2, data.length * 2);
  if (report.errors.length > 0) report.imported = 0;
  return report;
}

/** The row's business: the matched one, or (with createCompanies) a new one, once per business of the file. */
async function companyFor(
  tx: Executor,
  actor: Actor,
  row: ImportRow,
  match: Match | null,
  created: Map<string, string>,
): Promise<{ id: string | null; created?: { key: string; id: string } }> {
  if (!row.company || !match) return { id: null };
  if (match.kind === "matched") return { id: match.companyId };
  // Rows of one new business share its 法人番号, else its name: the same name in one file is taken as one business.
  const key = row.company.corporateNumber ?? fold(row.company.name);
  const known = created.get(key);
  if (known) return { id: known };
  const company = await createCompany(tx as Db, actor, row.company);
  return { id: company.id, created: { key, id: company.id } };
}

function cellValue(row: ImportRow, column: Column): string {
  switch (column) {
    case "program_code":
      return row.programCode;
    case "company_name":
      return row.company?.name ?? row.personName ?? "";
    case "corporate_number":
      return row.company?.corporateNumber ?? "";
    case "staff":
      return row.staff.join(";");
    case "topics":
      return row.topics.join(";");
    case "date":
      return row.occurredOn;
    case "follow_up_on":
      return row.followUpOn ?? "";
    case "location":
      return row.location ?? "";
    default:
      return "";
  }
}
