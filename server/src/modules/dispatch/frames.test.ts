import { type SQL, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestContext, type TestContext } from "../../../test/context.js";
import { makeOrg, makeUser, type Session, signIn } from "../../../test/factories.js";
import { makeSupportOrg, type SupportOrg } from "../../../test/support-fixtures.js";
import type { SupportProgram } from "../plans/index.js";
import { DEFAULT_FRAME_NAME, deriveFrames } from "./frames.service.js";

let t: TestContext;
let s: SupportOrg;
let keieiManager: Session;
let yorozuManager: Session;
let keieiStaff: Session;
let viewer: Session;
let admin: Session;
let outsider: Session;

beforeAll(async () => {
  t = await createTestContext();
  s = await makeSupportOrg(t.database.db);
  [keieiManager, yorozuManager, keieiStaff, viewer, admin] = await Promise.all([
    signIn(t.app, s.users.keieiManager),
    signIn(t.app, s.users.yorozuManager),
    signIn(t.app, s.users.keieiStaff),
    signIn(t.app, s.users.viewer),
    signIn(t.app, s.users.admin),
  ]);
  const other = await makeOrg(t.database.db);
  outsider = await signIn(t.app, await makeUser(t.database.db, other, { role: "admin" }));
});
afterAll(() => t.close());

const rows = async <T>(q: SQL) => (await t.database.db.execute(q)).rows as T[];
const missing = "00000000-0000-4000-8000-000000000000";
interface Frame {
  id: string;
  name: string;
  cap: number | null;
  perCompanyCap: number | null;
  used: number;
  remaining: number | null;
  fiscalYear: number;
  program: { id: string; code: string };
}
const frames = async (who: Session, fy = 2026) =>
  (await who.get(`/api/dispatch/frames?fiscalYear=${fy}`)).json().items as Frame[];

describe("frames derived from the plan", () => {
  it("when anyone lists a year's frames, then D-1's two counted outputs are its frames and D gets none", async () => {
    const items = await frames(viewer);
    expect(items).toEqual([
      expect.objectContaining({
        name: "専門家派遣（一般枠）",
        cap: 5,
        perCompanyCap: 3,
        used: 0,
        remaining: 5,
        fiscalYear: 2026,
        program: { id: s.program["D-1"], code: "D-1", name: "専門家派遣制度" },
      }),
      expect.objectContaining({
        name: "専門家派遣（BCP枠）",
        cap: 2,
        remaining: 2,
        program: expect.objectContaining({ code: "D-1" }),
      }),
    ]);
    expect(items.some((f) => f.program.id === s.program.D)).toBe(false);
  });

  it("when frames are listed again and for another year, then no frame is duplicated and each year has its own", async () => {
    const again = await frames(keieiStaff);
    const fy2025 = await frames(keieiStaff, 2025);
    expect(fy2025.map((f) => [f.name, f.fiscalYear])).toEqual([
      ["専門家派遣（一般枠）", 2025],
      ["専門家派遣（BCP枠）", 2025],
    ]);
    expect(new Set([...again, ...fy2025].map((f) => f.id)).size).toBe(4);
    const [n] = await rows<{ n: number }>(
      sql`select count(*)::int as n from dispatch_frames where org_id = ${s.org.id}`,
    );
    expect(n?.n).toBe(4);
  });

  it("when the year has no plan or the query lacks a year, then an empty list and 400", async () => {
    expect(await frames(viewer, 2030)).toEqual([]);
    const res = await viewer.get("/api/dispatch/frames");
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details[0].field).toBe("fiscalYear");
  });
});

describe("changing a frame's caps", () => {
  it("when a manager of the program's department sets the caps, then they hold, the sync keeps them and it is audited", async () => {
    const bcp = (await frames(keieiManager)).find((f) => f.name === "専門家派遣（BCP枠）") as Frame;
    const res = await keieiManager.patch(`/api/dispatch/frames/${bcp.id}`, { cap: 4, perCompanyCap: 1 });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ cap: 4, perCompanyCap: 1, used: 0, remaining: 4 });
    expect((await frames(viewer)).find((f) => f.id === bcp.id)).toMatchObject({ cap: 4, perCompanyCap: 1 });
    const audit = await rows<{ changes: { field: string; from: unknown; to: unknown }[] }>(
      sql`select changes from audit_log where entity = 'dispatch_frame' and entity_id = ${bcp.id}`,
    );
    expect(audit[0]?.changes).toEqual([
      { field: "cap", from: 2, to: 4 },
      { field: "perCompanyCap", from: 3, to: 1 },
    ]);
  });

  it("when an admin removes the cap, then the frame has no cap and no remaining count", async () => {
    const general = (await frames(admin)).find((f) => f.name === "専門家派遣（一般枠）") as Frame;
    const res = await admin.patch(`/api/dispatch/frames/${general.id}`, { cap: null });
    expect(res.json()).toMatchObject({ cap: null, remaining: null, perCompanyCap: 3 });
    expect((await admin.patch(`/api/dispatch/frames/${general.id}`, { cap: 5 })).json().cap).toBe(5);
  });

  it("when staff, a viewer or a manager of another department change caps, then 404 and nothing changes", async () => {
    const general = (await frames(viewer)).find((f) => f.name === "専門家派遣（一般枠）") as Frame;
    for (const who of [keieiStaff, viewer, yorozuManager]) {
      expect((await who.patch(`/api/dispatch/frames/${general.id}`, { cap: 99 })).statusCode).toBe(404);
    }
    expect((await frames(viewer)).find((f) => f.id === general.id)?.cap).toBe(5);
  });

  it("when another organization lists or changes the frames, then it sees none and 404", async () => {
    const general = (await frames(viewer)).find((f) => f.name === "専門家派遣（一般枠）") as Frame;
    expect(await frames(outsider)).toEqual([]);
    expect((await outsider.patch(`/api/dispatch/frames/${general.id}`, { cap: 99 })).statusCode).toBe(404);
    expect((await frames(viewer)).find((f) => f.id === general.id)?.cap).toBe(5);
  });

  it("when the body is malformed or the frame unknown, then 400 naming the field and 404", async () => {
    const general = (await frames(viewer)).find((f) => f.name === "専門家派遣（一般枠）") as Frame;
    const bad = await keieiManager.patch(`/api/dispatch/frames/${general.id}`, { cap: -1 });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details[0].field).toBe("cap");
    const zero = await keieiManager.patch(`/api/dispatch/frames/${general.id}`, { perCompanyCap: 0 });
    expect(zero.json().error.details[0].field).toBe("perCompanyCap");
    expect((await keieiManager.patch(`/api/dispatch/frames/${missing}`, { cap: 1 })).statusCode).toBe(404);
  });
});

describe("which programs get frames (deriveFrames)", () => {
  const program = (p: Partial<SupportProgram> & { id: string }): SupportProgram => ({
    code: p.id,
    name: p.id,
    label: p.id,
    fiscalYear: 2026,
    planId: "plan",
    parentId: null,
    departmentIds: [],
    confidential: false,
    kinds: ["dispatch"],
    outputs: [],
    depth: 0,
    ...p,
  });

  it("when a dispatch program states no counted output and has no dispatching sub-program, then one uncapped frame", () => {
    const frames = deriveFrames([
      program({ id: "A", outputs: [{ label: "派遣企業数", quantity: 30, unit: "社", cumulative: false }] }),
      program({ id: "B", kinds: ["consultation"] }),
    ]);
    expect(frames).toEqual([{ programId: "A", name: DEFAULT_FRAME_NAME, cap: null, perCompanyCap: 3 }]);
  });

  it("when outputs in 回 are cumulative, then each is a frame (a quantity of '-' is no cap); others are not frames", () => {
    const frames = deriveFrames([
      program({
        id: "A",
        outputs: [
          { label: "一般枠", quantity: 195, unit: "回", cumulative: true },
          { label: "米国関税措置・物価高対策枠", quantity: null, unit: "回", cumulative: true },
          { label: "月平均", quantity: 16, unit: "回", cumulative: false },
        ],
      }),
    ]);
    expect(frames.map((f) => [f.name, f.cap])).toEqual([
      ["一般枠", 195],
      ["米国関税措置・物価高対策枠", null],
    ]);
  });

  it("when a grandchild dispatches, then neither ancestor gets a default frame", () => {
    const frames = deriveFrames([
      program({ id: "top" }),
      program({ id: "mid", parentId: "top", kinds: ["consultation"] }),
      program({ id: "leaf", parentId: "mid" }),
    ]);
    expect(frames.map((f) => f.programId)).toEqual(["leaf"]);
  });
});
