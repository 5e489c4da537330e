import { invalidValue, OkrError } from "./errors";

/**
 * Coercion of the values a cell (or a library caller) can hand over: numbers, text, booleans,
 * dates and empties. Every function of the engine reads its arguments through these, so the rules
 * (and the messages) are the same everywhere.
 */

/** Empty: an empty cell (null/undefined), an empty or blank string. */
export function isEmpty(value: unknown): value is null | undefined | string {
  return (
    value === null || value === undefined || (typeof value === "string" && value.trim() === "")
  );
}

/** Formats a number as Excel's General format would show it (up to 15 significant digits). */
export function formatNumber(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  // Near Number.MAX_VALUE, 15 digits round up past the largest double: then all of them.
  const shown = Number(value.toPrecision(15));
  return String(Number.isFinite(shown) ? shown : value);
}

/** Describes any value for an error message, briefly. */
export function describe(value: unknown): string {
  if (value === null || value === undefined) return "empty";
  if (typeof value === "number") return formatNumber(value);
  if (typeof value === "boolean") return value ? "TRUE" : "FALSE";
  if (typeof value === "string") {
    const text = value.length > 40 ? `${value.slice(0, 39)}…` : value;
    return `"${text}"`;
  }
  if (value instanceof Date)
    return Number.isNaN(value.getTime()) ? "an invalid date" : value.toISOString().slice(0, 10);
  if (Array.isArray(value)) return "a list of values";
  return "a value of an unsupported kind";
}

const NUMBER_TEXT = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:e[+-]?\d+)?$/i;
const PERCENT_TEXT = /^([+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:e[+-]?\d+)?)\s*%$/i;

/**
 * Reads a number. Numbers stored as text ("80", "80%") are accepted, as Excel's arithmetic would;
 * booleans are not numbers here, because a TRUE in a target column is a mistake, not a 1.
 */
export function toNumber(name: string, value: unknown): number {
  if (typeof value === "number") {
    if (Number.isFinite(value)) return value;
    throw invalidValue(`${name} is not a finite number (${describe(value)})`);
  }
  if (typeof value === "string") {
    const text = value.trim();
    if (NUMBER_TEXT.test(text)) return finite(name, Number(text), value);
    const percent = PERCENT_TEXT.exec(text);
    if (percent) return finite(name, Number(percent[1]) / 100, value);
  }
  throw invalidValue(`${name} is not a number: ${describe(value)}`);
}

function finite(name: string, number: number, original: unknown): number {
  if (Number.isFinite(number)) return number;
  throw invalidValue(`${name} is not a finite number (${describe(original)})`);
}

/**
 * Rounds half away from zero to `decimals` places, on the value as Excel holds it (15 significant
 * digits), so that 0.695 rounds to 0.70 as it does in Excel's ROUND, not to 0.69 as binary
 * floating point would have it.
 */
export function roundTo(value: number, decimals: number): number {
  const factor = 10 ** decimals;
  const scaled = Number((Math.abs(value) * factor).toPrecision(15));
  const rounded = Math.round(scaled) / factor;
  return value < 0 ? -rounded : rounded;
}

export function clamp(value: number, low: number, high: number): number {
  return Math.min(high, Math.max(low, value));
}

// Excel's 1900 date system: serial 1 is 1900-01-01, and serial 60 is the 29 February 1900 that
// never was (kept for Lotus 1-2-3 compatibility), so from 1900-03-01 (serial 61) on,
// serial = days since 1899-12-30.
const DAY_MS = 86_400_000;
const EPOCH_MS = Date.UTC(1899, 11, 30);
const FIRST_TRUE_SERIAL = 61;

/** Excel serial number of a UTC calendar date-time. */
export function serialFromUtcMs(ms: number): number {
  const days = (ms - EPOCH_MS) / DAY_MS;
  return days < FIRST_TRUE_SERIAL ? days - 1 : days;
}

/** ISO yyyy-mm-dd of an Excel serial number's day. */
export function isoFromSerial(serial: number): string {
  const day = Math.floor(serial);
  if (day === 60) return "1900-02-29";
  const days = day < FIRST_TRUE_SERIAL ? day + 1 : day;
  const date = new Date(EPOCH_MS + days * DAY_MS);
  return Number.isNaN(date.getTime()) ? formatNumber(serial) : date.toISOString().slice(0, 10);
}

/** Today's date in the local time zone, as an Excel serial number. */
export function todaySerial(now: Date = new Date()): number {
  return serialFromUtcMs(Date.UTC(now.getFullYear(), now.getMonth(), now.getDate()));
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
// The largest date Excel can hold is 9999-12-31, serial 2958465.
const MAX_SERIAL = 2_958_465;

/**
 * Reads a date: an Excel serial number (how a date cell arrives in a custom function), a `Date`
 * (its UTC calendar day and time), or `yyyy-mm-dd` text.
 */
export function toDateSerial(name: string, value: unknown): number {
  let serial: number;
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) throw invalidValue(`${name} is an invalid date`);
    serial = serialFromUtcMs(value.getTime());
  } else if (typeof value === "string" && ISO_DATE.test(value.trim())) {
    const [, y, m, d] = ISO_DATE.exec(value.trim()) as RegExpExecArray;
    const ms = Date.UTC(Number(y), Number(m) - 1, Number(d));
    const check = new Date(ms);
    if (
      check.getUTCFullYear() !== Number(y) ||
      check.getUTCMonth() !== Number(m) - 1 ||
      check.getUTCDate() !== Number(d)
    ) {
      throw invalidValue(`${name} is not a calendar date: ${describe(value)}`);
    }
    serial = serialFromUtcMs(ms);
  } else {
    try {
      serial = toNumber(name, value);
    } catch (error) {
      if (error instanceof OkrError) {
        throw invalidValue(
          `${name} is not a date: ${describe(value)} (use a date, a date serial number or yyyy-mm-dd)`
        );
      }
      throw error;
    }
  }
  if (serial < 0 || serial > MAX_SERIAL) {
    throw invalidValue(`${name} is outside the dates a spreadsheet can hold (${describe(value)})`);
  }
  return serial;
}
