import {
  type Comparison,
  compareNames,
  comparePrepared,
  type MatchRecord,
  type PreparedRecord,
  prepareRecord,
  type Reason,
} from "./compare.js";

export interface HumanDecision {
  a: string;
  b: string;
  same: boolean;
}

export interface ResolveOptions {
  /** human decisions; they win over scores (a "same" never joins two different valid 法人番号) */
  decisions?: HumanDecision[];
  /** largest blocking group compared in full; bigger groups are compared in a sliding window */
  maxBlock?: number;
  /** the same for groups of records sharing only a name */
  maxNameBlock?: number;
}

export interface ReviewPair {
  a: string;
  b: string;
  score: number;
  reasons: Reason[];
}

export interface ResolveResult {
  /** record id → entity key (the cluster's 法人番号 when it has one, else its smallest record id) */
  entities: Map<string, string>;
  /** pairs in the uncertainty band whose records ended in different entities, best first */
  reviewPairs: ReviewPair[];
  /** human "same" decisions that could not be applied because of a 法人番号 conflict */
  conflicts: { a: string; b: string; reason: string }[];
  stats: { records: number; candidatePairs: number; entities: number };
}

// FNV-1a; collisions only add candidate pairs, which scoring then rejects.
function hash32(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0) & 0x1fffffff; // 29 bits, so hash × 2^24 + rank stays exact in a float64
}

const PAIR_BASE = 2 ** 24;

/** A name carried by more records than this is common, whatever the entities say. */
const RARE_NAME_RECORDS = 6;

class Growable {
  data: Float64Array;
  length = 0;
  constructor(initial: number) {
    this.data = new Float64Array(Math.max(16, initial));
  }
  push(v: number): void {
    if (this.length === this.data.length) {
      const next = new Float64Array(this.data.length * 2);
      next.set(this.data);
      this.data = next;
    }
    this.data[this.length++] = v;
  }
  sorted(): Float64Array {
    return this.data.subarray(0, this.length).sort();
  }
}

/**
 * Blocking keys of one record. Strong keys (phone, address, postal code, representative, reading)
 * are compared in full up to `maxBlock` records per key, beyond that in a small sliding window; name
 * keys only up to `maxNameBlock` records (株式会社アシスト is the name of ~700 companies), beyond that
 * not at all.
 */
export function blockingKeys(p: PreparedRecord): { strong: string[]; name: string[] } {
  const strong: string[] = [];
  for (const ph of p.phones) strong.push(`p:${ph}`);
  const a = p.address;
  // city + town + block number; a county name (often left out) is not part of the key
  if (a && a.numbers !== "") strong.push(`a:${a.key.replace(/^.+?郡/, "")}`);
  const head = p.name.core.slice(0, 2);
  if (p.postal) {
    strong.push(`z:${p.postal}`);
    strong.push(`zn:${p.postal}:${head}`);
  }
  if (p.rep) strong.push(`r:${p.rep}:${head}`);
  if (p.kana.length >= 3) strong.push(`k:${p.kana}`);
  const name: string[] = [];
  if (p.name.core) name.push(`n:${p.name.core}`);
  if (p.name.coreWithoutOwner) name.push(`n:${p.name.coreWithoutOwner}`);
  return { strong, name };
}

function addGroupPairs(sorted: Float64Array, maxBlock: number, largeWindow: number, pairs: Growable): void {
  let start = 0;
  while (start < sorted.length) {
    const h = Math.floor((sorted[start] as number) / PAIR_BASE);
    let end = start + 1;
    while (end < sorted.length && Math.floor((sorted[end] as number) / PAIR_BASE) === h) end++;
    const size = end - start;
    if (size > 1) {
      const window = size > maxBlock ? largeWindow : size;
      for (let x = start; x < end; x++) {
        const rx = (sorted[x] as number) % PAIR_BASE;
        for (let y = x + 1; y < end && y <= x + window; y++) {
          const ry = (sorted[y] as number) % PAIR_BASE;
          if (rx !== ry) pairs.push(Math.min(rx, ry) * PAIR_BASE + Math.max(rx, ry));
        }
      }
    }
    start = end;
  }
}

/**
 * Records without a 法人番号 whose strongest links reach records of two different 法人番号 with the
 * same score: which business they are is a coin toss, so they join neither (those links go to review).
 * A weaker link to another 法人番号 is not ambiguous: the stronger one wins and the other is refused.
 */
function ambiguousLinks(
  same: { x: number; y: number; score: number }[],
  cnOf: readonly (string | null)[],
): Set<number> {
  const best = new Map<number, { score: number; cn: string; tie: boolean }>();
  const note = (r: number, cn: string | null | undefined, score: number) => {
    if (!cn || cnOf[r]) return;
    const b = best.get(r);
    if (!b || score > b.score) best.set(r, { score, cn, tie: false });
    else if (score === b.score && cn !== b.cn) b.tie = true;
  };
  for (const s of same) {
    note(s.x, cnOf[s.y], s.score);
    note(s.y, cnOf[s.x], s.score);
  }
  const out = new Set<number>();
  for (const [r, b] of best) if (b.tie) out.add(r);
  return out;
}

class UnionFind {
  parent: Int32Array;
  constructor(n: number) {
    this.parent = new Int32Array(n);
    for (let i = 0; i < n; i++) this.parent[i] = i;
  }
  find(x: number): number {
    const p = this.parent;
    let r = x;
    while (p[r] !== r) r = p[r] as number;
    while (p[x] !== r) {
      const next = p[x] as number;
      p[x] = r;
      x = next;
    }
    return r;
  }
}

/**
 * Resolves records into entities. Deterministic: the same records (in any order) give the same keys.
 */
export function resolve(records: MatchRecord[], options: ResolveOptions = {}): ResolveResult {
  const prepared = records.map(prepareRecord);
  return resolvePrepared(prepared, options);
}

export function resolvePrepared(prepared: PreparedRecord[], options: ResolveOptions = {}): ResolveResult {
  const n = prepared.length;
  if (n >= PAIR_BASE) throw new Error(`too many records (${n}); the limit is ${PAIR_BASE - 1}`);
  // Deterministic order: sort indices by record id so keys and tie-breaks do not depend on input order.
  const order = Array.from({ length: n }, (_, i) => i).sort((x, y) => {
    const a = (prepared[x] as PreparedRecord).id;
    const b = (prepared[y] as PreparedRecord).id;
    return a < b ? -1 : a > b ? 1 : x - y;
  });
  const rank = new Int32Array(n);
  order.forEach((idx, r) => {
    rank[idx] = r;
  });

  // 1. blocking: (hash, rank) packed in one float64, sorted, then grouped.
  const strongEntries = new Growable(n * 4);
  const nameEntries = new Growable(n);
  for (let i = 0; i < n; i++) {
    const keys = blockingKeys(prepared[i] as PreparedRecord);
    const r = rank[i] as number;
    for (const k of keys.strong) strongEntries.push(hash32(k) * PAIR_BASE + r);
    for (const k of keys.name) nameEntries.push(hash32(k) * PAIR_BASE + r);
  }
  const pairs = new Growable(n * 4);
  addGroupPairs(strongEntries.sorted(), options.maxBlock ?? 60, 4, pairs);
  strongEntries.data = new Float64Array(0);
  // a large group of equal names holds no evidence of its own (only the strong keys can join its records)
  addGroupPairs(nameEntries.sorted(), options.maxNameBlock ?? 12, 0, pairs);
  nameEntries.data = new Float64Array(0);
  const sortedPairs = pairs.sorted();
  pairs.data = new Float64Array(0);

  // 2. scoring
  const byRank = order.map((i) => prepared[i] as PreparedRecord);
  const uf = new UnionFind(n);
  const cnOf: (string | null)[] = byRank.map((p) => p.cn);
  const cannot = new Map<number, Set<number>>();
  const conflicts: ResolveResult["conflicts"] = [];

  // members of each cluster as circular linked lists (for the check on weak-name links)
  const next = new Int32Array(n);
  for (let i = 0; i < n; i++) next[i] = i;
  const members = (root: number): number[] => {
    const out = [root];
    for (let m = next[root] as number; m !== root && out.length <= 64; m = next[m] as number) out.push(m);
    return out;
  };
  const union = (x: number, y: number): "ok" | "cn" | "human" => {
    let rx = uf.find(x);
    let ry = uf.find(y);
    if (rx === ry) return "ok";
    const cx = cnOf[rx];
    const cy = cnOf[ry];
    if (cx && cy && cx !== cy) return "cn";
    const sx = cannot.get(rx);
    const sy = cannot.get(ry);
    if (sx && sy) {
      for (const c of sx) if (uf.find(c) === ry) return "human";
    }
    if (rx > ry) [rx, ry] = [ry, rx];
    uf.parent[ry] = rx;
    const t = next[rx] as number;
    next[rx] = next[ry] as number;
    next[ry] = t;
    cnOf[rx] = cx ?? cy ?? null;
    if (sy) {
      const merged = sx ?? new Set<number>();
      for (const c of sy) merged.add(c);
      cannot.set(rx, merged);
      cannot.delete(ry);
    }
    return "ok";
  };

  // 2a. same valid 法人番号 → one entity, without scoring
  const firstWithCn = new Map<string, number>();
  for (let r = 0; r < n; r++) {
    const cn = byRank[r]?.cn;
    if (!cn) continue;
    const f = firstWithCn.get(cn);
    if (f === undefined) firstWithCn.set(cn, r);
    else union(f, r);
  }

  // 2b. human decisions
  const rankOfId = new Map<string, number>();
  const humanPairs = new Set<number>();
  if (options.decisions && options.decisions.length > 0) {
    byRank.forEach((p, r) => {
      rankOfId.set(p.id, r);
    });
    for (const d of options.decisions) {
      const x = rankOfId.get(d.a);
      const y = rankOfId.get(d.b);
      if (x === undefined || y === undefined || x === y) continue;
      humanPairs.add(Math.min(x, y) * PAIR_BASE + Math.max(x, y));
      if (!d.same) {
        for (const [u, v] of [
          [x, y],
          [y, x],
        ] as const) {
          const s = cannot.get(u) ?? new Set<number>();
          s.add(v);
          cannot.set(u, s);
        }
      }
    }
    // cannot-link sets are kept on roots: move them there.
    for (const [k, s] of [...cannot]) {
      const r = uf.find(k);
      if (r !== k) {
        const t = cannot.get(r) ?? new Set<number>();
        for (const c of s) t.add(c);
        cannot.set(r, t);
        cannot.delete(k);
      }
    }
    for (const d of options.decisions) {
      if (!d.same) continue;
      const x = rankOfId.get(d.a);
      const y = rankOfId.get(d.b);
      if (x === undefined || y === undefined) continue;
      const res = union(x, y);
      if (res !== "ok") {
        conflicts.push({
          a: d.a,
          b: d.b,
          reason: res === "cn" ? "法人番号が異なるため統合できません" : "人の判断（別）と矛盾",
        });
      }
    }
  }

  const nameCount = new Map<number, number>();
  for (const p of byRank) {
    const h = hash32(p.name.core);
    nameCount.set(h, (nameCount.get(h) ?? 0) + 1);
  }
  const same: { x: number; y: number; score: number; weakName: boolean }[] = [];
  const review: { x: number; y: number; c: Comparison }[] = [];
  let candidatePairs = 0;
  let prev = -1;
  for (let i = 0; i < sortedPairs.length; i++) {
    const code = sortedPairs[i] as number;
    if (code === prev) continue;
    prev = code;
    candidatePairs++;
    if (humanPairs.has(code)) continue;
    const x = Math.floor(code / PAIR_BASE);
    const y = code % PAIR_BASE;
    const a = byRank[x] as PreparedRecord;
    const b = byRank[y] as PreparedRecord;
    if (a.cn && b.cn) continue; // equal → already joined; different → never
    const c = comparePrepared(a, b, { nameFrequency: nameCount.get(hash32(a.name.core)) ?? 0 });
    if (c.decision === "same") {
      const nameReason = c.reasons.find((r) => r.field === "name");
      same.push({ x, y, score: c.score, weakName: nameReason?.agreement !== "equal" });
    } else if (c.decision === "review") review.push({ x, y, c });
  }

  // 3. clustering: strongest evidence first; constraints checked on whole clusters (transitively).
  same.sort((p, q) => q.score - p.score || p.x - q.x || p.y - q.y);
  // A link made on a misspelt or shortened name must not chain two differently named businesses
  // (二見貿易 ← 二見貿易北 → 二見貿易東北): refuse it when at least half of the pairs across the two
  // clusters have different names.
  const weakLinkConflicts = (x: number, y: number): boolean => {
    const rx = uf.find(x);
    const ry = uf.find(y);
    if (rx === ry) return false;
    let pairsSeen = 0;
    let different = 0;
    for (const i of members(rx)) {
      for (const j of members(ry)) {
        const a = byRank[i] as PreparedRecord;
        const b = byRank[j] as PreparedRecord;
        if (a.cn && a.cn === b.cn) continue;
        pairsSeen++;
        if (compareNames(a, b).agreement === "different") different++;
      }
    }
    return pairsSeen > 0 && different * 2 >= pairsSeen;
  };
  const ownCn = byRank.map((p) => p.cn);
  const ambiguous = ambiguousLinks(same, ownCn);
  for (const s of same) {
    if ((ambiguous.has(s.x) && ownCn[s.y]) || (ambiguous.has(s.y) && ownCn[s.x])) {
      const c = comparePrepared(byRank[s.x] as PreparedRecord, byRank[s.y] as PreparedRecord);
      c.reasons.push({
        field: "corporateNumber",
        agreement: "conflict",
        detail: "法人番号の異なる複数の事業者と同じ強さで一致するため、どちらとも統合せず保留",
        weight: 0,
      });
      review.push({ x: s.x, y: s.y, c });
      continue;
    }
    if (s.weakName && weakLinkConflicts(s.x, s.y)) {
      const c = comparePrepared(byRank[s.x] as PreparedRecord, byRank[s.y] as PreparedRecord);
      c.reasons.push({
        field: "name",
        agreement: "conflict",
        detail: "名称の一致が弱く、統合先に名称の異なる記録があるため保留",
        weight: 0,
      });
      review.push({ x: s.x, y: s.y, c });
      continue;
    }
    const res = union(s.x, s.y);
    if (res !== "ok") {
      const c = comparePrepared(byRank[s.x] as PreparedRecord, byRank[s.y] as PreparedRecord);
      c.reasons.push({
        field: "corporateNumber",
        agreement: "conflict",
        detail:
          res === "cn"
            ? "統合すると1つの事業者に異なる法人番号が入るため保留"
            : "人の判断（別の事業者）と矛盾するため保留",
        weight: 0,
      });
      review.push({ x: s.x, y: s.y, c });
    }
  }

  // 3b. a name that more than two records carry but only two entities, one of them a registered
  // company: the same rule as for a name two records carry (乾汽船: two records at the old address,
  // one at the new). The pair across with the highest score decides.
  const recordsOfName = new Map<number, number[]>();
  for (let r = 0; r < n; r++) {
    const h = hash32((byRank[r] as PreparedRecord).name.core);
    const count = nameCount.get(h) ?? 0;
    if (count < 3 || count > RARE_NAME_RECORDS) continue;
    const list = recordsOfName.get(h);
    if (list) list.push(r);
    else recordsOfName.set(h, [r]);
  }
  for (const list of recordsOfName.values()) {
    const roots = [...new Set(list.map((r) => uf.find(r)))];
    if (roots.length !== 2) continue;
    // one side is a registered company, the other one lone record (a sighting at another address);
    // two entities with several records each at their own addresses are two businesses
    const lone = roots.find((root) => !cnOf[root] && members(root).length === 1);
    const registered = roots.find((root) => cnOf[root]);
    if (lone === undefined || registered === undefined) continue;
    let best: { x: number; y: number; c: Comparison } | null = null;
    let contradicted = false;
    const a = byRank[lone] as PreparedRecord;
    for (const y of members(registered)) {
      const c = comparePrepared(a, byRank[y] as PreparedRecord, { nameFrequency: 2 });
      // anything but the address that disagrees (phone, representative, reading …) says: another business
      if (c.reasons.some((r) => r.weight < 0 && r.field !== "address" && r.field !== "name")) contradicted = true;
      if (c.decision !== "same" || !c.reasons.some((r) => r.agreement === "rare")) continue;
      if (!best || c.score > best.c.score) best = { x: lone, y, c };
    }
    if (!best || contradicted) continue;
    if (union(best.x, best.y) !== "ok") review.push(best);
  }

  // 4. keys
  const keyOfRoot = new Map<number, string>();
  const entities = new Map<string, string>();
  for (let r = 0; r < n; r++) {
    const root = uf.find(r);
    let key = keyOfRoot.get(root);
    if (key === undefined) {
      key = cnOf[root] ?? (byRank[root] as PreparedRecord).id;
      keyOfRoot.set(root, key);
    }
    entities.set((byRank[r] as PreparedRecord).id, key);
  }
  const reviewPairs: ReviewPair[] = review
    .filter((p) => uf.find(p.x) !== uf.find(p.y))
    .sort((p, q) => q.c.score - p.c.score || p.x - q.x || p.y - q.y)
    .map((p) => ({
      a: (byRank[p.x] as PreparedRecord).id,
      b: (byRank[p.y] as PreparedRecord).id,
      score: p.c.score,
      reasons: p.c.reasons,
    }));
  return { entities, reviewPairs, conflicts, stats: { records: n, candidatePairs, entities: keyOfRoot.size } };
}
