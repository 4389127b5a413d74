// @ts-check
/**
 * The support-records journey (issue 5): the Fukushima administrator adds a よろず支援拠点 staff
 * member and a 経営支援課 manager; the staff member records a consultation for a business they
 * register on the spot, with a follow-up date that has passed, sees it overdue in アフターフォロー,
 * and refers the business to 経営支援課; the manager finds it in the department's incoming queue,
 * accepts it, registers an expert and requests dispatches for the business until the per-company
 * cap (3 per frame and year) refuses the fourth; the business's timeline shows every department's
 * record.
 */
import { check, signIn, signOut } from "./steps.js";

/** @typedef {import("./steps.js").Step} Step */
/** @typedef {import("playwright-core").Page} Page */

export const PASSWORD = "Support-journey-2026";

/**
 * @param {Page} page
 * @param {string} testId
 * @param {string | RegExp} option
 */
export async function pick(page, testId, option) {
  await page.getByTestId(testId).click();
  await page.getByRole("option", { name: option }).first().click();
}

/**
 * Users through the API as the signed-in administrator (the admin screens are another journey's).
 * @param {Page} page
 * @param {{ login: string, displayName: string, role: string, department: string }[]} users
 */
export async function createUsers(page, users) {
  const me = await (await page.request.get("/api/auth/me")).json();
  const departments = (await (await page.request.get("/api/departments")).json()).items;
  for (const u of users) {
    const department = departments.find((/** @type {{ name: string }} */ d) => d.name === u.department);
    check(department !== undefined, `no department ${u.department}`);
    const res = await page.request.post("/api/users", {
      headers: { "x-csrf-token": me.csrfToken },
      data: {
        login: u.login,
        displayName: u.displayName,
        role: u.role,
        departmentIds: [department.id],
        password: PASSWORD,
      },
    });
    check(res.status() === 201, `creating ${u.login}: ${res.status()} ${await res.text()}`);
  }
}

/**
 * @param {{ adminPassword: string, stamp: string }} options
 * @returns {Step[]}
 */
export function supportJourney({ adminPassword, stamp }) {
  const staff = { org: "fukushima", login: `yorozu-${stamp}`, password: PASSWORD };
  const manager = { org: "fukushima", login: `keiei-${stamp}`, password: PASSWORD };
  const companyName = `株式会社会津検証精工${stamp}`;
  const expertName = `診断 一郎${stamp}`;
  return [
    {
      id: "support-users",
      title: "the administrator adds a よろず支援拠点 staff member and a 経営支援課 manager",
      run: async (page) => {
        await page.goto("/");
        await page.getByTestId("login-form").waitFor();
        await signIn(page, { org: "fukushima", login: "admin", password: adminPassword });
        await createUsers(page, [
          { login: staff.login, displayName: "よろず 太郎", role: "staff", department: "よろず支援拠点" },
          { login: manager.login, displayName: "経営 部長", role: "manager", department: "経営支援課" },
        ]);
        await signOut(page);
      },
    },
    {
      id: "consultation-recorded",
      title: "the staff member records a consultation for a business registered on the spot, with a follow-up",
      run: async (page) => {
        await signIn(page, staff);
        await page.getByTestId("nav-consultations").click();
        await page.getByTestId("consultations-new").click();
        await page.getByTestId("consultation-form").waitFor();
        await page.getByTestId("consultation-company-create").click();
        await page.getByTestId("company-form-name").fill(companyName);
        await page.getByTestId("company-form-phone").fill("0242-55-0101");
        await page.getByTestId("company-form-submit").click();
        await page.getByTestId("company-form").waitFor({ state: "detached" });
        await pick(page, "consultation-program", /I-1-2 よろず支援拠点事業/);
        await page.getByTestId("consultation-channel").getByText("窓口").click();
        await page.getByTestId("consultation-date").fill("2026-11-10");
        await page.getByTestId("consultation-duration").fill("60");
        await pick(page, "consultation-topics", "資金繰り");
        await page.keyboard.press("Escape");
        await page.getByTestId("consultation-notes").fill("資金繰りの相談。専門家による改善計画づくりを勧めた。");
        await page.getByTestId("consultation-next-action").fill("経営支援課へ専門家派遣をつなぐ");
        await page.getByTestId("consultation-follow-up").fill("2026-11-20");
        await page.getByTestId("consultation-submit").click();
        await page.getByTestId("consultation-saved").waitFor();
      },
    },
    {
      id: "follow-up-overdue",
      title: "アフターフォロー lists the follow-up as overdue",
      run: async (page) => {
        const url = page.url();
        await page.getByTestId("nav-follow-ups").click();
        const row = page.getByTestId("follow-up-row").filter({ hasText: companyName });
        await row.waitFor();
        const badge = ((await row.getByTestId("follow-up-overdue").textContent()) ?? "").trim();
        check(/日超過/.test(badge), `overdue badge reads "${badge}"`);
        // ホーム lists it under today's work, linking to the record.
        await page.getByTestId("nav-home").click();
        const home = page.getByTestId("home-follow-ups");
        await home.getByText(companyName).first().waitFor();
        await page.getByTestId("nav-follow-ups").click();
        await row.waitFor();
        // Dates read in 和暦 until the user menu switches this browser to 西暦 (and back).
        check(((await row.textContent()) ?? "").includes("令和8年11月20日"), "the follow-up date is not in 和暦");
        for (const { style, text } of [
          { style: "seireki", text: "2026年11月20日" },
          { style: "wareki", text: "令和8年11月20日" },
        ]) {
          await page.getByTestId("user-menu").click();
          await page.getByTestId(`menu-date-${style}`).click();
          await row.getByText(text).first().waitFor();
        }
        await page.goto(url);
        await page.getByTestId("consultation-form").waitFor();
      },
    },
    {
      id: "referral-sent",
      title: "the staff member refers the business to 経営支援課",
      run: async (page) => {
        await page.getByTestId("consultation-refer").click();
        await page.getByTestId("referral-form").waitFor();
        await pick(page, "referral-target-department", "経営支援課");
        await page.getByTestId("referral-reason").fill("専門家派遣による資金繰り改善計画の策定支援をお願いします。");
        await page.getByTestId("referral-submit").click();
        await page.getByTestId("referral-detail").waitFor();
        const status = ((await page.getByTestId("referral-status").textContent()) ?? "").trim();
        check(status.includes("送付"), `referral status reads "${status}"`);
        await signOut(page);
      },
    },
    {
      id: "referral-queue",
      title: "the 経営支援課 manager finds it in the department's incoming queue and accepts it",
      run: async (page) => {
        await signIn(page, manager);
        await page.getByTestId("nav-referrals").click();
        await page.getByTestId("referrals-tab-incoming").click();
        const row = page.getByTestId("referral-row").filter({ hasText: companyName });
        await row.waitFor();
        check((await row.getAttribute("data-status")) === "sent", "the incoming referral is not waiting");
        await row.getByTestId("referral-link").click();
        await page.getByTestId("referral-accept").click();
        await page.getByTestId("referral-action-submit").click();
        await page.getByTestId("referral-complete").waitFor();
      },
    },
    {
      id: "expert-registered",
      title: "the manager registers an expert",
      run: async (page) => {
        await page.getByTestId("nav-experts").click();
        await page.getByTestId("experts-new").click();
        await page.getByTestId("expert-form-name").fill(expertName);
        await page.getByTestId("expert-form-qualifications").click();
        await page.getByRole("option", { name: "中小企業診断士" }).click();
        await page.keyboard.press("Escape");
        await page.getByTestId("expert-form-feePerDispatchYen").fill("30000");
        await page.getByTestId("expert-form-submit").click();
        await page.getByTestId("expert-row").filter({ hasText: expertName }).waitFor();
      },
    },
    {
      id: "dispatch-cap",
      title: "three dispatches for the business are accepted; the fourth is refused by the per-company cap",
      run: async (page) => {
        await page.getByTestId("nav-dispatches").click();
        await page.getByTestId("frames-table").waitFor();
        for (let i = 1; i <= 4; i++) {
          await page.getByTestId("dispatches-new").click();
          await page.getByTestId("dispatch-form").waitFor();
          await pick(page, "dispatch-frame", /一般枠/);
          await page.getByTestId("dispatch-company").fill(companyName.slice(0, 8));
          await page.getByRole("option", { name: companyName }).click();
          await pick(page, "dispatch-expert", new RegExp(expertName));
          await page.getByTestId("dispatch-date").fill("2026-12-01");
          await page.getByTestId("dispatch-company-share").fill("10000");
          await page.getByTestId("dispatch-submit").click();
          if (i < 4) {
            await page.getByTestId("dispatch-form").waitFor({ state: "detached" });
          } else {
            const error = page.getByTestId("dispatch-form-error");
            await error.waitFor();
            const text = (await error.textContent()) ?? "";
            check(text.includes("上限3回"), `the refusal reads "${text}"`);
          }
        }
        // After a refusal the form's focus is on the field in error (a combobox keeps Esc to itself):
        // キャンセル is how a person leaves it.
        await page.getByTestId("dispatch-form").getByRole("button", { name: "キャンセル" }).click();
        await page.getByTestId("dispatch-form").waitFor({ state: "detached" });
        const rows = page.getByTestId("dispatch-row").filter({ hasText: companyName });
        const count = await rows.count();
        check(count === 3, `${count} dispatch rows for the business, expected 3`);
      },
    },
    {
      id: "company-timeline",
      title: "the business's timeline shows the consultation and the referral of both departments",
      run: async (page) => {
        await page.getByTestId("nav-companies").click();
        await page.getByTestId("companies-search").fill(companyName);
        await page.getByTestId("company-link").filter({ hasText: companyName }).click();
        await page.getByTestId("company-timeline").waitFor();
        await page.getByTestId("timeline-row").first().waitFor();
        const types = await page
          .getByTestId("timeline-row")
          .evaluateAll((rows) => rows.map((r) => r.getAttribute("data-fact-type")));
        for (const type of ["consultation", "referral_sent", "referral_accepted"]) {
          check(types.includes(type), `timeline types ${types.join(", ")} lack ${type}`);
        }
        await page.getByTestId("company-dispatches").getByText(expertName).first().waitFor();
      },
    },
  ];
}
