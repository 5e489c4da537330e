import { plural, readFailure } from "../src/cli/words";

/* The words okr lint and okr rebuild share (src/cli/words.ts). */

test.each([
  [1, "cell", undefined, "1 cell"],
  [0, "cell", undefined, "0 cells"],
  [2, "info", "info", "2 info"],
])("plural(%d, %s)", (count, noun, nouns, said) => {
  expect(plural(count, noun, nouns)).toBe(said);
});

test.each([
  [
    "a cell limit",
    new Error("more than 10 cells: too large to check"),
    "cells",
    "more than 10 cells: too large to check; --max-cells raises the limit",
  ],
  [
    "another limit",
    new Error("more than 20,000 parts: too large to check"),
    "parts",
    "more than 20,000 parts: too large to check",
  ],
  [
    "a damaged file, readXlsx's prefix taken off",
    new Error("cannot read a.xlsx: bad\n  zip"),
    null,
    "the file is damaged (bad zip)",
  ],
])("readFailure: %s", (_name, error, limit, said) => {
  expect(readFailure("a.xlsx", error, limit)).toBe(said);
});
