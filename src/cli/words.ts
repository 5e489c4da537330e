/** Words the `okr` commands share, so that each says a thing the same way. */

/** "1 cell", "2 cells"; `nouns` for a plural that is not the noun and an "s" ("info"). */
export function plural(count: number, noun: string, nouns = `${noun}s`): string {
  return `${count} ${count === 1 ? noun : nouns}`;
}

/**
 * Why a workbook could not be read, for "cannot read <path>: …" (okr lint and okr rebuild): a
 * reading limit passed (`limit`, the XlsxLimitError's) is its own message, with the option that
 * raises the cell limit (for `job` "rebuild", "too large to rebuild"); anything else is a damaged file, with readXlsx's reason on one line.
 */
export function readFailure(
  path: string,
  error: unknown,
  limit: string | null,
  job: "check" | "rebuild" = "check"
): string {
  const message = error instanceof Error ? error.message : String(error);
  if (limit !== null)
    // The limits' messages end "too large to check"; okr rebuild says what it was doing.
    return `${job === "rebuild" ? message.replace(/too large to check$/, "too large to rebuild") : message}${limit === "cells" ? "; --max-cells raises the limit" : ""}`;
  // readXlsx says "cannot read <path>: <reason>"; the reason is what is added here.
  const prefix = `cannot read ${path}: `;
  const reason = (message.startsWith(prefix) ? message.slice(prefix.length) : message)
    .replace(/\s+/g, " ")
    .trim();
  return `the file is damaged (${reason})`;
}
