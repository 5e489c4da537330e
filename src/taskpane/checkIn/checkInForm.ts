import type { KeyResult, Plan } from "../../okr/model";
import { periodDates, type PeriodDates } from "../../okr/period";
import type { KeyResultSummary, Summary } from "../../okr/summary";
import { isoFromSerial } from "../../okr/values";
import type { CheckIn } from "../../sheets/read";
import type { Location } from "../../okr/rules/types";
import type { WorkbookRead } from "../actions";
import { withUnit } from "../ui/wording";

/**
 * What the check-in form decides, apart from React: reading a value as the user's locale writes
 * numbers, the date rules of the plan's period, searching the key results, and the recent
 * check-ins of one key result. Pure functions, tested table by table.
 */

/** The decimal and group separators of a locale, from Intl.NumberFormat's parts. */
export function separatorsOf(locale: string | undefined): { decimal: string; group: string } {
  const parts = new Intl.NumberFormat(locale).formatToParts(1234567.5);
  return {
    decimal: parts.find((part) => part.type === "decimal")?.value ?? ".",
    group: parts.find((part) => part.type === "group")?.value ?? ",",
  };
}

const SPACES = /[\s\u00a0\u202f]/g;

/**
 * A number as a person in `locale` types it ("1.234,5" in de-DE, "1 234,5" in fr-FR, "1,234.5" in
 * en-US), or null when the text is not a number. A leading minus and surrounding spaces are
 * allowed; group separators only between digits.
 */
export function parseLocaleNumber(text: string, locale: string | undefined): number | null {
  const { decimal, group } = separatorsOf(locale);
  let body = text.trim().replace(/^\u2212/, "-");
  const negative = body.startsWith("-");
  if (negative) body = body.slice(1).trim();
  if (body === "") return null;
  const groupIsSpace = group.replace(SPACES, "") === "";
  const digits = groupIsSpace ? body.replace(SPACES, " ") : body;
  const groupChar = groupIsSpace ? " " : group;
  const [whole, fraction, extra] = digits.split(decimal);
  if (extra !== undefined) return null;
  const groups = whole.split(groupChar);
  if (groups.some((part) => !/^\d+$/.test(part))) return null;
  if (groups.length > 1 && groups.slice(1).some((part) => part.length !== 3)) return null;
  if (fraction !== undefined && !/^\d+$/.test(fraction)) return null;
  const value = Number(`${groups.join("")}${fraction === undefined ? "" : `.${fraction}`}`);
  if (!Number.isFinite(value)) return null;
  return negative ? -value : value;
}

/** How a key result's value is asked for. */
export type ValueKind = "number" | "percent" | "done";

export function valueKindOf(keyResult: Pick<KeyResult, "type" | "unit">): ValueKind {
  if (keyResult.type === "milestone") return "done";
  return keyResult.unit !== null && keyResult.unit.startsWith("%") ? "percent" : "number";
}

export type Parsed<T> = { ok: true; value: T } | { ok: false; reason: string };

/**
 * The value typed for a key result, as the Check-ins table holds it: a number; a percentage as a
 * fraction (85 or "85 %" → 0.85, as Excel stores a percent cell); done / not done as true / false.
 */
export function parseCheckInValue(
  input: string,
  kind: ValueKind,
  locale: string | undefined
): Parsed<number | boolean> {
  const text = input.trim();
  if (kind === "done") {
    if (text === "done") return { ok: true, value: true };
    if (text === "not done") return { ok: true, value: false };
    return { ok: false, reason: "Choose done or not done." };
  }
  if (text === "") return { ok: false, reason: "Enter the new value." };
  const { decimal, group } = separatorsOf(locale);
  const example = `1${group}234${decimal}5`;
  if (kind === "percent") {
    const number = parseLocaleNumber(text.replace(/\s*%$/, ""), locale);
    if (number === null)
      return {
        ok: false,
        reason: `"${input.trim()}" is not a percentage. Type a number such as 85 or 12${decimal}5.`,
      };
    return { ok: true, value: Math.round(number * 1e10) / 1e12 };
  }
  const number = parseLocaleNumber(text, locale);
  if (number === null)
    return {
      ok: false,
      reason: `"${input.trim()}" is not a number. Type a number such as ${example}.`,
    };
  return { ok: true, value: number };
}

/** Excel serial of an ISO yyyy-mm-dd day (what a date input gives), or null. */
export function serialFromIso(iso: string): number | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!match) return null;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const ms = Date.UTC(year, month - 1, day);
  const date = new Date(ms);
  if (
    date.getUTCFullYear() !== year ||
    date.getUTCMonth() !== month - 1 ||
    date.getUTCDate() !== day
  )
    return null;
  return Math.round(ms / 86_400_000) + 25_569;
}

export { isoFromSerial };

/**
 * The date's rule: refused before the period starts or after today; allowed after the period ends
 * (final grading) with a note. `period` null: only the future is refused.
 */
export function checkDate(
  iso: string,
  period: Pick<PeriodDates, "start" | "end"> | null,
  today: number
): { ok: true; value: number; note: string | null } | { ok: false; reason: string } {
  const serial = serialFromIso(iso);
  if (serial === null) return { ok: false, reason: "Enter the date as a day (yyyy-mm-dd)." };
  if (serial > today)
    return {
      ok: false,
      reason: `${iso} is in the future; a check-in records what was measured, up to today.`,
    };
  if (period !== null && serial < period.start)
    return {
      ok: false,
      reason: `${iso} is before the period starts (${isoFromSerial(period.start)}).`,
    };
  if (period !== null && serial > period.end)
    return {
      ok: true,
      value: serial,
      note: `${iso} is after the period ended (${isoFromSerial(period.end)}): recorded as a final grading.`,
    };
  return { ok: true, value: serial, note: null };
}

/** One key result as the form lists it. */
export interface KeyResultOption {
  id: string;
  text: string;
  objectiveId: string;
  objectiveTitle: string;
  kind: ValueKind;
  unit: string | null;
  current: number | boolean | null;
  status: string | null;
}

export function keyResultOptions(plan: Plan, summary: Summary | null): KeyResultOption[] {
  const byId = new Map<string, KeyResultSummary>(
    (summary?.keyResults ?? []).map((entry) => [entry.id, entry])
  );
  return plan.objectives.flatMap((objective) =>
    objective.keyResults.map((keyResult) => ({
      id: keyResult.id,
      text: keyResult.text,
      objectiveId: objective.id,
      objectiveTitle: objective.title,
      kind: valueKindOf(keyResult),
      unit: keyResult.unit,
      current: keyResult.current,
      status: byId.get(keyResult.id)?.status ?? null,
    }))
  );
}

/** Key results whose id, text or objective contain every word of the query (any case). */
export function searchKeyResults(
  options: readonly KeyResultOption[],
  query: string
): KeyResultOption[] {
  const words = query
    .toLocaleLowerCase()
    .split(/\s+/)
    .filter((word) => word !== "");
  if (words.length === 0) return [...options];
  return options.filter((option) => {
    const haystack =
      `${option.id} ${option.text} ${option.objectiveId} ${option.objectiveTitle}`.toLocaleLowerCase();
    return words.every((word) => haystack.includes(word));
  });
}

/** A key result's current value in words: "85%", "1,234.5 $", "done". */
export function valueText(option: KeyResultOption, locale: string | undefined): string {
  const { current } = option;
  if (current === null) return "no value yet";
  if (typeof current === "boolean") return current ? "done" : "not done";
  const number = new Intl.NumberFormat(locale, { maximumFractionDigits: 4 }).format(current);
  return option.kind === "percent" ? `${number}%` : withUnit(number, option.unit);
}

/** A check-in of the log as the correcting list shows it. */
export interface RecentCheckIn {
  entry: string;
  date: number | null;
  value: unknown;
  author: string;
  comment: string;
  /** Whether a later row replaces it (corrected or withdrawn). */
  replaced: boolean;
  /** A withdrawal: a row that replaces another and has no value. */
  withdrawal: boolean;
  row: CheckIn["location"];
}

/** The key result's check-ins that carry an Entry id, newest row first, at most `limit`. */
export function recentCheckIns(
  read: WorkbookRead,
  keyResultId: string,
  limit = 5
): RecentCheckIn[] {
  const log = read.facts.checkIns;
  const replaced = new Set(log.map((row) => row.replaces ?? "").filter((id) => id !== ""));
  return log
    .filter((row) => row.keyResultId === keyResultId && (row.entry ?? "") !== "")
    .map((row) => ({
      entry: row.entry ?? "",
      date: row.date,
      value: row.value,
      author: row.author,
      comment: row.comment,
      replaced: replaced.has(row.entry ?? ""),
      withdrawal: (row.replaces ?? "") !== "" && (row.value === null || row.value === ""),
      row: row.location,
    }))
    .reverse()
    .slice(0, limit);
}

/** The plan's period as dates, or null. */
export function periodOf(plan: Plan): PeriodDates | null {
  return periodDates(plan.period);
}

/** The author remembered by the pane; storage that throws (private mode, blocked) is ignored. */
const AUTHOR_KEY = "okr-studio.checkIn.author";

export function rememberedAuthor(storage: Pick<Storage, "getItem"> | undefined): string {
  try {
    return storage?.getItem(AUTHOR_KEY) ?? "";
  } catch {
    return "";
  }
}

export function rememberAuthor(
  storage: Pick<Storage, "setItem"> | undefined,
  author: string
): void {
  try {
    storage?.setItem(AUTHOR_KEY, author);
  } catch {
    // Storage refused (private mode, quota): the author is asked for again next time.
  }
}

/** The browser's storage where there is one, without throwing where it is blocked. */
export function browserStorage(): Storage | undefined {
  try {
    return typeof localStorage === "undefined" ? undefined : localStorage;
  } catch {
    return undefined;
  }
}

/**
 * Where a recorded check-in is now: the row the latest read of the workbook finds its entry id in
 * (another person's pane may have moved it while both wrote: see src/hosts/excel/checkIn.ts),
 * said as the writer said it ("A3:I3"); where it was written when no read has it (yet).
 */
export function recordedAt(read: WorkbookRead | null, id: string, written: Location): Location {
  const row = read?.facts.checkIns.find((checkIn) => checkIn.entry === id);
  const number = row === undefined ? null : /\d+$/.exec(row.location.address)?.[0];
  if (row === undefined || number == null) return written;
  return { sheet: row.location.sheet, address: written.address.replace(/\d+/g, number) };
}

/**
 * Whether the workbook's check-in log can take corrections: it has the Entry and Replaces columns
 * an OKR Studio workbook of this version has. An older workbook's log takes plain check-ins only.
 */
export function takesCorrections(read: WorkbookRead): boolean {
  const logs = read.facts.found.filter((table) => table.table === "checkIns");
  return logs.some((log) => "Entry" in log.columns && "Replaces" in log.columns);
}
