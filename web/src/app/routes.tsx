import { type ComponentType, type LazyExoticComponent, lazy } from "react";
import { HomePage } from "../features/home/pages/HomePage";
import { type Audience, adminsOnly, everyone, roles } from "./access";

/** 事業者の登録・取り込み: the server's `company.write`; also who records support (`support.write`). */
const canWrite = roles("admin", "manager", "staff");

export interface AppRoute {
  path: string;
  page: ComponentType | LazyExoticComponent<ComponentType>;
  /** Who may open the page; others see "no access" (the server refuses them anyway). */
  audience: Audience;
}

/** Pages outside the home page load on first visit, so the login screen stays light. */
function page<K extends string>(
  load: () => Promise<Record<K, ComponentType>>,
  name: K,
): LazyExoticComponent<ComponentType> {
  return lazy<ComponentType>(async () => ({ default: (await load())[name] }));
}

/** The route registry: a module adds its pages here and its menu entries in ./nav.ts. */
export const ROUTES: readonly AppRoute[] = [
  { path: "/", page: HomePage, audience: everyone },
  {
    path: "/plans",
    page: page(() => import("../features/plans/pages/PlansPage"), "PlansPage"),
    audience: everyone,
  },
  {
    path: "/plans/:planId",
    page: page(() => import("../features/plans/pages/PlanOverviewPage"), "PlanOverviewPage"),
    audience: everyone,
  },
  {
    path: "/plans/:planId/programs/:code",
    page: page(() => import("../features/plans/pages/ProgramPage"), "ProgramPage"),
    audience: everyone,
  },
  {
    path: "/plans/:planId/budget-statement",
    page: page(() => import("../features/plans/pages/BudgetStatementPage"), "BudgetStatementPage"),
    audience: everyone,
  },
  {
    path: "/plans/:planId/initiatives",
    page: page(() => import("../features/plans/pages/InitiativesPage"), "InitiativesPage"),
    audience: everyone,
  },
  {
    path: "/companies",
    page: page(() => import("../features/companies/pages/CompaniesPage"), "CompaniesPage"),
    audience: everyone,
  },
  {
    path: "/companies/new",
    page: page(() => import("../features/companies/pages/NewCompanyPage"), "NewCompanyPage"),
    audience: canWrite,
  },
  {
    path: "/companies/import",
    page: page(() => import("../features/companies/pages/CompanyImportPage"), "CompanyImportPage"),
    audience: canWrite,
  },
  {
    path: "/companies/review",
    page: page(() => import("../features/companies/pages/CompanyReviewPage"), "CompanyReviewPage"),
    audience: everyone,
  },
  {
    path: "/companies/:companyId",
    page: page(() => import("../features/companies/pages/CompanyPage"), "CompanyPage"),
    audience: everyone,
  },
  // 実績・進捗: every role reads the figures; the server hides confidential facts in the drill-down.
  {
    path: "/kpi",
    page: page(() => import("../features/kpi/pages/KpiDashboardPage"), "KpiDashboardPage"),
    audience: everyone,
  },
  {
    path: "/kpi/indicators/:indicatorId",
    page: page(() => import("../features/kpi/pages/KpiIndicatorPage"), "KpiIndicatorPage"),
    audience: everyone,
  },
  // 支援記録: lists are open to every role (viewers read them); recording pages to those who record.
  {
    path: "/support/consultations",
    page: page(() => import("../features/support/consultations/pages/ConsultationsPage"), "ConsultationsPage"),
    audience: everyone,
  },
  {
    path: "/support/consultations/new",
    page: page(() => import("../features/support/consultations/pages/NewConsultationPage"), "NewConsultationPage"),
    audience: canWrite,
  },
  {
    path: "/support/consultations/:consultationId",
    page: page(() => import("../features/support/consultations/pages/ConsultationPage"), "ConsultationPage"),
    audience: everyone,
  },
  {
    path: "/support/follow-ups",
    page: page(() => import("../features/support/consultations/pages/FollowUpsPage"), "FollowUpsPage"),
    audience: canWrite,
  },
  {
    path: "/support/referrals",
    page: page(() => import("../features/support/referrals/pages/ReferralsPage"), "ReferralsPage"),
    audience: everyone,
  },
  {
    path: "/support/referrals/:referralId",
    page: page(() => import("../features/support/referrals/pages/ReferralPage"), "ReferralPage"),
    audience: everyone,
  },
  {
    path: "/support/experts",
    page: page(() => import("../features/support/dispatch/pages/ExpertsPage"), "ExpertsPage"),
    audience: everyone,
  },
  {
    path: "/support/dispatches",
    page: page(() => import("../features/support/dispatch/pages/DispatchesPage"), "DispatchesPage"),
    audience: everyone,
  },
  // 補助金: every role reads programs and applications; 申請受付 is for those who record.
  {
    path: "/subsidies",
    page: page(() => import("../features/subsidies/pages/SubsidyProgramsPage"), "SubsidyProgramsPage"),
    audience: everyone,
  },
  {
    path: "/subsidies/programs/:programId/ranking",
    page: page(() => import("../features/subsidies/pages/RankingPage"), "RankingPage"),
    audience: everyone,
  },
  {
    path: "/subsidies/applications",
    page: page(() => import("../features/subsidies/pages/ApplicationsPage"), "ApplicationsPage"),
    audience: everyone,
  },
  {
    path: "/subsidies/applications/new",
    page: page(() => import("../features/subsidies/pages/NewApplicationPage"), "NewApplicationPage"),
    audience: canWrite,
  },
  {
    path: "/subsidies/reports-due",
    page: page(() => import("../features/subsidies/pages/DueReportsPage"), "DueReportsPage"),
    audience: everyone,
  },
  {
    path: "/subsidies/applications/:applicationId",
    page: page(() => import("../features/subsidies/pages/ApplicationPage"), "ApplicationPage"),
    audience: everyone,
  },
  {
    path: "/admin/vocab",
    page: page(() => import("../features/support/vocab/VocabPage"), "VocabPage"),
    audience: adminsOnly,
  },
  {
    path: "/admin/users",
    page: page(() => import("../features/admin/pages/UsersPage"), "UsersPage"),
    audience: adminsOnly,
  },
  {
    path: "/admin/departments",
    page: page(() => import("../features/admin/pages/DepartmentsPage"), "DepartmentsPage"),
    audience: adminsOnly,
  },
  {
    path: "/admin/audit",
    page: page(() => import("../features/admin/pages/AuditPage"), "AuditPage"),
    audience: adminsOnly,
  },
  {
    path: "/admin/organization",
    page: page(() => import("../features/admin/pages/OrganizationPage"), "OrganizationPage"),
    audience: adminsOnly,
  },
];
