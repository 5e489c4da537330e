import { plural, readFailure } from "../src/cli/words";
import { XlsxLimitError } from "../src/hosts/xlsx";
import { READ_LIMITS, type ReadLimits } from "../src/okr/limits";

/* The words okr lint and okr rebuild share (src/cli/words.ts). */

test.each([
  [1, "cell", undefined, "1 cell"],
  [0, "cell", undefined, "0 cells"],
  [2, "info", "info", "2 info"],
])("plural(%d, %s)", (count, noun, nouns, said) => {
  expect(plural(count, noun, nouns)).toBe(said);
});

/** Every reading limit, as the reader words what passed it. */
const LIMITS: [keyof ReadLimits, string][] = [
  ["cells", "more than 10 cells"],
  ["parts", "more than 20,000 parts"],
  ["partBytes", "its part xl/worksheets/sheet1.xml unpacks to more than 384 MiB"],
  ["unpackedBytes", "it unpacks to more than 768 MiB"],
  ["fileBytes", "the file is larger than 100 MiB"],
];

test("the table covers every reading limit", () => {
  expect(LIMITS.map(([limit]) => limit).sort()).toEqual(Object.keys(READ_LIMITS).sort());
});

describe.each(["check", "rebuild"] as const)("readFailure for okr %s", (job) => {
  test.each(LIMITS)("beyond the %s limit (%s): the reason, then the job", (limit, reason) => {
    const error = new XlsxLimitError(reason, limit);
    // The reader's own message says "check", whatever the command.
    expect(error.message).toBe(`${reason}: too large to check`);
    expect(readFailure("a.xlsx", error, error, job)).toBe(
      `${reason}: too large to ${job}${limit === "cells" ? "; --max-cells raises the limit" : ""}`
    );
  });

  test("a damaged file: readXlsx's reason on one line, its prefix taken off", () => {
    expect(readFailure("a.xlsx", new Error("cannot read a.xlsx: bad\n  zip"), null, job)).toBe(
      "the file is damaged (bad zip)"
    );
  });
});
