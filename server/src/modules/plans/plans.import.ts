import {
  type AmountLine,
  fiscalYearRange,
  type Indicator,
  type PlanFile,
  type PlanNodeFile,
  type SubProgramFile,
} from "@shien/contracts";
import type { Db, Executor } from "../../db/client.js";
import { isForeignKeyViolation } from "../../db/errors.js";
import { systemActor } from "../../http/actor.js";
import { parsePrintedAmount, parseThousandYen } from "../../lib/printed-amount.js";
import { factRangeTotal } from "../activities/index.js";
import { recordAudit } from "../audit/index.js";
import { allDepartments } from "../departments/index.js";
import { findOrganizationBySlug } from "../organizations/index.js";
import { walkTree } from "./plan-file.checks.js";
import { formatPath, loadPlanFile, PlanFileError, type PlanFileIssue } from "./plan-file.loader.js";
import * as writes from "./plans.import.repository.js";
import * as repo from "./plans.repository.js";

export interface ImportResult {
  planId: string;
  org: string;
  fiscalYear: number;
  created: boolean;
  programs: number;
  indicators: number;
  removedPrograms: number;
  warnings: PlanFileIssue[];
}

/**
 * Imports a plan file into its organization, all or nothing. Re-importing the same organization
 * and year updates the plan in place: programs keep their ids (matched by code), indicators too
 * (by category and name); nothing is duplicated.
 */
export async function importPlanText(
  db: Db,
  text: string,
  file: string,
  opts: { reviseReason?: string } = {},
): Promise<ImportResult> {
  const { plan, warnings } = loadPlanFile(text, file);
  const org = await findOrganizationBySlug(db, plan.org);
  if (!org) {
    throw new PlanFileError(file, [
      { path: "org", line: null, message: `組織「${plan.org}」がありません / no organization "${plan.org}"` },
    ]);
  }
  const departmentIds = resolveDepartments(
    plan,
    new Map((await allDepartments(db, org.id)).map((d) => [d.name, d.id])),
    file,
  );

  return db.transaction(async (tx) => {
    // An adopted plan is read-only: overwriting it from a file is a revision, with a reason on record.
    const existing = await repo.findPlanByYear(tx, org.id, plan.fiscalYear, true);
    if (existing?.status === "adopted" && !opts.reviseReason) {
      fail(
        file,
        "status",
        'この年度の計画は採択済みです。取り込んで上書きするには見直しの理由を指定してください（CLI: --revise "理由"）',
      );
    }
    // A plan opened for revision in the app may hold edits made on its screens since: a file would
    // replace them and close the revision, so that too needs a reason on record.
    if (existing?.status === "draft" && existing.revision > 0 && !opts.reviseReason) {
      fail(
        file,
        "status",
        "この年度の計画は画面で見直し中です。取り込むと画面での変更がファイルの内容で置き換わります。" +
          '上書きする場合は理由を指定してください（CLI: --revise "理由"）',
      );
    }
    const { plan: row, created } = await repo.upsertPlan(tx, {
      orgId: org.id,
      fiscalYear: plan.fiscalYear,
      title: plan.title,
      status: plan.status,
      source: plan.source,
      notes: plan.notes,
      statedFigures: plan.statedFigures,
    });
    if (existing && opts.reviseReason) {
      const revision = existing.revision + 1;
      await repo.setPlanStatus(tx, org.id, row.id, plan.status, revision);
      await repo.insertRevision(tx, {
        orgId: org.id,
        planId: row.id,
        revision,
        reason: opts.reviseReason,
        actorLabel: "system (plan import)",
      });
    }
    await writes.clearReplaceableParts(tx, org.id, row.id);
    const ctx: WriteContext = {
      tx,
      orgId: org.id,
      planId: row.id,
      file,
      position: 0,
      codeToId: new Map(),
      codeToPath: new Map(),
      indicatorIds: [],
    };
    for (const [i, node] of plan.tree.entries()) await writePrograms(ctx, node, ["tree", i]);
    let nodePosition = 0;
    const writeNodes = async (nodes: PlanNodeFile[], parentId: string | null): Promise<void> => {
      for (const node of nodes) {
        const base = { orgId: org.id, planId: row.id, parentId, position: nodePosition++ };
        if ("group" in node) {
          const { numbering, title, notes = [] } = node.group;
          const id = await writes.insertNode(tx, { ...base, kind: "group", numbering, title, notes });
          await writeNodes(node.group.children, id);
        } else if ("program" in node) {
          const programId = ctx.codeToId.get(node.program.code) as string;
          await writes.insertNode(tx, { ...base, kind: "program", numbering: node.program.numbering, programId });
          await writes.insertDepartmentLinks(
            tx,
            node.program.departments.map((name, position) => ({
              orgId: org.id,
              programId,
              departmentId: departmentIds.get(name) as string,
              position,
            })),
          );
        } else {
          const programId = ctx.codeToId.get(node.reference.code);
          if (!programId) fail(file, "tree", `再掲の参照先 ${node.reference.code} がありません`);
          await writes.insertNode(tx, {
            ...base,
            kind: "reference",
            numbering: node.reference.numbering,
            title: node.reference.label ?? null,
            programId,
          });
        }
      }
    };
    await writeNodes(plan.tree, null);
    const programIds = [...ctx.codeToId.values()];
    await refuseDroppingRecordedIndicators(ctx, plan.fiscalYear, programIds);
    await writes.deleteIndicatorsExcept(tx, org.id, programIds, ctx.indicatorIds);
    const removedPrograms = await writes.deleteProgramsExcept(tx, org.id, row.id, programIds).catch((err) => {
      // Support records, dispatch frames … point at programs: a program with a history stays.
      if (isForeignKeyViolation(err))
        fail(file, "tree", "削除しようとした事業に支援記録や派遣枠があります。事業コードを変えずに残してください");
      throw err;
    });
    await writeStatements(tx, org.id, row.id, plan, file);
    await recordAudit(tx, systemActor(org.id, "plan import"), {
      entity: "plan",
      entityId: row.id,
      action: created ? "create" : "update",
      changes: [
        {
          field: "import",
          to: {
            file: file.split(/[\\/]/).pop(),
            programs: programIds.length,
            indicators: ctx.indicatorIds.length,
            removedPrograms,
          },
        },
      ],
    });
    let topLevel = 0;
    walkTree(plan.tree, [], (_p, path) => {
      if (path.at(-1) === "program") topLevel++;
    });
    return {
      planId: row.id,
      org: plan.org,
      fiscalYear: plan.fiscalYear,
      created,
      programs: topLevel,
      indicators: ctx.indicatorIds.length,
      removedPrograms,
      warnings,
    };
  });
}

type YamlPath = (string | number)[];

interface WriteContext {
  tx: Executor;
  orgId: string;
  planId: string;
  file: string;
  position: number;
  codeToId: Map<string, string>;
  codeToPath: Map<string, YamlPath>;
  indicatorIds: string[];
}

function fail(file: string, path: string, message: string): never {
  throw new PlanFileError(file, [{ path, line: null, message }]);
}

const CATEGORY_LABEL: Record<string, string> = { priority: "重点", activity: "活動", reference: "参考" };

/**
 * Indicators are matched by program, category and name, so renaming one in the file reads as
 * "drop the old, add a new one". Monthly figures entered by hand (手入力の実績) are facts pointing at
 * the old indicator's id: dropping it would lose them silently. Like a program with support records,
 * such an indicator stays; the facts belong to the activities module, so it is asked, not read.
 */
async function refuseDroppingRecordedIndicators(ctx: WriteContext, fiscalYear: number, programIds: string[]) {
  const stale = await writes.indicatorsExcept(ctx.tx, ctx.orgId, programIds, ctx.indicatorIds);
  const codeOf = new Map([...ctx.codeToId].map(([code, id]) => [id, code]));
  const errors: PlanFileIssue[] = [];
  for (const indicator of stale) {
    const figures = await factRangeTotal(
      ctx.tx,
      ctx.orgId,
      fiscalYear,
      fiscalYearRange(fiscalYear),
      { programIds: [indicator.programId], types: ["manual_figure"], attributes: { indicatorId: [indicator.id] } },
      "facts",
    );
    if (figures === 0) continue;
    const code = codeOf.get(indicator.programId) ?? "";
    errors.push({
      path: formatPath([...(ctx.codeToPath.get(code) ?? ["tree"]), "indicators"]),
      line: null,
      message:
        `事業 ${code} の指標「${indicator.name}」（${CATEGORY_LABEL[indicator.category] ?? indicator.category}）には記録済みの実績が ${figures} 件あり、` +
        "ファイルにこの区分・名前の指標がないため、取り込むと実績が失われます。ファイルの指標名と区分を元に戻してください。" +
        "名前を変えるときは、計画を見直し中にして画面で指標名を変更（実績は引き継がれます）してから、ファイルも同じ名前にして取り込んでください",
    });
  }
  if (errors.length > 0) throw new PlanFileError(ctx.file, errors);
}

function resolveDepartments(plan: PlanFile, byName: Map<string, string>, file: string): Map<string, string> {
  const errors: PlanFileIssue[] = [];
  walkTree(plan.tree, ["tree"], (p, path) => {
    const names = (p as { departments?: string[] }).departments ?? [];
    names.forEach((name, i) => {
      if (!byName.has(name)) {
        errors.push({
          path: formatPath([...path, "departments", i]),
          line: null,
          message: `部署「${name}」は組織「${plan.org}」にありません。部署名を直すか、先に部署を作成してください`,
        });
      }
    });
  });
  if (errors.length > 0) throw new PlanFileError(file, errors);
  return byName;
}

/** Restructuring cases (事業再生) of 中小企業活性化協議会 are confidential unless the plan says otherwise. */
const CONFIDENTIAL_BY_DEFAULT = /活性化協議会/;

/** `at` is the node's YAML path, so that an error names the field as the file has it. */
async function writePrograms(ctx: WriteContext, node: PlanNodeFile, at: YamlPath): Promise<void> {
  if ("group" in node) {
    for (const [i, child] of node.group.children.entries()) {
      await writePrograms(ctx, child, [...at, "group", "children", i]);
    }
  } else if ("program" in node) {
    const { status, agencies, departments } = node.program;
    const confidential = node.program.confidential ?? departments.some((d) => CONFIDENTIAL_BY_DEFAULT.test(d));
    await writeProgram(ctx, node.program, [...at, "program"], null, { status, agencies, confidential });
  }
}

async function writeProgram(
  ctx: WriteContext,
  p: SubProgramFile,
  at: YamlPath,
  parentId: string | null,
  top: { status: string | null; agencies: string[]; confidential: boolean },
): Promise<void> {
  const id = await writes.upsertProgram(ctx.tx, {
    orgId: ctx.orgId,
    planId: ctx.planId,
    parentId,
    position: ctx.position++,
    code: p.code,
    numbering: p.numbering,
    name: p.name,
    status: top.status,
    kinds: p.kinds,
    purpose: p.purpose ?? null,
    summary: p.summary ?? null,
    points: p.points,
    activities: p.activities,
    agencies: top.agencies,
    confidential: top.confidential,
    outputs: p.outputs,
    terms: p.terms ?? null,
    notes: p.notes,
  });
  if (ctx.codeToId.has(p.code)) fail(ctx.file, "tree", `事業コード ${p.code} が重複しています`);
  ctx.codeToId.set(p.code, id);
  ctx.codeToPath.set(p.code, at);
  await writes.insertAmountLines(
    ctx.tx,
    p.amounts.map((a, position) => amountRow(ctx, id, a, position, [...at, "amounts", position])),
  );
  for (const [position, indicator] of p.indicators.entries()) {
    ctx.indicatorIds.push(await writes.upsertIndicator(ctx.tx, indicatorRow(ctx, id, indicator, position)));
  }
  // Sub-programs inherit confidentiality; status and agencies belong to the top program only.
  const inherited = { status: null, agencies: [], confidential: top.confidential };
  for (const [i, sub] of p.subPrograms.entries()) {
    await writeProgram(ctx, sub, [...at, "subPrograms", i], id, inherited);
  }
}

function amountRow(ctx: WriteContext, programId: string, a: AmountLine, position: number, at: YamlPath) {
  const read = (printed: string | undefined, field: string) => {
    if (printed === undefined) return undefined;
    try {
      return parsePrintedAmount(printed);
    } catch (err) {
      // The file check (checkPlanStructure) refuses such an amount first; this is the last guard.
      fail(ctx.file, formatPath([...at, field]), (err as Error).message);
    }
  };
  const cur = read(a.amount, "amount") as { yen: number; approximate: boolean };
  const prev = read(a.previous, "previous");
  const diff = read(a.difference, "difference");
  return {
    orgId: ctx.orgId,
    programId,
    position,
    label: a.label,
    yen: cur.yen,
    approximate: cur.approximate,
    previousYen: prev?.yen ?? null,
    previousApproximate: prev?.approximate ?? false,
    differenceYen: diff?.yen ?? null,
    differenceApproximate: diff?.approximate ?? false,
    fundingSources: a.fundingSources,
    payer: a.payer ?? null,
    asOf: a.asOf ?? null,
    countsTowardBudget: a.countsTowardBudget,
    note: a.note ?? null,
  };
}

function indicatorRow(ctx: WriteContext, programId: string, i: Indicator, position: number) {
  return {
    orgId: ctx.orgId,
    programId,
    position,
    category: i.category,
    name: i.name,
    unit: i.unit,
    target: i.target === null ? null : String(i.target),
    targetText: i.targetText ?? null,
    breakdown: i.breakdown ?? null,
    previous: i.previous ?? null,
    note: i.note ?? null,
    metric: i.metric ?? null,
  };
}

async function writeStatements(tx: Executor, orgId: string, planId: string, plan: PlanFile, file: string) {
  if (plan.budgetStatement) {
    const lines = plan.budgetStatement.lines.map((l, position) => {
      const num = (v: string, field: string) => {
        try {
          return parseThousandYen(v).yen;
        } catch (err) {
          fail(file, `budgetStatement.lines[${position}].${field}`, (err as Error).message);
        }
      };
      return {
        orgId,
        planId,
        position,
        label: l.label,
        indent: l.indent,
        currentYen: num(l.current, "current"),
        previousYen: num(l.previous, "previous"),
        differenceYen: num(l.difference, "difference"),
        marker: l.marker ?? null,
        formula: l.formula ?? null,
      };
    });
    await writes.insertBudget(
      tx,
      { orgId, planId, title: plan.budgetStatement.title, explanations: plan.budgetStatement.explanations },
      lines,
    );
  }
  await writes.insertInitiatives(
    tx,
    plan.initiatives.map((i, position) => ({
      orgId,
      planId,
      position,
      guideline: i.guideline,
      policy: i.policy,
      results: i.results,
      planItems: i.plan,
    })),
  );
}
