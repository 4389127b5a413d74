import { describe, expect, it } from "vitest";
import { completeAddress } from "./address-completion.js";
import { compare, type MatchRecord, normalizeAddress, resolve } from "./index.js";
import { lookupPostalCode, matchMunicipality } from "./postal-codes.js";

describe("lookupPostalCode (Japan Post data, offline)", () => {
  it("one town: 960-8053 is 福島県福島市三河南町", () => {
    expect(lookupPostalCode("9608053")).toEqual([
      {
        postalCode: "9608053",
        prefectureCode: "07",
        prefecture: "福島県",
        cityCode: "07201",
        city: "福島市",
        town: "三河南町",
      },
    ]);
    expect(lookupPostalCode("5140006")[0]).toMatchObject({ prefecture: "三重県", city: "津市", town: "広明町" });
  });
  it("several towns under one code: 510-0863 covers four towns of 四日市市", () => {
    const towns = lookupPostalCode("5100863");
    expect(towns.length).toBeGreaterThan(1);
    expect(new Set(towns.map((t) => t.city))).toEqual(new Set(["四日市市"]));
    expect(towns.map((t) => t.town)).toContain("塩浜");
  });
  it("a code for a whole municipality has an empty town; one code may span municipalities", () => {
    expect(lookupPostalCode("9650000")).toEqual([expect.objectContaining({ city: "会津若松市", town: "" })]);
    const cities = new Set(lookupPostalCode("5100000").map((t) => t.city));
    expect(cities.size).toBeGreaterThan(1);
  });
  it("unknown or malformed codes give nothing", () => {
    expect(lookupPostalCode("9999999")).toEqual([]);
    expect(lookupPostalCode("3206759")).toEqual([]);
    expect(lookupPostalCode("960-8053")).toEqual([]);
  });
});

describe("municipalities from the Japan Post list", () => {
  it.each([
    ["四日市市堀之内139", "四日市市", "三重県"],
    ["三条市中野原456", "三条市", "新潟県"],
    ["摂津市南別府町15-21", "摂津市", "大阪府"],
    ["不破郡関ケ原町上川原24", "不破郡関ケ原町", "岐阜県"],
    ["菰野町浜田169", "菰野町", "三重県"],
    ["仙台市宮城野区宮町2", "仙台市宮城野区", "宮城県"],
  ])("%s → %s (%s)", (address, name, prefecture) => {
    expect(matchMunicipality(address)).toEqual({ name, prefecture });
  });
  it("a name two prefectures share gives no prefecture (伊達市: 北海道 and 福島県)", () => {
    expect(matchMunicipality("伊達市堀之内16")).toEqual({ name: "伊達市", prefecture: null });
    expect(normalizeAddress("伊達市堀之内16").prefecture).toBeNull();
  });
  it("a city whose name holds a numeral keeps it (三条市 is not 3条)", () => {
    expect(normalizeAddress("新潟県三条市中野原456番地")).toMatchObject({ city: "三条市", key: "三条市中野原456" });
    expect(normalizeAddress("三重県四日市市大字堀之内139番地").city).toBe("四日市市");
  });
});

describe("completing an address from its postal code", () => {
  it("an ambiguous city gets the prefecture of the code that lies in it", () => {
    const a = normalizeAddress("伊達市箱崎1-2");
    expect(completeAddress(a, "9600502")).toMatchObject({ prefecture: "福島県", prefectureInferred: true });
    expect(completeAddress(a, "0520000")).toMatchObject({ prefecture: "北海道" });
  });
  it("an address without its municipality gets it when it starts with a town the code covers", () => {
    const a = completeAddress(normalizeAddress("三河南町2-3-4"), "9608053");
    expect(a).toMatchObject({ prefecture: "福島県", city: "福島市", key: "福島市三河南町2-3-4" });
    expect(a.key).toBe(normalizeAddress("福島県福島市三河南町2丁目3番4号").key);
  });
  it("a code that points elsewhere, or that Japan Post does not know, leaves the address as typed", () => {
    const written = normalizeAddress("福島県福島市三河南町2-3-4");
    expect(completeAddress(written, "5140006")).toBe(written);
    const noCity = normalizeAddress("広明町1-1");
    expect(completeAddress(noCity, "9608053")).toBe(noCity);
    const dateCity = normalizeAddress("伊達市箱崎1-2");
    expect(completeAddress(dateCity, "5140006")).toBe(dateCity);
    expect(completeAddress(dateCity, "9999999")).toBe(dateCity);
  });
});

describe("postal codes in matching", () => {
  const rec = (id: string, r: Omit<MatchRecord, "id">): MatchRecord => ({ id, ...r });
  it("the same 伊達市 address in two prefectures (told apart by the postal code) stays apart", () => {
    const c = compare(
      rec("a", { name: "株式会社伊達建設", address: "伊達市舟岡町1-1", postalCode: "052-0000" }),
      rec("b", { name: "株式会社伊達建設", address: "伊達市箱崎1-1", postalCode: "960-0502" }),
    );
    expect(c.reasons).toContainEqual(expect.objectContaining({ field: "address", agreement: "different-prefecture" }));
    expect(c.decision).toBe("different");
  });
  it("an address typed without its city matches the full address once the code supplies the city", () => {
    const c = compare(
      rec("a", { name: "株式会社三河商事", address: "三河南町2-3-4", postalCode: "960-8053" }),
      rec("b", { name: "(株)三河商事", address: "福島県福島市三河南町二丁目3番4号" }),
    );
    expect(c.reasons).toContainEqual(expect.objectContaining({ field: "address", agreement: "equal" }));
    expect(c.decision).toBe("same");
  });
  it("a name alone still never merges, postal code or not", () => {
    const r = resolve([
      rec("a", { name: "株式会社アシスト", postalCode: "960-8053" }),
      rec("b", { name: "株式会社アシスト", address: "福島市三河南町1-1" }),
    ]);
    expect(r.entities.get("a")).not.toBe(r.entities.get("b"));
  });
});
