import {
  departmentCodeSchema,
  departmentCreateSchema,
  organizationUpdateSchema,
  orgSlugSchema,
  passwordSchema,
  userCreateSchema,
} from "@shien/contracts";
import type { Command } from "commander";
import { z } from "zod";
import { inTransaction } from "../db/client.js";
import { systemActor } from "../http/actor.js";
import { generatePassword } from "../lib/tokens.js";
import { CHAIN_PROBLEM_TEXT, verifyChain } from "../modules/audit/index.js";
import { createDepartment, departmentsByCodes } from "../modules/departments/index.js";
import { createOrganization, listOrganizations } from "../modules/organizations/index.js";
import { createUser, findLoginCandidate, resetPassword, updateUser } from "../modules/users/index.js";
import { parseCliInput } from "./cli-input.js";
import { CliError, orgActor, withRuntime } from "./context.js";

const sessionPolicyOf = (c: { session: { idleMs: number; absoluteMs: number } }) => c.session;

/**
 * `org create` has no API twin (organizations are created only here), so its schema is assembled
 * from the contract's pieces: the slug rule, the organization name rule of organizationUpdateSchema
 * and departmentCreateSchema for the first department.
 */
const orgCreateInputSchema = z.object({
  slug: orgSlugSchema,
  name: organizationUpdateSchema.shape.name,
  department: departmentCreateSchema,
  password: passwordSchema,
});

/** The API's user schema, with department codes in place of ids (ids are looked up after parsing). */
const userCreateInputSchema = userCreateSchema
  .omit({ departmentIds: true, email: true })
  .extend({ departmentCodes: z.array(departmentCodeSchema).min(1).max(50) });

/** "code:名称"; only the first colon separates, so a name may contain one. */
function splitDepartmentOption(value: string): { code: string; name: string } {
  const at = value.indexOf(":");
  return at < 0 ? { code: value, name: "" } : { code: value.slice(0, at), name: value.slice(at + 1) };
}

export function registerCommands(program: Command): void {
  program
    .command("migrate")
    .description("データベースを作成・移行し、初回なら初期データを入れる / create, migrate and seed the database")
    .action(() => withRuntime(async () => console.log("migrations applied / マイグレーション適用済み")));

  const org = program.command("org").description("組織（センター）の管理 / organizations");
  org
    .command("create")
    .description("組織を作成し、管理者 admin を1人作る / create an organization with one admin")
    .argument("<slug>", "組織コード (e.g. akita)")
    .argument("<name>", "正式名称 (e.g. 公益財団法人あきた企業活性化センター)")
    .option("--department <code:name>", "最初の部署 / first department", "somu:総務課")
    .option("--admin-password <password>", "管理者の初期パスワード（省略時は生成）")
    .action((slug: string, name: string, opts: { department: string; adminPassword?: string }) => {
      // Checked before the database is opened: a refused command touches nothing.
      const input = parseCliInput(
        orgCreateInputSchema,
        {
          slug,
          name,
          department: splitDepartmentOption(opts.department),
          password: opts.adminPassword ?? generatePassword(),
        },
        { slug: "<slug>", name: "<name>", department: "--department", password: "--admin-password" },
      );
      return withRuntime(async ({ database }) => {
        await inTransaction(database.db, async (tx) => {
          const created = await createOrganization(tx, { slug: input.slug, name: input.name });
          const actor = systemActor(created.id);
          const dept = await createDepartment(tx, actor, input.department);
          await createUser(tx, actor, {
            login: "admin",
            displayName: "管理者",
            role: "admin",
            departmentIds: [dept.id],
            password: input.password,
          });
        });
        console.log(
          `organization ${input.slug} created; admin password: ${opts.adminPassword ? "(as given)" : input.password}`,
        );
      });
    });
  org
    .command("list")
    .description("組織の一覧 / list organizations")
    .action(() =>
      withRuntime(async ({ database }) => {
        for (const o of await listOrganizations(database.db)) console.log(`${o.slug}\t${o.name}`);
      }),
    );

  const user = program.command("user").description("ユーザーの管理 / users");
  user
    .command("create")
    .description("ユーザーを作成する / create a user")
    .requiredOption("--org <slug>", "組織コード")
    .requiredOption("--login <login>", "ログインID")
    .requiredOption("--name <name>", "氏名")
    .requiredOption("--role <role>", "admin | manager | staff | viewer")
    .requiredOption("--department <codes...>", "部署コード（複数可）")
    .option("--password <password>", "初期パスワード（省略時は生成して表示）")
    .action(
      (o: { org: string; login: string; name: string; role: string; department: string[]; password?: string }) => {
        const input = parseCliInput(
          userCreateInputSchema,
          {
            login: o.login,
            displayName: o.name,
            role: o.role,
            departmentCodes: o.department,
            password: o.password ?? generatePassword(),
          },
          {
            login: "--login",
            displayName: "--name",
            role: "--role",
            departmentCodes: "--department",
            password: "--password",
          },
        );
        return withRuntime(async ({ database }) => {
          const actor = await orgActor(database, o.org);
          const { departmentCodes, ...user } = input;
          const depts = await departmentsByCodes(database.db, actor.orgId, departmentCodes);
          const created = await createUser(database.db, actor, { ...user, departmentIds: depts.map((d) => d.id) });
          console.log(`user ${created.login} created${o.password ? "" : `; password: ${input.password}`}`);
        });
      },
    );
  user
    .command("disable")
    .description("ユーザーを無効にし、全セッションを終了する / disable a user and end their sessions")
    .requiredOption("--org <slug>", "組織コード")
    .requiredOption("--login <login>", "ログインID")
    .action((o: { org: string; login: string }) =>
      withRuntime(async ({ config, database }) => {
        const actor = await orgActor(database, o.org);
        const target = await findLoginCandidate(database.db, actor.orgId, o.login);
        if (!target) throw new CliError(`ユーザー「${o.login}」はありません / no user "${o.login}"`);
        await updateUser({ db: database.db, sessionPolicy: sessionPolicyOf(config) }, actor, target.id, {
          disabled: true,
        });
        console.log(`user ${o.login} disabled`);
      }),
    );
  user
    .command("reset-password")
    .description("パスワードを再設定し、全セッションを終了する / set a new password")
    .requiredOption("--org <slug>", "組織コード")
    .requiredOption("--login <login>", "ログインID")
    .option("--password <password>", "新しいパスワード（省略時は生成して表示）")
    .action((o: { org: string; login: string; password?: string }) =>
      withRuntime(async ({ config, database }) => {
        const actor = await orgActor(database, o.org);
        const target = await findLoginCandidate(database.db, actor.orgId, o.login);
        if (!target) throw new CliError(`ユーザー「${o.login}」はありません / no user "${o.login}"`);
        const { password } = parseCliInput(
          z.object({ password: passwordSchema }),
          { password: o.password ?? generatePassword() },
          { password: "--password" },
        );
        await resetPassword({ db: database.db, sessionPolicy: sessionPolicyOf(config) }, actor, target.id, {
          newPassword: password,
        });
        console.log(`password of ${o.login} reset${o.password ? "" : `; new password: ${password}`}`);
      }),
    );

  program
    .command("audit")
    .description("監査ログ / audit log")
    .command("verify")
    .description("監査ログのハッシュチェーンを検証する（改ざん・削除を検出）/ verify the audit hash chains")
    .option("--org <slug>", "この組織だけ / only this organization")
    .action((o: { org?: string }) =>
      withRuntime(async ({ database }) => {
        const orgs = (await listOrganizations(database.db)).filter((x) => !o.org || x.slug === o.org);
        if (o.org && orgs.length === 0) throw new CliError(`組織「${o.org}」はありません / no organization "${o.org}"`);
        let bad = 0;
        for (const x of orgs) {
          const { entries, problems } = await verifyChain(database.db, x.id);
          bad += problems.length;
          console.log(
            `${x.slug}: ${entries} entries, ${problems.length === 0 ? "OK" : `${problems.length} problem(s)`}`,
          );
          for (const p of problems) console.log(`  seq ${p.seq}: ${p.problem} ${CHAIN_PROBLEM_TEXT[p.problem].ja}`);
        }
        if (bad > 0) {
          console.log("監査ログの改ざんまたは削除を検出しました / audit log tampering detected");
          process.exitCode = 1;
        }
      }),
    );
}
