/**
 * Issue 4 "Tests" checklist: the variants of the 名寄せ engine section that normalize.test.ts and
 * resolve.test.ts leave out or check in one direction only.
 */
import { describe, expect, it } from "vitest";
import {
  compare,
  explainCorporateNumber,
  isValidCorporateNumber,
  type MatchRecord,
  normalizeAddress,
  normalizeKana,
  normalizeName,
  normalizePhone,
  normalizeRepresentative,
  resolve,
} from "./index.js";

const CORE = "山田製作所";

// [written form, canonical form]: every spelling the issue lists, plus the usual abbreviations.
const LEGAL_FORMS: [string, string][] = [
  ["株式会社", "株式会社"],
  ["(株)", "株式会社"],
  ["（株）", "株式会社"],
  ["㈱", "株式会社"],
  ["㍿", "株式会社"],
  ["株式會社", "株式会社"],
  ["カブシキガイシャ", "株式会社"],
  ["ｶﾌﾞｼｷｶﾞｲｼｬ", "株式会社"],
  ["有限会社", "有限会社"],
  ["(有)", "有限会社"],
  ["（有）", "有限会社"],
  ["㈲", "有限会社"],
  ["ユウゲンガイシャ", "有限会社"],
  ["合同会社", "合同会社"],
  ["(同)", "合同会社"],
  ["合資会社", "合資会社"],
  ["(資)", "合資会社"],
  ["合名会社", "合名会社"],
  ["(名)", "合名会社"],
  ["一般社団法人", "一般社団法人"],
  ["(一社)", "一般社団法人"],
  ["一般財団法人", "一般財団法人"],
  ["(一財)", "一般財団法人"],
  ["公益社団法人", "公益社団法人"],
  ["(公社)", "公益社団法人"],
  ["公益財団法人", "公益財団法人"],
  ["(公財)", "公益財団法人"],
  ["NPO法人", "特定非営利活動法人"],
  ["ＮＰＯ法人", "特定非営利活動法人"],
  ["特定非営利活動法人", "特定非営利活動法人"],
  ["(特非)", "特定非営利活動法人"],
  ["医療法人", "医療法人"],
  ["(医)", "医療法人"],
  ["社会福祉法人", "社会福祉法人"],
  ["(福)", "社会福祉法人"],
  ["学校法人", "学校法人"],
  ["(学)", "学校法人"],
  ["協同組合", "協同組合"],
  ["(協)", "協同組合"],
];

describe("legal forms in names: every spelling, before and after the name", () => {
  it.each(LEGAL_FORMS)(
    "when %s is written before the name, then it is read as %s and keyed like the canonical spelling",
    (written, form) => {
      for (const raw of [`${written}${CORE}`, `${written} ${CORE}`, `${written}\u3000${CORE}`]) {
        const n = normalizeName(raw);
        expect(n, raw).toMatchObject({ legalForm: form, legalFormPosition: "before", core: CORE });
        expect(n.key, raw).toBe(normalizeName(`${form}${CORE}`).key);
      }
    },
  );

  it.each(LEGAL_FORMS)(
    "when %s is written after the name, then it is read as %s and keyed like the canonical spelling",
    (written, form) => {
      for (const raw of [`${CORE}${written}`, `${CORE} ${written}`, `${CORE}\u3000${written}`]) {
        const n = normalizeName(raw);
        expect(n, raw).toMatchObject({ legalForm: form, legalFormPosition: "after", core: CORE });
        expect(n.key, raw).toBe(normalizeName(`${CORE}${form}`).key);
      }
    },
  );

  it.each(LEGAL_FORMS)("when %s stands before one name and after the other, then the keys differ", (written) => {
    const before = normalizeName(`${written}${CORE}`);
    const after = normalizeName(`${CORE}${written}`);
    expect(before.core).toBe(after.core);
    expect(before.key).not.toBe(after.key);
  });

  it("when the name carries no legal form, then its key is its core and differs from every form's key", () => {
    const bare = normalizeName(CORE);
    expect(bare).toMatchObject({ legalForm: null, key: CORE });
    for (const [written] of LEGAL_FORMS) {
      expect(normalizeName(`${written}${CORE}`).key).not.toBe(bare.key);
      expect(normalizeName(`${CORE}${written}`).key).not.toBe(bare.key);
    }
  });
});

describe("legal forms in kana fields: readings and bank-style (全銀) abbreviations, at either end", () => {
  const READINGS = [
    "カブシキガイシャ",
    "カブシキカイシャ",
    "ユウゲンガイシャ",
    "ゴウドウガイシャ",
    "ゴウシガイシャ",
    "ゴウメイガイシャ",
    "イッパンシャダンホウジン",
    "イッパンザイダンホウジン",
    "コウエキシャダンホウジン",
    "コウエキザイダンホウジン",
    "トクテイヒエイリカツドウホウジン",
    "エヌピーオーホウジン",
    "イリョウホウジン",
    "シャカイフクシホウジン",
    "ガッコウホウジン",
    "キョウドウクミアイ",
  ];
  const halfWidth = (s: string) =>
    s
      .replace(/ガ/g, "ｶﾞ")
      .replace(/ゴ/g, "ｺﾞ")
      .replace(/ド/g, "ﾄﾞ")
      .replace(/ザ/g, "ｻﾞ")
      .replace(/ダ/g, "ﾀﾞ")
      .replace(/ジ/g, "ｼﾞ")
      .replace(/ブ/g, "ﾌﾞ")
      .replace(/ピ/g, "ﾋﾟ")
      .replace(/パ/g, "ﾊﾟ")
      .replace(/[ァ-ヶー]/g, (c) => {
        const full =
          "アイウエオカキクケコサシスセソタチツテトナニヌネノハヒフヘホマミムメモヤユヨラリルレロワンーャュョッ";
        const half = "ｱｲｳｴｵｶｷｸｹｺｻｼｽｾｿﾀﾁﾂﾃﾄﾅﾆﾇﾈﾉﾊﾋﾌﾍﾎﾏﾐﾑﾒﾓﾔﾕﾖﾗﾘﾙﾚﾛﾜﾝｰｬｭｮｯ";
        const i = full.indexOf(c);
        return i < 0 ? c : (half[i] as string);
      });

  it.each(READINGS)("when the reading %s stands before or after the name, then it is dropped", (reading) => {
    const plain = normalizeKana("ヤマダセイサクショ");
    for (const raw of [
      `${reading}ヤマダセイサクショ`,
      `ヤマダセイサクショ${reading}`,
      `${reading} ヤマダセイサクショ`,
      `ヤマダセイサクショ　${reading}`,
      halfWidth(`${reading}ヤマダセイサクショ`),
      halfWidth(`ヤマダセイサクショ${reading}`),
    ]) {
      expect(normalizeKana(raw), raw).toBe(plain);
    }
  });

  it.each(["ｶ", "ﾕ", "ﾄﾞ", "ｼ", "ﾒ", "ｻﾞｲ", "ｼﾔ", "ｲ", "ｶﾞｸ", "ﾌｸ", "ﾄｸﾋ"])(
    "when the bank abbreviation %s stands before ( x) ) or after ( (x ), then it is dropped",
    (abbr) => {
      const plain = normalizeKana("ヤマダセイサクショ");
      for (const raw of [`${abbr})ﾔﾏﾀﾞｾｲｻｸｼｮ`, `(${abbr})ﾔﾏﾀﾞｾｲｻｸｼｮ`, `ﾔﾏﾀﾞｾｲｻｸｼｮ(${abbr}`, `ﾔﾏﾀﾞｾｲｻｸｼｮ(${abbr})`]) {
        expect(normalizeKana(raw), raw).toBe(plain);
      }
    },
  );
});

describe("width and kana folding, both directions", () => {
  const KANA_FIELD: [string, string][] = [
    ["ヤマダセイサクショ", "やまだせいさくしょ"],
    ["ヤマダセイサクショ", "ﾔﾏﾀﾞｾｲｻｸｼｮ"],
    ["やまだせいさくしょ", "ﾔﾏﾀﾞｾｲｻｸｼｮ"],
    ["キッチン", "キツチン"],
    ["きっちん", "キツチン"],
    ["シャトル", "シヤトル"],
    ["ショウジ", "シヨウジ"],
    ["ウィング", "ウイング"],
    ["ファクトリー", "フアクトリー"],
    ["セキケハラ", "セキヶハラ"],
    ["ミカツキ", "ミヵツキ"],
    ["コーヒー", "コ－ヒ－"],
    ["コーヒー", "コ-ヒ-"],
    ["コーヒー", "ｺｰﾋｰ"],
    ["コーヒー", "コ―ヒ―"],
    ["コーヒー", "コ‐ヒ‐"],
    ["ジェイ・エム・エス", "ジェイエムエス"],
    ["ジェイ・エム・エス", "ｼﾞｪｲ･ｴﾑ･ｴｽ"],
    ["ヤマダ セイサクショ", "ヤマダセイサクショ"],
    ["ヤマダ\u3000セイサクショ", "ヤマダセイサクショ"],
    ["ﾔﾏﾀﾞ ｾｲｻｸｼｮ", "やまだ　せいさくしょ"],
  ];
  it.each(KANA_FIELD)("kana field: %s ≡ %s", (a, b) => {
    expect(normalizeKana(a)).toBe(normalizeKana(b));
    expect(normalizeKana(b)).toBe(normalizeKana(a));
  });

  it("kana field: different readings stay different", () => {
    expect(normalizeKana("ヤマダセイサクショ")).not.toBe(normalizeKana("ヤマグチセイサクショ"));
    expect(normalizeKana("ヤマダセイサクショ")).not.toBe(normalizeKana("ヤマダセイサクショハンバイ"));
    expect(normalizeKana("カ")).not.toBe(normalizeKana("ケ"));
  });

  const NAME_FIELD: [string, string][] = [
    ["ＳＵＮ工業", "SUN工業"],
    ["ｓｕｎ工業", "SUN工業"],
    ["ﾀﾞｲｼﾞｪｯﾄ工業", "ダイジェット工業"],
    ["ﾎｰﾙﾃﾞｨﾝｸﾞｽ", "ホールディングス"],
    ["ホ－ルディングス", "ホールディングス"],
    ["ホ―ルディングス", "ホールディングス"],
    ["ホ—ルディングス", "ホールディングス"],
    ["キッチン工房", "キツチン工房"],
    ["ウィング", "ウイング"],
    ["ヶ谷製作所", "ケ谷製作所"],
    ["関ヶ原石材", "関ケ原石材"],
    ["関ヵ原石材", "関ケ原石材"],
    ["ジェイ・エム・エス", "ジェイ･エム･エス"],
    ["ジェイ・エム・エス", "ジェイ·エム·エス"],
    ["ジェイ・エム・エス", "ジェイ エム エス"],
    ["ジェイ・エム・エス", "ジェイ\u3000エム\u3000エス"],
    ["１２３商会", "123商会"],
  ];
  it.each(NAME_FIELD)("name field: %s ≡ %s", (a, b) => {
    expect(normalizeName(a).core).toBe(normalizeName(b).core);
    expect(normalizeName(b).core).toBe(normalizeName(a).core);
  });
});

describe("異体字 and 旧字体, both directions", () => {
  const NAMES: [string, string][] = [
    ["渡邉工務店", "渡辺工務店"],
    ["濱田商店", "浜田商店"],
    ["嶋田鉄工", "島田鉄工"],
    ["冨士運輸", "富士運輸"],
    ["德島製麺", "徳島製麺"],
    ["櫻井酒造", "桜井酒造"],
    ["廣田木材", "広田木材"],
    ["國分電機", "国分電機"],
    ["眞田紙工", "真田紙工"],
    ["龜田製菓", "亀田製菓"],
  ];
  it.each(NAMES)("name: %s ≡ %s", (a, b) => {
    expect(normalizeName(a).core).toBe(normalizeName(b).core);
    expect(normalizeName(b).core).toBe(normalizeName(a).core);
  });

  it.each([
    ["代表取締役 髙橋 一郎", "高橋一郎"],
    ["齋藤　花子", "斎藤花子"],
    ["代表理事 澤田太郎", "沢田太郎"],
    ["渡邊 次郎", "渡辺次郎"],
  ])("representative: %s ≡ %s", (a, b) => {
    expect(normalizeRepresentative(a)).toBe(normalizeRepresentative(b));
    expect(normalizeRepresentative(b)).toBe(normalizeRepresentative(a));
  });

  it("address: 旧字 in the prefecture and the town still finds the prefecture and the same key", () => {
    const old = normalizeAddress("宮﨑県宮﨑市橘通東一丁目9番10号");
    const now = normalizeAddress("宮崎県宮崎市橘通東1-9-10");
    expect(old).toMatchObject({ prefecture: "宮崎県", city: "宮崎市" });
    expect(old.key).toBe(now.key);
    expect(normalizeAddress("會津若松市榮町1の1").key).toBe(normalizeAddress("会津若松市栄町1-1").key);
  });

  it("different characters that are not variants stay different", () => {
    expect(normalizeName("髙田製作所").core).not.toBe(normalizeName("高島製作所").core);
    expect(normalizeName("斉藤工業").core).not.toBe(normalizeName("斎藤工業").core);
  });
});

describe("addresses", () => {
  it.each([
    ["北海道札幌市中央区北1条西2丁目1", "北海道", "札幌市中央区"],
    ["東京都千代田区丸の内一丁目1番1号", "東京都", "千代田区"],
    ["京都府京都市中京区寺町通御池上る上本能寺前町488", "京都府", "京都市中京区"],
    ["大阪府大阪市北区梅田一丁目1番3号", "大阪府", "大阪市北区"],
    ["神奈川県藤沢市桐原町８番地", "神奈川県", "藤沢市"],
    ["鹿児島県鹿児島市山下町11-1", "鹿児島県", "鹿児島市"],
    ["三重県四日市市諏訪町2番2号", "三重県", "四日市市"],
    ["福島県　いわき市　港町１丁目１１番４号", "福島県", "いわき市"],
  ])("when %s is read, then the prefecture is %s and the city %s", (raw, prefecture, city) => {
    const a = normalizeAddress(raw);
    expect(a).toMatchObject({ prefecture, city });
    expect(a.prefectureInferred).toBeUndefined();
  });

  it.each([
    ["津市栄町1-891", "三重県"],
    ["郡山市駅前2-10-15", "福島県"],
    ["千代田区丸の内1-1-1", "東京都"],
  ])("when %s leaves out the prefecture, then the only one with that city is inferred (%s)", (raw, prefecture) => {
    expect(normalizeAddress(raw)).toMatchObject({ prefecture, prefectureInferred: true });
  });

  const SAME: [string, string][] = [
    ["郡山市駅前二丁目十番十五号", "郡山市駅前2-10-15"],
    ["三重県津市栄町一丁目八九一番地", "津市栄町1-891"],
    ["津市栄町1丁目891", "津市栄町1-891"],
    ["津市栄町1丁目891番地", "津市栄町１－８９１"],
    ["福島市三河南町一番二十号", "福島市三河南町1-20"],
    ["福島市三河南町1番20号", "福島市三河南町1-20"],
    ["会津若松市栄町1の1", "会津若松市栄町1-1"],
    ["東京都港区芝五丁目13番15号", "港区芝5-13-15 芝三田森ビル3F"],
    ["大阪府大阪市北区梅田一丁目1番3号 大阪駅前第3ビル 12階", "大阪市北区梅田1-1-3"],
    ["福島市三河南町1-20 コラッセふくしま 5F", "福島県福島市三河南町1丁目20番"],
  ];
  it.each(SAME)("%s ≡ %s", (a, b) => {
    expect(normalizeAddress(a).key).toBe(normalizeAddress(b).key);
    expect(normalizeAddress(b).key).toBe(normalizeAddress(a).key);
  });

  it("when a building name follows the block number, then it is split off and kept apart", () => {
    expect(normalizeAddress("港区芝5-13-15 芝三田森ビル3F")).toMatchObject({
      key: "港区芝5-13-15",
      numbers: "5-13-15",
      building: "芝三田森ビル3F",
    });
    expect(normalizeAddress("福島市三河南町1-20　コラッセふくしま５階").building).toBe("コラッセふくしま5階");
  });

  it("different block numbers stay different", () => {
    expect(normalizeAddress("郡山市駅前二丁目十番十五号").key).not.toBe(normalizeAddress("郡山市駅前2-10-16").key);
    expect(normalizeAddress("津市栄町1-891").key).not.toBe(normalizeAddress("津市栄町1-89").key);
  });
});

describe("phone digits, both directions", () => {
  it.each([
    ["+81-24-382-7899", "024-382-7899"],
    ["+81 24 382 7899", "0243827899"],
    ["０２４（３８２）７８９９", "024-382-7899"],
    ["024(382)7899 内線12", "0243827899"],
    ["℡024-382-7899", "TEL 024-382-7899"],
    ["024 ー 382 ー 7899", "024-382-7899"],
    ["090-1234-5678", "０９０－１２３４－５６７８"],
  ])("%s ≡ %s", (a, b) => {
    expect(normalizePhone(a)).not.toBe("");
    expect(normalizePhone(a)).toBe(normalizePhone(b));
    expect(normalizePhone(b)).toBe(normalizePhone(a));
  });

  it("different numbers stay different; a fragment is not a number", () => {
    expect(normalizePhone("024-382-7899")).not.toBe(normalizePhone("024-382-7898"));
    expect(normalizePhone("382-7899")).toBe("");
  });
});

describe("法人番号 check digit: the issue's formula", () => {
  // first digit = 9 − (Σ P_n × Q_n mod 9), n = 1…12 from the right of the 12 base digits, Q_n = 1 odd, 2 even
  const checkDigit = (base: string) => {
    let sum = 0;
    for (let n = 1; n <= 12; n++) sum += Number(base[12 - n]) * (n % 2 === 1 ? 1 : 2);
    return 9 - (sum % 9);
  };
  const bases = (() => {
    const out = ["070001000715", "010001086980", "000000000000", "999999999999", "380001234567"];
    let x = 20240401;
    while (out.length < 60) {
      x = (x * 1103515245 + 12345) % 2 ** 31;
      out.push(String(x % 1e12).padStart(12, "0"));
    }
    return out;
  })();

  it("when each of 60 bases gets the digit the formula gives, then it is valid and every other first digit is not", () => {
    for (const base of bases) {
      const cd = checkDigit(base);
      expect(isValidCorporateNumber(`${cd}${base}`), `${cd}${base}`).toBe(true);
      for (let d = 0; d <= 9; d++) {
        if (d !== cd) expect(isValidCorporateNumber(`${d}${base}`), `${d}${base}`).toBe(false);
      }
    }
  });

  it("when a wrong first digit is given, then the explanation names the right one", () => {
    const base = "070001000715";
    const wrong = `${(checkDigit(base) + 1) % 10}${base}`;
    const e = explainCorporateNumber(wrong);
    expect(e).toMatchObject({ valid: false, problem: "check-digit" });
    expect(e.message).toContain(String(checkDigit(base)));
  });
});

describe("hard negatives stay apart, whatever the order", () => {
  const rec = (id: string, r: Omit<MatchRecord, "id">): MatchRecord => ({ id, ...r });
  const cases: [string, MatchRecord, MatchRecord][] = [
    [
      "same name and reading, different prefectures and 法人番号",
      rec("a", {
        name: "株式会社山田製作所",
        nameKana: "ヤマダセイサクショ",
        corporateNumber: "5070001000715",
        address: "福島県福島市三河南町1-20",
      }),
      rec("b", {
        name: "（株）山田製作所",
        nameKana: "ﾔﾏﾀﾞｾｲｻｸｼｮ",
        corporateNumber: "7010001086980",
        address: "三重県津市栄町1-891",
      }),
    ],
    [
      "山田製作所 vs 山口製作所 in one town",
      rec("a", { name: "株式会社山田製作所", nameKana: "ヤマダセイサクショ", address: "福島県福島市三河南町1-20" }),
      rec("b", { name: "株式会社山口製作所", nameKana: "ヤマグチセイサクショ", address: "福島県福島市三河南町1-21" }),
    ],
    [
      "山田製作所 vs 山田製作所販売 at one address",
      rec("a", { name: "株式会社山田製作所", nameKana: "ヤマダセイサクショ", address: "福島県福島市三河南町1-20" }),
      rec("b", {
        name: "株式会社山田製作所販売",
        nameKana: "ヤマダセイサクショハンバイ",
        address: "福島県福島市三河南町1-20",
      }),
    ],
  ];

  it.each(cases)("when %s, then compare is not 'same' either way and resolve keeps two entities", (_label, a, b) => {
    expect(compare(a, b).decision).not.toBe("same");
    expect(compare(b, a).decision).not.toBe("same");
    expect(compare(a, b).score).toBeCloseTo(compare(b, a).score, 6);
    for (const input of [
      [a, b],
      [b, a],
    ]) {
      const r = resolve(input);
      expect(r.entities.get("a")).not.toBe(r.entities.get("b"));
    }
  });

  it("when both 法人番号 differ, then even equal phone, address and representative do not join them, either way", () => {
    const same = { name: "株式会社山田製作所", address: "福島県福島市三河南町1-20", phone: "024-525-4075" };
    const a = rec("a", { ...same, corporateNumber: "5070001000715", representative: "山田太郎" });
    const b = rec("b", { ...same, corporateNumber: "7010001086980", representative: "山田 太郎" });
    expect(compare(a, b).decision).toBe("different");
    expect(compare(b, a).decision).toBe("different");
    expect(new Set(resolve([b, a]).entities.values())).toEqual(new Set(["5070001000715", "7010001086980"]));
  });
});

describe("a floor or room written after a space is not part of the block number", () => {
  it.each([
    ["福島市三河南町1-20 2F", "福島市三河南町1-20"],
    ["福島市三河南町1-20　5階", "福島市三河南町1-20"],
    ["福島市森合町10番1号 ２Ｆ", "福島市森合町10-1"],
    ["福島市三河南町1-20 501号室", "福島市三河南町1-20"],
    ["福島市三河南町1-20 201", "福島市三河南町1-20"],
    // the number goes on: one block chain
    ["福島市三河南町1丁目 20番 3号", "福島市三河南町1-20-3"],
    ["福島市三河南町1 - 20", "福島市三河南町1-20"],
    ["〒960-8053 福島市三河南町1-20", "福島市三河南町1-20"],
  ])("%s → key %s", (raw, key) => {
    expect(normalizeAddress(raw).key).toBe(key);
  });
  it("an address with a floor is not 'equal' to another block number", () => {
    const a = { id: "a", name: "株式会社山田製作所", address: "福島市三河南町1-20 2F" };
    const b = { id: "b", name: "株式会社山田製作所", address: "福島市三河南町1-202" };
    expect(compare(a, b).reasons.find((r) => r.field === "address")?.agreement).not.toBe("equal");
  });
});

describe("bank-style legal forms in the name field and dotted phone numbers", () => {
  it.each([
    ["ｶ)ﾔﾏﾀﾞｾｲｻｸｼｮ", "株式会社", "before"],
    ["(ｶ)ﾔﾏﾀﾞｾｲｻｸｼｮ", "株式会社", "before"],
    ["ﾔﾏﾀﾞｾｲｻｸｼｮ(ｶ", "株式会社", "after"],
    ["ﾔﾏﾀﾞｾｲｻｸｼｮ(ｶ)", "株式会社", "after"],
    ["ﾕ)ｻﾄｳｼｮｳﾃﾝ", "有限会社", "before"],
    ["ｼｬ)ﾌｸｼﾏｷｮｳｶｲ", "一般社団法人", "before"],
  ])("%s → %s (%s)", (raw, form, position) => {
    const n = normalizeName(raw);
    expect(n.legalForm).toBe(form);
    expect(n.legalFormPosition).toBe(position);
    expect(n.owner).toBeUndefined();
  });

  it("ｶ)ﾔﾏﾀﾞｾｲｻｸｼｮ and カブシキガイシャヤマダセイサクショ are one name; ﾔﾏﾀﾞｾｲｻｸｼｮ(ｶ is the other side", () => {
    expect(normalizeName("ｶ)ﾔﾏﾀﾞｾｲｻｸｼｮ").key).toBe(normalizeName("カブシキガイシャヤマダセイサクショ").key);
    expect(normalizeName("ﾔﾏﾀﾞｾｲｻｸｼｮ(ｶ").key).not.toBe(normalizeName("ｶ)ﾔﾏﾀﾞｾｲｻｸｼｮ").key);
  });

  it.each([
    ["024.382.7899", "0243827899"],
    ["TEL 024．382．7899", "0243827899"],
  ])("%s → %s", (raw, digits) => {
    expect(normalizePhone(raw)).toBe(digits);
  });
});
