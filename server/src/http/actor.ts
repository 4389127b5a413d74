import type { Role } from "@shien/contracts";

/** Who is acting: the signed-in user behind a request, or the CLI operator (`system`). */
export interface Actor {
  kind: "user" | "system";
  userId: string | null;
  orgId: string;
  role: Role | "system";
  departmentIds: readonly string[];
  /** Shown in the audit log: login for users, "system (CLI)" for the operator. */
  label: string;
  sessionId: string | null;
}

export function systemActor(orgId: string, what = "CLI"): Actor {
  return {
    kind: "system",
    userId: null,
    orgId,
    role: "system",
    departmentIds: [],
    label: `system (${what})`,
    sessionId: null,
  };
}
