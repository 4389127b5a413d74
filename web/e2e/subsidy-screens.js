// @ts-check
/**
 * The subsidy journey's steps around the decision (issue 7): the program's rubric, a document
 * attached, the manager's score sheet and the ranking before 採択; after the 交付決定, the
 * report-due list and the 交付決定通知書 PDF read back. They share the journey's application.
 */
import { readFile } from "node:fs/promises";
import { isPdf, pdfText } from "./pdf-text.js";
import { check } from "./steps.js";

/** @typedef {import("./steps.js").Step} Step */
/** @typedef {import("playwright-core").Page} Page */
/** @typedef {{ url: string, id: string, companyName: string, title: string }} Applied */

/** Two criteria, 100 points in all; the manager's sheet scores 50 + 35. */
const RUBRIC = [
  { code: "plan", label: "計画の実現可能性", max: 60, score: 50 },
  { code: "effect", label: "賃上げ・生産性向上の効果", max: 40, score: 35 },
];
/** Chosen in the decision form; within the report-due list's default 30 days of any day the journey can run. */
export const REPORT_DUE_ON = "2026-12-18";

/** @param {Page} page */
const program11 = (page) => page.locator('[data-testid="subsidy-program-row"][data-program-code="11"]');

/**
 * @param {Page} page
 * @param {Applied} applied
 */
export async function openApplication(page, applied) {
  await page.goto(applied.url);
  await page.getByTestId("application-status").waitFor();
}

/**
 * Back to the top, so that the step's full-page screenshot does not show the fixed header and
 * menu halfway down (where the page was scrolled to). A string, as e2e code is checked without the
 * DOM's types.
 * @param {Page} page
 */
const scrollToTop = (page) => page.evaluate("window.scrollTo(0, 0)");

/** @returns {Step} */
export function rubricStep() {
  return {
    id: "subsidy-rubric",
    title: "the manager sets program 11's review rubric (two criteria, 100 points)",
    run: async (page) => {
      await page.goto("/subsidies");
      await program11(page).getByTestId("subsidy-program-rubric").click();
      const form = page.getByTestId("rubric-form");
      await form.waitFor();
      for (const [i, c] of RUBRIC.entries()) {
        if (i > 0) await form.getByTestId("rubric-add").click();
        await form.getByTestId(`rubric-code-${i}`).fill(c.code);
        await form.getByTestId(`rubric-label-${i}`).fill(c.label);
        await form.getByTestId(`rubric-max-${i}`).fill(String(c.max));
      }
      await form.locator('[data-testid="rubric-total"][data-total="100"]').waitFor();
      await form.getByTestId("rubric-submit").click();
      await form.waitFor({ state: "detached" });
    },
  };
}

/** @returns {Step} */
export function attachmentStep(/** @type {Applied} */ applied) {
  return {
    id: "subsidy-attachment",
    title: "a 見積書 is attached to the application",
    run: async (page) => {
      await openApplication(page, applied);
      const card = page.getByTestId("attachments-card");
      await card.locator('input[type="file"]').setInputFiles({
        name: "見積書_射出成形機.txt",
        mimeType: "text/plain",
        buffer: Buffer.from("省エネ型射出成形機 一式 3,000,000円（税抜）\n", "utf8"),
      });
      await card.getByTestId("attachment-kind").click();
      await page.getByRole("option", { name: "見積書", exact: true }).click();
      await card.getByTestId("attachment-submit").click();
      const row = card.getByTestId("attachment-row").filter({ hasText: "見積書_射出成形機.txt" });
      await row.waitFor();
      check(((await row.textContent()) ?? "").includes("見積書"), "the attachment's kind is not shown");
      await scrollToTop(page);
    },
  };
}

/** @returns {Step} */
export function reviewStep(/** @type {Applied} */ applied) {
  return {
    id: "subsidy-review-ranking",
    title: "形式審査, the manager's score sheet (85 / 100) and the application first in the ranking",
    run: async (page) => {
      await openApplication(page, applied);
      await transition(page, "check", "checked", {});
      const form = page.getByTestId("review-form");
      for (const c of RUBRIC) await form.getByTestId(`review-score-${c.code}`).fill(String(c.score));
      await form.getByTestId("review-comment").fill("設備更新による省エネ効果の根拠が明確。");
      await form.getByTestId("review-submit").click();
      await page.locator('[data-testid="review-row"][data-total="85"]').waitFor();
      await page.locator('[data-testid="review-average"][data-average="85"]').waitFor();

      await page.getByTestId("nav-subsidies").click();
      await program11(page).getByTestId("subsidy-program-ranking").click();
      const row = page.locator(`[data-testid="ranking-row"][data-application-id="${applied.id}"]`);
      await row.waitFor();
      const average = ((await row.getByTestId("ranking-average").textContent()) ?? "").trim();
      check(average === "85.00", `ranking average ${average}`);
      check((await row.getByTestId("ranking-fits").getAttribute("data-fits")) === "true", "not within the frame");
    },
  };
}

/**
 * One move through the transition modal on the application page.
 * @param {Page} page
 * @param {string} action
 * @param {string} status  the status the move leads to
 * @param {{ fill?: (form: import("playwright-core").Locator) => Promise<void> }} options
 */
export async function transition(page, action, status, { fill }) {
  await page.getByTestId(`application-action-${action}`).click();
  const form = page.getByTestId("transition-form");
  await form.waitFor();
  await form.getByTestId("transition-on").fill("2026-11-20");
  await fill?.(form);
  await form.getByTestId("transition-submit").click();
  await form.waitFor({ state: "detached" });
  await page.locator(`[data-testid="application-status"][data-status="${status}"]`).waitFor();
}

/**
 * The decision's 実績報告の期限: the form names the default (min(+180 days, 年度末) = 令和9年3月31日
 * for 2026-11-20), the server's refusal of a day before the decision stands beside the field, and
 * the chosen day is kept.
 * @param {import("playwright-core").Locator} form
 */
export async function chooseReportDue(form) {
  const due = form.getByTestId("transition-report-due");
  const hint = (await form.getByText(/空欄なら/).textContent()) ?? "";
  check(hint.includes("令和9年3月31日"), `the default due date is not shown: ${hint}`);
  await due.fill("2026-11-19");
  await form.getByTestId("transition-submit").click();
  await form
    .getByText("実績報告の期限（令和8年11月19日）が交付決定日（令和8年11月20日）より前です", { exact: false })
    .waitFor();
  await due.fill(REPORT_DUE_ON);
}

/** @returns {Step} */
export function reportsDueStep(/** @type {Applied} */ applied) {
  return {
    id: "subsidy-reports-due",
    title: "the decided application is listed among the results reports due",
    run: async (page) => {
      await page.getByTestId("nav-subsidies").click();
      await page.getByTestId("subsidies-reports-due").click();
      const row = page.getByTestId("due-row").filter({ hasText: applied.companyName });
      await row.waitFor();
      const text = (await row.textContent()) ?? "";
      check(text.includes("令和8年12月18日") && text.includes(applied.title), `due row: ${text}`);
    },
  };
}

/** @returns {Step} */
export function noticeStep(/** @type {Applied} */ applied) {
  return {
    id: "subsidy-notice-pdf",
    title: "the 交付決定通知書 downloads as a PDF whose text has the decided 1,500,000 yen",
    run: async (page) => {
      await openApplication(page, applied);
      const [download] = await Promise.all([
        page.waitForEvent("download"),
        page.getByTestId("notice-decision").click(),
      ]);
      const file = await download.path();
      const bytes = new Uint8Array(await readFile(file));
      check(isPdf(bytes), `${download.suggestedFilename()} is not a PDF`);
      const text = await pdfText(bytes);
      for (const expected of ["交付決定通知書", "1,500,000", applied.companyName]) {
        check(text.includes(expected), `the notice lacks "${expected}": ${text.slice(0, 300).replace(/\s+/g, " ")}`);
      }
      await scrollToTop(page);
    },
  };
}

/**
 * 申請の一括取り込み through the modal: a file with a wrong amount is read, nothing is stored and the
 * row, column and value are shown; the corrected file's dry run computes the amount; importing it
 * puts the application on the list.
 * @returns {Step[]}
 */
export function importSteps(/** @type {{ companyName: string, phone: string }} */ business) {
  const title = "一括取込の検証申請";
  const file = (/** @type {string} */ amount) =>
    Buffer.from(
      `\uFEFFapplication_ref,company_name,phone,program_code,course,title,received_on,category,amount_yen\r\n` +
        `J-1,${business.companyName},${business.phone},11,賃上げコース,${title},2026-11-20,機械装置等費,"${amount}"\r\n`,
      "utf8",
    );
  /** @param {import("playwright-core").Page} page @param {string} amount */
  const choose = async (page, amount) => {
    await page
      .getByTestId("applications-import")
      .locator('input[type="file"]')
      .setInputFiles({ name: "申請一覧.csv", mimeType: "text/csv", buffer: file(amount) });
    await page.getByTestId("applications-import-read").waitFor();
  };
  return [
    {
      id: "subsidy-import-refused",
      title: "an application file with a wrong amount names row 2, amount_yen and the value; nothing is stored",
      run: async (page) => {
        await page.goto("/subsidies/applications");
        await page.getByTestId("applications-import-open").click();
        await choose(page, "百万円");
        const row = page.getByTestId("import-error-row").first();
        await row.waitFor();
        const text = (await row.textContent()) ?? "";
        check(text.includes("2") && text.includes("amount_yen") && text.includes("百万円"), `error row: ${text}`);
        check(await page.getByTestId("applications-import-run").isDisabled(), "import is possible despite the error");
      },
    },
    {
      id: "subsidy-import-done",
      title: "the corrected file computes 500,000 yen in the dry run, imports, and the application is on the list",
      run: async (page) => {
        await choose(page, "1,000,000");
        await page.getByTestId("applications-import-ready").waitFor();
        const computed = ((await page.getByTestId("import-computed").first().textContent()) ?? "").trim();
        check(computed.includes("500,000"), `computed ${computed}`);
        await page.getByTestId("applications-import-run").click();
        await page.getByTestId("applications-import").waitFor({ state: "detached" });
        await page.getByTestId("application-row").filter({ hasText: title }).first().waitFor();
      },
    },
  ];
}
