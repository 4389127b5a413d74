import type { Db } from "../../db/client.js";
import { requireAccess } from "../../http/access.js";
import type { Actor } from "../../http/actor.js";
import { AppError } from "../../http/app-error.js";
import { recordAudit } from "../audit/index.js";
import * as repo from "./companies.repository.js";
import { valuesOf } from "./companies.values.js";
import { readTable, type TextEncodingName } from "./import/decode.js";
import { CANONICAL_COLUMNS, resolveMapping } from "./import/mapping.js";
import { type RowError, readRow } from "./import/rows.js";

export interface ImportOptions {
  bytes: Buffer;
  fileName: string;
  encoding?: TextEncodingName | undefined;
  /** File header → canonical column, overriding the automatic mapping. */
  map?: Record<string, string> | undefined;
  dryRun: boolean;
  onProgress?: (done: number, total: number) => void;
}

export interface ImportReport {
  fileName: string;
  encoding: string;
  rows: number;
  mapping: Record<string, string>;
  ignoredColumns: string[];
  created: number;
  updated: number;
  dryRun: boolean;
  /** When not empty, nothing was imported. */
  errors: RowError[];
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
  const { rows, encoding } = await readTable(opts.bytes, opts.fileName, opts.encoding);
  const [headers = [], ...data] = rows;
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
    dryRun: opts.dryRun,
    errors: [],
  };
  if (mapping.byField.name === undefined) {
    report.errors.push({
      row: 1,
      column: "(見出し)",
      value: headers.join(","),
      reason: `事業者名の列が見つかりません。見出しを「name」「事業者名」などにするか、対応を指定してください（列名: ${CANONICAL_COLUMNS.join(", ")}）`,
    });
    return report;
  }

  const values: repo.CompanyValues[] = [];
  const seenNumbers = new Map<string, number>();
  data.forEach((cells, i) => {
    if (report.errors.length >= MAX_ERRORS) return;
    const rowNumber = i + 2;
    const { input, errors } = readRow(cells, rowNumber, headers, mapping);
    report.errors.push(...errors);
    if (!input) return;
    const cn = input.corporateNumber ?? null;
    if (cn) {
      const first = seenNumbers.get(cn);
      if (first !== undefined) {
        report.errors.push({
          row: rowNumber,
          column: headers[mapping.byField.corporate_number ?? 0] ?? "corporate_number",
          value: cn,
          reason: `法人番号がファイル内の${first}行目と重複しています。どちらか一方にしてください`,
        });
        return;
      }
      seenNumbers.set(cn, rowNumber);
    }
    try {
      values.push(valuesOf(input) as repo.CompanyValues);
    } catch (err) {
      const reason = err instanceof AppError ? err.text.ja : (err as Error).message;
      report.errors.push({ row: rowNumber, column: "", value: "", reason });
    }
  });
  if (report.errors.length > 0) return report;

  if (opts.dryRun) {
    const existing = await repo.existingCorporateNumbers(db, actor.orgId, [...seenNumbers.keys()]);
    report.updated = existing.size;
    report.created = values.length - existing.size;
    return report;
  }
  await db.transaction(async (tx) => {
    for (let i = 0; i < values.length; i += BATCH) {
      const r = await repo.upsertMany(tx, actor.orgId, values.slice(i, i + BATCH));
      report.created += r.created;
      report.updated += r.updated;
      opts.onProgress?.(Math.min(i + BATCH, values.length), values.length);
    }
    await recordAudit(tx, actor, {
      entity: "company_import",
      entityId: opts.fileName.slice(0, 200),
      action: "create",
      changes: [{ field: "import", to: { rows: values.length, created: report.created, updated: report.updated } }],
    });
  });
  return report;
}
