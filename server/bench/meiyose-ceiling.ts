import { type MatchRecord, prepareRecord } from "../src/modules/meiyose/engine/index.js";
import { type Scores, score } from "./meiyose-score.js";

/**
 * How much of a labelled set is linkable by a field other than the name: the records of each business
 * joined wherever they share a 法人番号, phone, address, postal code or representative (as the engine's
 * normalisers read them), transitively. The rest is linked by the name (and reading) alone, which the
 * engine does only for a name rare in the input; so on a synthetic set whose names are common this
 * recall is about the most an engine that never merges on a name alone can reach.
 */
export function linkableScores(records: MatchRecord[], truth: string[]): Scores {
  const parent = records.map((_, i) => i);
  const find = (i: number): number => {
    while (parent[i] !== i) {
      const p = parent[i] as number;
      parent[i] = parent[p] as number;
      i = p;
    }
    return i;
  };
  const firstWith = new Map<string, number>();
  records.forEach((record, i) => {
    const p = prepareRecord(record);
    const keys = [
      p.cn ? `cn:${p.cn}` : "",
      p.address ? `address:${p.address.key}` : "",
      p.postal ? `postal:${p.postal}` : "",
      p.rep ? `rep:${p.rep}` : "",
      ...p.phones.map((phone) => `phone:${phone}`),
    ];
    for (const k of keys) {
      if (k === "") continue;
      const key = `${truth[i]}\u0000${k}`;
      const j = firstWith.get(key);
      if (j === undefined) firstWith.set(key, i);
      else parent[find(i)] = find(j);
    }
  });
  return score(
    truth,
    records.map((_, i) => String(find(i))),
  );
}
