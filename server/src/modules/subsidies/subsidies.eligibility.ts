import { type SubsidyApplicationInput, type SubsidyRefusal, warekiDate } from "@shien/contracts";
import type { Executor } from "../../db/client.js";
import type { Actor } from "../../http/actor.js";
import { invalidField, type Text } from "../../http/app-error.js";
import { prefectureOf } from "../companies/index.js";
import { hasCompletedDispatch } from "../dispatch/index.js";
import { findOrganizationById } from "../organizations/index.js";
import { supportProgramByCode } from "../plans/index.js";
import type { ResolvedTerms } from "./arithmetic/index.js";
import * as repo from "./programs.repository.js";

/**
 * The rules that decide who may apply, read as data from the resolved terms (size class, prior
 * step) plus the one rule every prefectural program shares: the business is located in the
 * organization's prefecture. A failed rule is a 400 naming the field and the rule.
 */

/**
 * The prefecture each center serves. Known centers are listed by slug (their names also say it,
 * but a renamed organization must not change who may apply); others are read from the name
 * (「公益財団法人三重県産業支援センター」 → 三重県). No prefecture known → the location rule is not checked.
 */
const ORG_PREFECTURE: Record<string, string> = { fukushima: "福島県", mie: "三重県" };

export function prefectureOfOrganization(org: { slug: string; name: string }): string | null {
  return ORG_PREFECTURE[org.slug] ?? prefectureOf(org.name.replace(/^(公益|一般)?(財団|社団)法人/, ""));
}

const SIZE_LABEL: Record<string, Text> = {
  sme: { ja: "中小企業", en: "SMEs" },
  small: { ja: "小規模企業等", en: "small businesses" },
  other: { ja: "中小企業以外（大企業等）", en: "larger companies" },
};

/** The field a refusal of the arithmetic points at. */
export function refusalField(code: SubsidyRefusal["code"]): string {
  if (code === "course_required" || code === "unknown_course") return "course";
  if (code === "type_required" || code === "unknown_type") return "type";
  return "lines";
}

export const refusalError = (refused: SubsidyRefusal) =>
  invalidField(refusalField(refused.code), { ja: refused.ja, en: refused.en });

/** The round (if any) must be the program's, the application must fall in its window, 事前着手 only where allowed. */
export async function checkRound(
  db: Executor,
  orgId: string,
  subsidyProgramId: string,
  input: Pick<SubsidyApplicationInput, "roundId" | "receivedOn" | "preStartApprovedOn">,
): Promise<repo.RoundRow | null> {
  const round = input.roundId ? await repo.findRound(db, orgId, input.roundId) : undefined;
  if (input.roundId && round?.subsidyProgramId !== subsidyProgramId) {
    throw invalidField("roundId", {
      ja: "公募回がこの補助金のものではありません。公募回を選び直してください",
      en: "The round does not belong to this subsidy program; pick it again",
    });
  }
  if (round && (input.receivedOn < round.opensOn || input.receivedOn > round.closesOn)) {
    throw invalidField("receivedOn", {
      ja: `受付日 ${warekiDate(input.receivedOn)} は「${round.name}」の公募期間（${warekiDate(round.opensOn)}～${warekiDate(round.closesOn)}）の外です。受付日か公募回を確認してください`,
      en: `${input.receivedOn} is outside the window of "${round.name}" (${round.opensOn} to ${round.closesOn}); check the date or the round`,
    });
  }
  if (input.preStartApprovedOn && !round?.preStartAllowed) {
    throw invalidField("preStartApprovedOn", {
      ja: round
        ? `「${round.name}」は事前着手を認めていません。事前着手承認日を消してください`
        : "事前着手は事前着手を認める公募回の申請だけに設定できます。公募回を選ぶか、事前着手承認日を消してください",
      en: round
        ? `"${round.name}" does not allow pre-start approval; clear the date`
        : "Pre-start approval needs a round that allows it; choose one or clear the date",
    });
  }
  return round ?? null;
}

export interface EligibilitySubject {
  company: { id: string; name: string; sizeClass: string | null; prefecture: string | null };
  /** The business's 名寄せ records (itself included). */
  memberIds: readonly string[];
}

/** Size class, location and prior steps; throws the first rule that fails. */
export async function checkEligibility(
  db: Executor,
  actor: Actor,
  fiscalYear: number,
  terms: ResolvedTerms,
  subject: EligibilitySubject,
): Promise<void> {
  const { company } = subject;
  const sizes = terms.eligibleSizeClasses;
  if (sizes) {
    const allowed = {
      ja: sizes.map((s) => SIZE_LABEL[s]?.ja).join("・"),
      en: sizes.map((s) => SIZE_LABEL[s]?.en).join(", "),
    };
    if (company.sizeClass === null) {
      throw invalidField("companyId", {
        ja: `「${terms.programName}」の対象は${allowed.ja}です。「${company.name}」の規模区分が登録されていません。事業者情報で規模区分を設定してから登録してください`,
        en: `"${terms.programName}" is for ${allowed.en}; the size class of "${company.name}" is not recorded. Set it in the business's record first`,
      });
    }
    if (!sizes.includes(company.sizeClass as (typeof sizes)[number])) {
      const byCourse = terms.course?.eligibleSizeClasses !== undefined;
      const where = byCourse && terms.course ? terms.course.name : { ja: terms.programName, en: terms.programName };
      const label = SIZE_LABEL[company.sizeClass] ?? { ja: company.sizeClass, en: company.sizeClass };
      throw invalidField(byCourse ? "course" : "companyId", {
        ja: `「${where.ja}」の対象は${allowed.ja}です。「${company.name}」は${label.ja}として登録されています${byCourse ? "。対象となる別のコースを選んでください" : ""}`,
        en: `"${where.en}" is for ${allowed.en}; "${company.name}" is recorded as one of the ${label.en}${byCourse ? ". Choose a course it qualifies for" : ""}`,
      });
    }
  }
  const org = await findOrganizationById(db, actor.orgId);
  const prefecture = org ? prefectureOfOrganization(org) : null;
  if (prefecture && company.prefecture !== prefecture) {
    throw invalidField("companyId", {
      ja:
        company.prefecture === null
          ? `「${terms.programName}」は${prefecture}内の事業者が対象です。「${company.name}」の所在地（都道府県）が登録されていません。事業者情報で住所を入力してください`
          : `「${terms.programName}」は${prefecture}内の事業者が対象です。「${company.name}」の所在地は${company.prefecture}です`,
      en:
        company.prefecture === null
          ? `"${terms.programName}" is for businesses located in ${prefecture}; the address of "${company.name}" is not recorded. Enter it in the business's record`
          : `"${terms.programName}" is for businesses located in ${prefecture}; "${company.name}" is located in ${company.prefecture}`,
    });
  }
  for (const step of terms.requiresPriorSteps) {
    await checkPriorStep(db, actor.orgId, fiscalYear, terms, step, subject);
  }
}

/** `dispatch:<code>` or `dispatch:<code>/<frame name>`: a dispatch that has taken place (実施済み以降). */
async function checkPriorStep(
  db: Executor,
  orgId: string,
  fiscalYear: number,
  terms: ResolvedTerms,
  step: string,
  subject: EligibilitySubject,
): Promise<void> {
  const spec = step.slice("dispatch:".length);
  const slash = spec.indexOf("/");
  const programCode = slash < 0 ? spec : spec.slice(0, slash);
  const frameName = slash < 0 ? undefined : spec.slice(slash + 1);
  const done = await hasCompletedDispatch(db, orgId, {
    programCode,
    fiscalYear,
    companyIds: subject.memberIds,
    ...(frameName === undefined ? {} : { frameName }),
  });
  if (done) return;
  const program = await supportProgramByCode(db, orgId, fiscalYear, programCode);
  const name = `${programCode}${program ? ` ${program.name}` : ""}${frameName ? `（${frameName}）` : ""}`;
  throw invalidField("companyId", {
    ja: `「${terms.programName}」は「${name}」の専門家派遣（診断・助言）を受けた事業者が対象です。「${subject.company.name}」にはその派遣の実施記録がありません。先に専門家派遣を実施・記録してください`,
    en: `"${terms.programName}" is for businesses that received the expert dispatch of "${name}"; "${subject.company.name}" has none on record. Record the dispatch first`,
  });
}
