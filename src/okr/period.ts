import { serialFromUtcMs } from "./values";

/**
 * A plan's period as dates and quarters: "2026-Q1", "Q1-Q2 2026", "Q3 2026", "FY 2026", "2026".
 * Anything else has no dates, and the sheets leave pace empty rather than guess.
 */
export interface PeriodDates {
  year: number;
  firstQuarter: number;
  lastQuarter: number;
  /** Excel serial numbers of the first and last day. */
  start: number;
  end: number;
}

const FORMS: [RegExp, (match: RegExpExecArray) => [number, number, number]][] = [
  [/^(\d{4})-Q([1-4])$/i, (m) => [Number(m[1]), Number(m[2]), Number(m[2])]],
  [/^Q([1-4])\s+(\d{4})$/i, (m) => [Number(m[2]), Number(m[1]), Number(m[1])]],
  [/^Q([1-4])\s*[-–]\s*Q([1-4])\s+(\d{4})$/i, (m) => [Number(m[3]), Number(m[1]), Number(m[2])]],
  [/^(?:FY\s*)?(\d{4})$/i, (m) => [Number(m[1]), 1, 4]],
];

export function periodDates(period: string): PeriodDates | null {
  const text = period.trim();
  for (const [pattern, read] of FORMS) {
    const match = pattern.exec(text);
    if (!match) continue;
    const [year, firstQuarter, lastQuarter] = read(match);
    if (lastQuarter < firstQuarter) return null;
    const start = serialFromUtcMs(Date.UTC(year, (firstQuarter - 1) * 3, 1));
    // The day before the first day of the next quarter.
    const end = serialFromUtcMs(Date.UTC(year, lastQuarter * 3, 1)) - 1;
    return { year, firstQuarter, lastQuarter, start, end };
  }
  return null;
}
