import { spawnSync } from "node:child_process";
import path from "node:path";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestContext, type TestContext } from "../../test/context.js";
import { repoRoot } from "../../test/server-process.js";

// Regression (audit): `user create --name "   "` and `org create testorg "" --department "BAD CODE!:総務"`
// succeeded, because the CLI passed its options to the services without the API's contract schemas.

let t: TestContext;

beforeAll(async () => {
  t = await createTestContext();
});
afterAll(() => t?.close());

/** The real `shien` entry, pointed at this file's database through DATABASE_URL. */
function shien(...args: string[]) {
  const r = spawnSync(process.execPath, [path.join(repoRoot, "bin/shien.js"), ...args], {
    cwd: repoRoot,
    env: { ...process.env, DATABASE_URL: t.url, SHIEN_ADMIN_PASSWORD: "cli-seed-admin-password", LOG_LEVEL: "warn" },
    encoding: "utf8",
    timeout: 120_000,
  });
  return { status: r.status, out: `${r.stdout}${r.stderr}` };
}

const count = async (query: ReturnType<typeof sql>) => Number((await t.database.db.execute(query)).rows[0]?.n ?? 0);
const orgsNamed = (slug: string) => count(sql`select count(*)::int as n from organizations where slug = ${slug}`);
const usersNamed = (login: string) => count(sql`select count(*)::int as n from users where login = ${login}`);

describe("shien org create / user create check their input like the API", { timeout: 180_000 }, () => {
  it("when `org create` gets a valid name and department, then the organization, its department and admin exist", async () => {
    const r = shien(
      "org",
      "create",
      "cliorg",
      " 公益財団法人テスト支援センター ",
      "--department",
      "somu:総務課:庶務",
      "--admin-password",
      "cliorg-admin-password",
    );
    expect(r.status, r.out).toBe(0);
    const org = await t.database.db.execute(sql`select id, name from organizations where slug = 'cliorg'`);
    expect(org.rows[0]?.name).toBe("公益財団法人テスト支援センター");
    const dept = await t.database.db.execute(sql`select code, name from departments where org_id = ${org.rows[0]?.id}`);
    expect(dept.rows).toEqual([{ code: "somu", name: "総務課:庶務" }]);
    const admin = await t.database.db.execute(
      sql`select role from users where org_id = ${org.rows[0]?.id} and login = 'admin'`,
    );
    expect(admin.rows).toEqual([{ role: "admin" }]);
  });

  it("when `user create` gets a blank --name, then it exits non-zero naming --name and 氏名, and no user is written", async () => {
    const r = shien(
      "user",
      "create",
      "--org",
      "cliorg",
      "--login",
      "blankname",
      "--name",
      "   ",
      "--role",
      "staff",
      "--department",
      "somu",
      "--password",
      "blank-name-password",
    );
    expect(r.status).not.toBe(0);
    expect(r.out).toContain("--name: 氏名を入力してください。");
    expect(r.out).toContain("入力内容に誤りがあります");
    expect(await usersNamed("blankname")).toBe(0);
  });

  it("when `user create` gets a bad role, a bad department code and a short password, then each option is named and nothing is written", async () => {
    const r = shien(
      "user",
      "create",
      "--org",
      "cliorg",
      "--login",
      "manybad",
      "--name",
      "山田",
      "--role",
      "boss",
      "--department",
      "BAD CODE!",
      "--password",
      "short",
    );
    expect(r.status).not.toBe(0);
    expect(r.out).toMatch(/--role: 権限は次のいずれかを指定してください/);
    expect(r.out).toContain("--department: 部署コードは半角英小文字・数字・ハイフンの32文字以内");
    expect(r.out).toMatch(/--password: パスワードは12文字以上で入力してください/);
    expect(await usersNamed("manybad")).toBe(0);
  });

  it("when `user create` gets valid options, then the user is written with the trimmed name", async () => {
    const r = shien(
      "user",
      "create",
      "--org",
      "cliorg",
      "--login",
      "yamada",
      "--name",
      " 山田 太郎 ",
      "--role",
      "staff",
      "--department",
      "somu",
      "--password",
      "yamada-password-1",
    );
    expect(r.status, r.out).toBe(0);
    const row = await t.database.db.execute(sql`select display_name from users where login = 'yamada'`);
    expect(row.rows[0]?.display_name).toBe("山田 太郎");
  });

  it("when `org create` gets an empty name and a department code with spaces, then it exits non-zero naming both, and no organization is written", async () => {
    const r = shien("org", "create", "testorg", "", "--department", "BAD CODE!:総務");
    expect(r.status).not.toBe(0);
    expect(r.out).toContain("<name>: 名称を入力してください。");
    expect(r.out).toContain("--department: 部署コードは半角英小文字・数字・ハイフンの32文字以内");
    expect(await orgsNamed("testorg")).toBe(0);
  });

  it("when `org create` gets a department without a name, then it names 名称 under --department and writes nothing", async () => {
    const r = shien("org", "create", "nodeptname", "テストセンター", "--department", "somu");
    expect(r.status).not.toBe(0);
    expect(r.out).toContain("--department: 名称を入力してください。");
    expect(await orgsNamed("nodeptname")).toBe(0);
  });
});
