import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { removeTemporaryFiles, temporaryName } from "../src/hosts/xlsx/temporary";

/*
 * removeTemporaryFiles removes what a killed writer left (okr rebuild's child): only the
 * temporary files named by that process's id, never another process's or any other file.
 */

const dir = mkdtempSync(join(tmpdir(), "okr-temporary-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

test("temporaryName carries the process id, and the names differ", () => {
  expect(temporaryName(4242)).toMatch(/^\.okr-4242-[0-9a-f]{12}\.tmp$/);
  expect(temporaryName()).toMatch(new RegExp(`^\\.okr-${process.pid}-[0-9a-f]{12}\\.tmp$`));
  expect(temporaryName(1)).not.toBe(temporaryName(1));
});

test.each([
  ["the process's temporary file", ".okr-4242-0123456789ab.tmp", false],
  ["another of its temporary files", ".okr-4242-ffffffffffff.tmp", false],
  ["another process's", ".okr-42420-0123456789ab.tmp", true],
  ["a process whose id ends with it", ".okr-14242-0123456789ab.tmp", true],
  ["the workbook written", "fixed.xlsx", true],
  ["too few hex digits", ".okr-4242-0123456789a.tmp", true],
  ["not hex", ".okr-4242-0123456789ag.tmp", true],
  ["another ending", ".okr-4242-0123456789ab.tmp.xlsx", true],
  ["no leading dot", "okr-4242-0123456789ab.tmp", true],
])("%s (%s) kept: %s", async (_what, name, kept) => {
  const folder = mkdtempSync(join(dir, "case-"));
  writeFileSync(join(folder, name), "x");
  writeFileSync(join(folder, "other.xlsx"), "y");
  await removeTemporaryFiles(folder, 4242);
  expect(readdirSync(folder).sort()).toEqual(kept ? [name, "other.xlsx"].sort() : ["other.xlsx"]);
});

test("a folder that is not there, or a folder named like a temporary file: nothing, no error", async () => {
  await expect(removeTemporaryFiles(join(dir, "missing"), 4242)).resolves.toBeUndefined();
  const folder = mkdtempSync(join(dir, "folder-"));
  mkdirSync(join(folder, ".okr-4242-0123456789ab.tmp"));
  await expect(removeTemporaryFiles(folder, 4242)).resolves.toBeUndefined();
  expect(readdirSync(folder)).toEqual([".okr-4242-0123456789ab.tmp"]);
});
