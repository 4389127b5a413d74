// @ts-check
/** The journey's steps, in order; each relies on the state the previous one left. */

/** @typedef {import("playwright-core").Page} Page */
/** @typedef {{ id: string, title: string, run: (page: Page) => Promise<void> }} Step */

const FUKUSHIMA_NAME = "公益財団法人福島県産業振興センター";

/**
 * @param {boolean} condition
 * @param {string} message
 */
export function check(condition, message) {
  if (!condition) throw new Error(message);
}

/**
 * @param {Page} page
 * @param {{ org: string, login: string, password: string }} who
 */
export async function signIn(page, who) {
  await page.getByTestId("login-org").fill(who.org);
  await page.getByTestId("login-id").fill(who.login);
  await page.getByTestId("login-password").fill(who.password);
  await page.getByTestId("login-submit").click();
  await page.getByTestId("org-name").waitFor();
}

/** @param {Page} page */
export async function signOut(page) {
  await page.getByTestId("user-menu").click();
  await page.getByTestId("menu-logout").click();
  await page.getByTestId("login-form").waitFor();
}

/**
 * @param {{ adminPassword: string, stamp: string }} options
 * @returns {Step[]}
 */
export function journey({ adminPassword, stamp }) {
  const department = { code: `e2e-${stamp}`, name: `検証課${stamp}` };
  const staff = { login: `staff-${stamp}`, name: "検証 花子", password: "Staff-password-2026" };

  return [
    {
      id: "login-page",
      title: "the login page shows in Japanese",
      run: async (page) => {
        await page.goto("/");
        await page.getByTestId("login-form").waitFor();
        await page.getByRole("button", { name: "ログイン" }).waitFor();
        await page.getByLabel("ログインID").waitFor();
      },
    },
    {
      id: "wrong-password",
      title: "a wrong password shows the server's message",
      run: async (page) => {
        await page.getByTestId("login-org").fill("fukushima");
        await page.getByTestId("login-id").fill("admin");
        await page.getByTestId("login-password").fill("not-the-password-at-all");
        await page.getByTestId("login-submit").click();
        const error = page.getByTestId("login-error");
        await error.waitFor();
        check(((await error.textContent()) ?? "").trim().length > 0, "the login error is empty");
      },
    },
    {
      id: "admin-home",
      title: "the Fukushima administrator signs in and sees the shell",
      run: async (page) => {
        await signIn(page, { org: "fukushima", login: "admin", password: adminPassword });
        const orgName = ((await page.getByTestId("org-name").textContent()) ?? "").trim();
        check(orgName === FUKUSHIMA_NAME, `header shows "${orgName}", expected "${FUKUSHIMA_NAME}"`);
        await page.getByTestId("nav-users").waitFor();
        await page.getByTestId("home-account").waitFor();
      },
    },
    {
      id: "department-created",
      title: "the administrator adds a department",
      run: async (page) => {
        await page.getByTestId("nav-departments").click();
        await page.getByRole("heading", { name: "部署", level: 1 }).waitFor();
        await page.getByTestId("departments-create").click();
        await page.getByTestId("department-form-code").fill(department.code);
        await page.getByTestId("department-form-name").fill(department.name);
        await page.getByTestId("department-form-submit").click();
        await page.getByTestId("department-form").waitFor({ state: "detached" });
        const row = page.getByTestId(`department-row-${department.code}`);
        await row.getByText(department.name).waitFor();
      },
    },
    {
      id: "user-created",
      title: "the administrator adds a staff member in that department",
      run: async (page) => {
        await page.getByTestId("nav-users").click();
        await page.getByRole("heading", { name: "ユーザー", level: 1 }).waitFor();
        await page.getByTestId("users-create").click();
        const form = page.getByTestId("user-form");
        await form.getByTestId("user-form-login").fill(staff.login);
        await form.getByTestId("user-form-display-name").fill(staff.name);
        await form.getByTestId("user-form-password").fill(staff.password);
        await form.getByTestId("user-form-role").click();
        await page.getByRole("option", { name: "担当者", exact: true }).click();
        await form.getByTestId("user-form-departments").click();
        await page.getByRole("option", { name: department.name }).click();
        await page.getByRole("dialog").getByRole("heading").first().click(); // close the dropdown
        await form.getByTestId("user-form-submit").click();
        await form.waitFor({ state: "detached" });
        const row = page.getByTestId(`user-row-${staff.login}`);
        await row.waitFor();
        const text = (await row.textContent()) ?? "";
        for (const expected of [staff.name, "担当者", department.name, "有効"]) {
          check(text.includes(expected), `the new user's row lacks "${expected}": ${text.replace(/\s+/g, " ")}`);
        }
      },
    },
    {
      id: "audit-log",
      title: "the audit log records who created the staff member",
      run: async (page) => {
        await page.getByTestId("nav-audit").click();
        await page.getByRole("heading", { name: "監査ログ", level: 1 }).waitFor();
        await page.getByTestId("audit-filter-entity").click();
        await page.getByRole("option", { name: "ユーザー", exact: true }).click();
        const row = page.getByTestId("audit-row").filter({ hasText: staff.login }).filter({ hasText: "作成" });
        await row.first().waitFor();
        const text = (await row.first().textContent()) ?? "";
        for (const expected of ["管理者", staff.name, department.name, "担当者"]) {
          check(text.includes(expected), `the audit entry lacks "${expected}": ${text.replace(/\s+/g, " ")}`);
        }
      },
    },
    {
      id: "admin-signed-out",
      title: "the administrator signs out and sees the login page",
      run: async (page) => {
        await signOut(page);
        await page.getByTestId("login-submit").waitFor();
      },
    },
    {
      id: "staff-home",
      title: "the new staff member signs in and has no administration menu",
      run: async (page) => {
        await signIn(page, { org: "fukushima", login: staff.login, password: staff.password });
        await page.getByTestId("home-account").getByText(department.name).first().waitFor();
        check((await page.getByTestId("nav-users").count()) === 0, "a staff member sees the Users menu entry");
      },
    },
    {
      id: "staff-no-access",
      title: "an administration address shows the staff member a no-access page",
      run: async (page) => {
        await page.goto("/admin/users");
        await page.getByTestId("status-page").waitFor();
        check((await page.getByTestId("users-table").count()) === 0, "the users table is shown to a staff member");
      },
    },
    {
      id: "staff-signed-out",
      title: "the staff member signs out",
      run: async (page) => {
        await signOut(page);
      },
    },
  ];
}
