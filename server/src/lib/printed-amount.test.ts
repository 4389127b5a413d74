import { describe, expect, it } from "vitest";
import { parsePrintedAmount, parseThousandYen } from "./printed-amount.js";

describe("printed amounts", () => {
  it.each([
    ["69,803千円", 69_803_000, false],
    ["11億5,460万円", 1_154_600_000, false],
    ["7,700万円", 77_000_000, false],
    ["157億5,464万7千円", 15_754_647_000, false],
    ["▲ 741千円", -741_000, false],
    ["△1,046千円", -1_046_000, false],
    ["+約5,400千円", 5_400_000, true],
    ["約 24,000千円", 24_000_000, true],
    ["-約24,000千円", -24_000_000, true],
    ["100万円", 1_000_000, false],
    ["2,000円", 2_000, false],
    ["1.5億円", 150_000_000, false],
  ])("when %s is read, then it is %d yen", (printed, yen, approximate) => {
    expect(parsePrintedAmount(printed)).toEqual({ yen, approximate });
  });

  it.each(["69,803", "千円", "5千3億円", "1.23456千円", "abc円"])("when %s is read, then it is refused", (printed) => {
    expect(() => parsePrintedAmount(printed)).toThrow();
  });

  it("when a budget statement figure has no unit, then it is read as 千円", () => {
    expect(parseThousandYen("▲32,079")).toEqual({ yen: -32_079_000, approximate: false });
    expect(parseThousandYen("0")).toEqual({ yen: 0, approximate: false });
  });
});
