import { describe, expect, it } from "vitest";
import { CsvReader, csvLine, parseCsv } from "../../../lib/csv.js";
import { compare, type MatchRecord, resolve } from "./index.js";

const rec = (id: string, r: Omit<MatchRecord, "id">): MatchRecord => ({ id, ...r });

describe("compare", () => {
  it("same 法人番号 → same, with the reason", () => {
    const c = compare(
      rec("a", { name: "株式会社ニッスイ", corporateNumber: "1010001185037" }),
      rec("b", { name: "ユキグニファクトリー株式会社", corporateNumber: "1010001185037" }),
    );
    expect(c.decision).toBe("same");
    expect(c.reasons).toContainEqual(expect.objectContaining({ field: "corporateNumber", agreement: "equal" }));
  });
  it("different valid 法人番号 → different even with everything else equal", () => {
    const base = { name: "株式会社アシスト", address: "福島市三河南町2-3-4", phone: "024-111-2222" };
    const c = compare(
      rec("a", { ...base, corporateNumber: "5070001000715" }),
      rec("b", { ...base, corporateNumber: "7010001086980" }),
    );
    expect(c.decision).toBe("different");
    expect(c.reasons[0]).toMatchObject({ field: "corporateNumber", agreement: "conflict" });
  });
  it("a name alone never merges", () => {
    const c = compare(rec("a", { name: "株式会社アシスト" }), rec("b", { name: "株式会社アシスト" }));
    expect(c.decision).not.toBe("same");
  });
  it("name + phone → same, reasons say which fields agreed", () => {
    const c = compare(
      rec("a", { name: "吉田測量株式会社", phone: "024-849-0916" }),
      rec("b", { name: "吉田 測量（株）", phone: "0248490916", address: "伊達市堀之内16" }),
    );
    expect(c.decision).toBe("same");
    expect(c.reasons.map((r) => `${r.field}:${r.agreement}`)).toEqual(
      expect.arrayContaining(["name:equal", "phone:equal", "legalForm:equal"]),
    );
  });
  it("name + address written differently → same", () => {
    const c = compare(
      rec("a", { name: "株式会社日東製薬", address: "伊賀市昭和町1-18-25" }),
      rec("b", { name: "(株)日東製薬", address: "三重県伊賀市昭和町１丁目１８番２５号 センタービル5階" }),
    );
    expect(c.decision).toBe("same");
  });
  it("株式会社A vs A株式会社 at different addresses stay apart", () => {
    const c = compare(
      rec("a", { name: "株式会社アシスト", address: "福島市三河南町2-3-4" }),
      rec("b", { name: "アシスト株式会社", address: "郡山市駅前1-1-1" }),
    );
    expect(c.decision).toBe("different");
  });
});

describe("hard negatives stay apart", () => {
  it("same name in different prefectures, different 法人番号", () => {
    const r = resolve([
      rec("1", { name: "株式会社アシスト", corporateNumber: "5070001000715", address: "福島県福島市三河南町2-3-4" }),
      rec("2", { name: "株式会社アシスト", corporateNumber: "7010001086980", address: "三重県津市大手町1-1" }),
      rec("3", { name: "株式会社アシスト", address: "福島県福島市三河南町2丁目3番4号" }),
    ]);
    expect(r.entities.get("1")).not.toBe(r.entities.get("2"));
    expect(r.entities.get("3")).toBe(r.entities.get("1"));
    expect(r.entities.get("1")).toBe("5070001000715");
  });
  it("山田製作所 vs 山口製作所, 山田製作所 vs 山田製作所販売", () => {
    const r = resolve([
      rec("1", { name: "株式会社山田製作所", address: "福島市三河南町2-3-4", phone: "024-111-2222" }),
      rec("2", { name: "株式会社山口製作所", address: "福島市三河南町5-1-1", phone: "024-333-4444" }),
      rec("3", { name: "株式会社山田製作所販売", address: "福島市三河南町2-3-4", phone: "024-111-2222" }),
    ]);
    expect(new Set(r.entities.values()).size).toBe(3);
  });
  it("names that differ in a number are different entities, not a slip", () => {
    const c = compare(
      rec("a", { name: "住友生命第３回劣後ローン流動化株式会社", address: "千代田区丸の内1-1-1" }),
      rec("b", { name: "住友生命第１回劣後ローン流動化株式会社", address: "千代田区丸の内1-1-1" }),
    );
    expect(c.decision).toBe("different");
  });
  it("different sole proprietors with the same 屋号 in different towns", () => {
    const r = resolve([
      rec("1", { name: "山田商店", address: "伊達市堀之内16", representative: "山田太郎" }),
      rec("2", { name: "山田商店", address: "名張市旭町3-26-5", representative: "山田花子" }),
    ]);
    expect(r.entities.get("1")).not.toBe(r.entities.get("2"));
  });
});

describe("resolve", () => {
  it("never joins two valid 法人番号 transitively", () => {
    const r = resolve([
      rec("a", { name: "株式会社アシスト", corporateNumber: "5070001000715", phone: "024-111-2222" }),
      rec("b", { name: "株式会社アシスト", phone: "024-111-2222", address: "福島市三河南町2-3-4" }),
      rec("c", { name: "株式会社アシスト", corporateNumber: "7010001086980", address: "福島市三河南町2-3-4" }),
    ]);
    expect(r.entities.get("a")).not.toBe(r.entities.get("c"));
    expect(r.reviewPairs.length).toBeGreaterThan(0);
  });
  it("a record without 法人番号 that matches two 法人番号 equally well joins neither; both links go to review", () => {
    const base = { name: "株式会社アシスト", address: "福島市三河南町2-3-4", phone: "024-111-2222" };
    const r = resolve([
      rec("a", { ...base, corporateNumber: "5070001000715" }),
      rec("x", base),
      rec("c", { ...base, corporateNumber: "7010001086980" }),
    ]);
    expect(r.entities.get("a")).toBe("5070001000715");
    expect(r.entities.get("c")).toBe("7010001086980");
    expect(r.entities.get("x")).toBe("x");
    const pairs = r.reviewPairs.map((p) => [p.a, p.b].sort().join("-"));
    expect(pairs).toEqual(expect.arrayContaining(["a-x", "c-x"]));
    expect(r.reviewPairs[0]?.reasons.at(-1)).toMatchObject({ field: "corporateNumber", agreement: "conflict" });
  });
  it("…while with stronger evidence for one of them it joins that one, and never both", () => {
    const r = resolve([
      rec("a", {
        name: "株式会社アシスト",
        corporateNumber: "5070001000715",
        address: "福島市三河南町2-3-4",
        phone: "024-111-2222",
      }),
      rec("x", { name: "株式会社アシスト", address: "福島市三河南町2-3-4", phone: "024-111-2222" }),
      rec("c", { name: "株式会社アシスト", corporateNumber: "7010001086980", phone: "024-111-2222" }),
    ]);
    expect(r.entities.get("x")).toBe("5070001000715");
    expect(r.entities.get("c")).toBe("7010001086980");
  });
  it("human decisions win over scores", () => {
    const records = [
      rec("a", { name: "株式会社アシスト", phone: "024-111-2222" }),
      rec("b", { name: "株式会社アシスト", phone: "024-111-2222" }),
      rec("c", { name: "アシスト", address: "福島市三河南町2-3-4" }),
    ];
    expect(resolve(records).entities.get("a")).toBe(resolve(records).entities.get("b"));
    const r = resolve(records, {
      decisions: [
        { a: "a", b: "b", same: false },
        { a: "a", b: "c", same: true },
      ],
    });
    expect(r.entities.get("a")).not.toBe(r.entities.get("b"));
    expect(r.entities.get("a")).toBe(r.entities.get("c"));
  });
  it("a human 'same' cannot join two different valid 法人番号; it is reported", () => {
    const r = resolve(
      [
        rec("a", { name: "株式会社アシスト", corporateNumber: "5070001000715" }),
        rec("b", { name: "アシスト株式会社", corporateNumber: "7010001086980" }),
      ],
      { decisions: [{ a: "a", b: "b", same: true }] },
    );
    expect(r.entities.get("a")).not.toBe(r.entities.get("b"));
    expect(r.conflicts).toHaveLength(1);
  });
  it("is deterministic and independent of input order", () => {
    const records = [
      rec("r3", { name: "吉田測量株式会社", phone: "024-849-0916" }),
      rec("r1", { name: "吉田測量", phone: "0248490916", address: "伊達市堀之内16" }),
      rec("r2", { name: "吉田測量（株）", address: "福島県伊達市大字堀之内１６番地" }),
      rec("r4", { name: "株式会社アシスト" }),
    ];
    const a = resolve(records).entities;
    const b = resolve([...records].reverse()).entities;
    expect([...a].sort()).toEqual([...b].sort());
    expect(a.get("r3")).toBe("r1");
    expect(a.get("r4")).toBe("r4");
  });
});

describe("CSV reader", () => {
  it("handles quotes, doubled quotes, CRLF and a BOM", () => {
    const rows = parseCsv('\uFEFFa,b,c\r\n1,"x, ""y""",\r\n2,"multi\nline",z\n');
    expect(rows).toEqual([
      ["a", "b", "c"],
      ["1", 'x, "y"', ""],
      ["2", "multi\nline", "z"],
    ]);
  });
  it("gives the same rows whatever the chunking", () => {
    const text = '\uFEFFid,name\r\n1,"a ""b"", c"\r\n2,"x\r\ny"\n3,plain\r\n';
    const whole = parseCsv(text);
    for (const size of [1, 2, 3, 5, 7]) {
      const r = new CsvReader();
      const rows: string[][] = [];
      for (let i = 0; i < text.length; i += size) rows.push(...r.push(text.slice(i, i + size)));
      rows.push(...r.end());
      expect(rows).toEqual(whole);
    }
  });
  it("writes fields that round-trip", () => {
    const line = csvLine(["r1", 'a,"b"', " x"]);
    expect(parseCsv(line)).toEqual([["r1", 'a,"b"', " x"]]);
  });
});

describe("moves and renames", () => {
  it("when a 有限会社 and a 株式会社 of the same name share an address, then the 有限会社 became the 株式会社", () => {
    const c = compare(
      rec("a", { name: "井上電気工事(有)", address: "三重県伊勢市高野字西原45番地5", phone: "0596-82-2441" }),
      rec("b", { name: "井上電気工事(株)", address: "三重県伊勢市高野字西原４５－５" }),
    );
    expect(c.reasons.find((r) => r.field === "legalForm")?.detail).toContain("移行");
    expect(c.decision).toBe("same");
  });
  it("when the 有限会社 and the 株式会社 are at different addresses, then the shared name does not join them", () => {
    const c = compare(
      rec("a", { name: "有限会社旭電設", address: "三重県四日市市桜田211" }),
      rec("b", { name: "株式会社旭電設", address: "三重県四日市市日永3-2-1" }),
    );
    expect(c.decision).toBe("different");
  });
  it("when the forms are not 有限→株式 (合同会社A / 株式会社A) or the side differs (有限会社A / A株式会社), then one address is not enough", () => {
    const address = "三重県四日市市桜田211";
    const godo = compare(rec("a", { name: "合同会社旭電設", address }), rec("b", { name: "株式会社旭電設", address }));
    expect(godo.decision).toBe("different");
    const side = compare(rec("a", { name: "有限会社旭電設", address }), rec("b", { name: "旭電設株式会社", address }));
    expect(side.decision).toBe("different");
  });
  it("a business that moved keeps its phone number", () => {
    const c = compare(
      rec("a", {
        name: "株式会社野口鍛造",
        phone: "059-111-2222",
        address: "津市大手町2-13-19",
        postalCode: "514-0001",
      }),
      rec("b", { name: "（株）野口鍛造", phone: "0591112222", address: "津市栄町1-1-1", postalCode: "514-0002" }),
    );
    expect(c.decision).toBe("same");
  });
  it("a name only these two records carry, with reading and legal form, in the same prefecture", () => {
    const records = [
      rec("e1", {
        name: "株式会社ノバレーゼ",
        nameKana: "カブシキガイシャノバレーゼ",
        address: "中央区銀座一丁目８番１４号",
      }),
      rec("e2", {
        corporateNumber: "7010001999990",
        name: "株式会社ノバレーゼ",
        nameKana: "のばれーぜ",
        address: "東京都港区芝5-1-1",
      }),
    ];
    const r = resolve(records);
    expect(r.entities.get("e1")).toBe(r.entities.get("e2"));
    // …but not when a third business shares the name
    const r3 = resolve([
      ...records,
      rec("e3", { name: "株式会社ノバレーゼ", nameKana: "ノバレーゼ", address: "大阪市北区梅田1-1-1" }),
      rec("e4", { name: "株式会社ノバレーゼ", nameKana: "ノバレーゼ", address: "大阪市北区梅田1-1-1" }),
    ]);
    expect(r3.entities.get("e1")).not.toBe(r3.entities.get("e2"));
  });

  it("when neither record carries a 法人番号, a name only they carry at two addresses stays two businesses", () => {
    // two unregistered records: 株式会社ダイオーズ at two addresses in Tokyo are two companies
    const r = resolve([
      rec("d1", { name: "株式会社ダイオーズ", nameKana: "ダイオーズ", address: "千代田区丸の内一丁目７番１２号" }),
      rec("d2", { name: "株式会社ダイオーズ", nameKana: "ダイオーズ", address: "港区浜松町二丁目４番１号" }),
    ]);
    expect(r.entities.get("d1")).not.toBe(r.entities.get("d2"));
  });

  it("when a third record of a rare name is alone at a new address, then it joins the registered company", () => {
    const records = [
      rec("i1", {
        corporateNumber: "7010001999990",
        name: "乾海運株式会社",
        nameKana: "いぬいかいうん",
        address: "東京都中央区勝どき１丁目１３番６号",
      }),
      rec("i2", { name: "乾海運株式会社", nameKana: "イヌイカイウン", address: "中央区勝どき一丁目１３番６号" }),
      rec("i3", { name: "乾海運株式会社", nameKana: "イヌイカイウン", address: "中央区日本橋本町一丁目７番４号" }),
    ];
    const r = resolve(records);
    expect(new Set(records.map((x) => r.entities.get(x.id)))).toEqual(new Set(["7010001999990"]));
    // a phone that disagrees with the registered company's says it is another business
    const withPhones = resolve([
      { ...(records[0] as MatchRecord), phone: "03-1111-2222" },
      records[1] as MatchRecord,
      { ...(records[2] as MatchRecord), phone: "03-9999-8888" },
    ]);
    expect(withPhones.entities.get("i3")).not.toBe(withPhones.entities.get("i1"));
  });

  it("when a company registered in Tokyo is now in Kanagawa, its Tokyo record is the same company", () => {
    // 1010401999992: numbered by the 東京法務局 港出張所
    const records = [
      rec("o1", {
        corporateNumber: "1010401999992",
        name: "オイレス精機株式会社",
        nameKana: "おいれすせいき",
        address: "神奈川県藤沢市桐原町８番地",
      }),
      rec("o2", { name: "オイレス精機株式会社", nameKana: "オイレスセイキ", address: "港区港南一丁目２番７０号" }),
    ];
    const r = resolve(records);
    expect(r.entities.get("o2")).toBe("1010401999992");
    // numbered in Saitama: a Tokyo record of the name is not explained by a move
    const saitama = resolve([
      { ...(records[0] as MatchRecord), corporateNumber: "4030001999991" },
      records[1] as MatchRecord,
    ]);
    expect(saitama.entities.get("o2")).not.toBe("4030001999991");
  });
});

describe("phones and owners", () => {
  it("when two records give numbers of one line block (TEL / FAX), then that counts for them", () => {
    const c = compare(
      rec("a", { name: "株式会社北日本米穀", phone: "024-558-0127", representative: "五十嵐友美" }),
      rec("b", { name: "株式会社 北日本米穀", phone: "0245580126", representative: "五十嵐 友美" }),
    );
    const phone = c.reasons.find((r) => r.field === "phone");
    expect(phone?.agreement).toBe("similar");
    expect(c.decision).toBe("same");
    // another exchange is another line
    const far = compare(
      rec("a", { name: "株式会社北日本米穀", phone: "024-558-0127", representative: "五十嵐友美" }),
      rec("b", { name: "株式会社北日本米穀", phone: "024-559-0127", representative: "五十嵐友美" }),
    );
    expect(far.reasons.find((r) => r.field === "phone")?.agreement).toBe("different");
    expect(far.decision).not.toBe("same");
  });

  it("when one record names the owner after the 屋号 and the other gives them as representative, they agree", () => {
    const c = compare(
      rec("a", { name: "浜松精肉店（工藤清）", phone: "0243552323", address: "二本松市徳川町2丁目24番地" }),
      rec("b", {
        name: "浜松精肉店",
        phone: "0243-55-2323",
        address: "二本松市相生町4丁目27番地",
        representative: "工藤 清",
      }),
    );
    expect(c.reasons.find((r) => r.field === "representative")?.agreement).toBe("equal");
    expect(c.decision).toBe("same");
  });
});

describe("names one character apart", () => {
  it("when 山田製作所 and 山口製作所 share only an address, then they are not merged (at most a review pair)", () => {
    const a = { id: "a", name: "株式会社山田製作所", address: "福島県福島市三河南町1-20" };
    const b = { id: "b", name: "株式会社山口製作所", address: "福島県福島市三河南町1-20" };
    expect(compare(a, b).decision).not.toBe("same");
    const r = resolve([a, b]);
    expect(r.entities.get("a")).not.toBe(r.entities.get("b"));
  });

  it("when the same slip comes with the same phone and address, then it is one business", () => {
    const a = { id: "a", name: "株式会社浅野広告企画", address: "三重県尾鷲市駅前2-9-14", phone: "0597-22-0000" };
    const b = { id: "b", name: "株式会社浅野広告企書", address: "尾鷲市駅前2丁目9番地14", phone: "0597220000" };
    expect(compare(a, b).decision).toBe("same");
  });

  it("when a name lacks one character (長沢乳業 / 長沢乳) at the same address and legal form, then it is one business", () => {
    const a = { id: "a", name: "長沢乳業（株）", address: "福島県須賀川市大字国見字谷地17番地" };
    const b = { id: "b", name: "長沢乳㈱", address: "須賀川市国見字谷地17番地" };
    const c = compare(a, b);
    expect(c.reasons.find((r) => r.field === "name")?.detail).toContain("脱字");
    expect(c.decision).toBe("same");
    const r = resolve([a, b]);
    expect(r.entities.get("a")).toBe(r.entities.get("b"));
  });

  it("when a two-character name has one character more (丸山 / 丸山屋) at one address, then they are not merged", () => {
    const a = { id: "a", name: "株式会社丸山", address: "三重県津市栄町1-20" };
    const b = { id: "b", name: "株式会社丸山屋", address: "三重県津市栄町1-20" };
    expect(compare(a, b).decision).not.toBe("same");
  });

  it("when a character is dropped but the addresses differ, then the slip alone does not merge them", () => {
    const a = { id: "a", name: "株式会社長沢計装", address: "三重県四日市市堀之内139" };
    const b = { id: "b", name: "株式会社長沢計", address: "三重県鈴鹿市白子町5-2" };
    expect(compare(a, b).decision).toBe("different");
  });
});
