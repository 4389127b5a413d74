import { CHANNEL_LABELS, CHANNELS_WITH_LOCATION, type ConsultationInput, type VisitDetails } from "@shien/contracts";
import type { Executor } from "../../db/client.js";
import { requireAccess } from "../../http/access.js";
import type { Actor } from "../../http/actor.js";
import { invalidField } from "../../http/app-error.js";
import { companyEntity } from "../companies/index.js";
import { departmentsByIds } from "../departments/index.js";
import { type SupportProgram, supportProgram } from "../plans/index.js";
import { type UserRef, userRefs } from "../users/index.js";
import { vocabNames } from "../vocab/index.js";

export const CONSULTATION = { ja: "相談記録", en: "The consultation" };

/**
 * What the checks read from other modules. One instance answers each question once, so an import
 * of thousands of rows asks for the topics, the users and each program a single time.
 */
export interface Lookups {
  program(id: string): Promise<SupportProgram | null>;
  company(id: string): Promise<{ id: string; name: string } | null>;
  /** Every user of the organization (an import matches staff by name). */
  users(): Promise<UserRef[]>;
  /** These users only: one record names a few staff, not the whole directory. */
  usersById(ids: readonly string[]): Promise<UserRef[]>;
  topics(): Promise<{ name: string; archived: boolean }[]>;
  departmentNames(ids: readonly string[]): Promise<string[]>;
}

function memo<K, V>(load: (k: K) => Promise<V>): (k: K) => Promise<V> {
  const cache = new Map<K, Promise<V>>();
  return (k) => {
    let v = cache.get(k);
    if (!v) {
      v = load(k);
      cache.set(k, v);
    }
    return v;
  };
}

export function lookupsFor(db: Executor, actor: Actor): Lookups {
  const users = memo(() => userRefs(db, actor.orgId));
  let everyone: Promise<UserRef[]> | null = null;
  const topics = memo(() => vocabNames(db, actor.orgId, "topic"));
  return {
    program: memo((id: string) => supportProgram(db, actor.orgId, id)),
    company: memo(async (id: string) => {
      const e = await companyEntity(db, actor, id);
      return e ? { id: e.id, name: e.name } : null;
    }),
    users: () => {
      everyone = users(undefined);
      return everyone;
    },
    // Once the whole directory is loaded (an import), answer from it; else read just these ids.
    usersById: async (ids) => {
      if (everyone) return (await everyone).filter((u) => ids.includes(u.id));
      return userRefs(db, actor.orgId, ids);
    },
    topics: () => topics(undefined),
    departmentNames: async (ids) => (await departmentsByIds(db, actor.orgId, ids)).map((d) => d.name),
  };
}

/** A consultation ready to store: the input with its defaults filled in and the program it belongs to. */
export interface Resolved {
  input: ConsultationInput & { departmentId: string };
  program: SupportProgram;
}

/** What the record held before an edit: values that were valid then may stay (an archived topic, a departed coordinator). */
export interface Previous {
  topics: readonly string[];
  staffUserIds: readonly string[];
}

const hasContent = (v: VisitDetails | null | undefined): v is VisitDetails =>
  !!v && Object.values(v).some((x) => typeof x === "string" && x.trim() !== "");

/** Every rule a consultation obeys, for the API and the import alike; the first broken rule is thrown. */
export async function resolveConsultation(
  look: Lookups,
  actor: Actor,
  raw: ConsultationInput,
  previous?: Previous,
): Promise<Resolved> {
  const program = await look.program(raw.programId);
  if (!program) {
    throw invalidField("programId", {
      ja: "事業が見つかりません。事業計画の事業から選び直してください",
      en: "The program was not found; choose one of the plan's programs",
    });
  }
  if (program.departmentIds.length === 0) {
    throw invalidField("programId", {
      ja: `事業「${program.label}」には担当課が設定されていません。事業計画で担当課を設定してください`,
      en: `"${program.label}" has no department in the plan; set one first`,
    });
  }
  const departmentId =
    raw.departmentId ??
    program.departmentIds.find((d) => actor.departmentIds.includes(d)) ??
    (program.departmentIds[0] as string);
  if (!program.departmentIds.includes(departmentId)) {
    const names = (await look.departmentNames(program.departmentIds)).join("、");
    throw invalidField("departmentId", {
      ja: `事業「${program.label}」の担当課（${names}）から部署を選んでください`,
      en: `Choose one of the departments of "${program.label}" (${names})`,
    });
  }
  requireAccess(
    actor,
    "support.write",
    { orgId: actor.orgId, departmentIds: [departmentId], confidential: program.confidential },
    CONSULTATION,
  );

  const companyId = raw.companyId ?? null;
  const personName = raw.personName?.trim() || null;
  if (companyId && !(await look.company(companyId))) {
    throw invalidField("companyId", {
      ja: "事業者が見つかりません。事業者を検索して選び直してください",
      en: "The business was not found; search for it again",
    });
  }
  if (!companyId && !personName) {
    throw invalidField("companyId", {
      ja: "事業者を選ぶか、相談者名を入力してください（創業予定の方など）",
      en: "Choose a business or enter the person's name",
    });
  }

  const staffUserIds = [...new Set(raw.staffUserIds)];
  const users = await look.usersById(staffUserIds);
  const badStaff = staffUserIds.find((id) => {
    const u = users.find((x) => x.id === id);
    return !u || !(u.active || previous?.staffUserIds.includes(id));
  });
  if (badStaff) {
    throw invalidField("staffUserIds", {
      ja: "担当者に、この組織にいないか無効になったユーザーが含まれています。担当者を選び直してください",
      en: "The staff include a user who is not in the organization or is disabled; choose again",
    });
  }

  const topics = [...new Set(raw.topics)];
  const vocab = await look.topics();
  for (const topic of topics) {
    if (previous?.topics.includes(topic)) continue;
    const entry = vocab.find((v) => v.name === topic);
    if (!entry) {
      throw invalidField("topics", {
        ja: `相談分野「${topic}」は選択肢にありません。一覧から選ぶか、管理者に分野の追加を依頼してください`,
        en: `"${topic}" is not one of the organization's topics; pick one from the list or ask an admin to add it`,
      });
    }
    if (entry.archived) {
      throw invalidField("topics", {
        ja: `相談分野「${topic}」は廃止されています。ほかの分野を選んでください`,
        en: `The topic "${topic}" is archived; choose another`,
      });
    }
  }

  const location = raw.location?.trim() || null;
  if (CHANNELS_WITH_LOCATION.includes(raw.channel) && !location) {
    throw invalidField("location", {
      ja: `${CHANNEL_LABELS[raw.channel].ja}の相談は、開催場所を入力してください`,
      en: `Enter where the ${CHANNEL_LABELS[raw.channel].en.toLowerCase()} took place`,
    });
  }
  const visit = hasContent(raw.visit) ? raw.visit : null;
  if (visit && raw.channel !== "visit") {
    throw invalidField("visit", {
      ja: "訪問目的・面談者・発注／受注情報は、対応方法が「訪問」のときだけ入力できます。対応方法を訪問にするか、訪問の項目を空にしてください",
      en: "Visit details belong to visits only; set the channel to visit or clear them",
    });
  }
  const followUpOn = raw.followUpOn ?? null;
  if (followUpOn && followUpOn < raw.occurredOn) {
    throw invalidField("followUpOn", {
      ja: `フォロー予定日は相談日（${raw.occurredOn}）以降の日付にしてください`,
      en: `The follow-up date must be on or after the consultation date (${raw.occurredOn})`,
    });
  }
  return {
    program,
    input: { ...raw, companyId, personName, departmentId, staffUserIds, topics, location, visit, followUpOn },
  };
}
