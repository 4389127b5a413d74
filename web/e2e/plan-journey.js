// @ts-check
/**
 * The annual-plan journey: the Mie administrator opens 事業計画, finds よろず支援拠点事業 in the
 * 令和8年度 plan with the document's figures, opens the program, comes back and downloads the
 * plan as a workbook. Relies on the seed plans imported on the server's first start.
 */
import { readFile } from "node:fs/promises";
import { check, signIn } from "./steps.js";

/** @typedef {import("./steps.js").Step} Step */
/** @typedef {import("playwright-core").Page} Page */

const MIE_NAME = "公益財団法人三重県産業支援センター";
const PROGRAM = "よろず支援拠点事業";
const DEPARTMENT = "よろず支援・事業承継課";

/** @param {Page} page */
function programRow(page) {
  return page
    .locator('[data-testid^="plan-row-"]')
    .filter({ has: page.getByRole("link", { name: PROGRAM, exact: true }) });
}

/**
 * @param {{ adminPassword: string }} options
 * @returns {Step[]}
 */
export function planJourney({ adminPassword }) {
  return [
    {
      id: "mie-admin-home",
      title: "the Mie administrator signs in",
      run: async (page) => {
        await page.goto("/");
        await page.getByTestId("login-form").waitFor();
        await signIn(page, { org: "mie", login: "admin", password: adminPassword });
        const orgName = ((await page.getByTestId("org-name").textContent()) ?? "").trim();
        check(orgName === MIE_NAME, `header shows "${orgName}", expected "${MIE_NAME}"`);
      },
    },
    {
      id: "plans-list",
      title: "事業計画 lists the 令和8年度 plan with its year in 和暦 and 西暦",
      run: async (page) => {
        await page.getByTestId("nav-plans").click();
        await page.getByRole("heading", { name: "事業計画", level: 1 }).waitFor();
        const row = page.getByTestId("plan-item-2026");
        await row.waitFor();
        const text = (await row.textContent()) ?? "";
        for (const expected of ["令和8年度（2026年度）", "採択済"]) {
          check(text.includes(expected), `the plan row lacks "${expected}": ${text.replace(/\s+/g, " ")}`);
        }
      },
    },
    {
      id: "plan-overview",
      title: `the plan's 事業体系 shows ${PROGRAM} at 124,990 (74,990, +50,000) 千円`,
      run: async (page) => {
        await page.getByTestId("plan-item-2026").getByTestId("plan-link").click();
        await page.getByTestId("plan-tree").waitFor();
        await page.getByTestId("plan-unit").getByText("単位：千円").waitFor();
        const row = programRow(page);
        await row.waitFor();
        const cells = (await row.locator("td").allTextContents()).map((c) => c.trim());
        for (const expected of ["124,990", "74,990", "+50,000", DEPARTMENT, "国"]) {
          check(cells.includes(expected), `the row lacks a cell "${expected}": ${cells.join(" | ")}`);
        }
      },
    },
    {
      id: "program-page",
      title: `the program page names its department ${DEPARTMENT}`,
      run: async (page) => {
        await programRow(page).getByRole("link", { name: PROGRAM, exact: true }).click();
        await page.getByRole("heading", { name: PROGRAM, level: 1 }).waitFor();
        const departments = page.getByTestId("program-departments");
        await departments.getByText(DEPARTMENT, { exact: true }).waitFor();
        await page.getByTestId("amounts-table").getByText("124,990").waitFor();
      },
    },
    {
      id: "plan-download",
      title: "back on the plan, the xlsx download is a workbook",
      run: async (page) => {
        await page.goBack();
        await page.getByTestId("plan-tree").waitFor();
        const [download] = await Promise.all([
          page.waitForEvent("download"),
          page.getByTestId("plan-download-xlsx").click(),
        ]);
        const name = download.suggestedFilename();
        check(name.endsWith(".xlsx"), `the download is named "${name}", expected a .xlsx file`);
        const failure = await download.failure();
        check(failure === null, `the download failed: ${failure}`);
        const file = await download.path();
        const bytes = await readFile(file);
        check(bytes.length > 5 * 1024, `the workbook has only ${bytes.length} bytes`);
        check(bytes.subarray(0, 2).toString("latin1") === "PK", "the workbook does not start with the ZIP magic PK");
        console.log(`     downloaded "${name}" (${bytes.length} bytes)`);
      },
    },
  ];
}
