import type { Db } from "../db/client.js";
import { systemActor } from "../http/actor.js";
import { generatePassword } from "../lib/tokens.js";
import { createDepartment } from "../modules/departments/index.js";
import { createOrganization, listOrganizations } from "../modules/organizations/index.js";
import { createUser } from "../modules/users/index.js";
import { SEED_ORGANIZATIONS } from "./seed-organizations.js";

export interface SeededAdmin {
  org: string;
  login: string;
  password: string;
  generated: boolean;
}

/**
 * With no organization in the database, creates the seed centers, their departments and one
 * `admin` each, in one transaction: a crash half-way leaves nothing, and the next start retries.
 */
export async function seedOnFirstStart(db: Db, adminPassword: string | undefined): Promise<SeededAdmin[]> {
  if ((await listOrganizations(db)).length > 0) return [];
  return db.transaction(async (tx) => {
    const admins: SeededAdmin[] = [];
    for (const seed of SEED_ORGANIZATIONS) {
      const org = await createOrganization(tx, { slug: seed.slug, name: seed.name });
      const actor = systemActor(org.id, "first start");
      const ids = new Map<string, string>();
      for (const [order, d] of seed.departments.entries()) {
        const dept = await createDepartment(tx, actor, { code: d.code, name: d.name, sortOrder: (order + 1) * 10 });
        ids.set(d.code, dept.id);
      }
      const password = adminPassword ?? generatePassword();
      await createUser(tx, actor, {
        login: "admin",
        displayName: "管理者",
        role: "admin",
        departmentIds: [ids.get(seed.adminDepartmentCode) as string],
        password,
      });
      admins.push({ org: seed.slug, login: "admin", password, generated: adminPassword === undefined });
    }
    return admins;
  });
}

/** The one time generated passwords are shown: they are not stored anywhere in clear text. */
export function announceAdmins(admins: SeededAdmin[], print: (line: string) => void): void {
  if (admins.length === 0) return;
  print("");
  print("==============================================================");
  print(" 初期管理者アカウントを作成しました / initial admin accounts created");
  for (const a of admins) {
    const pw = a.generated ? a.password : "(SHIEN_ADMIN_PASSWORD)";
    print(`   組織 org: ${a.org.padEnd(10)} ログインID login: ${a.login}   パスワード password: ${pw}`);
  }
  if (admins.some((a) => a.generated)) {
    print(" このパスワードは今回だけ表示されます。ログイン後に変更してください。");
    print(" These passwords are shown only now; change them after signing in.");
  }
  print("==============================================================");
  print("");
}
