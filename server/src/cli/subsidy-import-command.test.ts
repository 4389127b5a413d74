import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import iconv from "iconv-lite";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestContext, type TestContext } from "../../test/context.js";
import { repoRoot } from "../../test/server-process.js";
import { systemActor } from "../http/actor.js";
import { createCompany } from "../modules/companies/index.js";
import { importApplications, parseSubsidyImportMap } from "../modules/subsidies/index.js";
import { makeSubsidyWorld, type SubsidyWorld, subsidyProgram } from "../modules/subsidies/subsidies.fixtures.js";
import { formatImportReport } from "./subsidy-import-command.js";

let t: TestContext;
let w: SubsidyWorld;

beforeAll(async () => {
  t = await createTestContext();
  w = await makeSubsidyWorld(t);
  await subsidyProgram(w.staff, "11");
  await createCompany(t.database.db, systemActor(w.mie.id, "test"), {
    name: "鈴鹿工業株式会社",
    corporateNumber: "3190001054321",
    address: "三重県鈴鹿市神戸1-18-18",
    sizeClass: "sme",
  });
});
afterAll(() => t?.close());

/** A file as an office keeps it: its own headers (mapped with --map), CP932. */
const FILE = [
  "申請No,法人番号,事業者名,事業コード,コース,事業名,受付日,経費区分,金額(税抜),摘要",
  "S-1,3190001054321,鈴鹿工業株式会社,11,賃上げコース,検査工程の自動化,2026-05-20,機械装置等費,2500000,画像検査装置",
  "S-1,,,,,,,外注費,500000,据付",
].join("\r\n");
const run = (text: string, over: { dryRun?: boolean } = {}) =>
  importApplications(t.database.db, systemActor(w.mie.id), {
    bytes: iconv.encode(text, "cp932"),
    fileName: "申請一覧.csv",
    mapping: parseSubsidyImportMap("申請No=application_ref,金額(税抜)=amount_yen"),
    dryRun: over.dryRun ?? true,
    createCompanies: false,
  });

describe("the report the CLI prints", () => {
  it("when --map and a dry run are given, then it prints the file, each application with its amount and a Japanese summary", async () => {
    const report = await run(FILE);
    expect(report.errors).toEqual([]);
    const lines = formatImportReport(report);
    expect(lines[0]).toBe("申請一覧.csv（CP932）: 2行");
    expect(lines[1]).toContain("申請No→application_ref");
    expect(lines).toContain(
      "  S-1（2,3行目）鈴鹿工業株式会社 11 賃上げコース 経費2件 3,000,000円 → 申請額 1,500,000円",
    );
    expect(lines.at(-1)).toBe(
      "検証のみ（保存していません）: 申請 1 件を取り込めます（申請額の合計 1,500,000円）。事業者は台帳と照合 1 件、新規登録 0 件になります",
    );
  });

  it("when the file has errors, then each is a line (row, column, value, reason) and the last says nothing was imported", async () => {
    const report = await run(FILE.replace("2500000", "2500000.5"), { dryRun: false });
    const lines = formatImportReport(report);
    expect(lines).toContain(
      "  2行目 [金額(税抜)] 「2500000.5」: 金額は円単位の整数で入力してください。小数は入力できません（例 1500000 または 1,500,000）",
    );
    expect(lines.at(-1)).toBe("誤りが 1 件あるため、何も取り込んでいません。ファイルを直してもう一度実行してください");
  });

  it("when --map names an unknown column, then the option is refused naming the columns there are", () => {
    expect(() => parseSubsidyImportMap("申請No=ref")).toThrow(/--map の「申請No=ref」が読めません。.*application_ref/);
  });
});

describe("shien subsidy import (spawned on a fresh data directory)", () => {
  it("when run with --dry-run and --create-companies, then it prints the summary and exits 0; with an error it exits 1", {
    timeout: 240_000,
  }, () => {
    const dataDir = mkdtempSync(path.join(os.tmpdir(), "shien-subsidy-import-"));
    try {
      const file = path.join(dataDir, "applications.csv");
      const text = [
        "申請No,法人番号,事業者名,住所,規模区分,事業コード,コース,事業名,受付日,経費区分,金額(税抜),摘要",
        "S-1,,亀山精工株式会社,三重県亀山市本丸町577,中小企業,11,賃上げコース,検査工程の自動化,2026-05-20,機械装置等費,2500000,画像検査装置",
        "S-1,,,,,,,,,外注費,500000,据付",
      ].join("\r\n");
      writeFileSync(file, iconv.encode(text, "cp932"));
      const shien = (...extra: string[]) =>
        spawnSync(
          process.execPath,
          [
            path.join(repoRoot, "bin/shien.js"),
            "subsidy",
            "import",
            "--org",
            "mie",
            file,
            "--map",
            "申請No=application_ref,金額(税抜)=amount_yen",
            ...extra,
          ],
          {
            cwd: repoRoot,
            env: {
              ...process.env,
              SHIEN_DATA_DIR: dataDir,
              SHIEN_ADMIN_PASSWORD: "subsidy-import-cli-pw",
              LOG_LEVEL: "warn",
            },
            encoding: "utf8",
            timeout: 110_000,
          },
        );
      const ok = shien("--dry-run", "--create-companies");
      expect(ok.status, ok.stderr).toBe(0);
      expect(ok.stdout).toContain("applications.csv（CP932）: 2行");
      expect(ok.stdout).toContain(
        "亀山精工株式会社（新規登録） 11 賃上げコース 経費2件 3,000,000円 → 申請額 1,500,000円",
      );
      expect(ok.stdout).toContain("検証のみ（保存していません）: 申請 1 件を取り込めます");
      const refused = shien("--dry-run");
      expect(refused.status).toBe(1);
      expect(refused.stdout).toContain("2行目 [事業者名] 「亀山精工株式会社」: 登録済みの事業者に該当しません");
      expect(refused.stdout).toContain("何も取り込んでいません");
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
