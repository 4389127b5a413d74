import { describe, expect, it } from "vitest";
import {
  explainCorporateNumber,
  isValidCorporateNumber,
  kanjiToNumber,
  normalizeAddress,
  normalizeCorporateNumber,
  normalizeKana,
  normalizeName,
  normalizePhone,
  normalizePhones,
  normalizePostal,
  normalizeRepresentative,
  registryPrefecture,
} from "./index.js";

describe("法人番号: the 法務局 that registered it", () => {
  it.each([
    ["7010001999990", "東京都"],
    ["1010401999992", "東京都"],
    ["4030001999991", "埼玉県"],
    ["2190001234568", "三重県"],
    ["9380001234567", "福島県"],
    ["7000012050002", null], // not built on a 会社法人等番号 (国の機関)
    [null, null],
  ])("%s → %s", (cn, pref) => {
    expect(registryPrefecture(cn)).toBe(pref);
  });
});

describe("法人番号 check digit", () => {
  it.each([
    ["5070001000715", true], // カネコ種苗 (worked example)
    ["6070001000715", false],
    ["7010001086980", true],
    ["1010001160717", true],
    ["５０７０００１０００７１５", true], // full-width digits
    ["5-0700-0100-0715", true],
    ["0070001000715", false],
    ["507000100071", false],
    ["5.07E+12", false],
    ["", false],
  ])("%s → %s", (s, ok) => {
    expect(isValidCorporateNumber(s)).toBe(ok);
  });

  it("explains Excel's scientific notation and check-digit errors", () => {
    expect(explainCorporateNumber("5.07E+12").problem).toBe("excel-scientific");
    expect(explainCorporateNumber("5.07E+12").message).toContain("Excel");
    expect(explainCorporateNumber("6070001000715").problem).toBe("check-digit");
    expect(explainCorporateNumber("6070001000715").message).toContain("5");
    expect(explainCorporateNumber("123").problem).toBe("wrong-length");
    expect(explainCorporateNumber("50700010007１A").problem).toBe("not-digits");
    expect(explainCorporateNumber("5070001000715")).toMatchObject({ valid: true, normalized: "5070001000715" });
    expect(normalizeCorporateNumber("６０７０００１０００７１５")).toBeNull();
  });
});

describe("normalizeName: legal forms (both positions)", () => {
  const before: [string, string][] = [
    ["株式会社山田製作所", "株式会社"],
    ["(株)山田製作所", "株式会社"],
    ["（株）山田製作所", "株式会社"],
    ["㈱山田製作所", "株式会社"],
    ["カブシキガイシャ山田製作所", "株式会社"],
    ["株式会社　山田製作所", "株式会社"],
    ["有限会社山田製作所", "有限会社"],
    ["(有)山田製作所", "有限会社"],
    ["㈲山田製作所", "有限会社"],
    ["合同会社山田製作所", "合同会社"],
    ["(同)山田製作所", "合同会社"],
    ["合資会社山田製作所", "合資会社"],
    ["合名会社山田製作所", "合名会社"],
    ["一般社団法人山田製作所", "一般社団法人"],
    ["(一社)山田製作所", "一般社団法人"],
    ["一般財団法人山田製作所", "一般財団法人"],
    ["公益社団法人山田製作所", "公益社団法人"],
    ["公益財団法人山田製作所", "公益財団法人"],
    ["NPO法人山田製作所", "特定非営利活動法人"],
    ["ＮＰＯ法人 山田製作所", "特定非営利活動法人"],
    ["特定非営利活動法人山田製作所", "特定非営利活動法人"],
    ["医療法人山田製作所", "医療法人"],
    ["医療法人社団山田製作所", "医療法人社団"],
    ["社会福祉法人山田製作所", "社会福祉法人"],
    ["学校法人山田製作所", "学校法人"],
  ];
  it.each(before)("%s → %s, before", (raw, form) => {
    const n = normalizeName(raw);
    expect(n).toMatchObject({ legalForm: form, legalFormPosition: "before", core: "山田製作所" });
  });
  it.each(before)("reversed %s → %s, after", (raw, form) => {
    const token = raw.replace("山田製作所", "").trim();
    const n = normalizeName(`山田製作所${token}`);
    expect(n).toMatchObject({ legalForm: form, legalFormPosition: "after", core: "山田製作所" });
  });
  it("協同組合 after the name", () => {
    expect(normalizeName("東北工業団地協同組合")).toMatchObject({ legalForm: "協同組合", core: "東北工業団地" });
    expect(normalizeName("東北工業団地(協)")).toMatchObject({ legalForm: "協同組合", core: "東北工業団地" });
  });
  it("half-width katakana legal form ｶﾌﾞｼｷｶﾞｲｼｬ", () => {
    expect(normalizeName("ﾔﾏﾀﾞｶﾌﾞｼｷｶﾞｲｼｬ")).toMatchObject({
      legalForm: "株式会社",
      legalFormPosition: "after",
      core: "ヤマダ",
    });
  });
  it("株式会社A and A株式会社 have different keys but the same core", () => {
    const a = normalizeName("株式会社アシスト");
    const b = normalizeName("アシスト株式会社");
    expect(a.core).toBe(b.core);
    expect(a.key).not.toBe(b.key);
    expect(normalizeName("有限会社アシスト").key).not.toBe(a.key);
  });
  it("no legal form", () => {
    expect(normalizeName("山田商店")).toMatchObject({ legalForm: null, legalFormPosition: null, core: "山田商店" });
  });
  it("owner written after a 屋号", () => {
    expect(normalizeName("山田商店（山田太郎）")).toMatchObject({ coreWithoutOwner: "山田商店", owner: "山田太郎" });
    expect(normalizeName("平井牧場 平井美穂")).toMatchObject({ coreWithoutOwner: "平井牧場", owner: "平井美穂" });
  });
  it("a note on the registered spelling is dropped", () => {
    expect(normalizeName("株式会社ジェイ・エム・エス（商号　株式会社　ＪＭＳ）").core).toBe("ジエイエムエス");
  });
});

describe("normalizeName: width, kana and 異体字 folding (both directions)", () => {
  const same: [string, string][] = [
    ["ＡＢＣ商事", "ABC商事"],
    ["abc商事", "ABC商事"],
    ["ｻﾝﾗｲｽﾞ", "サンライズ"],
    ["関ヶ原製作所", "関ケ原製作所"],
    ["関ヵ原製作所", "関ケ原製作所"],
    ["関が原製作所", "関ケ原製作所"],
    ["ロックペイント", "ロツクペイント"],
    ["ダイジェット", "ダイジヱツト"],
    ["サーフ", "サ−フ"],
    ["サーフ", "サ‐フ"],
    ["サーフ", "サ-フ"],
    ["サーフ", "サｰフ"],
    ["アンド・ドゥ", "アンドドゥ"],
    ["アンド・ドゥ", "アンド･ドゥ"],
    ["アンド・ドゥ", "アンド ドゥ"],
    ["吉田 測量", "吉田測量"],
    ["吉田\u3000測量", "吉田測量"],
    ["髙橋建設", "高橋建設"],
    ["﨑山商事", "崎山商事"],
    ["齋藤工業", "斎藤工業"],
    ["渡邊工業", "渡辺工業"],
    ["澤田工業", "沢田工業"],
    ["東京會舘", "東京会館"],
    ["帝國纎維", "帝国繊維"],
    ["日本精蠟", "日本精蝋"],
    ["中外鑛業", "中外鉱業"],
  ];
  it.each(same)("%s ≡ %s", (a, b) => {
    expect(normalizeName(a).core).toBe(normalizeName(b).core);
    expect(normalizeName(b).core).toBe(normalizeName(a).core);
  });
  it("different names stay different", () => {
    expect(normalizeName("山田製作所").core).not.toBe(normalizeName("山口製作所").core);
    expect(normalizeName("山田製作所").core).not.toBe(normalizeName("山田製作所販売").core);
  });
});

describe("normalizeKana", () => {
  it.each([
    ["ヤマダ", "やまだ"],
    ["ヤマダ", "ﾔﾏﾀﾞ"],
    ["ヤマダ", "カブシキガイシャヤマダ"],
    ["ヤマダ", "カブシキカイシャ ヤマダ"],
    ["ヤマダ", "ヤマダカブシキガイシャ"],
    ["ヤマダ", "ｶ)ﾔﾏﾀﾞ"],
    ["ヤマダ", "ﾔﾏﾀﾞ(ｶ"],
    ["ヤマダ", "ユウゲンガイシャヤマダ"],
    ["ロックペイント", "ロツクペイント"],
    ["ホールディングス", "ホ-ルディングス"],
    ["ジャパン", "ジヤパン"],
  ])("%s ≡ %s", (a, b) => {
    expect(normalizeKana(a)).toBe(normalizeKana(b));
    expect(normalizeKana(b)).toBe(normalizeKana(a));
  });
});

describe("normalizeAddress", () => {
  const same: [string, string][] = [
    ["福島県福島市三河南町2丁目3番4号", "福島市三河南町2-3-4"],
    ["福島市三河南町2丁目3番地4", "福島市三河南町２－３－４"],
    ["福島市三河南町二丁目3番4号", "福島市三河南町二丁目三番四号"],
    ["福島市三河南町2ー3ー4", "福島市三河南町2‐3‐4"],
    ["福島市三河南町2−3−4", "福島市三河南町2-3-4 三河ビル5F"],
    ["伊達市大字堀之内16番地", "伊達市堀之内16"],
    ["松阪市大字桜田字桜林18-12", "松阪市桜田18-12"],
    ["仙台市宮城野区下野18番地の1", "仙台市宮城野区下野18-1"],
    ["名張市旭町三丁目二十六番五号", "名張市旭町3-26-5"],
    ["札幌市中央区北１３条西１７丁目１番３１号", "北海道札幌市中央区北十三条西17-1-31"],
  ];
  it.each(same)("%s ≡ %s", (a, b) => {
    expect(normalizeAddress(a).key).toBe(normalizeAddress(b).key);
  });
  it("detects the prefecture and splits the building", () => {
    const a = normalizeAddress("福島県いわき市港町１丁目１１番４号 菊地会館 ６階");
    expect(a).toMatchObject({
      prefecture: "福島県",
      city: "いわき市",
      key: "いわき市港町1-11-4",
      building: "菊地会館6階",
    });
  });
  it("when an address goes on past 丁目-番-号 (2-9-24-308), then the fourth number is the room", () => {
    const withRoom = normalizeAddress("福島県二本松市高越屋戸2ー9ー24ー308");
    expect(withRoom).toMatchObject({
      key: "二本松市高越屋戸2-9-24",
      keyAlt: "二本松市高越屋戸2-9-24",
      building: "308",
    });
    expect(withRoom.key).toBe(normalizeAddress("二本松市高越屋戸二丁目9番24号").key);
    expect(normalizeAddress("二本松市高越屋戸2-9-24-308 ハイツ高越").building).toBe("308ハイツ高越");
    // three numbers may be 丁目-番-号 or 番地-枝番-room: they stay the block number
    expect(normalizeAddress("名古屋市中村区横前町732-22-210").numbers).toBe("732-22-210");
  });
  it("keeps numbers that belong to a town name", () => {
    expect(normalizeAddress("千代田区三番町5").key).not.toBe(normalizeAddress("千代田区5").key);
  });
  it("kanji numerals", () => {
    expect(kanjiToNumber("二十六")).toBe(26);
    expect(kanjiToNumber("百二")).toBe(102);
    expect(kanjiToNumber("一〇五")).toBe(105);
  });
});

describe("phone, postal code, representative", () => {
  it.each([
    ["024-382-7899", "0243827899"],
    ["(024)382-7899", "0243827899"],
    ["０２４－３８２－７８９９", "0243827899"],
    ["024‐382‐7899", "0243827899"],
    ["TEL:024-382-7899", "0243827899"],
    ["電話 024 382 7899", "0243827899"],
    ["0243827899", "0243827899"],
  ])("%s → %s", (raw, digits) => {
    expect(normalizePhone(raw)).toBe(digits);
  });
  it("two numbers in one field", () => {
    expect(normalizePhones("024-382-7899 / 024-382-7800")).toEqual(["0243827899", "0243827800"]);
  });
  it.each(["960-8053", "9608053", "〒960-8053", "９６０－８０５３", "〒９６０ー８０５３"])("postal %s", (raw) => {
    expect(normalizePostal(raw)).toBe("9608053");
  });
  it("representative titles and spaces", () => {
    expect(normalizeRepresentative("代表取締役 山田　太郎")).toBe("山田太郎");
    expect(normalizeRepresentative("山田 太郎")).toBe("山田太郎");
  });
});
