import {
  DEFAULT_AGENCIES,
  DEFAULT_TOPICS,
  VOCAB_KINDS,
  type VocabItem,
  type VocabKind,
  type vocabInputSchema,
  type vocabUpdateSchema,
} from "@shien/contracts";
import type { z } from "zod";
import type { Db, Executor } from "../../db/client.js";
import { isUniqueViolation } from "../../db/errors.js";
import { requireAccess } from "../../http/access.js";
import type { Actor } from "../../http/actor.js";
import { conflict, notFound } from "../../http/app-error.js";
import { diffFields, recordAudit } from "../audit/index.js";
import * as repo from "./vocab.repository.js";

const VOCAB = { ja: "選択肢", en: "The list entry" };
const DEFAULTS: Record<VocabKind, readonly string[]> = { topic: DEFAULT_TOPICS, agency: DEFAULT_AGENCIES };
const KIND_LABEL: Record<VocabKind, string> = { topic: "相談分野", agency: "連携先機関" };

function toDto(r: repo.VocabRow): VocabItem {
  return { id: r.id, kind: r.kind as VocabKind, name: r.name, sortOrder: r.sortOrder, archived: r.archived };
}

/**
 * Every organization starts with the standard lists: a kind with no entries yet gets the defaults.
 * This is the initial state rather than anyone's edit, so it is not audited; it never runs again
 * for a kind once it has entries (archiving every entry keeps them).
 */
async function ensureDefaults(db: Executor, orgId: string, kinds: readonly VocabKind[]): Promise<void> {
  const present = await repo.kindsPresent(db, orgId, kinds);
  for (const kind of kinds) {
    if (present.has(kind)) continue;
    await repo.insertIfAbsent(
      db,
      orgId,
      kind,
      DEFAULTS[kind].map((name, i) => ({ name, sortOrder: i * 10 })),
    );
  }
}

export async function listVocab(db: Db, actor: Actor, kind?: VocabKind): Promise<{ items: VocabItem[] }> {
  requireAccess(actor, "organization.read", { orgId: actor.orgId }, VOCAB);
  const kinds = kind ? [kind] : [...VOCAB_KINDS];
  await ensureDefaults(db, actor.orgId, kinds);
  return { items: (await repo.list(db, actor.orgId, kinds)).map(toDto) };
}

/** The names of a kind, archived ones flagged, in display order: what other modules validate against. */
export async function vocabNames(
  db: Executor,
  orgId: string,
  kind: VocabKind,
): Promise<{ name: string; archived: boolean }[]> {
  // Read first: the defaults exist after the first use, and every recorded consultation asks.
  let rows = await repo.list(db, orgId, [kind]);
  if (rows.length === 0) {
    await ensureDefaults(db, orgId, [kind]);
    rows = await repo.list(db, orgId, [kind]);
  }
  return rows.map((r) => ({ name: r.name, archived: r.archived }));
}

function duplicate(err: unknown, kind: VocabKind, name: string | undefined) {
  if (!isUniqueViolation(err, "support_vocab_uq")) return undefined;
  return conflict("name", {
    ja: `${KIND_LABEL[kind]}「${name}」は既にあります。廃止済みなら、その項目を再開してください`,
    en: `"${name}" is already in the list; if it is archived, restore it instead`,
  });
}

export async function createVocab(db: Db, actor: Actor, input: z.infer<typeof vocabInputSchema>): Promise<VocabItem> {
  requireAccess(actor, "organization.update", { orgId: actor.orgId }, VOCAB);
  try {
    return await db.transaction(async (tx) => {
      // The defaults go in first, so that adding one entry does not stop the others from appearing.
      await ensureDefaults(tx, actor.orgId, [input.kind]);
      const sortOrder = input.sortOrder ?? (await repo.nextSortOrder(tx, actor.orgId, input.kind));
      const row = await repo.insert(tx, actor.orgId, { kind: input.kind, name: input.name, sortOrder });
      await recordAudit(tx, actor, {
        entity: "support_vocab",
        entityId: row.id,
        action: "create",
        changes: diffFields(undefined, { kind: row.kind, name: row.name, sortOrder: row.sortOrder }),
      });
      return toDto(row);
    });
  } catch (err) {
    throw duplicate(err, input.kind, input.name) ?? err;
  }
}

export async function updateVocab(
  db: Db,
  actor: Actor,
  id: string,
  input: z.infer<typeof vocabUpdateSchema>,
): Promise<VocabItem> {
  requireAccess(actor, "organization.update", { orgId: actor.orgId }, VOCAB);
  let kind: VocabKind = "topic";
  try {
    return await db.transaction(async (tx) => {
      const before = await repo.findById(tx, actor.orgId, id);
      if (!before) throw notFound(VOCAB);
      kind = before.kind as VocabKind;
      const after = await repo.update(tx, actor.orgId, id, input);
      const snap = (r: repo.VocabRow) => ({ name: r.name, sortOrder: r.sortOrder, archived: r.archived });
      const changes = diffFields(snap(before), snap(after));
      if (changes.length > 0)
        await recordAudit(tx, actor, { entity: "support_vocab", entityId: id, action: "update", changes });
      return toDto(after);
    });
  } catch (err) {
    throw duplicate(err, kind, input.name) ?? err;
  }
}
