import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseCsv } from "../src/lib/csv.js";
import { type MatchRecord, resolve } from "../src/modules/meiyose/engine/index.js";
import { machineLine } from "./machine.js";
import { linkableScores } from "./meiyose-ceiling.js";
import { pairErrors, type Scores, score } from "./meiyose-score.js";

const DATA_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../../shared/data/meiyose");

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

export function evaluateFile(
  file: string,
): Scores & { records: number; entities: number; review: number; ms: number; linkable: Scores } {
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
    linkable: linkableScores(records, truth),
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
        `  B-cubed   P ${fmt(s.bcubed.precision)}  R ${fmt(s.bcubed.recall)}  F1 ${fmt(s.bcubed.f1)}\n` +
        `  ${pairErrors(s)}\n` +
        `  linkable by a field other than the name: pairwise R ${fmt(s.linkable.pairwise.recall)}  F1 ${fmt(s.linkable.pairwise.f1)}`,
    );
  }
  console.log(subsetLine(path.join(DATA_DIR, "dev.csv")));
}

/**
 * The engine on random subsets of dev.csv's businesses (10 %, 30 %, 60 %; three draws each): in a
 * smaller input more names are rare, so this shows whether the figures hold for a set of another
 * size than the one the rules were written against.
 */
function subsetLine(file: string): string {
  const { records, truth } = readLabelled(file);
  const f1s: string[] = [];
  for (const share of [0.1, 0.3, 0.6]) {
    const scores: number[] = [];
    for (const draw of [1, 2, 3]) {
      let state = draw * 2654435761;
      const kept = new Map<string, boolean>();
      const keep = records.map((_, i) => {
        const t = truth[i] ?? "";
        if (!kept.has(t)) {
          state = (Math.imul(state, 1103515245) + 12345) >>> 0;
          kept.set(t, state / 2 ** 32 < share);
        }
        return kept.get(t) === true;
      });
      const subset = records.filter((_, i) => keep[i]);
      const r = resolve(subset);
      scores.push(
        score(
          truth.filter((_, i) => keep[i]),
          subset.map((x) => r.entities.get(x.id) ?? ""),
        ).pairwise.f1,
      );
    }
    f1s.push(`${share * 100} %: ${scores.map(fmt).join(" / ")}`);
  }
  return `dev.csv businesses drawn at random, pairwise F1 of three draws — ${f1s.join("; ")}`;
}
