import type { Role } from "@shien/contracts";
import type { MessageKey } from "../lib/i18n";

/** Display name of each role; also the order roles are offered in (most to least access). */
export const roleLabelKey = {
  admin: "role.admin",
  manager: "role.manager",
  staff: "role.staff",
  viewer: "role.viewer",
} as const satisfies Record<Role, MessageKey>;

export const ROLE_ORDER = Object.keys(roleLabelKey) as Role[];
