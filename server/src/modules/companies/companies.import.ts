import type { CompanyInput } from "@shien/contracts";
import type { Db } from "../../db/client.js";
import { requireAccess } from "../../http/access.js";
import type { Actor } from "../../http/actor.js";
import { AppError } from "../../http/app-error.js";
import { recordAudit } from "../audit/index.js";
import * as repo from "./companies.repository.js";
import { valuesOf } from "./companies.values.js";
import { runDedupe } from "./dedupe.service.js";
import { readTable, type TextEncodingName } from "./import/decode.js";
import { CANONICAL_COLUMNS, resolveMapping } from "./import/mapping.js";
import { type RowError, readRow } from "./import/rows.js";
import { postalPrefectureMismatch } from "./postal.service.js";

export interface ImportOptions {
  bytes: Buffer;
  fileName: string;
  encoding?: TextEncodingName | undefined;
  /** File header → canonical column, overriding the automatic mapping. */
  map?: Record<string, string> | undefined;
  dryRun: boolean;
  onProgress?: (done: number, total: number) => void;
  /** Link new rows to registered businesses (a dedupe run) right after storing; default true. */
  link?: boolean;
}

export interface ImportReport {
  fileName: string;
  encoding: string;
  rows: number;
  mapping: Record<string, string>;
  ignoredColumns: string[];
  created: number;
  updated: number;
  /** Rows whose 法人番号 an earlier row of the file already had: folded into that row. */
  sameNumberRows: number;
  /** New rows that 名寄せ found to be an already registered business (linked, not dropped). */
  linked: number;
  dryRun: boolean;
  /** When not empty, nothing was imported. */
  errors: RowError[];
  /** Rows imported as they are but worth a look (a 郵便番号 in another prefecture than the 所在地). */
  warnings: RowError[];
}

const BATCH = 1000;
const MAX_ERRORS = 500;

/**
 * Imports a CSV (UTF-8, UTF-8 with BOM, CP932) or xlsx file of businesses, all or nothing: every
 * row is validated first and one bad row means no row is stored. A row whose 法人番号 is already
 * registered updates that business.
 */
export async function importCompanies(db: Db, actor: Actor, opts: ImportOptions): Promise<ImportReport> {
  requireAccess(actor, "company.write", { orgId: actor.orgId }, { ja: "事業者", en: "Businesses" });
  const { rows, rowNumbers, encoding } = await readTable(opts.bytes, opts.fileName, opts.encoding);
  const [headers = [], ...data] = rows;
  const rowOf = (i: number) => rowNumbers[i + 1] ?? i + 2;
  const mapping = resolveMapping(headers, opts.map ?? {});
  const report: ImportReport = {
    fileName: opts.fileName,
    encoding,
    rows: data.length,
    mapping: Object.fromEntries(
      Object.entries(mapping.byField).map(([field, i]) => [headers[i as number] ?? field, field]),
    ),
    ignoredColumns: mapping.ignored,
    created: 0,
    updated: 0,
    sameNumberRows: 0,
    linked: 0,
    dryRun: opts.dryRun,
    errors: [],
    warnings: [],
  };
  const targets = Object.values(opts.map ?? {}).filter((t) => t !== "");
  const unknownTargets = targets.filter((t) => !(CANONICAL_COLUMNS as readonly string[]).includes(t));
  const doubled = targets.filter((t, i) => targets.indexOf(t) !== i);
  if (unknownTargets.length > 0 || doubled.length > 0) {
    report.errors.push({
      row: 1,
      column: "(見出し)",
      value: [...unknownTargets, ...doubled].join(","),
      reason:
        unknownTargets.length > 0
          ? `対応先「${unknownTargets.join("、")}」という列はありません。${CANONICAL_COLUMNS.join(", ")} か、取り込まない（空）を選んでください`
          : `列「${doubled.join("、")}」に複数の見出しが対応しています。1つにしてください`,
    });
    return report;
  }
  if (mapping.byField.name === undefined) {
    report.errors.push({
      row: 1,
      column: "(見出し)",
      value: headers.join(","),
      reason: `事業者名の列が見つかりません。見出しを「name」「事業者名」などにするか、対応を指定してください（列名: ${CANONICAL_COLUMNS.join(", ")}）`,
    });
    return report;
  }

  const inputs: { input: CompanyInput; row: number }[] = [];
  const byNumber = new Map<string, CompanyInput>();
  data.forEach((cells, i) => {
    if (report.errors.length >= MAX_ERRORS) return;
    const { input, errors } = readRow(cells, rowOf(i), headers, mapping);
    report.errors.push(...errors);
    if (!input) return;
    const cn = input.corporateNumber ?? null;
    const first = cn ? byNumber.get(cn) : undefined;
    if (first) {
      // The same 法人番号 is the same corporation: later rows fill what the first one left empty.
      for (const [k, v] of Object.entries(input)) {
        const key = k as keyof CompanyInput;
        if (v !== null && v !== undefined && (first[key] === null || first[key] === undefined)) {
          (first as Record<string, unknown>)[key] = v;
        }
      }
      report.sameNumberRows++;
      return;
    }
    if (cn) byNumber.set(cn, input);
    inputs.push({ input, row: rowOf(i) });
  });
  const postalColumn = headers[mapping.byField.postal_code ?? -1] ?? "postal_code";
  const values: repo.CompanyValues[] = [];
  for (const { input, row } of inputs) {
    const mismatch = postalPrefectureMismatch(input);
    if (mismatch) report.warnings.push({ row, column: postalColumn, value: input.postalCode ?? "", reason: mismatch });
    try {
      values.push(valuesOf(input) as repo.CompanyValues);
    } catch (err) {
      const reason = err instanceof AppError ? err.text.ja : (err as Error).message;
      report.errors.push({ row, column: "", value: input.name, reason });
    }
  }
  if (report.errors.length > 0) return report;

  if (opts.dryRun) {
    const existing = await repo.existingCorporateNumbers(db, actor.orgId, [...byNumber.keys()]);
    report.updated = existing.size;
    report.created = values.length - existing.size;
    return report;
  }
  const createdIds: string[] = [];
  await db.transaction(async (tx) => {
    for (let i = 0; i < values.length; i += BATCH) {
      const r = await repo.upsertMany(tx, actor.orgId, values.slice(i, i + BATCH));
      report.created += r.created;
      report.updated += r.updated;
      createdIds.push(...r.createdIds);
      opts.onProgress?.(Math.min(i + BATCH, values.length), values.length);
    }
    await recordAudit(tx, actor, {
      entity: "company_import",
      entityId: opts.fileName.slice(0, 200),
      action: "create",
      changes: [{ field: "import", to: { rows: values.length, created: report.created, updated: report.updated } }],
    });
  });
  if (createdIds.length > 0 && opts.link !== false) {
    // New rows join the registry's entities: a row that is an already registered business is linked to it.
    await runDedupe(db, actor);
    report.linked = await repo.linkedToOthers(db, actor.orgId, createdIds);
  }
  return report;
}
