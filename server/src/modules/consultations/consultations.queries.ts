import {
  CHANNEL_LABELS,
  CONSULTATION_STATUS_LABELS,
  type Consultation,
  type ConsultationPage,
  type ConsultationQuery,
  type FollowUpItem,
  todayInTokyo,
} from "@shien/contracts";
import type { Db } from "../../db/client.js";
import { requireAccess } from "../../http/access.js";
import type { Actor } from "../../http/actor.js";
import { invalidField, notFound } from "../../http/app-error.js";
import { csvField } from "../../lib/csv.js";
import { confidentialScope, logConfidentialRead } from "../activities/index.js";
import { companyRefs, searchCompanies } from "../companies/index.js";
import { departmentsByIds } from "../departments/index.js";
import { toDtos } from "./consultations.dto.js";
import * as repo from "./consultations.repository.js";
import { CONSULTATION } from "./consultations.rules.js";

type Filters = Omit<ConsultationQuery, "page" | "pageSize">;

/** Businesses whose name or kana matches the search; more than this many means the term is too broad to help. */
const COMPANY_MATCHES = 1000;

async function filterOf(db: Db, actor: Actor, q: Filters): Promise<repo.ListFilter> {
  const text = q.q ? q.q.normalize("NFKC").toLowerCase().trim() : undefined;
  const textCompanyIds = text
    ? (await searchCompanies(db, actor, { q: q.q, page: 1, pageSize: COMPANY_MATCHES })).items.map((c) => c.id)
    : undefined;
  return {
    text,
    textCompanyIds,
    companyId: q.companyId,
    programId: q.programId,
    departmentId: q.departmentId,
    staffUserId: q.staffUserId,
    status: q.status,
    from: q.from,
    to: q.to,
    visibleConfidential: confidentialScope(actor),
  };
}

/** Confidential records the reader does see are logged as read, whichever list showed them. */
async function logReads(db: Db, actor: Actor, what: string, items: Consultation[]): Promise<void> {
  const ids = items.filter((c) => c.confidential).map((c) => c.id);
  if (ids.length > 0) await logConfidentialRead(db, actor, "consultation", what, ids);
}

export async function listConsultations(db: Db, actor: Actor, q: ConsultationQuery): Promise<ConsultationPage> {
  requireAccess(actor, "support.read", { orgId: actor.orgId }, CONSULTATION);
  const { rows, total } = await repo.list(db, actor.orgId, await filterOf(db, actor, q), {
    limit: q.pageSize,
    offset: (q.page - 1) * q.pageSize,
  });
  const items = await toDtos(db, actor.orgId, rows);
  await logReads(db, actor, "list", items);
  return { items, total, page: q.page, pageSize: q.pageSize };
}

const daysBetween = (from: string, to: string) => Math.round((Date.parse(to) - Date.parse(from)) / 86_400_000);

/** アフターフォロー: the open follow-ups of my consultations or of a department, overdue first. */
export async function listFollowUps(
  db: Db,
  actor: Actor,
  q: { scope: "mine" | "department"; departmentId?: string | undefined },
): Promise<{ items: FollowUpItem[] }> {
  requireAccess(actor, "support.read", { orgId: actor.orgId }, CONSULTATION);
  const scope = confidentialScope(actor);
  let filter: { staffUserId?: string; departmentId?: string };
  if (q.scope === "mine") {
    if (!actor.userId) return { items: [] };
    filter = { staffUserId: actor.userId };
  } else {
    const departmentId = q.departmentId ?? actor.departmentIds[0];
    if (!departmentId) {
      throw invalidField("departmentId", {
        ja: "部署を選んでください",
        en: "Choose a department",
      });
    }
    const [dept] = await departmentsByIds(db, actor.orgId, [departmentId]);
    const member = actor.role === "admin" || actor.role === "system" || actor.departmentIds.includes(departmentId);
    if (!dept || !member) throw notFound({ ja: "部署", en: "The department" });
    filter = { departmentId };
  }
  const rows = await repo.openFollowUps(db, actor.orgId, { ...filter, visibleConfidential: scope });
  const items = await toDtos(db, actor.orgId, rows);
  await logReads(db, actor, "follow-ups", items);
  const today = todayInTokyo();
  return {
    items: items.map((c) => ({ consultation: c, daysOverdue: daysBetween(c.followUpOn as string, today) })),
  };
}

const HEADER = [
  "日付",
  "事業",
  "部署",
  "事業者",
  "法人番号",
  "相談者",
  "対応方法",
  "分野",
  "状況",
  "担当",
  "次回対応",
  "フォロー予定日",
  "内容",
];

/** A cell Excel would run as a formula (=, +, @) is written as text. */
const formulaSafe = (v: string) => (/^[=+@]/.test(v) ? `'${v}` : v);

/** The list as CSV (UTF-8 with a BOM, so Excel opens it as Japanese), every match, newest first. */
export async function exportConsultationsCsv(db: Db, actor: Actor, q: Filters): Promise<Buffer> {
  requireAccess(actor, "support.read", { orgId: actor.orgId }, CONSULTATION);
  const { rows } = await repo.list(db, actor.orgId, await filterOf(db, actor, q), { limit: null, offset: 0 });
  const items = await toDtos(db, actor.orgId, rows);
  await logReads(db, actor, "export.csv", items);
  const numbers = await companyRefs(
    db,
    actor.orgId,
    items.flatMap((c) => (c.companyId ? [c.companyId] : [])),
  );
  const lines = [HEADER.join(",")];
  for (const c of items) {
    lines.push(
      [
        c.occurredOn,
        `${c.program.code} ${c.program.name}`,
        c.department.name,
        c.companyName ?? "",
        c.companyId ? (numbers.get(c.companyId)?.corporateNumber ?? "") : "",
        c.personName ?? "",
        CHANNEL_LABELS[c.channel].ja,
        c.topics.join(";"),
        CONSULTATION_STATUS_LABELS[c.status].ja,
        c.staff.map((s) => s.name).join(";"),
        c.nextAction ?? "",
        c.followUpOn ?? "",
        c.notes ?? "",
      ]
        .map((v) => csvField(formulaSafe(v)))
        .join(","),
    );
  }
  return Buffer.from(`\uFEFF${lines.join("\r\n")}\r\n`, "utf8");
}
