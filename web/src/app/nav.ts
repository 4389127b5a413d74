import {
  IconArrowsExchange,
  IconBellRinging,
  IconBuildingCommunity,
  IconBuildingStore,
  IconChartLine,
  IconClipboardList,
  IconCoinYen,
  IconHistory,
  IconHome,
  IconMessages,
  IconSchool,
  IconSettings,
  IconTags,
  IconUserStar,
  IconUsers,
  type TablerIcon,
} from "@tabler/icons-react";
import type { MessageKey } from "../lib/i18n";
import { type Audience, adminsOnly, everyone, roles } from "./access";

/** Support records (支援記録): everyone who records support, i.e. every role but 閲覧者. */
const recorders = roles("admin", "manager", "staff");

/** Navbar groups, in display order. A section with no visible items is not shown. */
export const NAV_SECTIONS = [
  { id: "main", labelKey: null },
  { id: "support", labelKey: "nav.support" },
  { id: "admin", labelKey: "nav.admin" },
] as const satisfies readonly { id: string; labelKey: MessageKey | null }[];

export type NavSectionId = (typeof NAV_SECTIONS)[number]["id"];

export interface NavItem {
  /** Stable id, also the link's data-testid (`nav-<id>`). */
  id: string;
  section: NavSectionId;
  labelKey: MessageKey;
  path: string;
  icon: TablerIcon;
  audience: Audience;
}

/**
 * The navigation registry. A module adds its entries here (and its pages in ./routes.tsx);
 * the navbar and the home page's links are built from this list.
 */
export const NAV_ITEMS: readonly NavItem[] = [
  { id: "home", section: "main", labelKey: "nav.home", path: "/", icon: IconHome, audience: everyone },
  { id: "plans", section: "main", labelKey: "nav.plans", path: "/plans", icon: IconClipboardList, audience: everyone },
  {
    id: "companies",
    section: "main",
    labelKey: "nav.companies",
    path: "/companies",
    icon: IconBuildingStore,
    audience: everyone,
  },
  { id: "kpi", section: "main", labelKey: "nav.kpi", path: "/kpi", icon: IconChartLine, audience: everyone },
  {
    id: "consultations",
    section: "support",
    labelKey: "nav.consultations",
    path: "/support/consultations",
    icon: IconMessages,
    audience: recorders,
  },
  {
    id: "follow-ups",
    section: "support",
    labelKey: "nav.followUps",
    path: "/support/follow-ups",
    icon: IconBellRinging,
    audience: recorders,
  },
  {
    id: "referrals",
    section: "support",
    labelKey: "nav.referrals",
    path: "/support/referrals",
    icon: IconArrowsExchange,
    audience: recorders,
  },
  {
    id: "dispatches",
    section: "support",
    labelKey: "nav.dispatches",
    path: "/support/dispatches",
    icon: IconSchool,
    audience: recorders,
  },
  {
    id: "experts",
    section: "support",
    labelKey: "nav.experts",
    path: "/support/experts",
    icon: IconUserStar,
    audience: recorders,
  },
  {
    id: "subsidies",
    section: "support",
    labelKey: "nav.subsidies",
    path: "/subsidies",
    icon: IconCoinYen,
    audience: recorders,
  },
  {
    id: "users",
    section: "admin",
    labelKey: "nav.users",
    path: "/admin/users",
    icon: IconUsers,
    audience: adminsOnly,
  },
  {
    id: "departments",
    section: "admin",
    labelKey: "nav.departments",
    path: "/admin/departments",
    icon: IconBuildingCommunity,
    audience: adminsOnly,
  },
  {
    id: "audit",
    section: "admin",
    labelKey: "nav.audit",
    path: "/admin/audit",
    icon: IconHistory,
    audience: adminsOnly,
  },
  {
    id: "vocab",
    section: "admin",
    labelKey: "nav.vocab",
    path: "/admin/vocab",
    icon: IconTags,
    audience: adminsOnly,
  },
  {
    id: "organization",
    section: "admin",
    labelKey: "nav.organization",
    path: "/admin/organization",
    icon: IconSettings,
    audience: adminsOnly,
  },
];
