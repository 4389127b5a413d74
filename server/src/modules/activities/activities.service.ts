import {
  FACT_ATTRIBUTE_SCHEMAS,
  type FactAttributes,
  type FactSource,
  type FactType,
  fiscalYearOf,
  fiscalYearWareki,
} from "@shien/contracts";
import type { Executor } from "../../db/client.js";
import type { Actor } from "../../http/actor.js";
import { invalidField } from "../../http/app-error.js";
import type { SupportProgram } from "../plans/index.js";
import * as repo from "./activities.repository.js";

/** One fact as a module describes it; `recordFact` and `syncFacts` turn it into a row. */
export interface FactInput<T extends FactType = FactType> {
  type: T;
  program: SupportProgram;
  departmentId: string;
  companyId: string | null;
  personName?: string | null;
  occurredOn: string;
  outcome?: string | null;
  quantity?: number;
  amountYen?: number | null;
  attributes: FactAttributes<T>;
}

export interface FactSourceRef {
  module: FactSource;
  id: string | null;
  /** The field of the module's own input that the fact's date came from, for error messages. */
  dateField?: string;
}

function toRow(actor: Actor, source: FactSourceRef, f: FactInput): repo.NewFact {
  const schema = FACT_ATTRIBUTE_SCHEMAS[f.type];
  const parsed = schema.safeParse(f.attributes);
  // A module writing attributes its type does not declare is a programming error, not bad input.
  if (!parsed.success) throw new Error(`fact ${f.type}: invalid attributes: ${parsed.error.message}`);
  const fiscalYear = fiscalYearOf(f.occurredOn);
  if (fiscalYear !== f.program.fiscalYear) {
    throw invalidField(source.dateField ?? "occurredOn", {
      ja: `${f.occurredOn} は${fiscalYearWareki(fiscalYear)}の日付です。${fiscalYearWareki(f.program.fiscalYear)}の事業「${f.program.label}」には記録できません。日付か、その年度の事業を選び直してください`,
      en: `${f.occurredOn} falls in fiscal ${fiscalYear}; it cannot be recorded against "${f.program.label}" of fiscal ${f.program.fiscalYear}. Change the date or choose that year's program`,
    });
  }
  if (f.companyId === null && !f.personName && f.type !== "manual_figure") {
    throw invalidField("companyId", {
      ja: "事業者か相談者名を入力してください",
      en: "Choose a business or enter the person's name",
    });
  }
  return {
    orgId: actor.orgId,
    fiscalYear,
    programId: f.program.id,
    departmentId: f.departmentId,
    companyId: f.companyId,
    personName: f.personName ?? null,
    occurredOn: f.occurredOn,
    type: f.type,
    outcome: f.outcome ?? null,
    quantity: f.quantity ?? 1,
    amountYen: f.amountYen ?? null,
    attributes: parsed.data,
    sourceModule: source.module,
    sourceId: source.id,
    recordedBy: actor.userId,
    recordedByLabel: actor.label,
    // The program decides: a fact of a confidential program is confidential, whoever wrote it.
    confidential: f.program.confidential,
  };
}

/**
 * Appends facts inside the caller's transaction, so a record and the facts it implies commit or
 * roll back together. Every module writes its facts through here (or `syncFacts`).
 */
export async function recordFact(
  tx: Executor,
  actor: Actor,
  source: FactSourceRef,
  facts: FactInput | FactInput[],
): Promise<repo.FactRow[]> {
  const list = Array.isArray(facts) ? facts : [facts];
  return repo.insertFacts(
    tx,
    list.map((f) => toRow(actor, source, f)),
  );
}

/** What makes two facts the same: everything but who wrote them and when. */
function identity(r: repo.NewFact | repo.FactRow): string {
  return JSON.stringify([
    r.type,
    r.programId,
    r.departmentId,
    r.companyId,
    r.personName ?? null,
    r.occurredOn,
    r.outcome ?? null,
    r.quantity ?? 1,
    r.amountYen ?? null,
    sortKeys(r.attributes),
    r.confidential ?? false,
  ]);
}

function sortKeys(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(sortKeys);
  if (v && typeof v === "object")
    return Object.fromEntries(
      Object.entries(v as Record<string, unknown>)
        .sort(([a], [b]) => (a < b ? -1 : 1))
        .map(([k, x]) => [k, sortKeys(x)]),
    );
  return v;
}

/**
 * Makes a record's live facts equal to `desired`: facts that still hold stay untouched, the others
 * are voided (with the reason) and the missing ones written. A voided fact points at the new fact
 * of the same type that replaced it. This is how an edit corrects the fact stream.
 */
export async function syncFacts(
  tx: Executor,
  actor: Actor,
  source: FactSourceRef & { id: string },
  desired: FactInput[],
  reason: string,
): Promise<{ written: repo.FactRow[]; voided: string[] }> {
  const live = await repo.liveFactsOf(tx, actor.orgId, source.module, source.id);
  const wanted = desired.map((f) => toRow(actor, source, f));
  const liveLeft = [...live];
  const toWrite: repo.NewFact[] = [];
  for (const w of wanted) {
    const i = liveLeft.findIndex((l) => identity(l) === identity(w));
    if (i >= 0) liveLeft.splice(i, 1);
    else toWrite.push(w);
  }
  const written = await repo.insertFacts(tx, toWrite);
  for (const old of liveLeft) {
    const replacement = written.find((n) => n.type === old.type);
    await repo.voidFact(tx, actor.orgId, old.id, {
      byLabel: actor.label,
      reason,
      replacedBy: replacement?.id ?? null,
    });
  }
  return { written, voided: liveLeft.map((l) => l.id) };
}

/** Voids every live fact of a record (the record was cancelled or withdrawn). */
export function voidFactsOf(
  tx: Executor,
  actor: Actor,
  source: FactSourceRef & { id: string },
  reason: string,
): Promise<{ written: repo.FactRow[]; voided: string[] }> {
  return syncFacts(tx, actor, source, [], reason);
}
