// @ts-check
/**
 * Browser journeys, one after the other against the same server and browser:
 * 1. an administrator of the Fukushima center signs in, adds a department and a staff member in
 *    it, signs out; the new staff member signs in and sees no administration menu;
 * 2. the Mie administrator opens the 令和8年度 plan (imported from the seed on first start), a
 *    program of it, and downloads the plan as a workbook (./plan-journey.js);
 * 3. the registry: import, duplicate warning, merge and undo (./company-journey.js);
 * 4. support records: a consultation with a follow-up, a referral to another department's queue,
 *    dispatches up to the per-company cap, the business's timeline (./support-journey.js);
 * 5. indicators: a resolved consultation moves 課題解決件数 and its 進捗率; the drill-down opens
 *    the record (./kpi-journey.js);
 * 6. subsidies: an application computes its amount, is decided, and the frame and the KPI move
 *    (./subsidy-journey.js).
 * Each journey has its own browser context (no cookies carried over); a failed step skips the
 * rest of its journey only.
 *
 * Runs the real server (fresh data directory, free ports) and Debian's Chromium, headless.
 * Usage: `npm run e2e -w web` (builds web/dist first unless SHIEN_E2E_SKIP_BUILD=1).
 * Screenshots and the server log go to web/test-results/.
 */
import { execFileSync } from "node:child_process";
import { mkdir, readdir, rm } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";
import { companyJourney } from "./company-journey.js";
import { kpiJourney } from "./kpi-journey.js";
import { planJourney } from "./plan-journey.js";
import { startApp } from "./server.js";
import { journey } from "./steps.js";
import { subsidyJourney } from "./subsidy-journey.js";
import { supportJourney } from "./support-journey.js";

const webDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const repoRoot = path.resolve(webDir, "..");
const resultsDir = path.join(webDir, "test-results");
const adminPassword = "E2e-admin-password-2026";

const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
];

async function main() {
  await mkdir(resultsDir, { recursive: true });
  for (const name of await readdir(resultsDir)) {
    if (name.endsWith(".png")) await rm(path.join(resultsDir, name)); // no stale screenshots from an earlier run
  }
  if (process.env.SHIEN_E2E_SKIP_BUILD !== "1") {
    console.log("building web/dist …");
    execFileSync(
      process.execPath,
      [path.join(repoRoot, "node_modules/vite/bin/vite.js"), "build", "--logLevel", "warn"],
      {
        cwd: webDir,
        stdio: "inherit",
      },
    );
  }

  let passed = 0;
  let failed = 0;
  /** @type {Awaited<ReturnType<typeof startApp>> | undefined} */
  let app;
  /** @type {import("playwright-core").Browser | undefined} */
  let browser;
  const journeys = [
    { name: "administration", steps: journey({ adminPassword, stamp: Date.now().toString(36) }) },
    { name: "annual plans", steps: planJourney({ adminPassword }) },
    { name: "company registry", steps: companyJourney({ adminPassword }) },
    { name: "support records", steps: supportJourney({ adminPassword, stamp: Date.now().toString(36) }) },
    { name: "indicators", steps: kpiJourney({ adminPassword, stamp: Date.now().toString(36) }) },
    { name: "subsidies", steps: subsidyJourney({ adminPassword, stamp: Date.now().toString(36) }) },
  ];

  try {
    console.log("starting the server …");
    app = await startApp({ repoRoot, logFile: path.join(resultsDir, "server.log"), adminPassword });
    console.log(`server answering at ${app.baseUrl}`);
    browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: CHROMIUM_ARGS });
    let number = 0;
    for (const { name, steps } of journeys) {
      console.log(`journey: ${name}`);
      const context = await browser.newContext({
        baseURL: app.baseUrl,
        locale: "ja-JP",
        timezoneId: "Asia/Tokyo",
        viewport: { width: 1366, height: 860 },
        acceptDownloads: true,
      });
      const page = await context.newPage();
      page.setDefaultTimeout(15_000);
      page.on("pageerror", (error) => console.log(`  [browser error] ${error.message}`));

      for (const [index, step] of steps.entries()) {
        number += 1;
        const shot = path.join(resultsDir, `${String(number).padStart(2, "0")}-${step.id}.png`);
        try {
          await step.run(page);
          await page.screenshot({ path: shot, fullPage: true });
          passed += 1;
          console.log(`ok   ${number} ${step.title}`);
        } catch (error) {
          failed += 1;
          console.log(`FAIL ${number} ${step.title}`);
          console.log(`     ${error instanceof Error ? error.message.split("\n").join("\n     ") : String(error)}`);
          await page.screenshot({ path: shot.replace(/\.png$/, "-failed.png"), fullPage: true }).catch(() => {});
          const skipped = steps.length - index - 1;
          if (skipped > 0) {
            console.log(`skipped the ${skipped} later step(s) of this journey: each depends on the one before`);
          }
          number += skipped;
          break;
        }
      }
      await context.close();
    }
  } catch (error) {
    failed += 1;
    console.log(`FAIL setup: ${error instanceof Error ? error.message : String(error)}`);
  } finally {
    await browser?.close().catch(() => {});
    if (app) {
      const code = await app.stop();
      console.log(`server stopped (exit code ${code}); log: ${path.relative(repoRoot, app.logFile)}`);
    }
  }
  console.log(`${passed} passed, ${failed} failed`);
  return failed === 0 ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (error) => {
    console.error(error);
    console.log("0 passed, 1 failed");
    process.exit(1);
  },
);
