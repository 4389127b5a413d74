import type { SessionUser } from "@shien/contracts";

/** 登録・変更・名寄せ: every role but 閲覧者 (the server's `company.write`, which still decides). */
export function canWriteCompanies(user: SessionUser | undefined): boolean {
  return user !== undefined && user.role !== "viewer";
}
