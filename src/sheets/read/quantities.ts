import { parseKeyResult, type ParsedKeyResult } from "../../okr/parser";
import { type Cell, isErrorValue } from "./cells";

/** Numbers in cells: plain, as text with a unit ("85%", "$1.2M"), and percentages. */

const PLAIN_NUMBER = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:e[+-]?\d+)?$/i;
/** Longer text is not a number a person typed; the parser is not run on it. */
const MAX_NUMBER_TEXT = 100;

export interface Quantity {
  value: number;
  /** The unit the text states ("%", "$", "seconds"), or null for a bare number. */
  unit: string | null;
  /** True when the cell holds a number, false when the number was read from text. */
  numeric: boolean;
}

/** A number a cell holds or states: 12, "12", "85%", "$1.2M", "< 5%", "30 seconds". */
export function readQuantity(value: Cell): Quantity | null {
  if (typeof value === "number") return { value, unit: null, numeric: true };
  if (typeof value !== "string") return null;
  const text = value.trim().replace(/,(?=\d{3}(?!\d))/g, "");
  if (PLAIN_NUMBER.test(text)) {
    const number = Number(text);
    return Number.isFinite(number) ? { value: number, unit: null, numeric: false } : null;
  }
  if (text === "" || text.length > MAX_NUMBER_TEXT || isErrorValue(text)) return null;
  const parsed = parseMetric(text);
  if (parsed === null || parsed.target === null) return null;
  // The parser reads magnitudes; a leading minus sign is the value's own.
  const negative = /^[-−]\s*[$€£]?\d/.test(text);
  return { value: negative ? -parsed.target : parsed.target, unit: parsed.unit, numeric: false };
}

/**
 * The parser's cost grows with the count of numbers in a text, so a cell full of numbers (a
 * pasted log, a fuzzed string) is not read as a metric.
 */
const MAX_METRIC_TEXT = 1000;
const MAX_METRIC_NUMBERS = 16;

export function parseMetric(text: string): ParsedKeyResult | null {
  if (text.length > MAX_METRIC_TEXT) return null;
  if ((text.match(/\d+/g)?.length ?? 0) > MAX_METRIC_NUMBERS) return null;
  try {
    return parseKeyResult(text);
  } catch {
    return null;
  }
}

export function isPercentUnit(unit: string | null): boolean {
  return unit !== null && unit.startsWith("%");
}

/**
 * A percentage cell's number in percentage points. OKR Studio stores 85% as 0.85 with a percent
 * format (src/sheets/build.ts `stored`), as Excel does when a person types "85%"; the model holds
 * 85. Text such as "85%" is read in points already and does not come through here.
 */
export function percentPointsFromCell(value: number): number {
  return Number((value * 100).toPrecision(15));
}

/**
 * Whether a person's sheet holds a key result's percentages as fractions (0.85 shown as 85%) or
 * as points (85). The sentence decides when it states the target; otherwise numbers all within
 * ±1 are fractions, as Excel stores a typed "85%".
 */
export function holdsFractions(
  cellNumbers: number[],
  parsedTarget: number | null,
  cellTarget: number | null
): boolean {
  if (cellNumbers.length === 0) return false;
  if (parsedTarget !== null && cellTarget !== null) {
    const close = (a: number, b: number) => Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(b));
    if (close(percentPointsFromCell(cellTarget), parsedTarget)) return true;
    if (close(cellTarget, parsedTarget)) return false;
  }
  return (
    cellNumbers.every((value) => Math.abs(value) <= 1) && cellNumbers.some((value) => value !== 0)
  );
}

export function onUnitScale(quantity: Quantity): number {
  return !quantity.numeric && isPercentUnit(quantity.unit) ? quantity.value / 100 : quantity.value;
}

export function agrees(cell: Quantity, parsedTarget: number, unit: string | null): boolean {
  const close = (a: number) =>
    Math.abs(a - parsedTarget) <= 1e-9 * Math.max(1, Math.abs(parsedTarget));
  return (
    close(cell.value) ||
    (cell.numeric && isPercentUnit(unit) && close(percentPointsFromCell(cell.value)))
  );
}
