import type { KeyResult } from "../../okr/model";

/**
 * How a key result's numbers are stored and shown: percentages as fractions (85% as 0.85) with a
 * percent format, as a person typing "85%" into Excel would get; money and large counts with
 * thousands separators. The reader (src/sheets/read.ts) undoes the same.
 */

function isPercent(unit: string | null): boolean {
  return unit !== null && unit.startsWith("%");
}

/** A value in the key result's unit as its cell holds it. */
export function stored(value: number, unit: string | null): number {
  return isPercent(unit) ? Number((value / 100).toPrecision(15)) : value;
}

/** The number format for a key result's cells, from its unit and the values shown. */
export function numberFormat(unit: string | null, values: number[]): string | undefined {
  if (isPercent(unit)) {
    const decimals = Math.max(
      0,
      ...values.map((value) => (String(value).split(".")[1] ?? "").length)
    );
    return decimals === 0 ? "0%" : `0.${"0".repeat(Math.min(decimals, 4))}%`;
  }
  if (unit && /^[$€£]$/.test(unit)) return `"${unit}"#,##0`;
  if (
    values.every((value) => Number.isInteger(value)) &&
    values.some((value) => Math.abs(value) >= 1000)
  )
    return "#,##0";
  return undefined;
}

/** The plan's own current value as a cell holds it: a milestone's done / not done as 1 / 0. */
export function storedCurrent(kr: KeyResult): number | null {
  if (kr.current === null) return null;
  if (typeof kr.current === "boolean") return kr.current ? 1 : 0;
  return kr.type === "milestone" ? kr.current : stored(kr.current, kr.unit);
}
