import { type Config, loadConfig } from "../config.js";
import type { OpenedDatabase } from "../db/open.js";
import { type Actor, systemActor } from "../http/actor.js";
import { AppError } from "../http/app-error.js";
import { findOrganizationBySlug } from "../modules/organizations/index.js";
import { openRuntime } from "../runtime.js";

/** Opens the data directory (attaching to a running server's PostgreSQL if there is one), runs fn, closes. */
export async function withRuntime<T>(fn: (rt: { config: Config; database: OpenedDatabase }) => Promise<T>): Promise<T> {
  const config = loadConfig();
  const database = await openRuntime(config, (l) => console.error(l));
  try {
    return await fn({ config, database });
  } finally {
    await database.shutdown();
  }
}

export async function orgActor(database: OpenedDatabase, slug: string): Promise<Actor> {
  const org = await findOrganizationBySlug(database.db, slug);
  if (!org) throw new CliError(`組織「${slug}」はありません / no organization "${slug}"`);
  return systemActor(org.id);
}

export class CliError extends Error {}

/** CLI output of an application error: the Japanese text, then the English one, then field details. */
export function describeError(err: unknown): string {
  if (err instanceof AppError) {
    const details = err.details.map((d) => `  ${d.field}: ${d.message.ja} / ${d.message.en}`);
    return [`${err.text.ja} / ${err.text.en}`, ...details].join("\n");
  }
  return err instanceof Error ? err.message : String(err);
}
