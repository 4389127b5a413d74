import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { runMeiyoseFile } from "../../../cli/meiyose-command.js";
import { parseCsv } from "../../../lib/csv.js";

const dir = mkdtempSync(path.join(os.tmpdir(), "meiyose-cli-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("shien meiyose (file command)", () => {
  it("reads a BOM + quoted CSV with extra columns and writes record_id,entity_key", async () => {
    const input = path.join(dir, "in.csv");
    const output = path.join(dir, "out.csv");
    writeFileSync(
      input,
      "\uFEFFrecord_id,corporate_number,name,name_kana,postal_code,address,phone,representative,extra\r\n" +
        'r2,,"吉田測量株式会社",,960-4886,"福島県伊達市堀之内16",024-849-0916,,x\r\n' +
        'r1,,"吉田 測量（株）",,,"伊達市大字堀之内１６番地","TEL 0248490916",,"a, ""b"""\r\n' +
        "r3,,株式会社アシスト,,,,,,\r\n",
      "utf8",
    );
    const r = await runMeiyoseFile(input, output);
    expect(r).toMatchObject({ records: 3, entities: 2 });
    const rows = parseCsv(readFileSync(output, "utf8"));
    expect(rows).toEqual([
      ["record_id", "entity_key"],
      ["r2", "r1"],
      ["r1", "r1"],
      ["r3", "r3"],
    ]);
  });
});
