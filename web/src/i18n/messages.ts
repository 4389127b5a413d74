import { auditMessages } from "../features/admin/messages/audit";
import { departmentsMessages } from "../features/admin/messages/departments";
import { organizationMessages } from "../features/admin/messages/organization";
import { usersMessages } from "../features/admin/messages/users";
import { authMessages } from "../features/auth/messages";
import { contactMessages } from "../features/companies/messages/contacts";
import { companyFormMessages } from "../features/companies/messages/form";
import { companyImportMessages } from "../features/companies/messages/import";
import { meiyoseMessages } from "../features/companies/messages/meiyose";
import { registryMessages } from "../features/companies/messages/registry";
import { homeMessages } from "../features/home/messages";
import { kpiMessages } from "../features/kpi/messages/kpi";
import { planDocumentsMessages } from "../features/plans/messages/documents";
import { planEditMessages } from "../features/plans/messages/edit";
import { plansMessages } from "../features/plans/messages/plans";
import { programMessages } from "../features/plans/messages/program";
import { subsidyAttachmentMessages } from "../features/subsidies/messages/attachments";
import { subsidyImportMessages } from "../features/subsidies/messages/import";
import { subsidyReviewMessages } from "../features/subsidies/messages/reviews";
import { subsidyMessages } from "../features/subsidies/messages/subsidies";
import { consultationMessages } from "../features/support/messages/consultations";
import { dispatchMessages } from "../features/support/messages/dispatch";
import { referralMessages } from "../features/support/messages/referrals";
import { supportMessages } from "../features/support/messages/support";
import { timelineMessages } from "../features/support/messages/timeline";
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
  ...plansMessages,
  ...programMessages,
  ...planEditMessages,
  ...planDocumentsMessages,
  ...registryMessages,
  ...companyFormMessages,
  ...companyImportMessages,
  ...meiyoseMessages,
  ...contactMessages,
  ...supportMessages,
  ...consultationMessages,
  ...referralMessages,
  ...dispatchMessages,
  ...timelineMessages,
  ...kpiMessages,
  ...subsidyMessages,
  ...subsidyReviewMessages,
  ...subsidyAttachmentMessages,
  ...subsidyImportMessages,
};

export type MessageKey = keyof typeof messages;
