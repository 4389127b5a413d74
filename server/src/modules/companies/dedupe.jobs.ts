import type { DedupeJob } from "@shien/contracts";
import type { Db } from "../../db/client.js";
import { requireAccess } from "../../http/access.js";
import type { Actor } from "../../http/actor.js";
import { notFound } from "../../http/app-error.js";
import { loggableError } from "../../lib/loggable-error.js";
import * as repo from "./dedupe.jobs.repository.js";
import { runDedupe } from "./dedupe.service.js";

/**
 * Dedupe runs started from the UI. The job row lives in the database (every server process sees
 * it); the run itself is one transaction in the process that started it, which beats every few
 * seconds. A run whose process died rolls back whole, and its job, without a beat for
 * STALE_SECONDS, is reported as interrupted so that a new run can start.
 */
const JOB = { ja: "名寄せの実行", en: "The dedupe run" };
const BEAT_MS = 5_000;
const STALE_SECONDS = 60;
/** Progress is written at most this often: the run must not wait on its own progress reports. */
const PROGRESS_MS = 500;
const INTERRUPTED =
  "サーバーの停止により名寄せの実行が中断されました（変更は保存されていません）。もう一度実行してください。";
const FAILED = "名寄せの実行中に問題が発生しました。もう一度実行してください。";

function view(r: repo.DedupeJobRow): DedupeJob {
  return {
    id: r.id,
    status: r.status as DedupeJob["status"],
    phase: r.phase as DedupeJob["phase"],
    done: r.done,
    total: r.total,
    startedAt: r.startedAt.toISOString(),
    finishedAt: r.finishedAt?.toISOString() ?? null,
    result: (r.result as DedupeJob["result"]) ?? null,
    error: r.error,
  };
}

/** Where a failed run's internals go (the request's logger): the page only gets a sentence. */
export interface JobLog {
  error(obj: object, msg: string): void;
}

/** Starts a run, or returns the one already running for this organization. */
export async function startDedupeJob(db: Db, actor: Actor, log: JobLog): Promise<DedupeJob> {
  requireAccess(actor, "company.write", { orgId: actor.orgId }, JOB);
  await repo.failStale(db, actor.orgId, STALE_SECONDS, INTERRUPTED);
  const job = await repo.insertRunning(db, actor.orgId, actor.label);
  if (!job) {
    const running = await repo.runningJob(db, actor.orgId);
    if (running) return view(running);
    return startDedupeJob(db, actor, log);
  }
  let last = 0;
  let pending: Promise<void> = Promise.resolve();
  const heartbeat = setInterval(() => {
    pending = pending.then(() => repo.beat(db, job.id)).catch(() => {});
  }, BEAT_MS);
  heartbeat.unref();
  const progress = (phase: string, done: number, total: number) => {
    const now = Date.now();
    if (now - last < PROGRESS_MS && done < total) return;
    last = now;
    pending = pending.then(() => repo.beat(db, job.id, { phase, done, total })).catch(() => {});
  };
  runDedupe(db, actor, progress)
    .then(async (result) => {
      clearInterval(heartbeat);
      await pending;
      await repo.finish(db, job.id, { status: "done", result });
    })
    .catch(async (err: unknown) => {
      clearInterval(heartbeat);
      await pending;
      log.error({ err: loggableError(err), jobId: job.id }, "dedupe job failed");
      // Internals stay in the server log; the page gets a sentence it can show.
      await repo.finish(db, job.id, { status: "failed", error: FAILED }).catch(() => {});
    });
  return view(job);
}

export async function getDedupeJob(db: Db, actor: Actor, id: string): Promise<DedupeJob> {
  requireAccess(actor, "company.read", { orgId: actor.orgId }, JOB);
  await repo.failStale(db, actor.orgId, STALE_SECONDS, INTERRUPTED);
  const job = await repo.findJob(db, actor.orgId, id);
  if (!job) throw notFound(JOB);
  return view(job);
}
