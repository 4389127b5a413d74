import { createReadStream, createWriteStream } from "node:fs";
import { pathToFileURL } from "node:url";
import type { Command } from "commander";
import { CsvReader, csvLine } from "../lib/csv.js";
import {
  type MatchRecord,
  type PreparedRecord,
  prepareRecord,
  resolvePrepared,
} from "../modules/meiyose/engine/index.js";

const COLUMNS: Record<string, keyof MatchRecord> = {
  record_id: "id",
  corporate_number: "corporateNumber",
  name: "name",
  name_kana: "nameKana",
  postal_code: "postalCode",
  address: "address",
  phone: "phone",
  representative: "representative",
};

export interface MeiyoseFileResult {
  records: number;
  entities: number;
  reviewPairs: number;
  seconds: number;
}

/** Reads a CSV (UTF-8, BOM optional), resolves it and writes `record_id,entity_key`. No database. */
export async function runMeiyoseFile(input: string, output: string, reviewOut?: string): Promise<MeiyoseFileResult> {
  const t0 = performance.now();
  const reader = new CsvReader();
  const prepared: PreparedRecord[] = [];
  let header: string[] | null = null;
  let index: [number, keyof MatchRecord][] = [];
  const take = (rows: string[][]) => {
    for (const row of rows) {
      if (!header) {
        header = row.map((h) => h.trim());
        index = header.flatMap((h, i) => {
          const k = COLUMNS[h];
          return k ? [[i, k] as [number, keyof MatchRecord]] : [];
        });
        if (!index.some(([, k]) => k === "id"))
          throw new Error("入力CSVに record_id 列がありません / record_id column missing");
        continue;
      }
      if (row.length === 1 && row[0] === "") continue;
      const rec: MatchRecord = { id: "", name: "" };
      for (const [i, k] of index) {
        const v = row[i];
        if (v !== undefined && v !== "") rec[k] = v;
      }
      prepared.push(prepareRecord(rec));
    }
  };
  const stream = createReadStream(input, { encoding: "utf8", highWaterMark: 1 << 20 });
  for await (const chunk of stream) take(reader.push(chunk as string));
  take(reader.end());
  const result = resolvePrepared(prepared);
  const ids = prepared.map((p) => p.id);
  prepared.length = 0;
  await writeLines(output, ["record_id,entity_key\n"], function* () {
    for (const id of ids) yield csvLine([id, result.entities.get(id) ?? id]);
  });
  if (reviewOut) {
    await writeLines(reviewOut, ["a,b,score,reasons\n"], function* () {
      for (const p of result.reviewPairs) {
        yield csvLine([p.a, p.b, String(p.score), p.reasons.map((r) => `${r.field}:${r.agreement}`).join(" ")]);
      }
    });
  }
  return {
    records: ids.length,
    entities: result.stats.entities,
    reviewPairs: result.reviewPairs.length,
    seconds: (performance.now() - t0) / 1000,
  };
}

async function writeLines(file: string, head: string[], body: () => Generator<string>): Promise<void> {
  const out = createWriteStream(file, { encoding: "utf8" });
  let buf = head.join("");
  const flush = async () => {
    if (!out.write(buf)) await new Promise<void>((r) => out.once("drain", () => r()));
    buf = "";
  };
  for (const line of body()) {
    buf += line;
    if (buf.length > 1 << 16) await flush();
  }
  await flush();
  await new Promise<void>((resolve, reject) => out.end((err?: Error | null) => (err ? reject(err) : resolve())));
}

export function registerMeiyoseCommand(program: Command): void {
  program
    .command("meiyose")
    .description(
      "名寄せ：CSV の事業者レコードを同一事業者ごとにまとめる（データベースは使わない）/ entity resolution on a CSV file",
    )
    .requiredOption(
      "--input <file>",
      "入力CSV（record_id,corporate_number,name,name_kana,postal_code,address,phone,representative）",
    )
    .requiredOption("--output <file>", "出力CSV（record_id,entity_key）")
    .option("--review <file>", "要確認ペアの出力先（a,b,score,reasons）")
    .action(async (o: { input: string; output: string; review?: string }) => {
      const r = await runMeiyoseFile(o.input, o.output, o.review);
      console.error(
        `meiyose: ${r.records} records, ${r.entities} entities, ${r.reviewPairs} review pairs, ${r.seconds.toFixed(2)} s`,
      );
    });
}

// Also runnable on its own (`tsx src/cli/meiyose-command.ts --input … --output …`), without the server's imports.
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const { Command } = await import("commander");
  const program = new Command().name("meiyose");
  registerMeiyoseCommand(program);
  await program.parseAsync(["node", "meiyose", "meiyose", ...process.argv.slice(2)]);
}
