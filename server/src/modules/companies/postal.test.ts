import { describe, expect, it } from "vitest";
import { describePostalCode, postalPrefectureMismatch } from "./postal.service.js";

describe("describePostalCode (offline Japan Post data)", () => {
  it.each([
    ["9608053"],
    ["960-8053"],
    ["〒960-8053"],
    ["〒 960-8053"],
    ["９６０－８０５３"],
    ["960ー8053"],
    ["960‐8053"],
    ["960−8053"],
    [" 960 8053 "],
  ])("when %j is typed, then it is 960-8053, 福島県福島市三河南町", (typed) => {
    expect(describePostalCode(typed)).toEqual({
      postalCode: "960-8053",
      prefecture: "福島県",
      city: "福島市",
      towns: [{ prefectureCode: "07", prefecture: "福島県", cityCode: "07201", city: "福島市", town: "三河南町" }],
    });
  });

  it.each([["960-805"], ["96080531"], ["960-80S3"], ["abc"], [""], ["TEL 960-8053"], ["960.8053"]])(
    "when %j is typed, then it is not a postal code (null)",
    (typed) => {
      expect(describePostalCode(typed)).toBeNull();
    },
  );

  it("when Japan Post has no such code, then there are no towns and no prefecture", () => {
    expect(describePostalCode("999-9999")).toEqual({
      postalCode: "999-9999",
      prefecture: null,
      city: null,
      towns: [],
    });
    // a large office's own code (事業所個別番号) is not in KEN_ALL either
    expect(describePostalCode("371-8503")?.towns).toEqual([]);
  });

  it("when one code covers several towns, then every town is a candidate and the city is shared", () => {
    const found = describePostalCode("510-0863");
    expect(found).toMatchObject({ prefecture: "三重県", city: "四日市市" });
    expect(found?.towns.map((t) => t.town)).toEqual(expect.arrayContaining(["磯津", "塩浜"]));
    expect(found?.towns.length).toBeGreaterThan(1);
  });

  it("when one code spans municipalities, then the prefecture is shared but the city is not", () => {
    const found = describePostalCode("5100000");
    expect(found).toMatchObject({ prefecture: "三重県", city: null });
    expect(new Set(found?.towns.map((t) => t.city))).toEqual(new Set(["四日市市", "三重郡朝日町", "三重郡川越町"]));
  });

  it("when a code stands for a whole municipality, then its town is empty", () => {
    expect(describePostalCode("965-0000")?.towns).toEqual([expect.objectContaining({ city: "会津若松市", town: "" })]);
  });
});

describe("postalPrefectureMismatch (import warning)", () => {
  it.each([
    [{ postalCode: "960-8053", address: "福島県福島市三河南町1-20" }],
    [{ postalCode: "960-8053", address: "福島市三河南町1-20" }],
    [{ postalCode: "999-9999", address: "三重県津市栄町1-891" }],
    [{ postalCode: "960-8053", address: "伊達市堀之内16" }],
    [{ postalCode: null, address: "三重県津市栄町1-891" }],
    [{ postalCode: "960-8053", address: null }],
  ])("when %j agree or cannot tell, then no warning", (input) => {
    expect(postalPrefectureMismatch(input)).toBeNull();
  });

  it("when the code is in 福島県 and the address in 三重県, then the warning says both", () => {
    const w = postalPrefectureMismatch({ postalCode: "960-8053", address: "三重県津市栄町1-891" });
    expect(w).toContain("960-8053");
    expect(w).toContain("福島県福島市三河南町");
    expect(w).toContain("三重県");
  });

  it("when the address names no prefecture but its city is in one only, then that prefecture is compared", () => {
    expect(postalPrefectureMismatch({ postalCode: "514-0006", address: "郡山市駅前1-1-1" })).toContain("福島県");
  });
});
