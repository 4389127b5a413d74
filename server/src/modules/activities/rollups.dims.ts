import { FACT_DIMENSIONS, type FactType } from "@shien/contracts";

/** The dimension attributes a rollup keeps of a fact: its type's FACT_DIMENSIONS with scalar values. */
export function dimsOf(type: string, attributes: unknown): Record<string, string | number | boolean> {
  const keys = FACT_DIMENSIONS[type as FactType] ?? [];
  const out: Record<string, string | number | boolean> = {};
  const attrs = (attributes ?? {}) as Record<string, unknown>;
  for (const k of [...keys].sort()) {
    const v = attrs[k];
    if (typeof v === "string" || typeof v === "number" || typeof v === "boolean") out[k] = v;
  }
  return out;
}
