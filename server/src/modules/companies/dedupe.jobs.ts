import { randomUUID } from "node:crypto";
import type { DedupeJob } from "@shien/contracts";
import type { Db } from "../../db/client.js";
import { requireAccess } from "../../http/access.js";
import type { Actor } from "../../http/actor.js";
import { notFound } from "../../http/app-error.js";
import { runDedupe } from "./dedupe.service.js";

/**
 * Dedupe runs started from the UI, kept in this server process so the page can poll their progress.
 * The run itself is one database transaction: if the process dies, nothing half-done remains and the
 * job is simply gone; a finished job is kept for an hour.
 */
const jobs = new Map<string, DedupeJob & { orgId: string }>();
const KEEP_MS = 3_600_000;

const JOB = { ja: "名寄せの実行", en: "The dedupe run" };

function forget(now: number) {
  for (const [id, job] of jobs) {
    if (job.finishedAt && now - Date.parse(job.finishedAt) > KEEP_MS) jobs.delete(id);
  }
}

const view = ({ orgId: _org, ...job }: DedupeJob & { orgId: string }): DedupeJob => ({ ...job });

/** Starts a run, or returns the one already running for this organization. */
export function startDedupeJob(db: Db, actor: Actor): DedupeJob {
  requireAccess(actor, "company.write", { orgId: actor.orgId }, JOB);
  forget(Date.now());
  const running = [...jobs.values()].find((j) => j.orgId === actor.orgId && j.status === "running");
  if (running) return view(running);
  const job: DedupeJob & { orgId: string } = {
    id: randomUUID(),
    orgId: actor.orgId,
    status: "running",
    phase: "load",
    done: 0,
    total: 0,
    startedAt: new Date().toISOString(),
    finishedAt: null,
    result: null,
    error: null,
  };
  jobs.set(job.id, job);
  runDedupe(db, actor, (phase, done, total) => Object.assign(job, { phase, done, total }))
    .then((result) => Object.assign(job, { status: "done", phase: "done", result, done: job.total }))
    .catch(() =>
      Object.assign(job, {
        status: "failed",
        // Internals stay in the server log; the page gets a sentence it can show.
        error: "名寄せの実行中に問題が発生しました。もう一度実行してください。",
      }),
    )
    .finally(() => {
      job.finishedAt = new Date().toISOString();
    });
  return view(job);
}

export function getDedupeJob(actor: Actor, id: string): DedupeJob {
  requireAccess(actor, "company.read", { orgId: actor.orgId }, JOB);
  const job = jobs.get(id);
  if (!job || job.orgId !== actor.orgId) throw notFound(JOB);
  return view(job);
}
