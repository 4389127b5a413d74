import {
  type Rubric,
  rubricSchema,
  SUBSIDY_STATUS_LABELS,
  type SubsidyProgram,
  type SubsidyReviewInput,
  type SubsidyStatus,
  type subsidyRankingSchema,
  type subsidyReviewListSchema,
} from "@shien/contracts";
import { z } from "zod";
import type { Db, Executor } from "../../db/client.js";
import { requireAccess } from "../../http/access.js";
import type { Actor } from "../../http/actor.js";
import { AppError, conflict, invalidField, type LocalizedFieldError } from "../../http/app-error.js";
import { logConfidentialRead } from "../activities/index.js";
import { diffFields, maskIfConfidential, recordAudit } from "../audit/index.js";
import { companyNames } from "../companies/index.js";
import { userRefs } from "../users/index.js";
import * as programs from "./programs.repository.js";
import * as repo from "./reviews.repository.js";
import { getSubsidyProgram, SUBSIDY_PROGRAM, visibleProgram } from "./subsidies.programs.js";
import { APPLICATION, visibleApplication } from "./subsidies.service.js";

/**
 * 審査: a program's rubric (評価項目 with their maximum points), the reviewers' score sheets and the
 * ranking the 採択 decision reads.
 *
 * - The rubric is the 担当課 managers' (support.configure). Once a sheet has been scored for any
 *   application of the program it is frozen: changing the criteria half-way would leave sheets
 *   scored on different scales, whose totals can no longer be averaged or ranked together. Sheets
 *   that only declare a conflict of interest score nothing, so they do not freeze it.
 * - A sheet is the signed-in reviewer's own, one per application (a second submission replaces
 *   the first). Who may review: anyone who may record for the program's 担当課 (support.write:
 *   its managers and staff, and admins). The staff member who entered the application is not
 *   excluded; a reviewer who is involved declares the conflict instead.
 * - Sheets are written only while the application is 形式審査済み (checked): before the formal check
 *   there is nothing to review, and after 採択/不採択 the scores are the decision's record.
 * - The committee shares its sheets: everyone who may read the application reads them.
 */

export type ReviewList = z.infer<typeof subsidyReviewListSchema>;
export type Ranking = z.infer<typeof subsidyRankingSchema>;

const REVIEWABLE: SubsidyStatus = "checked";
/** Statuses of applications that went through (or are in) review and are still in the running. */
export const RANKED_STATUSES: readonly SubsidyStatus[] = [
  "checked",
  "adopted",
  "rejected",
  "decided",
  "reported",
  "confirmed",
  "claimed",
  "paid",
];
/** Still to be decided: their amounts are not yet in the frame's committed figure. */
const PENDING: ReadonlySet<string> = new Set(["checked", "adopted"]);
/** Decided (and later): their amounts are already committed in the frame. */
const COMMITTED: ReadonlySet<string> = new Set(["decided", "reported", "confirmed", "claimed", "paid"]);

const parseRubric = (value: unknown): Rubric | null => (value === null ? null : rubricSchema.parse(value));
const scoresSchema = z.record(z.string(), z.number().int());

/**
 * The mean of some totals to 2 decimals, half up, in integer arithmetic (so 85.125 gives 85.13 and
 * never 85.12 through a binary fraction); null for none.
 */
export function averageOf(totals: readonly number[]): number | null {
  if (totals.length === 0) return null;
  const sum = totals.reduce((a, b) => a + b, 0);
  const n = totals.length;
  return Math.floor((2 * 100 * sum + n) / (2 * n)) / 100;
}

// ---------------------------------------------------------------------------------------------
// Rubric

/** Codes must be unique: a sheet's scores are keyed by them. */
function duplicateCodes(rubric: Rubric): LocalizedFieldError[] {
  const seen = new Map<string, number>();
  const duplicates: LocalizedFieldError[] = [];
  rubric.forEach((c, i) => {
    const first = seen.get(c.code);
    if (first === undefined) seen.set(c.code, i);
    else {
      duplicates.push({
        field: `${i}.code`,
        message: {
          ja: `評価項目のコード「${c.code}」が${first + 1}行目と重複しています。別のコードにしてください`,
          en: `The criterion code "${c.code}" repeats row ${first + 1}; use another code`,
        },
      });
    }
  });
  return duplicates;
}

/**
 * A manager of the 担当課 sets the program's rubric; refused once a sheet has been scored on it
 * (sending the rubric it already has is no change and always accepted).
 */
export async function setRubric(db: Db, actor: Actor, id: string, rubric: Rubric): Promise<SubsidyProgram> {
  await db.transaction(async (tx) => {
    // The program row FOR UPDATE: a sheet being scored holds it FOR SHARE, so the two queue.
    const { row, resource } = await visibleProgram(tx, actor, id, true);
    requireAccess(actor, "support.configure", resource, SUBSIDY_PROGRAM);
    const duplicates = duplicateCodes(rubric);
    if (duplicates.length > 0) {
      throw new AppError(
        "VALIDATION_FAILED",
        { ja: "入力内容に誤りがあります。", en: "Some fields are invalid." },
        duplicates,
      );
    }
    const before = parseRubric(row.rubric);
    if (JSON.stringify(before) === JSON.stringify(rubric)) return;
    const scored = await repo.scoredSheetsOfProgram(tx, actor.orgId, row.id);
    if (scored > 0) {
      throw conflict("rubric", {
        ja: `この補助金の申請には採点済みの審査票が${scored}件あるため、評価項目は変更できません。採点の途中で評価項目を変えると審査票ごとに基準が異なり、平均点と順位を比べられなくなります（利害関係の申告だけの審査票は数えません）`,
        en: `${scored} score sheet(s) have already been scored for this program's applications, so the rubric cannot change: sheets scored on different criteria could no longer be averaged or ranked together (sheets that only declare a conflict of interest do not count)`,
      });
    }
    await repo.setRubric(tx, actor.orgId, row.id, rubric);
    await recordAudit(tx, actor, {
      entity: "subsidy_program",
      entityId: row.id,
      action: "update",
      changes: diffFields(
        { rubric: before === null ? null : JSON.stringify(before) },
        { rubric: JSON.stringify(rubric) },
      ),
    });
  });
  return getSubsidyProgram(db, actor, id);
}

// ---------------------------------------------------------------------------------------------
// Score sheets

async function toList(db: Executor, orgId: string, rows: repo.ReviewRow[]): Promise<ReviewList> {
  const users = new Map(
    (
      await userRefs(
        db,
        orgId,
        rows.map((r) => r.reviewerId),
      )
    ).map((u) => [u.id, u.displayName]),
  );
  return {
    items: rows.map((r) => ({
      reviewer: { id: r.reviewerId, name: users.get(r.reviewerId) || r.reviewerLabel },
      conflict: r.conflict,
      conflictNote: r.conflictNote,
      scores: scoresSchema.parse(r.scores),
      total: r.total,
      comment: r.comment,
      submittedAt: r.submittedAt.toISOString(),
    })),
    average: averageOf(rows.flatMap((r) => (r.conflict || r.total === null ? [] : [r.total]))),
  };
}

/** The application's sheets and their average (conflicts left out); whoever may read the application. */
export async function listReviews(db: Db, actor: Actor, applicationId: string): Promise<ReviewList> {
  const { row } = await visibleApplication(db, actor, applicationId);
  if (row.confidential) await logConfidentialRead(db, actor, "subsidy_application", row.id, [row.id]);
  return toList(db, actor.orgId, await repo.reviewsOf(db, actor.orgId, row.id));
}

/** The scores against the rubric: every criterion scored within its maximum, nothing else. */
function checkScores(rubric: Rubric, scores: Record<string, number>): LocalizedFieldError[] {
  const errors: LocalizedFieldError[] = [];
  const known = new Set(rubric.map((c) => c.code));
  for (const c of rubric) {
    const points = scores[c.code];
    if (points === undefined) {
      errors.push({
        field: `scores.${c.code}`,
        message: { ja: `「${c.label}」の点数を入力してください`, en: `Score "${c.label}"` },
      });
    } else if (points < 0 || points > c.maxPoints) {
      errors.push({
        field: `scores.${c.code}`,
        message: {
          ja: `「${c.label}」は0〜${c.maxPoints}点で採点してください（${points}点）`,
          en: `"${c.label}" is scored 0 to ${c.maxPoints} (got ${points})`,
        },
      });
    }
  }
  for (const code of Object.keys(scores)) {
    if (known.has(code)) continue;
    errors.push({
      field: `scores.${code}`,
      message: {
        ja: `「${code}」は評価項目にありません。評価項目を確認してください`,
        en: `"${code}" is not a criterion of the rubric`,
      },
    });
  }
  return errors;
}

/**
 * The signed-in reviewer's sheet for an application (created or replaced). Without a conflict
 * every criterion is scored and the total is their sum; with one, nothing is scored and the note
 * says why. The application row is locked (a concurrent 採択 waits) and the program row held FOR
 * SHARE (a rubric change waits).
 */
export async function saveReview(
  db: Db,
  actor: Actor,
  applicationId: string,
  input: SubsidyReviewInput,
): Promise<ReviewList> {
  if (!actor.userId) {
    throw invalidField("reviewer", {
      ja: "審査票は審査する職員本人がログインして入力してください",
      en: "A score sheet is entered by the signed-in reviewer",
    });
  }
  const reviewerId = actor.userId;
  const conflictNote = input.conflictNote?.trim() || null;
  const comment = input.comment?.trim() || null;
  if (input.conflict) {
    const errors: LocalizedFieldError[] = [];
    if (!conflictNote) {
      errors.push({
        field: "conflictNote",
        message: {
          ja: "利害関係の内容（申請者との関係など）を入力してください",
          en: "Describe the conflict of interest (your relation to the applicant)",
        },
      });
    }
    if (Object.keys(input.scores).length > 0) {
      errors.push({
        field: "scores",
        message: {
          ja: "利害関係がある場合は採点しません。点数を空にしてください",
          en: "A reviewer with a conflict of interest scores nothing; leave the scores empty",
        },
      });
    }
    if (errors.length > 0) {
      throw new AppError(
        "VALIDATION_FAILED",
        { ja: "入力内容に誤りがあります。", en: "Some fields are invalid." },
        errors,
      );
    }
  }
  await db.transaction(async (tx) => {
    const { row, resource } = await visibleApplication(tx, actor, applicationId, true);
    requireAccess(actor, "support.write", resource, APPLICATION);
    if (row.status !== REVIEWABLE) {
      const label = SUBSIDY_STATUS_LABELS[row.status as SubsidyStatus] ?? { ja: row.status, en: row.status };
      throw conflict("status", {
        ja: `この申請は「${label.ja}」です。審査票は形式審査済みの申請にだけ入力できます`,
        en: `This application is "${label.en}"; score sheets are entered only while it is formally checked`,
      });
    }
    const program = await repo.programRubric(tx, actor.orgId, row.subsidyProgramId, true);
    const rubric = parseRubric(program?.rubric ?? null);
    let total: number | null = null;
    if (!input.conflict) {
      if (!rubric) {
        throw conflict("scores", {
          ja: "この補助金には評価項目が設定されていません。担当課の管理者が評価項目を設定してから採点してください",
          en: "This program has no rubric yet; a manager of its department sets one before scoring",
        });
      }
      const errors = checkScores(rubric, input.scores);
      if (errors.length > 0) {
        throw new AppError(
          "VALIDATION_FAILED",
          { ja: "入力内容に誤りがあります。", en: "Some fields are invalid." },
          errors,
        );
      }
      total = rubric.reduce((sum, c) => sum + (input.scores[c.code] ?? 0), 0);
    }
    const before = await repo.findReview(tx, actor.orgId, row.id, reviewerId);
    const scores = input.conflict ? {} : Object.fromEntries(rubric?.map((c) => [c.code, input.scores[c.code]]) ?? []);
    const saved = await repo.upsertReview(tx, {
      orgId: actor.orgId,
      applicationId: row.id,
      reviewerId,
      reviewerLabel: actor.label,
      conflict: input.conflict,
      conflictNote: input.conflict ? conflictNote : null,
      scores,
      total,
      comment,
    });
    const snapshot = (r: repo.ReviewRow | undefined) =>
      r && {
        applicationId: r.applicationId,
        reviewerId: r.reviewerId,
        conflict: r.conflict,
        conflictNote: r.conflictNote,
        // jsonb keeps its own key order: the audit writes the codes sorted, so equal sheets compare equal.
        scores: JSON.stringify(
          Object.fromEntries(Object.entries(scoresSchema.parse(r.scores)).sort(([a], [b]) => a.localeCompare(b))),
        ),
        total: r.total,
        comment: r.comment,
      };
    await recordAudit(tx, actor, {
      entity: "subsidy_review",
      entityId: saved.id,
      action: before ? "update" : "create",
      // A score sheet is part of its application's case: confidential with it.
      changes: maskIfConfidential(row.confidential, diffFields(snapshot(before), snapshot(saved))),
    });
  });
  return toList(db, actor.orgId, await repo.reviewsOf(db, actor.orgId, applicationId));
}

// ---------------------------------------------------------------------------------------------
// Ranking

/**
 * The ranking for the 採択 decision: the program's (or one round's) applications that went through
 * review — checked, adopted, rejected and those decided since; withdrawn and cancelled ones are out
 * of the running — by average score (highest first; unscored last), ties by 受付日 then id.
 * Applications with the same average share a rank (1, 2, 2, 4); the unscored share the last one.
 *
 * The frame: the round's own frame when a round is asked for and has one, else the program's
 * whole-year frame (asked for the whole program, every application is held against the
 * whole-year frame, even those of a round with its own). Its remaining budget already excludes
 * what has been decided, so:
 * - cumulativeYen runs over the applications still to be decided (checked, adopted) in rank
 *   order, each adding its computed amount whether or not it fits (a strict cut-off line);
 *   decided and rejected rows carry the running total unchanged;
 * - fitsFrame: pending rows, cumulativeYen ≤ the frame's remaining budget at the time of the
 *   request; decided rows (and later) true, their amount is committed already; rejected rows false.
 */
export async function ranking(db: Db, actor: Actor, id: string, roundId: string | undefined): Promise<Ranking> {
  const { row: sp, program } = await visibleProgram(db, actor, id);
  if (roundId !== undefined) {
    const round = await programs.findRound(db, actor.orgId, roundId);
    if (!round || round.subsidyProgramId !== sp.id) {
      throw invalidField("roundId", {
        ja: "この補助金の公募回ではありません。公募回を選び直してください",
        en: "That round is not one of this program's; pick it again",
      });
    }
  }
  const rows = await repo.applicationsForRanking(db, actor.orgId, sp.id, roundId, RANKED_STATUSES);
  const [totals, names, frame] = await Promise.all([
    repo.scoredTotals(
      db,
      actor.orgId,
      rows.map((r) => r.id),
    ),
    companyNames(
      db,
      actor.orgId,
      rows.map((r) => r.companyId),
    ),
    (async () =>
      (roundId === undefined ? undefined : await programs.findFrame(db, actor.orgId, sp.id, roundId)) ??
      (await programs.findFrame(db, actor.orgId, sp.id, null)))(),
  ]);
  if (program.confidential && rows.length > 0) {
    await logConfidentialRead(
      db,
      actor,
      "subsidy_ranking",
      sp.id,
      rows.map((r) => r.id),
    );
  }
  const byApp = new Map<string, number[]>();
  for (const t of totals) byApp.set(t.applicationId, [...(byApp.get(t.applicationId) ?? []), t.total]);
  const scored = rows.map((r) => ({
    ...r,
    average: averageOf(byApp.get(r.id) ?? []),
    reviews: byApp.get(r.id)?.length ?? 0,
  }));
  scored.sort(
    (a, b) =>
      (a.average === null ? 1 : 0) - (b.average === null ? 1 : 0) ||
      (b.average ?? 0) - (a.average ?? 0) ||
      a.receivedOn.localeCompare(b.receivedOn) ||
      a.id.localeCompare(b.id),
  );
  const remaining = frame ? frame.budgetYen - frame.committedYen : 0;
  let cumulativeYen = 0;
  let rank = 0;
  const items = scored.map((r, i) => {
    if (i === 0 || scored[i - 1]?.average !== r.average) rank = i + 1;
    if (PENDING.has(r.status)) cumulativeYen += r.computedYen;
    const fitsFrame = PENDING.has(r.status) ? cumulativeYen <= remaining : COMMITTED.has(r.status);
    return {
      rank,
      applicationId: r.id,
      company: names.get(r.companyId) ?? "",
      title: r.title,
      status: r.status as SubsidyStatus,
      computedYen: r.computedYen,
      average: r.average,
      reviews: r.reviews,
      cumulativeYen,
      fitsFrame,
    };
  });
  return { items };
}
