import { Table, type TableTdProps, type TableThProps } from "@mantine/core";
import type { CSSProperties } from "react";
import { formatAmount, formatCount, formatDifference } from "../../../lib/numbers";

/** Figures line up by digit: right-aligned, tabular, never wrapped. */
const NUMERIC: CSSProperties = { fontVariantNumeric: "tabular-nums", whiteSpace: "nowrap" };
const DASH = "—";

export function NumTh(props: TableThProps) {
  return <Table.Th ta="right" style={NUMERIC} {...props} />;
}

export function NumTd(props: TableTdProps) {
  return <Table.Td ta="right" style={NUMERIC} {...props} />;
}

/** 千円 figure, or a dash when the document states none. */
export function AmountTd({ yen, approximate = false }: { yen: number | null; approximate?: boolean }) {
  return <NumTd>{yen === null ? DASH : formatAmount(yen, approximate)}</NumTd>;
}

/** 前年度比: "+50,000", "▲741", "+約5,400", or a dash. */
export function DifferenceTd({ yen, approximate = false }: { yen: number | null; approximate?: boolean }) {
  return <NumTd>{yen === null ? DASH : formatDifference(yen, approximate)}</NumTd>;
}

export function CountTd({ value }: { value: number | null }) {
  return <NumTd>{value === null ? DASH : formatCount(value)}</NumTd>;
}
