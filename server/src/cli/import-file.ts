import { SingleBar } from "cli-progress";
import { CliError } from "./context.js";

/** What `--encoding` accepts, for the file imports (businesses, consultations). */
const ENCODINGS: Record<string, "utf-8" | "shift_jis"> = {
  "utf-8": "utf-8",
  utf8: "utf-8",
  cp932: "shift_jis",
  sjis: "shift_jis",
  shift_jis: "shift_jis",
  "shift-jis": "shift_jis",
};

export function encodingOption(value: string | undefined): "utf-8" | "shift_jis" | undefined {
  if (!value) return undefined;
  const encoding = ENCODINGS[value.toLowerCase()];
  if (!encoding) throw new CliError(`--encoding は utf-8 か cp932 です（指定: ${value}）`);
  return encoding;
}

/** `--map` parsed by the import's own parser; its message becomes the CLI's error. */
export function mapOption(parse: (value: string | undefined) => Record<string, string>, value: string | undefined) {
  try {
    return parse(value);
  } catch (err) {
    throw new CliError((err as Error).message);
  }
}

/** A progress bar on stderr that appears with the first report of the total. */
export function importProgress(format: string) {
  const bar = new SingleBar({ format, stream: process.stderr, hideCursor: true });
  let started = false;
  return {
    onProgress: (done: number, total: number) => {
      if (!started) bar.start(total, 0);
      started = true;
      bar.update(done);
    },
    stop: () => {
      if (started) bar.stop();
    },
  };
}

interface FileReport {
  fileName: string;
  encoding: string;
  rows: number;
  mapping: Record<string, string>;
  ignoredColumns: string[];
  errors: { row: number; column: string; value: string; reason: string }[];
  /** Rows imported as they are but worth a look (a postal code of another prefecture …). */
  warnings?: { row: number; column: string; value: string; reason: string }[];
}

/** Prints what was read, every row warning and every row error; true when the file had errors (nothing imported). */
export function printFileReport(report: FileReport): boolean {
  console.log(`${report.fileName} (${report.encoding}): ${report.rows} rows`);
  console.log(
    `  mapping: ${Object.entries(report.mapping)
      .map(([h, c]) => `${h}→${c}`)
      .join(", ")}`,
  );
  if (report.ignoredColumns.length > 0) console.log(`  ignored: ${report.ignoredColumns.join(", ")}`);
  for (const w of report.warnings ?? []) console.log(`  注意 ${w.row}行目 [${w.column}] "${w.value}": ${w.reason}`);
  if (report.errors.length === 0) return false;
  for (const e of report.errors) console.log(`  ${e.row}行目 [${e.column}] "${e.value}": ${e.reason}`);
  console.log(`${report.errors.length} error(s); nothing was imported / 誤りがあるため取り込んでいません`);
  process.exitCode = 1;
  return true;
}
