import type { SessionUser, SubsidyAction } from "@shien/contracts";
import { canApproveFor, canConfigureFor, canWriteFor } from "../support/access";
import { APPROVING_ACTIONS } from "./labels";

/**
 * What the subsidy screens offer a user; mirrors the server (server/src/http/access.ts and the
 * subsidies module), which still decides. A subsidy program belongs to one 担当課.
 */

/** 申請受付 and the paperwork moves (形式審査・差戻し・再提出・実績報告・請求): the 担当課's staff and managers. */
export function canRecordSubsidy(user: SessionUser | undefined, departmentId: string): boolean {
  return canWriteFor(user, [departmentId]);
}

/** A move on an application of this 担当課: decisions (採択, 交付決定, 支払 …) are its managers'. */
export function canTakeAction(user: SessionUser | undefined, departmentId: string, action: SubsidyAction): boolean {
  return APPROVING_ACTIONS.has(action) ? canApproveFor(user, [departmentId]) : canWriteFor(user, [departmentId]);
}

/** 公募回 and the program's terms: the 担当課's managers (support.configure). */
export function canConfigureSubsidy(user: SessionUser | undefined, departmentId: string): boolean {
  return canConfigureFor(user, [departmentId]);
}
