// @ts-check
/**
 * The subsidy journey (issue 7): a 経営支援課 manager of the Mie center sets the review rubric of
 * 生産性向上・業態転換支援補助金 (program 11), applies for a business in its 賃上げコース with
 * 3,000,000 yen of eligible cost, sees 1,500,000 yen computed with its working, attaches a 見積書,
 * scores it after 形式審査 and sees it ranked, moves it through 採択 → 交付決定 with a 実績報告の期限,
 * sees the budget frame's remaining drop by 1,500,000, 交付決定件数 on the KPI dashboard rise by
 * one and the application among the reports due, and downloads the 交付決定通知書 PDF. Last, it
 * imports an application from a CSV file through the import modal (a wrong amount first).
 * Dates are fixed inside 令和8年度 (the server refuses steps dated after today, so the journey
 * needs a clock at or past 2026-11-20).
 */
import { check, signIn, signOut } from "./steps.js";
import {
  attachmentStep,
  chooseReportDue,
  importSteps,
  noticeStep,
  reportsDueStep,
  reviewStep,
  rubricStep,
  transition,
} from "./subsidy-screens.js";
import { createUsers, PASSWORD, pick } from "./support-journey.js";

/** @typedef {import("./steps.js").Step} Step */
/** @typedef {import("playwright-core").Page} Page */

const KPI = "/kpi?fiscalYear=2026&asOf=2027-03-31";

/** @param {Page} page */
const frameOf11 = (page) =>
  page.locator('[data-testid="subsidy-program-row"][data-program-code="11"]').getByTestId("subsidy-frame");
/** @param {Page} page */
const decisions = (page) =>
  page.locator('[data-testid="kpi-row"][data-program-code="11"][data-indicator-name="交付決定件数"]');

/**
 * @param {{ adminPassword: string, stamp: string }} options
 * @returns {Step[]}
 */
export function subsidyJourney({ adminPassword, stamp }) {
  const manager = { org: "mie", login: `hojo-${stamp}`, password: PASSWORD };
  const companyName = `株式会社伊勢検証製作所${stamp}`;
  /** The application the steps share, known once it is created. */
  const applied = { url: "", id: "", companyName, title: "省エネ型生産設備の導入" };
  let remaining = Number.NaN;
  let decided = Number.NaN;
  return [
    {
      id: "subsidy-setup",
      title: "the Mie administrator adds a 経営支援課 manager and a business in 三重県",
      run: async (page) => {
        await page.goto("/");
        await page.getByTestId("login-form").waitFor();
        await signIn(page, { org: "mie", login: "admin", password: adminPassword });
        await createUsers(page, [
          { login: manager.login, displayName: "補助 課長", role: "manager", department: "経営支援課" },
        ]);
        const me = await (await page.request.get("/api/auth/me")).json();
        const res = await page.request.post("/api/companies", {
          headers: { "x-csrf-token": me.csrfToken },
          data: { name: companyName, address: "三重県津市栄町1-891", sizeClass: "sme", phone: "059-555-0101" },
        });
        check(res.status() === 201, `company: ${res.status()} ${await res.text()}`);
        await signOut(page);
      },
    },
    {
      id: "subsidy-before",
      title: "the manager notes program 11's remaining budget and 交付決定件数",
      run: async (page) => {
        await signIn(page, manager);
        await page.goto(KPI);
        await decisions(page).waitFor();
        decided = Number(await decisions(page).getAttribute("data-actual"));
        await page.getByTestId("nav-subsidies").click();
        await frameOf11(page).waitFor();
        remaining = Number(await frameOf11(page).getAttribute("data-remaining"));
        check(Number.isInteger(remaining) && remaining > 1_500_000, `remaining ${remaining}`);
      },
    },
    rubricStep(),
    {
      id: "subsidy-application",
      title: "an application in 賃上げコース with 3,000,000 yen of cost computes 1,500,000 yen",
      run: async (page) => {
        await page.goto("/subsidies/applications");
        await page.getByTestId("applications-new").click();
        await page.getByTestId("application-form").waitFor();
        await pick(page, "application-program", /^11 /);
        await page.getByTestId("application-company").fill(companyName);
        await page.getByRole("option", { name: companyName }).click();
        await page.getByTestId("application-title").fill(applied.title);
        await pick(page, "application-course", /賃上げコース/);
        await pick(page, "application-line-category", "機械装置等費");
        await page.getByTestId("application-line-description").fill("省エネ型射出成形機");
        await page.getByTestId("application-line-amount").fill("3000000");
        await page.getByTestId("application-received-on").fill("2026-11-20");
        await page.getByTestId("application-submit").click();
        await page.getByTestId("application-computed").waitFor();
        const computed = await page.getByTestId("application-computed").getAttribute("data-yen");
        check(computed === "1500000", `computed ${computed}`);
        check((await page.getByTestId("application-step").count()) > 2, "the working is not shown");
        applied.url = new URL(page.url()).pathname;
        applied.id = applied.url.split("/").pop() ?? "";
        check(/^\/subsidies\/applications\/[^/]+$/.test(applied.url), `application page at ${applied.url}`);
      },
    },
    attachmentStep(applied),
    reviewStep(applied),
    {
      id: "subsidy-decided",
      title: "採択 → 交付決定 at the computed amount, with a 実績報告の期限",
      run: async (page) => {
        await page.goto(applied.url);
        await transition(page, "adopt", "adopted", {});
        await transition(page, "decide", "decided", { fill: chooseReportDue });
        const yen = await page.getByTestId("application-decided").getAttribute("data-yen");
        check(yen === "1500000", `decided ${yen}`);
        const due = ((await page.getByTestId("application-report-due").textContent()) ?? "").trim();
        check(due === "令和8年12月18日", `report due ${due}`);
      },
    },
    {
      id: "subsidy-frame-and-kpi",
      title: "the frame's remaining drops by 1,500,000 and 交付決定件数 rises by one",
      run: async (page) => {
        await page.getByTestId("nav-subsidies").click();
        await frameOf11(page).waitFor();
        const after = Number(await frameOf11(page).getAttribute("data-remaining"));
        check(remaining - after === 1_500_000, `remaining ${remaining} → ${after}`);
        await page.goto(KPI);
        await page
          .locator(
            `[data-testid="kpi-row"][data-program-code="11"][data-indicator-name="交付決定件数"][data-actual="${decided + 1}"]`,
          )
          .waitFor();
      },
    },
    reportsDueStep(applied),
    noticeStep(applied),
    ...importSteps({ companyName, phone: "059-555-0101" }),
  ];
}
