import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { readXlsx, writeXlsx, XlsxFileError } from "../src/hosts/xlsx";
import { templateById, instantiate } from "../src/okr/templates";
import { buildWorkbook } from "../src/sheets/build";
import type { WorkbookSpec } from "../src/sheets/spec";

/*
 * writeXlsx's file handling (issue 12): a replaced file keeps its permissions, the temporary
 * file's name does not depend on the file's own (so every name the file system accepts can be
 * written), and errors name the file asked for, never the temporary one. Interrupting a write
 * with a signal is tested on the real command in test/cliBin.test.ts.
 */

const dir = mkdtempSync(join(tmpdir(), "okr-write-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let spec: WorkbookSpec;
beforeAll(() => {
  spec = buildWorkbook(instantiate(templateById("dashboard-example")!));
});
const leftovers = (folder: string) => readdirSync(folder).filter((name) => name.endsWith(".tmp"));
const mode = (path: string) => statSync(path).mode & 0o777;

describe("--force keeps the replaced file's permissions", () => {
  test.each([0o600, 0o640, 0o644, 0o660, 0o400].map((bits) => [bits.toString(8), bits]))(
    "a file of mode %s stays so",
    async (_shown, bits) => {
      const folder = mkdtempSync(join(dir, "mode-"));
      const path = join(folder, "plan.xlsx");
      writeFileSync(path, "old");
      chmodSync(path, bits);
      await writeXlsx(spec, path, { force: true });
      expect(mode(path)).toBe(bits);
      expect((await readXlsx(path)).sheets.length).toBeGreaterThan(1);
      expect(leftovers(folder)).toEqual([]);
    }
  );

  test("a new file gets the usual permissions: 0666 less the umask", async () => {
    const mask = process.umask(0o022);
    try {
      const path = join(mkdtempSync(join(dir, "new-")), "plan.xlsx");
      await writeXlsx(spec, path);
      expect(mode(path)).toBe(0o644);
      const forced = join(mkdtempSync(join(dir, "new-forced-")), "plan.xlsx");
      await writeXlsx(spec, forced, { force: true });
      expect(mode(forced)).toBe(0o644);
    } finally {
      process.umask(mask);
    }
  });
});

describe("any name the file system accepts can be written", () => {
  // Linux file systems take names of up to 255 bytes; the old temporary name added 20 or more.
  test.each([
    ["a 250-character name", 250, false],
    ["a 250-character name, replaced with --force", 250, true],
    ["a 255-character name (the limit)", 255, false],
    ["a 255-character name, replaced with --force", 255, true],
  ])("%s", async (_name, length, force) => {
    const folder = mkdtempSync(join(dir, "long-"));
    const name = `${"p".repeat(length - ".xlsx".length)}.xlsx`;
    expect(name).toHaveLength(length);
    const path = join(folder, name);
    if (force) writeFileSync(path, "old");
    await writeXlsx(spec, path, { force });
    expect((await readXlsx(path)).sheets.length).toBeGreaterThan(1);
    expect(readdirSync(folder)).toEqual([name]);
  });
});

describe("errors name the file asked for, never the temporary file", () => {
  test.each([
    [
      "a name longer than the file system takes",
      (folder: string) => join(folder, `${"p".repeat(251)}.xlsx`),
      "the name is too long for the file system",
    ],
    [
      "a folder that does not exist",
      (folder: string) => join(folder, "missing", "plan.xlsx"),
      "no such folder",
    ],
    [
      "a path through a file",
      (folder: string) => {
        writeFileSync(join(folder, "file"), "");
        return join(folder, "file", "plan.xlsx");
      },
      "a part of the path is not a folder",
    ],
  ])("%s", async (_name, pathIn, reason) => {
    const folder = mkdtempSync(join(dir, "error-"));
    const path = pathIn(folder);
    const failure = writeXlsx(spec, path).catch((error: unknown) => error);
    const error = (await failure) as XlsxFileError;
    expect(error).toBeInstanceOf(XlsxFileError);
    expect(error.message).toBe(`cannot write ${path}: ${reason}`);
    expect(error.message).not.toMatch(/\.tmp|okr-\d/);
    expect(error.path).toBe(path);
    expect(existsSync(path)).toBe(false);
    expect(leftovers(folder)).toEqual([]);
  });

  test("a target that is a folder, with --force: its name and the reason", async () => {
    const folder = mkdtempSync(join(dir, "folder-target-"));
    const path = join(folder, "plan.xlsx");
    await writeXlsx(spec, join(folder, "other.xlsx"));
    // A folder with something in it: rename cannot replace it.
    mkdirSync(join(path, "inside"), { recursive: true });
    await expect(writeXlsx(spec, path, { force: true })).rejects.toThrow(
      `cannot write ${path}: it is a folder`
    );
    expect(leftovers(folder)).toEqual([]);
  });
});

describe("the listeners that remove temporary files on a signal", () => {
  test("twelve writes at once: no warning of too many listeners, and none left after", async () => {
    const folder = mkdtempSync(join(dir, "many-"));
    const signals = ["SIGINT", "SIGTERM", "SIGHUP", "exit"] as const;
    const before = signals.map((signal) => process.listenerCount(signal));
    const warnings: Error[] = [];
    const onWarning = (warning: Error) => warnings.push(warning);
    process.on("warning", onWarning);
    try {
      const writes = Array.from({ length: 12 }, (_, n) =>
        writeXlsx(spec, join(folder, `plan-${n}.xlsx`))
      );
      await Promise.all(writes);
    } finally {
      process.off("warning", onWarning);
    }
    expect(signals.map((signal) => process.listenerCount(signal))).toEqual(before);
    expect(warnings.map((warning) => warning.name)).not.toContain("MaxListenersExceededWarning");
    expect(readdirSync(folder)).toHaveLength(12);
    expect(leftovers(folder)).toEqual([]);
  }, 60_000);
});
