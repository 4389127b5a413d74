import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseCsv } from "../src/lib/csv.js";
import { type MatchRecord, resolve } from "../src/modules/meiyose/engine/index.js";
import { machineLine } from "./machine.js";

const DATA_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../../shared/data/meiyose");

export interface Scores {
  pairwise: { precision: number; recall: number; f1: number; truePairs: number; predictedPairs: number };
  bcubed: { precision: number; recall: number; f1: number };
}

const f1 = (p: number, r: number) => (p + r === 0 ? 0 : (2 * p * r) / (p + r));
const pairs = (n: number) => (n * (n - 1)) / 2;

/** Pairwise and B-cubed scores from truth and prediction labels (same record order). */
export function score(truth: string[], predicted: string[]): Scores {
  const cell = new Map<string, number>();
  const tSize = new Map<string, number>();
  const pSize = new Map<string, number>();
  truth.forEach((t, i) => {
    const p = predicted[i] || `__single_${i}`;
    const k = `${t}\u0000${p}`;
    cell.set(k, (cell.get(k) ?? 0) + 1);
    tSize.set(t, (tSize.get(t) ?? 0) + 1);
    pSize.set(p, (pSize.get(p) ?? 0) + 1);
  });
  let correct = 0;
  for (const v of cell.values()) correct += pairs(v);
  let truePairs = 0;
  for (const v of tSize.values()) truePairs += pairs(v);
  let predictedPairs = 0;
  for (const v of pSize.values()) predictedPairs += pairs(v);
  const precision = predictedPairs === 0 ? 1 : correct / predictedPairs;
  const recall = truePairs === 0 ? 1 : correct / truePairs;
  let bp = 0;
  let br = 0;
  truth.forEach((t, i) => {
    const p = predicted[i] || `__single_${i}`;
    const inter = cell.get(`${t}\u0000${p}`) ?? 0;
    bp += inter / (pSize.get(p) ?? 1);
    br += inter / (tSize.get(t) ?? 1);
  });
  const n = truth.length || 1;
  return {
    pairwise: { precision, recall, f1: f1(precision, recall), truePairs, predictedPairs },
    bcubed: { precision: bp / n, recall: br / n, f1: f1(bp / n, br / n) },
  };
}

/** Reads a labelled file: records (without the truth column) and the truth labels. */
export function readLabelled(file: string): { records: MatchRecord[]; truth: string[] } {
  const rows = parseCsv(readFileSync(file, "utf8"));
  const header = rows[0] ?? [];
  const col = (name: string) => header.indexOf(name);
  const c = {
    id: col("record_id"),
    cn: col("corporate_number"),
    name: col("name"),
    kana: col("name_kana"),
    postal: col("postal_code"),
    address: col("address"),
    phone: col("phone"),
    rep: col("representative"),
    truth: col("cluster_id"),
  };
  const records: MatchRecord[] = [];
  const truth: string[] = [];
  for (const row of rows.slice(1)) {
    const get = (i: number) => (i >= 0 ? (row[i] ?? "") : "");
    records.push({
      id: get(c.id),
      corporateNumber: get(c.cn),
      name: get(c.name),
      nameKana: get(c.kana),
      postalCode: get(c.postal),
      address: get(c.address),
      phone: get(c.phone),
      representative: get(c.rep),
    });
    truth.push(get(c.truth));
  }
  return { records, truth };
}

const fmt = (x: number) => x.toFixed(4);

export function evaluateFile(file: string): Scores & { records: number; entities: number; review: number; ms: number } {
  const { records, truth } = readLabelled(file);
  const t0 = performance.now();
  const r = resolve(records);
  const ms = performance.now() - t0;
  const predicted = records.map((rec) => r.entities.get(rec.id) ?? "");
  return {
    ...score(truth, predicted),
    records: records.length,
    entities: r.stats.entities,
    review: r.reviewPairs.length,
    ms,
  };
}

export async function meiyose(files = ["dev.csv", "real-edinet-nta.csv"]): Promise<void> {
  console.log("meiyose (名寄せ accuracy)");
  console.log(machineLine());
  for (const f of files) {
    const s = evaluateFile(path.join(DATA_DIR, f));
    console.log(
      `${f}: ${s.records} records → ${s.entities} entities, ${s.review} review pairs, ${(s.ms / 1000).toFixed(2)} s\n` +
        `  pairwise  P ${fmt(s.pairwise.precision)}  R ${fmt(s.pairwise.recall)}  F1 ${fmt(s.pairwise.f1)}` +
        `  (true pairs ${s.pairwise.truePairs}, predicted ${s.pairwise.predictedPairs})\n` +
        `  B-cubed   P ${fmt(s.bcubed.precision)}  R ${fmt(s.bcubed.recall)}  F1 ${fmt(s.bcubed.f1)}`,
    );
  }
}
