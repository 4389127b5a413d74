import { readFileSync } from "node:fs";
import path from "node:path";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestContext, type TestContext } from "../../../test/context.js";
import { seedOnFirstStart } from "../../setup/first-start.js";
import { seedPlansDir } from "../../setup/seed-plans.js";
import { importPlanText, PlanFileError } from "./index.js";

let t: TestContext;
const seed = (name: string) => {
  const file = path.join(seedPlansDir, name);
  return { file, text: readFileSync(file, "utf8") };
};
const mie = seed("mie-2026.yaml");
const fukushima = seed("fukushima-2026.yaml");

async function count(table: string): Promise<number> {
  const r = await t.database.db.execute(sql.raw(`select count(*)::int as n from ${table}`));
  return Number(r.rows[0]?.n);
}

beforeAll(async () => {
  t = await createTestContext();
  await seedOnFirstStart(t.database.db, "seed-admin-password");
});
afterAll(() => t.close());

describe("importing the seed plans", () => {
  it("when Mie's plan is imported, then it has 24 programs and the document's figures, with no warnings", async () => {
    const r = await importPlanText(t.database.db, mie.text, mie.file);
    expect(r).toMatchObject({ org: "mie", fiscalYear: 2026, created: true, programs: 24 });
    expect(r.warnings).toEqual([]);
  });

  it("when Fukushima's plan is imported, then it has 28 programs and reports the budget statement's inconsistent subtotals as warnings with lines", async () => {
    const r = await importPlanText(t.database.db, fukushima.text, fukushima.file);
    expect(r).toMatchObject({ org: "fukushima", programs: 28, created: true });
    expect(r.warnings.length).toBeGreaterThan(0);
    for (const w of r.warnings) {
      expect(w.path).toMatch(/^budgetStatement\.lines\[\d+\]/);
      expect(w.line).toBeGreaterThan(0);
    }
  });

  it("when the same file is imported again, then nothing is duplicated and programs and indicators keep their ids", async () => {
    const before = await t.database.db.execute(sql`select id, code from programs order by code`);
    const indicatorsBefore = await count("indicators");
    const nodesBefore = await count("plan_nodes");
    const r = await importPlanText(t.database.db, mie.text, mie.file, { reviseReason: "再取込" });
    expect(r.created).toBe(false);
    const after = await t.database.db.execute(sql`select id, code from programs order by code`);
    expect(after.rows).toEqual(before.rows);
    expect(await count("indicators")).toBe(indicatorsBefore);
    expect(await count("plan_nodes")).toBe(nodesBefore);
    expect(await count("plans")).toBe(2);
  });

  it("when a re-import changes an amount and drops a program, then the plan is updated in place", async () => {
    const changed = mie.text.replace("124,990千円", "125,000千円");
    expect(changed).not.toBe(mie.text);
    const r = await importPlanText(t.database.db, changed, mie.file, { reviseReason: "金額の訂正" });
    expect(r.created).toBe(false);
    const row = await t.database.db.execute(
      sql`select a.yen from amount_lines a join programs p on p.id = a.program_id join plans pl on pl.id = p.plan_id
          join organizations o on o.id = pl.org_id where o.slug = 'mie' and p.code = '1' and a.label = '事業費'`,
    );
    expect(Number(row.rows[0]?.yen)).toBe(125_000_000);
    await importPlanText(t.database.db, mie.text, mie.file, { reviseReason: "元に戻す" });
  });

  it("when an adopted plan is re-imported without a revision reason, then it is refused and unchanged", async () => {
    const revisions = await count("plan_revisions");
    await expect(importPlanText(t.database.db, mie.text, mie.file)).rejects.toThrow(/採択済み/);
    expect(await count("plan_revisions")).toBe(revisions);
  });
});

describe("bad plan files", () => {
  async function expectRefused(text: string, match: { path?: RegExp; message?: RegExp; line?: number }) {
    const plansBefore = await count("plans");
    const programsBefore = await count("programs");
    let error: unknown;
    try {
      await importPlanText(t.database.db, text, "bad.yaml");
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(PlanFileError);
    const issues = (error as PlanFileError).errors;
    expect(
      issues.some((i) => (!match.path || match.path.test(i.path)) && (!match.message || match.message.test(i.message))),
    ).toBe(true);
    if (match.line) expect(issues[0]?.line).toBe(match.line);
    expect(await count("plans")).toBe(plansBefore);
    expect(await count("programs")).toBe(programsBefore);
  }

  it("when the YAML is broken, then the error gives the line and nothing is imported", async () => {
    await expectRefused("org: mie\nfiscalYear: 2027\ntree: [\n  - {", { message: /YAML/ });
  });

  it("when an amount is not an amount, then the error names its YAML path and line", async () => {
    const text = mie.text.replace("fiscalYear: 2026", "fiscalYear: 2027").replace("124,990千円", "124,990 yen");
    const line = text.split("\n").findIndex((l) => l.includes("124,990 yen")) + 1;
    await expectRefused(text, { path: /^tree\[0\]\.group\.children\[0\]\.program\.amounts\[0\]\.amount$/, line });
  });

  it("when a department is unknown, then the error names it and nothing is imported", async () => {
    const text = mie.text
      .replace("fiscalYear: 2026", "fiscalYear: 2027")
      .replace("departments: [よろず支援・事業承継課]", "departments: [存在しない課]");
    await expectRefused(text, { path: /departments\[0\]$/, message: /存在しない課/ });
  });

  it("when the organization does not exist, then the error says so", async () => {
    await expectRefused(mie.text.replace("org: mie", "org: nowhere"), { path: /^org$/, message: /nowhere/ });
  });

  it("when a required field is missing, then the error names the field", async () => {
    await expectRefused(
      "org: mie\nfiscalYear: 2027\ntitle: x\nsource: x\ntree:\n  - program:\n      numbering: '1'\n      code: '1'\n      name: x\n",
      {
        path: /program\.status$|program\.departments$/,
      },
    );
  });
});

describe("figures the document states across programs", () => {
  it("when an overview figure does not match the programs' lines, then the import warns with its path", async () => {
    const text = fukushima.text.replace("    amount: 111,460千円\n", "    amount: 111,470千円\n");
    expect(text).not.toBe(fukushima.text);
    const r = await importPlanText(t.database.db, text, fukushima.file, { reviseReason: "検証" });
    const stated = r.warnings.filter((w) => w.path.startsWith("statedFigures"));
    expect(stated).toHaveLength(1);
    expect(stated[0]?.message).toContain("111,470千円");
    expect(stated[0]?.message).toContain("111,460千円");
    await importPlanText(t.database.db, fukushima.text, fukushima.file, { reviseReason: "元に戻す" });
  });
});

describe("plan structure", () => {
  it("when a program lists the same indicator twice, then the import is refused naming the second one", async () => {
    const text = mie.text.replace("fiscalYear: 2026", "fiscalYear: 2028");
    const { loadPlanFile } = await import("./plan-file.loader.js");
    const { stringify, parse } = await import("yaml");
    const doc = parse(text);
    const program = doc.tree[0].group.children[1].program;
    program.indicators.push({ ...program.indicators[0] });
    expect(() => loadPlanFile(stringify(doc), "dup.yaml")).toThrow(/重複/);
    program.indicators.pop();
    program.departments.push(program.departments[0]);
    expect(() => loadPlanFile(stringify(doc), "dup.yaml")).toThrow(/担当課「よろず支援・事業承継課」が重複/);
  });
});
