// @ts-check
/**
 * The KPI journey (issue 6): a よろず支援拠点 staff member of Fukushima opens 実績・進捗, notes
 * I-1-2 課題解決件数, records a consultation resolved (課題解決) for よろず支援拠点事業, and sees the
 * actual rise by one and its 進捗率 change; the drill-down lists the record and links to it.
 * The year is fixed (令和8年度, as of its last day) so that the journey does not depend on today.
 */
import { check, signIn, signOut } from "./steps.js";
import { createUsers, PASSWORD, pick } from "./support-journey.js";

/** @typedef {import("./steps.js").Step} Step */
/** @typedef {import("playwright-core").Page} Page */

const DASHBOARD = "/kpi?fiscalYear=2026&asOf=2027-03-31";

/** @param {Page} page */
function resolvedRow(page) {
  return page.locator('[data-testid="kpi-row"][data-program-code="I-1-2"][data-indicator-name="課題解決件数"]');
}

/** @param {Page} page */
async function figure(page) {
  const row = resolvedRow(page);
  await row.waitFor();
  return {
    actual: Number(await row.getAttribute("data-actual")),
    progress: (await row.getByTestId("kpi-progress").textContent())?.trim() ?? "",
  };
}

/**
 * @param {{ adminPassword: string, stamp: string }} options
 * @returns {Step[]}
 */
export function kpiJourney({ adminPassword, stamp }) {
  const staff = { org: "fukushima", login: `kpi-${stamp}`, password: PASSWORD };
  const companyName = `株式会社実績確認${stamp}`;
  /** @type {{ actual: number, progress: string }} */
  let before = { actual: Number.NaN, progress: "" };
  return [
    {
      id: "kpi-dashboard",
      title: "a よろず支援拠点 staff member opens 実績・進捗 and finds I-1-2 課題解決件数",
      run: async (page) => {
        await page.goto("/");
        await page.getByTestId("login-form").waitFor();
        await signIn(page, { org: "fukushima", login: "admin", password: adminPassword });
        await createUsers(page, [
          { login: staff.login, displayName: "実績 確認", role: "staff", department: "よろず支援拠点" },
        ]);
        await signOut(page);
        await signIn(page, staff);
        await page.getByTestId("nav-kpi").waitFor();
        await page.goto(DASHBOARD);
        before = await figure(page);
        check(Number.isInteger(before.actual), `課題解決件数 reads ${before.actual}`);
      },
    },
    {
      id: "kpi-record-resolved",
      title: "the staff member records a consultation resolved (課題解決) for よろず支援拠点事業",
      run: async (page) => {
        await page.getByTestId("nav-consultations").click();
        await page.getByTestId("consultations-new").click();
        await page.getByTestId("consultation-form").waitFor();
        await page.getByTestId("consultation-company-create").click();
        await page.getByTestId("company-form-name").fill(companyName);
        await page.getByTestId("company-form-phone").fill("024-555-0199");
        await page.getByTestId("company-form-submit").click();
        await page.getByTestId("company-form").waitFor({ state: "detached" });
        await pick(page, "consultation-program", /I-1-2 よろず支援拠点事業/);
        await page.getByTestId("consultation-date").fill("2026-11-10");
        await page.getByTestId("consultation-status").getByText("課題解決").click();
        await page.getByTestId("consultation-notes").fill("販路の課題が解決した。");
        await page.getByTestId("consultation-submit").click();
        await page.getByTestId("consultation-saved").waitFor();
      },
    },
    {
      id: "kpi-moved",
      title: "課題解決件数 rises by one and its 進捗率 changes",
      run: async (page) => {
        await page.goto(DASHBOARD);
        await page
          .locator(
            `[data-testid="kpi-row"][data-program-code="I-1-2"][data-indicator-name="課題解決件数"][data-actual="${before.actual + 1}"]`,
          )
          .waitFor();
        const after = await figure(page);
        check(after.actual === before.actual + 1, `actual ${before.actual} → ${after.actual}`);
        check(after.progress !== before.progress, `進捗率 stayed ${after.progress}`);
      },
    },
    {
      id: "kpi-drill-down",
      title: "the drill-down lists the record and opens it",
      run: async (page) => {
        await resolvedRow(page).getByTestId("kpi-drill").click();
        await page.getByTestId("kpi-facts-table").waitFor();
        const row = page.getByTestId("kpi-fact-row").filter({ hasText: companyName });
        await row.waitFor();
        await row.getByTestId("kpi-fact-source-link").click();
        await page.getByTestId("consultation-form").waitFor();
        check(page.url().includes("/support/consultations/"), `opened ${page.url()}`);
      },
    },
  ];
}
