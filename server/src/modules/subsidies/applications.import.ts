import {
  SUBSIDY_STATUS_LABELS,
  type SubsidyImportApplication,
  type SubsidyImportReport,
  type SubsidyStatus,
} from "@shien/contracts";
import { type Db, inTransaction } from "../../db/client.js";
import { requireAccess } from "../../http/access.js";
import type { Actor } from "../../http/actor.js";
import { AppError, notFound, type Text } from "../../http/app-error.js";
import { recordAudit } from "../audit/index.js";
import { companyNames, type Match, readTable, type TextEncodingName } from "../companies/index.js";
import * as repo from "./applications.repository.js";
import { COLUMN_LABEL, COLUMNS, type Column, REQUIRED, resolveMapping } from "./import/columns.js";
import { companyFor, matchOf } from "./import/companies.js";
import { checked, type Place, placeOf } from "./import/places.js";
import {
  candidateYears,
  findRound,
  type ImportProgram,
  mayReceiveAny,
  programFor,
  programsOfYears,
  unknownProgram,
} from "./import/programs.js";
import { type FileApplication, readApplications } from "./import/rows.js";
import { SUBSIDY_PROGRAM } from "./subsidies.programs.js";
import { APPLICATION, receiveApplication } from "./subsidies.service.js";

export interface SubsidyImportOptions {
  bytes: Buffer;
  fileName: string;
  encoding?: TextEncodingName | undefined;
  /** File header → import column ("" = do not import), overriding the automatic mapping. */
  mapping?: Record<string, string> | undefined;
  /** Run every check and every write inside a transaction that is rolled back: nothing is stored. */
  dryRun: boolean;
  /** Register the businesses that match no registered one (ambiguous ones stay errors). */
  createCompanies: boolean;
  onProgress?: (done: number, total: number) => void;
}

const MAX_ERRORS = 500;
class Rollback extends Error {}

/**
 * 申請の一括取り込み: subsidy applications from a CSV (UTF-8 / BOM / CP932) or xlsx file, one row
 * per expense line, rows sharing an application_ref making one application. The rows are read, their
 * businesses matched to the registry (法人番号, else 名寄せ) and their programs and rounds found; then
 * every application goes through the very path of a hand-entered one (round, eligibility, arithmetic,
 * event, fact, audit) inside ONE transaction, a savepoint each so that every refusal is reported.
 * Any error, or a dry run, rolls the whole file back.
 */
export async function importApplications(
  db: Db,
  actor: Actor,
  opts: SubsidyImportOptions,
): Promise<SubsidyImportReport> {
  // Only people who may receive applications for some department import them at all.
  requireAccess(actor, "support.write", { orgId: actor.orgId, departmentIds: actor.departmentIds }, APPLICATION);
  const { rows, rowNumbers, encoding } = await readTable(opts.bytes, opts.fileName, opts.encoding);
  const [headers = [], ...data] = rows;
  const mapping = resolveMapping(headers, opts.mapping ?? {});
  const header = (c: Column) => headers[mapping.byField[c] ?? -1] ?? c;
  const report: SubsidyImportReport = {
    fileName: opts.fileName,
    encoding,
    rows: data.length,
    mapping: Object.fromEntries(
      Object.entries(mapping.byField).map(([field, i]) => [headers[i as number] ?? field, field]),
    ),
    ignoredColumns: mapping.ignored,
    dryRun: opts.dryRun,
    created: 0,
    companies: { matched: 0, created: 0 },
    unmatched: [],
    applications: [],
    errors: [],
  };
  const fail = (row: number, column: string, value: string, reason: Text) => {
    if (report.errors.length < MAX_ERRORS)
      report.errors.push({ row, column, value, reason: reason.ja, reasonEn: reason.en });
  };
  const failAt = (p: Place, reason: Text) => fail(p.row, header(p.column), p.value, reason);

  const targets = Object.values(opts.mapping ?? {}).filter((t) => t !== "");
  const unknownTargets = targets.filter((t) => !(COLUMNS as readonly string[]).includes(t));
  const doubled = [...new Set(targets.filter((t, i) => targets.indexOf(t) !== i))];
  const missing = REQUIRED.filter((c) => mapping.byField[c] === undefined);
  if (mapping.byField.company_name === undefined && mapping.byField.corporate_number === undefined)
    missing.push("company_name");
  if (unknownTargets.length > 0 || doubled.length > 0 || missing.length > 0) {
    const reason: Text =
      unknownTargets.length > 0
        ? {
            ja: `対応先「${unknownTargets.join("、")}」という列はありません。列名は ${COLUMNS.join(", ")} です`,
            en: `There is no column "${unknownTargets.join(", ")}"; the columns are ${COLUMNS.join(", ")}`,
          }
        : doubled.length > 0
          ? {
              ja: `列「${doubled.join("、")}」に複数の見出しが対応しています。1つにしてください`,
              en: `Several headers map to "${doubled.join(", ")}"; keep one`,
            }
          : {
              ja: `必要な列 ${missing.map((c) => `${c}（${COLUMN_LABEL[c].ja}）`).join(", ")} が見つかりません。見出しを列名にするか、対応を指定してください`,
              en: `Required columns are missing: ${missing.join(", ")}. Name the headers so, or map them`,
            };
    fail(1, "(見出し)", [...unknownTargets, ...doubled, ...missing].join(","), reason);
    return report;
  }

  // 1. Read and group the rows; find each application's program, round and business.
  const read = readApplications(data, rowNumbers.slice(1), headers, mapping);
  for (const e of read.errors) fail(e.row, e.column, e.value, { ja: e.reason, en: e.reasonEn });
  const years = [...new Set(read.applications.flatMap(candidateYears))];
  const programs = await programsOfYears(db, actor, years);
  // Someone who may receive no subsidy program's applications is answered as the single entry
  // answers them: not found (another organization, another department, the confidential wall).
  if (!programs.some((p) => p.writable) && !(await mayReceiveAny(db, actor))) throw notFound(SUBSIDY_PROGRAM);
  const matches = new Map<string, Promise<Match>>();
  const ready: { app: FileApplication; program: ImportProgram; roundId: string | null; match: Match }[] = [];
  for (const app of read.applications) {
    if (report.errors.length >= MAX_ERRORS) break;
    const first = app.rows[0] as number;
    const program = programFor(programs, app);
    const programPlace = placeOf(app, ["subsidyProgramId"]);
    if (!program) failAt(programPlace, unknownProgram(programs, app));
    else if (!program.writable)
      failAt(programPlace, {
        ja: `「${program.code} ${program.name}」の申請を受け付ける権限がありません。担当課（${program.departmentName}）の職員か管理者が取り込んでください`,
        en: `You may not receive applications for "${program.code} ${program.name}"; staff of ${program.departmentName} import them`,
      });
    const round = program && app.round !== null ? findRound(program.rounds, app.round) : undefined;
    if (program && app.round !== null && !round) {
      const names = program.rounds.map((r) => r.name);
      failAt(placeOf(app, ["roundId"]), {
        ja:
          names.length > 0
            ? `「${program.code} ${program.name}」に公募回「${app.round}」はありません。公募回: ${names.join("、")}`
            : `「${program.code} ${program.name}」には公募回が登録されていません。公募回の列を空欄にするか、補助金の画面で公募回を追加してください`,
        en:
          names.length > 0
            ? `"${program.code}" has no round "${app.round}"; its rounds: ${names.join(", ")}`
            : `"${program.code}" has no rounds; leave the round blank or add the round first`,
      });
    }
    const match = await matchOf(db, actor, app, matches);
    const companyPlace = placeOf(app, ["companyId"]);
    if (match.kind === "ambiguous") failAt(companyPlace, match.reason);
    if (match.kind === "unmatched") {
      const name = "input" in app.company ? app.company.input.name : app.company.corporateNumber;
      report.unmatched.push({ row: first, name });
      if (!("input" in app.company))
        failAt(companyPlace, {
          ja: `法人番号「${app.company.corporateNumber}」の事業者は台帳にありません。事業者名（と所在地）も入力すると新規登録して取り込めます`,
          en: `No registered business has the corporate number ${app.company.corporateNumber}; add its name (and address) to register it`,
        });
      else if (!opts.createCompanies)
        failAt(companyPlace, {
          ja: "登録済みの事業者に該当しません。事業者台帳に登録するか、事業者も新規登録する指定（--create-companies）で取り込んでください",
          en: "No registered business matches. Register it first, or import with the option to register new businesses (--create-companies)",
        });
    }
    if (
      program?.writable &&
      (app.round === null || round) &&
      match.kind !== "ambiguous" &&
      (match.kind === "matched" || (opts.createCompanies && "input" in app.company))
    )
      ready.push({ app, program, roundId: round?.id ?? null, match });
  }

  // 2. Receive every application in one transaction, each exactly as a hand-entered one.
  const created = new Map<string, string>();
  try {
    await db.transaction(async (tx) => {
      for (const [n, { app, program, roundId, match }] of ready.entries()) {
        if (report.errors.length >= MAX_ERRORS) break;
        try {
          type Outcome =
            | { refused: { place: Place; reason: Text } }
            | { row: repo.ApplicationRow; company: { id: string; name: string; created?: string } };
          const outcome = await inTransaction(tx, async (sp): Promise<Outcome> => {
            const company = await companyFor(sp, actor, app, match, created);
            const input = checked(app, {
              subsidyProgramId: program.id,
              roundId,
              companyId: company.id,
              title: app.title,
              ...(app.course === null ? {} : { course: app.course }),
              ...(app.type === null ? {} : { type: app.type }),
              taxTreatment: app.taxTreatment,
              taxIncluded: app.taxIncluded,
              lines: app.lines,
              receivedOn: app.receivedOn,
              preStartApprovedOn: app.preStartApprovedOn,
            });
            if ("place" in input) return { refused: input };
            const same = await repo.findSame(sp, actor.orgId, {
              subsidyProgramId: program.id,
              companyId: company.id,
              title: input.title,
              receivedOn: input.receivedOn,
            });
            if (same) {
              const status = SUBSIDY_STATUS_LABELS[same.status as SubsidyStatus] ?? {
                ja: same.status,
                en: same.status,
              };
              return {
                refused: {
                  place: placeOf(app, ["ref"]),
                  reason: {
                    ja: `同じ事業者・事業名・受付日の申請が既に登録されています（${status.ja}）。同じファイルを2回取り込んでいないか確かめてください`,
                    en: `An application of the same business, title and date received is already recorded (${status.en}); check that this file was not imported before`,
                  },
                },
              };
            }
            const row = await receiveApplication(sp, actor, input);
            return { row, company };
          });
          if ("refused" in outcome) {
            failAt(outcome.refused.place, outcome.refused.reason);
            continue;
          }
          // Only a business whose application committed to its savepoint is there for the next applications.
          const { row, company } = outcome;
          if (company.created) {
            created.set(company.created, company.id);
            report.companies.created++;
          }
          if (match.kind === "matched") report.companies.matched++;
          report.applications.push(summary(app, program, row, company, match, opts.dryRun));
        } catch (err) {
          if (!(err instanceof AppError)) throw err;
          const detail = err.details[0];
          const line = /^Line (\d+)\b/.exec(detail?.message.en ?? "")?.[1];
          const place = placeOf(
            app,
            [detail?.field ?? "subsidyProgramId"],
            line === undefined ? undefined : Number(line),
          );
          failAt(place, detail?.message ?? err.text);
        }
        opts.onProgress?.(n + 1, ready.length);
      }
      // The registered names (a business named only by its 法人番号 in the file).
      const names = await companyNames(
        tx,
        actor.orgId,
        report.applications.map((a) => a.company.id as string),
      );
      for (const a of report.applications) a.company.name = names.get(a.company.id as string) ?? a.company.name;
      if (report.errors.length > 0 || opts.dryRun) throw new Rollback();
      await recordAudit(tx, actor, {
        entity: "subsidy_application_import",
        entityId: opts.fileName.slice(0, 200),
        action: "create",
        changes: [
          {
            field: "import",
            to: { rows: report.rows, applications: report.applications.length, companies: report.companies },
          },
        ],
      });
    });
  } catch (err) {
    if (!(err instanceof Rollback)) throw err;
  }
  report.created = report.errors.length > 0 ? 0 : report.applications.length;
  if (report.errors.length > 0 || opts.dryRun) {
    // Rolled back: nothing the report names was stored.
    for (const a of report.applications) {
      a.applicationId = null;
      if (a.company.match === "created") a.company.id = null;
    }
  }
  report.errors.sort((a, b) => a.row - b.row);
  return report;
}

function summary(
  app: FileApplication,
  program: ImportProgram,
  row: repo.ApplicationRow,
  company: { id: string; name: string; created?: string },
  match: Match,
  dryRun: boolean,
): SubsidyImportApplication {
  return {
    ref: app.ref,
    rows: app.rows,
    company: {
      id: company.id,
      name: company.name,
      match: match.kind === "matched" ? match.by : "created",
    },
    program: { code: program.code, name: program.name },
    fiscalYear: program.fiscalYear,
    round: row.roundName,
    course: row.course,
    type: row.type,
    title: row.title,
    receivedOn: row.receivedOn,
    lines: app.lines.length,
    costYen: app.lines.reduce((sum, l) => sum + l.amountYen, 0),
    computedYen: row.computedYen,
    applicationId: dryRun ? null : row.id,
  };
}
