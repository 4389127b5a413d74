import { afterEach, describe, expect, it, vi } from "vitest";
import { printFileReport } from "./import-file.js";

const base = {
  fileName: "企業.csv",
  encoding: "utf-8",
  rows: 2,
  mapping: { 郵便番号: "postal_code" },
  ignoredColumns: [],
};
const warning = {
  row: 2,
  column: "postal_code",
  value: "960-8053",
  reason: "郵便番号は福島県ですが、所在地は三重県です",
};

afterEach(() => {
  vi.restoreAllMocks();
  process.exitCode = undefined;
});

describe("the file report the import commands print", () => {
  it("when a row has a warning and no errors, then the warning is printed with its row and the import goes on", () => {
    const log = vi.spyOn(console, "log").mockImplementation(() => {});
    expect(printFileReport({ ...base, errors: [], warnings: [warning] })).toBe(false);
    expect(log.mock.calls.map((c) => c[0])).toContain(
      '  注意 2行目 [postal_code] "960-8053": 郵便番号は福島県ですが、所在地は三重県です',
    );
    expect(process.exitCode).toBeUndefined();
  });

  it("when a row has an error, then it is printed, nothing is imported and the exit code is 1", () => {
    const log = vi.spyOn(console, "log").mockImplementation(() => {});
    const error = { row: 3, column: "name", value: "", reason: "事業者名を入力してください" };
    expect(printFileReport({ ...base, errors: [error] })).toBe(true);
    const lines = log.mock.calls.map((c) => c[0]);
    expect(lines).toContain('  3行目 [name] "": 事業者名を入力してください');
    expect(lines.at(-1)).toContain("誤りがあるため取り込んでいません");
    expect(process.exitCode).toBe(1);
  });
});
