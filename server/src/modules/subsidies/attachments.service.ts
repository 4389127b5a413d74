import { createHash } from "node:crypto";
import type { subsidyAttachmentInputSchema, subsidyAttachmentSchema } from "@shien/contracts";
import type { z } from "zod";
import type { Db } from "../../db/client.js";
import { requireAccess } from "../../http/access.js";
import type { Actor } from "../../http/actor.js";
import { conflict, invalidField, notFound } from "../../http/app-error.js";
import { logConfidentialRead } from "../activities/index.js";
import { diffFields, maskIfConfidential, recordAudit } from "../audit/index.js";
import * as repo from "./attachments.repository.js";
import { APPLICATION, visibleApplication } from "./subsidies.service.js";

type AttachmentInput = z.infer<typeof subsidyAttachmentInputSchema>;
type AttachmentDto = z.infer<typeof subsidyAttachmentSchema>;

export const ATTACHMENT = { ja: "添付書類", en: "The attachment" };

/** 10 MB once decoded (the route's body limit leaves room for base64 and the JSON around it). */
export const MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024;

/** The file types an application's documents come in, by MIME type, with the extension a download falls back to. */
export const ATTACHMENT_TYPES: Readonly<Record<string, string>> = {
  "application/pdf": "pdf",
  "image/jpeg": "jpg",
  "image/png": "png",
  "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": "xlsx",
  "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "docx",
  "text/csv": "csv",
  "text/plain": "txt",
};

/** Documents of a decided grant are evidence: they can be removed only before the 形式審査 passes. */
const DELETABLE: ReadonlySet<string> = new Set(["received", "returned"]);

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

const toDto = (r: repo.AttachmentMeta): AttachmentDto => ({
  id: r.id,
  name: r.name,
  mime: r.mime,
  sizeBytes: r.sizeBytes,
  sha256: r.sha256,
  kind: r.kind,
  uploadedBy: r.uploadedByLabel,
  createdAt: r.createdAt.toISOString(),
});

/** The audited fields of an attachment: everything but the bytes (their hash stands for them). */
const snapshot = (r: repo.AttachmentMeta) => ({
  applicationId: r.applicationId,
  kind: r.kind,
  name: r.name,
  mime: r.mime,
  sizeBytes: r.sizeBytes,
  sha256: r.sha256,
});

/** "text/csv; charset=utf-8" → "text/csv"; refused unless it is one of ATTACHMENT_TYPES. */
function allowedMime(mime: string): string {
  const base = mime.split(";")[0]?.trim().toLowerCase() ?? "";
  if (!(base in ATTACHMENT_TYPES)) {
    throw invalidField("mime", {
      ja: `この形式（${mime}）のファイルは添付できません。PDF・JPEG・PNG・Excel（xlsx）・Word（docx）・CSV・テキストのいずれかにしてください`,
      en: `Files of type ${mime} cannot be attached; use PDF, JPEG, PNG, xlsx, docx, CSV or plain text`,
    });
  }
  return base;
}

function decode(contentBase64: string): Buffer {
  const text = contentBase64.replace(/\s+/g, "");
  if (text.length === 0 || text.length % 4 === 1 || !BASE64.test(text)) {
    throw invalidField("contentBase64", {
      ja: "ファイルの内容を読み取れません（base64 ではありません）。ファイルを選び直してください",
      en: "The file content is not valid base64; pick the file again",
    });
  }
  const bytes = Buffer.from(text, "base64");
  if (bytes.length > MAX_ATTACHMENT_BYTES) {
    const mb = (n: number) => (n / 1024 / 1024).toFixed(1);
    throw invalidField("contentBase64", {
      ja: `ファイルが大きすぎます（${mb(bytes.length)}MB）。添付できるのは1ファイル10MBまでです`,
      en: `The file is too large (${mb(bytes.length)} MB); the limit is 10 MB per file`,
    });
  }
  if (bytes.length === 0) {
    throw invalidField("contentBase64", { ja: "ファイルが空です", en: "The file is empty" });
  }
  return bytes;
}

/** A display name: the last path segment, without control characters. */
function fileName(name: string): string {
  const clean = (name.split(/[\\/]/).pop() ?? "").replace(/\p{Cc}/gu, "").trim();
  if (clean.length === 0) {
    throw invalidField("name", { ja: "ファイル名を入力してください", en: "Enter the file name" });
  }
  return clean;
}

/** Confidential applications: every read of their documents is logged, like the application's own. */
async function logRead(db: Db, actor: Actor, row: { id: string; confidential: boolean }, entityId: string) {
  if (row.confidential) await logConfidentialRead(db, actor, "subsidy_attachment", entityId, [row.id]);
}

export async function listAttachments(db: Db, actor: Actor, applicationId: string): Promise<AttachmentDto[]> {
  const { row } = await visibleApplication(db, actor, applicationId);
  await logRead(db, actor, row, row.id);
  return (await repo.listMeta(db, actor.orgId, row.id)).map(toDto);
}

/**
 * Attaches a file to an application: staff of the program's 担当課 (support.write), in any state
 * (実績報告書 and 領収書 arrive after the decision). The bytes are stored with their SHA-256; the
 * audit entry names the file and its hash, never the content.
 */
export async function addAttachment(
  db: Db,
  actor: Actor,
  applicationId: string,
  input: AttachmentInput,
): Promise<AttachmentDto> {
  const { row, resource } = await visibleApplication(db, actor, applicationId);
  requireAccess(actor, "support.write", resource, APPLICATION);
  const mime = allowedMime(input.mime);
  const name = fileName(input.name);
  const content = decode(input.contentBase64);
  const sha256 = createHash("sha256").update(content).digest("hex");
  const created = await db.transaction(async (tx) => {
    const a = await repo.insert(tx, {
      orgId: actor.orgId,
      applicationId: row.id,
      kind: input.kind,
      name,
      mime,
      sizeBytes: content.length,
      sha256,
      content,
      uploadedByLabel: actor.label,
    });
    await recordAudit(tx, actor, {
      entity: "subsidy_attachment",
      entityId: a.id,
      action: "create",
      // A file name can say as much as the file (再生計画書_株式会社…): masked with its application.
      changes: maskIfConfidential(row.confidential, diffFields(undefined, snapshot(a))),
    });
    return a;
  });
  return toDto(created);
}

/** The file itself, for a download. */
export async function getAttachmentFile(
  db: Db,
  actor: Actor,
  applicationId: string,
  attachmentId: string,
): Promise<{ name: string; mime: string; fallbackName: string; sha256: string; content: Buffer }> {
  const { row } = await visibleApplication(db, actor, applicationId);
  const a = await repo.find(db, actor.orgId, row.id, attachmentId);
  if (!a) throw notFound(ATTACHMENT);
  await logRead(db, actor, row, a.id);
  return {
    name: a.name,
    mime: a.mime,
    fallbackName: `attachment-${a.id}.${ATTACHMENT_TYPES[a.mime] ?? "bin"}`,
    sha256: a.sha256,
    content: a.content,
  };
}

/**
 * Removes a document put up by mistake: only while the application is 申請受付 or 差戻し. Once it
 * has been checked, adopted or decided its documents are the evidence of that step and stay.
 */
export async function deleteAttachment(db: Db, actor: Actor, applicationId: string, attachmentId: string) {
  await db.transaction(async (tx) => {
    const { row, resource } = await visibleApplication(tx, actor, applicationId, true);
    requireAccess(actor, "support.write", resource, APPLICATION);
    const a = await repo.findMeta(tx, actor.orgId, row.id, attachmentId);
    if (!a) throw notFound(ATTACHMENT);
    if (!DELETABLE.has(row.status)) {
      throw conflict("attachmentId", {
        ja: "この申請は形式審査以降に進んでいるため、添付書類は削除できません（審査・交付決定の証拠として残ります）。誤りは新しいファイルを追加して補ってください",
        en: "The application has moved past 申請受付; its documents are evidence of the later steps and cannot be deleted. Attach a corrected file instead",
      });
    }
    await repo.remove(tx, actor.orgId, a.id);
    await recordAudit(tx, actor, {
      entity: "subsidy_attachment",
      entityId: a.id,
      action: "delete",
      changes: maskIfConfidential(row.confidential, diffFields(snapshot(a), undefined)),
    });
  });
}
