import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { subsidyCliCalcOutputSchema } from "@shien/contracts";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestContext, type TestContext } from "../../test/context.js";
import { makeOrg } from "../../test/factories.js";
import { repoRoot } from "../../test/server-process.js";
import { systemActor } from "../http/actor.js";
import { findOrganizationBySlug } from "../modules/organizations/index.js";
import { importPlanText } from "../modules/plans/index.js";
import { listSubsidyPrograms, updateSubsidyProgram } from "../modules/subsidies/subsidies.programs.js";
import { seedOnFirstStart } from "../setup/first-start.js";
import { seedPlansDir } from "../setup/seed-plans.js";
import {
  formatCalcRun,
  parseCalcOptions,
  parseYenOption,
  type SubsidyCalcOptions,
  subsidyCalc,
} from "./subsidy-command.js";

let t: TestContext;

beforeAll(async () => {
  t = await createTestContext();
  await seedOnFirstStart(t.database.db, "seed-admin-password");
  for (const slug of ["mie", "fukushima"]) {
    const file = path.join(seedPlansDir, `${slug}-2026.yaml`);
    await importPlanText(t.database.db, readFileSync(file, "utf8"), file);
  }
});
afterAll(() => t?.close());

const TODAY = "2026-11-23";
const calc = (o: Omit<SubsidyCalcOptions, "org" | "program" | "cost"> & Partial<SubsidyCalcOptions>) =>
  subsidyCalc(t.database.db, parseCalcOptions({ org: "mie", program: "11", cost: "0", ...o }, TODAY));
const refusal = (out: { amount: number } & ({ steps: unknown } | { refused: string })) =>
  "refused" in out ? out.refused : null;

describe("parsing the options", () => {
  it("when a yen option has thousands commas, full-width digits or 円, then it is read as the integer", () => {
    expect(parseYenOption("--cost", "3,000,000")).toBe(3_000_000);
    expect(parseYenOption("--cost", "3000000")).toBe(3_000_000);
    expect(parseYenOption("--cost", "３，０００，０００円")).toBe(3_000_000);
    expect(parseYenOption("--company-used", "0")).toBe(0);
  });

  it("when a yen option is negative, fractional, badly grouped, not a number or too large, then the error names the option and the fix", () => {
    expect(() => parseYenOption("--cost", "-5")).toThrow(/--cost は0以上の金額.*負の数は指定できません/);
    expect(() => parseYenOption("--company-used", "1.5")).toThrow(
      /--company-used は円単位の整数です。小数は指定できません/,
    );
    expect(() => parseYenOption("--cost", "30,00,000")).toThrow(/--cost は円単位の整数で指定してください.*3,000,000/);
    expect(() => parseYenOption("--cost", "abc")).toThrow(/--cost/);
    expect(() => parseYenOption("--cost", "")).toThrow(/--cost/);
    expect(() => parseYenOption("--cost", "2000000000000")).toThrow(/--cost は 1,000,000,000,000円 以下/);
  });

  it("when --fiscal-year is left out, then the 年度 of today in Japan is used (April starts it)", () => {
    const base = { org: "mie", program: "11", cost: "1" };
    expect(parseCalcOptions(base, "2026-04-01").fiscalYear).toBe(2026);
    expect(parseCalcOptions(base, "2027-03-31").fiscalYear).toBe(2026);
    expect(parseCalcOptions({ ...base, fiscalYear: "2025" }, "2026-11-23").fiscalYear).toBe(2025);
    expect(() => parseCalcOptions({ ...base, fiscalYear: "26" })).toThrow(/--fiscal-year は西暦の年度です/);
    expect(() => parseCalcOptions({ ...base, program: " " })).toThrow(/--program/);
  });
});

describe("subsidyCalc with the configured terms in the database", () => {
  it("when 賃上げコース has 3,000,000 yen of cost, then the amount is 1,500,000 with the working", async () => {
    const run = await calc({ course: "賃上げコース", cost: "3,000,000" });
    expect(run.program).toEqual({ code: "11", name: "生産性向上・業態転換支援補助金事業" });
    expect(run.fiscalYear).toBe(2026);
    expect(subsidyCliCalcOutputSchema.parse(run.output)).toEqual(run.output);
    expect(Object.keys(run.output)).toEqual(["amount", "steps"]);
    expect(run.output.amount).toBe(1_500_000);
    if (!("steps" in run.output)) throw new Error("refused");
    expect(run.output.steps.map((s) => s.key)).toEqual([
      "line.1.tax",
      "eligible",
      "rate",
      "unit",
      "floor",
      "cap.course",
      "final",
    ]);
  });

  it("when the amount is below the course's floor, then it is refused with the reason, never raised", async () => {
    const run = await calc({ course: "賃上げコース", cost: "999,999" });
    expect(run.output).toEqual({ amount: 0, refused: expect.stringContaining("下限額 500,000円 に満たない") });
  });

  it("when --tax-included is given, then 10% 消費税 is excluded first", async () => {
    const run = await calc({ course: "賃上げコース", cost: "3,300,000", taxIncluded: true });
    expect(run.output.amount).toBe(1_500_000);
  });

  it("when a Fukushima program has types and --company-used, then the type cap and the company's remainder apply", async () => {
    const fk = (o: Partial<SubsidyCalcOptions>) => calc({ org: "fukushima", program: "II-2-1-2", type: "特許", ...o });
    expect((await fk({ cost: "5,000,000" })).output.amount).toBe(1_500_000);
    expect((await fk({ cost: "5,000,000", companyUsed: "2,000,000" })).output.amount).toBe(1_000_000);
    expect(refusal((await fk({ cost: "5,000,000", companyUsed: "3,000,000" })).output)).toContain(
      "1事業者あたりの上限 3,000,000円",
    );
    expect(refusal((await fk({ type: undefined, cost: "5,000,000" })).output)).toContain("申請種別を指定してください");
    expect((await fk({ program: "ii-2-1-2", type: "商標", cost: "5,000,000" })).output.amount).toBe(600_000);
  });

  it("when a manager has edited the terms, then the command uses the edited terms, not the seed", async () => {
    const org = await findOrganizationBySlug(t.database.db, "mie");
    if (!org) throw new Error("mie missing");
    const actor = systemActor(org.id, "test");
    const p14 = (await listSubsidyPrograms(t.database.db, actor, 2026)).find((p) => p.program.code === "14");
    if (!p14) throw new Error("14 missing");
    const terms = {
      ...p14.terms,
      types: p14.terms.types?.map((v) => (v.code === "patent" ? { ...v, capYen: 1_200_000 } : v)),
    };
    await updateSubsidyProgram(t.database.db, actor, p14.id, { terms });
    const run = await calc({ program: "14", type: "特許", cost: "5,000,000" });
    expect(run.output.amount).toBe(1_200_000);
  });

  it("when the organization, the plan year or the program is wrong, then the error names the option and the choices", async () => {
    await expect(calc({ org: "nara", cost: "1" })).rejects.toThrow(/--org「nara」の組織はありません.*fukushima.*mie/);
    await expect(calc({ fiscalYear: "2025", cost: "1" })).rejects.toThrow(
      /mie の 2025 年度（令和7年度）の事業計画がありません（計画のある年度: 2026）。--fiscal-year/,
    );
    const empty = await makeOrg(t.database.db);
    await expect(calc({ org: empty.slug, cost: "1" })).rejects.toThrow(/計画が1件もありません/);
    await expect(calc({ program: "99", cost: "1" })).rejects.toThrow(
      /--program「99」は mie の令和8年度の計画にない事業コードです。補助金の条件がある事業コード: 6（.*）、11（.*）、14（/,
    );
    await expect(calc({ program: "1", cost: "1" })).rejects.toThrow(
      /--program「1」（.*）には補助金の条件が設定されていません。補助金の条件がある事業コード: 6/,
    );
  });

  it("when printed without --json, then each step is a Japanese line (label: amount) and the result follows", async () => {
    const req = { course: "賃上げコース" };
    const lines = formatCalcRun(await calc({ ...req, cost: "3000000" }), req);
    expect(lines[0]).toContain("令和8年度 11 生産性向上・業態転換支援補助金事業（賃上げコース）");
    expect(lines).toContain("  × 補助率 1/2: 1,500,000円  3,000,000円 × 1/2 = 1,500,000円");
    expect(lines.at(-1)).toBe("補助金額: 1,500,000円");
    const refused = formatCalcRun(await calc({ ...req, cost: "999,999" }), req);
    expect(refused[1]).toMatch(/^補助の対象外（0円）: 補助金額 499,000円/);
  });
});

describe("shien subsidy calc (spawned on a fresh data directory)", () => {
  it("when run with --json, then stdout is exactly the JSON of the amount and the working", {
    timeout: 120_000,
  }, () => {
    const dataDir = mkdtempSync(path.join(os.tmpdir(), "shien-subsidy-cli-"));
    try {
      const args = ["subsidy", "calc", "--org", "mie", "--program", "11", "--course", "賃上げコース"];
      const r = spawnSync(
        process.execPath,
        [path.join(repoRoot, "bin/shien.js"), ...args, "--cost", "3,000,000", "--json"],
        {
          cwd: repoRoot,
          env: {
            ...process.env,
            SHIEN_DATA_DIR: dataDir,
            SHIEN_ADMIN_PASSWORD: "subsidy-cli-admin-pw",
            LOG_LEVEL: "warn",
          },
          encoding: "utf8",
          timeout: 110_000,
        },
      );
      expect(r.status, r.stderr).toBe(0);
      const out = JSON.parse(r.stdout);
      expect(out.amount).toBe(1_500_000);
      expect(out.steps.at(-1)).toMatchObject({ key: "final", yen: 1_500_000 });
      expect(subsidyCliCalcOutputSchema.parse(out)).toEqual(out);
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
