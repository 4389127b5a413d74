import { auditMessages } from "../features/admin/messages/audit";
import { departmentsMessages } from "../features/admin/messages/departments";
import { organizationMessages } from "../features/admin/messages/organization";
import { usersMessages } from "../features/admin/messages/users";
import { authMessages } from "../features/auth/messages";
import { homeMessages } from "../features/home/messages";
import { commonMessages } from "./common";

/** Every string of the UI. A feature adds its table here; keys must not collide (prefix them). */
export const messages = {
  ...commonMessages,
  ...authMessages,
  ...homeMessages,
  ...usersMessages,
  ...departmentsMessages,
  ...organizationMessages,
  ...auditMessages,
};

export type MessageKey = keyof typeof messages;
