import { fiscalYearOf, fiscalYearWareki } from "@shien/contracts";
import type { Db } from "../../../db/client.js";
import { can } from "../../../http/access.js";
import type { Actor } from "../../../http/actor.js";
import type { Text } from "../../../http/app-error.js";
import { departmentsByIds } from "../../departments/index.js";
import { supportProgramsByIds } from "../../plans/index.js";
import * as repo from "../programs.repository.js";
import { subsidyResource, syncSubsidyPrograms } from "../subsidies.programs.js";
import type { FileApplication } from "./rows.js";

/** A subsidy program an import row may name, as the importer sees it. */
export interface ImportProgram {
  /** The subsidy program's id (subsidyProgramId). */
  id: string;
  fiscalYear: number;
  code: string;
  name: string;
  departmentName: string;
  /** Whether the importer may receive its applications (staff of its 担当課, confidential wall included). */
  writable: boolean;
  rounds: repo.RoundRow[];
}

const codeKey = (code: string) => code.normalize("NFKC").trim().toUpperCase();
const fold = (s: string) => s.normalize("NFKC").toLowerCase().replace(/\s/g, "");

/**
 * The subsidy programs of the given years that the importer can see (a program behind the
 * confidential wall is as absent as a missing one), after syncing those years as the program
 * list does.
 */
export async function programsOfYears(db: Db, actor: Actor, years: readonly number[]): Promise<ImportProgram[]> {
  if (years.length === 0) return [];
  const rows = await db.transaction(async (tx) => {
    for (const year of years) await syncSubsidyPrograms(tx, actor.orgId, year);
    return (await Promise.all(years.map((y) => repo.programsOfYear(tx, actor.orgId, y)))).flat();
  });
  const [programs, departments, rounds] = await Promise.all([
    supportProgramsByIds(
      db,
      actor.orgId,
      rows.map((r) => r.programId),
    ),
    departmentsByIds(db, actor.orgId, [...new Set(rows.map((r) => r.departmentId))]),
    repo.roundsOf(
      db,
      actor.orgId,
      rows.map((r) => r.id),
    ),
  ]);
  // In the plan's order, as the program list shows them.
  const order = new Map([...programs.keys()].map((id, i) => [id, i]));
  rows.sort((a, b) => a.fiscalYear - b.fiscalYear || (order.get(a.programId) ?? 0) - (order.get(b.programId) ?? 0));
  return rows.flatMap((r) => {
    const p = programs.get(r.programId);
    if (!p) return [];
    const resource = subsidyResource(actor.orgId, r.departmentId, p);
    if (!can(actor, "support.read", resource)) return [];
    return [
      {
        id: r.id,
        fiscalYear: r.fiscalYear,
        code: p.code,
        name: p.name,
        departmentName: departments.find((d) => d.id === r.departmentId)?.name ?? "",
        writable: can(actor, "support.write", resource),
        rounds: rounds.filter((x) => x.subsidyProgramId === r.id),
      },
    ];
  });
}

/**
 * Whether the importer may receive the applications of any subsidy program of the organization
 * (any year): who may not is answered as the single entry answers them, not found.
 */
export async function mayReceiveAny(db: Db, actor: Actor): Promise<boolean> {
  const rows = await repo.programsOfOrg(db, actor.orgId);
  const programs = await supportProgramsByIds(
    db,
    actor.orgId,
    rows.map((r) => r.programId),
  );
  return rows.some((r) => {
    const p = programs.get(r.programId);
    return p !== undefined && can(actor, "support.write", subsidyResource(actor.orgId, r.departmentId, p));
  });
}

/** The years an application may belong to: the one given, else its date's and (for a round opening before April) the next. */
export function candidateYears(app: Pick<FileApplication, "fiscalYear" | "receivedOn">): number[] {
  if (app.fiscalYear !== null) return [app.fiscalYear];
  const year = fiscalYearOf(app.receivedOn);
  return [year, year + 1];
}

/** A round by its name (第1期) or its number (1, 1期, 第１回). */
export function findRound(rounds: readonly repo.RoundRow[], cell: string): repo.RoundRow | undefined {
  const byName = rounds.find((r) => fold(r.name) === fold(cell));
  if (byName) return byName;
  const n = /^第?(\d+)(期|回)?$/.exec(cell.normalize("NFKC").trim())?.[1];
  if (n === undefined) return undefined;
  const byNumber = rounds.filter((r) => {
    const numbers = r.name.normalize("NFKC").match(/\d+/g) ?? [];
    return numbers.length === 1 && Number(numbers[0]) === Number(n);
  });
  return byNumber.length === 1 ? byNumber[0] : undefined;
}

/**
 * The program an application names: its code in the first candidate year whose program has the
 * round it names (a 第1期 opening in January belongs to the year starting in April), else the
 * first year that has the code at all.
 */
export function programFor(
  programs: readonly ImportProgram[],
  app: Pick<FileApplication, "programCode" | "fiscalYear" | "receivedOn" | "round">,
): ImportProgram | undefined {
  const found = candidateYears(app).flatMap((year) =>
    programs.filter((p) => p.fiscalYear === year && codeKey(p.code) === codeKey(app.programCode)),
  );
  if (app.round !== null) {
    const withRound = found.find((p) => findRound(p.rounds, app.round as string));
    if (withRound) return withRound;
  }
  return found[0];
}

/** Why a program code was not found, with the codes the importer may use in those years. */
export function unknownProgram(
  programs: readonly ImportProgram[],
  app: Pick<FileApplication, "programCode" | "fiscalYear" | "receivedOn">,
): Text {
  const years = candidateYears(app);
  const usable = programs.filter((p) => p.writable && years.includes(p.fiscalYear));
  const list = [...new Map(usable.map((p) => [p.code, `${p.code}（${p.name}）`])).values()].join("、");
  const wareki = years.map(fiscalYearWareki).join("・");
  return {
    ja: `${wareki}の補助金に事業コード「${app.programCode}」はありません。${list ? `取り込める事業コード: ${list}` : "この年度に取り込める補助金がありません"}。事業コードか受付日（年度）を確かめてください`,
    en: `No subsidy program has the code "${app.programCode}" in fiscal ${years.join("/")}. ${usable.length > 0 ? `Codes you may import: ${[...new Set(usable.map((p) => p.code))].join(", ")}` : "There is no program you may import into in that year"}. Check the code or the date received`,
  };
}
