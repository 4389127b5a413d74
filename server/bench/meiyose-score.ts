/** Pairwise and B-cubed scoring of a 名寄せ prediction against labelled truth (../shared/data/meiyose/README.md). */

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

/** Wrong and missed pairs as counts (the pairwise figures are ratios of these). */
export function pairErrors(s: Scores): string {
  const correct = Math.round(s.pairwise.recall * s.pairwise.truePairs);
  return `wrong pairs ${s.pairwise.predictedPairs - correct}, missed pairs ${s.pairwise.truePairs - correct}`;
}
