import { spawnSync } from "node:child_process";
import { createReadStream, createWriteStream, existsSync, mkdtempSync, rmSync, statSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { CsvReader } from "../src/lib/csv.js";
import { mulberry32 as rng } from "../src/lib/prng.js";
import { corporateCheckDigit } from "../src/modules/meiyose/engine/index.js";
import { machineLine } from "./machine.js";
import { readLabelled } from "./meiyose.js";
import { linkableScores } from "./meiyose-ceiling.js";
import { pairErrors, score } from "./meiyose-score.js";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

const SURNAMES =
  "佐藤 鈴木 高橋 田中 伊藤 渡辺 山本 中村 小林 加藤 吉田 山田 佐々木 山口 松本 井上 木村 林 斎藤 清水 山崎 森 池田 橋本 阿部 石川 山下 中島 石井 小川 前田 岡田 長谷川 藤田 後藤 近藤 村上 遠藤 青木 坂本 斉藤 福田 太田 西村 藤井 金子 岡本 藤原 中野 三浦 原田 松田 竹内 中川 小野 田村 和田 石田 上田 森田".split(
    " ",
  );
const GIVEN =
  "太郎 花子 健一 美香 達也 恵子 茂 友美 清 幸一 千尋 豊 剛 美穂 健二 京子 誠 直美 大輔 陽子 翔太 蓮 陽菜 結衣 大翔 悠真 湊 美咲 愛 拓也 和也 直樹 聡 隆 浩 明美 由美 裕子 真由美 智子".split(
    " ",
  );
const KATAKANA =
  "アシスト サンライズ エース グローバル ユニオン フロンティア ミライ テクノ ライフ スマイル ハート トラスト リンク ネクスト オリオン".split(
    " ",
  );
const INDUSTRY =
  "製作所 工業 建設 商事 商店 電機 運輸 物流 産業 食品 製菓 不動産 設計 印刷 技研 鋼材 薬局 測量 土木 塗装 化学 精機 電設 農園 牧場 燃料 広告 企画 ホールディングス サービス".split(
    " ",
  );
const PREFS: [string, string[], string][] = [
  ["福島県", ["福島市", "郡山市", "いわき市", "会津若松市", "伊達市", "二本松市"], "024"],
  ["三重県", ["津市", "四日市市", "伊勢市", "松阪市", "伊賀市", "名張市"], "059"],
  ["宮城県", ["仙台市青葉区", "仙台市宮城野区", "石巻市", "名取市"], "022"],
  ["愛知県", ["名古屋市中区", "名古屋市北区", "豊橋市", "岡崎市", "豊田市"], "052"],
  ["東京都", ["千代田区", "港区", "新宿区", "大田区", "八王子市"], "03"],
  ["栃木県", ["宇都宮市", "小山市", "栃木市"], "028"],
];
const TOWNS =
  "本町 駅前 大手町 旭町 栄町 昭和町 寿町 桜木町 新田 堀之内 中央 東町 西町 南町 北町 緑町 若松町 浜町 港町 田町".split(
    " ",
  );
const FORMS: [string, string[]][] = [
  ["株式会社", ["株式会社", "(株)", "（株）", "㈱", ""]],
  ["有限会社", ["有限会社", "(有)", "㈲", ""]],
  ["合同会社", ["合同会社", "(同)", ""]],
];
const KANJI_NUM = ["〇", "一", "二", "三", "四", "五", "六", "七", "八", "九"];
const kanjiNum = (n: number): string =>
  n < 10
    ? (KANJI_NUM[n] as string)
    : `${n >= 20 ? KANJI_NUM[Math.floor(n / 10)] : ""}十${n % 10 ? KANJI_NUM[n % 10] : ""}`;
const fullWidth = (s: string) =>
  s.replace(/[0-9A-Za-z-]/g, (c) => String.fromCharCode(c === "-" ? 0xff0d : c.charCodeAt(0) + 0xfee0));

function corporateNumber(r: () => number): string {
  let base = "";
  for (let i = 0; i < 12; i++) base += Math.floor(r() * 10);
  return `${corporateCheckDigit(base)}${base}`;
}

interface Business {
  cn: string;
  form: number; // -1 sole proprietor
  before: boolean;
  core: string;
  pref: string;
  city: string;
  town: string;
  block: [number, number, number];
  postal: string;
  phone: string;
  rep: string;
}

function pick<T>(r: () => number, xs: readonly T[]): T {
  return xs[Math.floor(r() * xs.length)] as T;
}

function makeBusiness(r: () => number): Business {
  const p = pick(r, PREFS);
  const sole = r() < 0.3;
  const surname = pick(r, SURNAMES);
  const core = r() < 0.75 ? surname + pick(r, INDUSTRY) : pick(r, KATAKANA) + pick(r, INDUSTRY);
  const area = p[2];
  const local = String(Math.floor(r() * 10 ** (10 - area.length - 4))).padStart(10 - area.length - 4, "0");
  return {
    cn: sole ? "" : corporateNumber(r),
    form: sole ? -1 : r() < 0.75 ? 0 : r() < 0.8 ? 1 : 2,
    before: r() < 0.6,
    core,
    pref: p[0],
    city: pick(r, p[1]),
    town: pick(r, TOWNS),
    block: [1 + Math.floor(r() * 6), 1 + Math.floor(r() * 30), 1 + Math.floor(r() * 25)],
    postal: String(1000000 + Math.floor(r() * 8999999)),
    phone: `${area}${local}${String(Math.floor(r() * 10000)).padStart(4, "0")}`,
    rep: `${pick(r, SURNAMES)} ${pick(r, GIVEN)}`,
  };
}

function variant(b: Business, r: () => number): string[] {
  let core = b.core;
  if (r() < 0.15) core = fullWidth(core);
  if (r() < 0.1) core = `${core.slice(0, 2)} ${core.slice(2)}`;
  let name = core;
  if (b.form >= 0) {
    const spellings = (FORMS[b.form] as [string, string[]])[1];
    const f = r() < 0.5 ? (spellings[0] as string) : pick(r, spellings);
    const sep = r() < 0.2 ? "\u3000" : "";
    name = b.before ? `${f}${sep}${core}` : `${core}${sep}${f}`;
  } else if (r() < 0.1) name = `${core}（${b.rep.replace(" ", "")}）`;
  const [c, ban, go] = b.block;
  const style = r();
  let block: string;
  if (style < 0.3) block = `${c}丁目${ban}番${go}号`;
  else if (style < 0.55) block = `${c}-${ban}-${go}`;
  else if (style < 0.7) block = fullWidth(`${c}-${ban}-${go}`);
  else if (style < 0.85) block = `${kanjiNum(c)}丁目${ban}番地${go}`;
  else block = `${kanjiNum(c)}丁目${kanjiNum(ban)}番${kanjiNum(go)}号`;
  const address =
    r() < 0.1 ? "" : `${r() < 0.5 ? b.pref : ""}${b.city}${b.town}${block}${r() < 0.2 ? ` 第${c}ビル${go}階` : ""}`;
  const postal = r() < 0.5 ? "" : r() < 0.5 ? `${b.postal.slice(0, 3)}-${b.postal.slice(3)}` : b.postal;
  const ph = b.phone;
  const phone =
    r() < 0.5
      ? ""
      : r() < 0.5
        ? `${ph.slice(0, 3)}-${ph.slice(3, 6)}-${ph.slice(6)}`
        : r() < 0.5
          ? ph
          : `TEL ${fullWidth(ph)}`;
  const cn = b.cn && r() < 0.3 ? b.cn : "";
  const rep = r() < 0.4 ? b.rep : "";
  return [cn, name, "", postal, address, phone, rep];
}

/** Writes `n` synthetic records (with a cluster_id truth column) and returns the file path. */
export async function generateScaleSet(dir: string, n: number, seed = 42): Promise<string> {
  const file = path.join(dir, `meiyose-${n}.csv`);
  const out = createWriteStream(file);
  const r = rng(seed);
  out.write("record_id,corporate_number,name,name_kana,postal_code,address,phone,representative,cluster_id\n");
  let written = 0;
  let cluster = 0;
  let buf = "";
  while (written < n) {
    const b = makeBusiness(r);
    cluster++;
    const k = Math.min(n - written, 1 + Math.floor(-Math.log(1 - r() * 0.999) * 1.2));
    for (let i = 0; i < k; i++) {
      written++;
      const row = [`s${String(written).padStart(8, "0")}`, ...variant(b, r), `c${cluster}`];
      buf += `${row.map((v) => (/[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v)).join(",")}\n`;
    }
    if (buf.length > 1 << 16) {
      if (!out.write(buf)) await new Promise<void>((res) => out.once("drain", () => res()));
      buf = "";
    }
  }
  out.write(buf);
  await new Promise<void>((res, rej) => out.end((e?: Error | null) => (e ? rej(e) : res())));
  return file;
}

async function readColumns(file: string, cols: string[]): Promise<Map<string, string>[]> {
  const reader = new CsvReader();
  const maps = cols.map(() => new Map<string, string>());
  let idx: number[] | null = null;
  const take = (rows: string[][]) => {
    for (const row of rows) {
      if (!idx) {
        idx = cols.map((c) => row.indexOf(c));
        continue;
      }
      const id = row[0] ?? "";
      idx.forEach((i, k) => {
        maps[k]?.set(id, row[i] ?? "");
      });
    }
  };
  for await (const chunk of createReadStream(file, { encoding: "utf8" })) take(reader.push(chunk as string));
  take(reader.end());
  return maps;
}

export async function meiyoseScale(sizes = [100_000, 1_000_000]): Promise<void> {
  console.log("meiyose-scale (名寄せ CLI on synthetic sets)");
  console.log(machineLine());
  const dir = mkdtempSync(path.join(os.tmpdir(), "meiyose-scale-"));
  try {
    for (const n of sizes) {
      const t0 = performance.now();
      const input = await generateScaleSet(dir, n);
      const genS = (performance.now() - t0) / 1000;
      const output = path.join(dir, `out-${n}.csv`);
      const shien = [path.join(ROOT, "bin/shien.js"), "meiyose", "--input", input, "--output", output];
      // the same command without the rest of the CLI's imports (used when `shien` itself cannot start)
      const direct = [
        "--import",
        "tsx",
        path.join(ROOT, "server/src/cli/meiyose-command.ts"),
        "--input",
        input,
        "--output",
        output,
      ];
      const hasTime = existsSync("/usr/bin/time");
      const run = (args: string[]) =>
        hasTime
          ? spawnSync("/usr/bin/time", ["-v", process.execPath, ...args], { encoding: "utf8", cwd: ROOT })
          : spawnSync(process.execPath, args, { encoding: "utf8", cwd: ROOT });
      let how = "npx shien meiyose";
      let t1 = performance.now();
      let res = process.env.MEIYOSE_DIRECT ? null : run(shien);
      if (res?.status !== 0) {
        if (res)
          console.log(
            `  (shien CLI failed to start: ${res.stderr.split("\n").find((l) => l.includes("Error")) ?? res.status}; running the command file directly)`,
          );
        how = "tsx server/src/cli/meiyose-command.ts";
        t1 = performance.now();
        res = run(direct);
      }
      const wall = (performance.now() - t1) / 1000;
      if (res.status !== 0) {
        console.log(`${n} records: CLI failed (${res.status})\n${res.stderr}`);
        continue;
      }
      const rssKb = Number(/Maximum resident set size \(kbytes\): (\d+)/.exec(res.stderr)?.[1] ?? Number.NaN);
      const summary = res.stderr.split("\n").find((l) => l.startsWith("meiyose:")) ?? "";
      const [truthMap] = await readColumns(input, ["cluster_id"]);
      const [predMap] = await readColumns(output, ["entity_key"]);
      const ids = [...(truthMap?.keys() ?? [])];
      const s = score(
        ids.map((id) => truthMap?.get(id) ?? ""),
        ids.map((id) => predMap?.get(id) ?? ""),
      );
      console.log(
        `${n.toLocaleString("en")} records (${(statSync(input).size / 2 ** 20).toFixed(0)} MiB, generated in ${genS.toFixed(1)} s): ` +
          `${how}: wall ${wall.toFixed(1)} s, peak RSS ${Number.isNaN(rssKb) ? "n/a" : `${(rssKb / 1024).toFixed(0)} MiB`}\n` +
          `  ${summary}\n` +
          `  synthetic accuracy: pairwise P ${s.pairwise.precision.toFixed(4)} R ${s.pairwise.recall.toFixed(4)} F1 ${s.pairwise.f1.toFixed(4)}; ` +
          `B-cubed F1 ${s.bcubed.f1.toFixed(4)}; ${pairErrors(s)}`,
      );
      if (n <= 100_000) {
        // most of this generator's names are carried by several businesses (60 surnames × 30 trades)
        const labelled = readLabelled(input);
        const l = linkableScores(labelled.records, labelled.truth);
        console.log(
          `  linkable by a field other than the name: pairwise R ${l.pairwise.recall.toFixed(4)} F1 ${l.pairwise.f1.toFixed(4)}`,
        );
      }
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
