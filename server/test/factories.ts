import { randomBytes } from "node:crypto";
import { CSRF_HEADER, type MeResponse, type Role, SESSION_COOKIE } from "@shien/contracts";
import type { LightMyRequestResponse } from "fastify";
import type { Db } from "../src/db/client.js";
import { systemActor } from "../src/http/actor.js";
import type { ZodApp } from "../src/http/types.js";
import { createDepartment } from "../src/modules/departments/index.js";
import { createOrganization } from "../src/modules/organizations/index.js";
import { createUser } from "../src/modules/users/index.js";

export const PASSWORD = "correct horse battery staple";
const uid = () => randomBytes(4).toString("hex");

export interface OrgFixture {
  id: string;
  slug: string;
  departments: { id: string; code: string }[];
}

/** An organization with `departmentCount` departments (codes d1, d2, …), created as the CLI would. */
export async function makeOrg(db: Db, departmentCount = 2): Promise<OrgFixture> {
  const org = await createOrganization(db, { slug: `o${uid()}`, name: `テスト支援センター ${uid()}` });
  const actor = systemActor(org.id, "test");
  const departments = [];
  for (let i = 1; i <= departmentCount; i++) {
    const d = await createDepartment(db, actor, { code: `d${i}`, name: `第${i}課` });
    departments.push({ id: d.id, code: d.code });
  }
  return { id: org.id, slug: org.slug, departments };
}

export interface UserFixture {
  id: string;
  org: OrgFixture;
  login: string;
  password: string;
  role: Role;
}

export async function makeUser(
  db: Db,
  org: OrgFixture,
  opts: { role?: Role; departmentIds?: string[]; login?: string } = {},
): Promise<UserFixture> {
  const role = opts.role ?? "staff";
  const login = opts.login ?? `${role}-${uid()}`;
  const u = await createUser(db, systemActor(org.id, "test"), {
    login,
    displayName: `${role} ${login}`,
    role,
    departmentIds: opts.departmentIds ?? [org.departments[0]?.id as string],
    password: PASSWORD,
  });
  return { id: u.id, org, login, password: PASSWORD, role };
}

/** A signed-in browser: the session cookie plus the CSRF token, like the web app holds them. */
export class Session {
  constructor(
    readonly app: ZodApp,
    readonly cookie: string,
    readonly csrf: string,
    readonly me: MeResponse,
  ) {}

  request(
    method: "GET" | "POST" | "PUT" | "PATCH" | "DELETE",
    url: string,
    body?: unknown,
    opts: { csrf?: boolean } = {},
  ) {
    const headers: Record<string, string> = { cookie: `${SESSION_COOKIE}=${this.cookie}` };
    if (method !== "GET" && opts.csrf !== false) headers[CSRF_HEADER] = this.csrf;
    return this.app.inject({ method, url, headers, ...(body === undefined ? {} : { payload: body as object }) });
  }
  get = (url: string) => this.request("GET", url);
  post = (url: string, body?: unknown) => this.request("POST", url, body ?? {});
  patch = (url: string, body: unknown) => this.request("PATCH", url, body);
  put = (url: string, body: unknown) => this.request("PUT", url, body);
}

export function loginRequest(
  app: ZodApp,
  org: string,
  login: string,
  password: string,
  headers: Record<string, string> = {},
) {
  return app.inject({ method: "POST", url: "/api/auth/login", payload: { org, login, password }, headers });
}

export function sessionCookieOf(res: LightMyRequestResponse): string | undefined {
  return res.cookies.find((c) => c.name === SESSION_COOKIE)?.value;
}

export async function signIn(
  app: ZodApp,
  user: { org: { slug: string }; login: string; password: string },
): Promise<Session> {
  const res = await loginRequest(app, user.org.slug, user.login, user.password);
  if (res.statusCode !== 200) throw new Error(`sign-in failed: ${res.statusCode} ${res.body}`);
  const cookie = sessionCookieOf(res);
  if (!cookie) throw new Error("no session cookie");
  const me = res.json() as MeResponse;
  return new Session(app, cookie, me.csrfToken, me);
}
