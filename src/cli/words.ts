/** Words the `okr` commands share, so that each says a thing the same way. */

/** "1 cell", "2 cells"; `nouns` for a plural that is not the noun and an "s" ("info"). */
export function plural(count: number, noun: string, nouns = `${noun}s`): string {
  return `${count} ${count === 1 ? noun : nouns}`;
}

/** A reading limit passed: the XlsxLimitError's limit and reason ("more than 20,000 parts"). */
export interface LimitPassed {
  limit: string;
  reason: string;
}

/**
 * Why a workbook could not be read, for "cannot read <path>: …" (okr lint and okr rebuild): a
 * reading limit passed (`limit`, the XlsxLimitError) is its reason, "too large to" and the `job`
 * ("too large to check", "too large to rebuild"), with the option that raises the cell limit;
 * anything else is a damaged file, with readXlsx's reason on one line.
 */
export function readFailure(
  path: string,
  error: unknown,
  limit: LimitPassed | null,
  job: "check" | "rebuild" = "check"
): string {
  const message = error instanceof Error ? error.message : String(error);
  if (limit !== null)
    return `${limit.reason}: too large to ${job}${limit.limit === "cells" ? "; --max-cells raises the limit" : ""}`;
  // readXlsx says "cannot read <path>: <reason>"; the reason is what is added here.
  const prefix = `cannot read ${path}: `;
  const reason = (message.startsWith(prefix) ? message.slice(prefix.length) : message)
    .replace(/\s+/g, " ")
    .trim();
  return `the file is damaged (${reason})`;
}
