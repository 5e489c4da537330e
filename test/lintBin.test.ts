import { spawnSync } from "node:child_process";
import { closeSync, ftruncateSync, mkdtempSync, openSync, rmSync, writeSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { compoundFile } from "./fixtures/lint/make";
import { bundleOkrCommand } from "./support/bundleOkr";
import { writeTeamSheet } from "./support/typedWorkbooks";

/*
 * okr lint as a user runs it: the command bundled by esbuild and started in a real process, so
 * exit codes and the process's environment are the real ones (test/lint.test.ts drives the same
 * code in-process). An integration suite: it bundles, so it is not part of npm run test:unit.
 */
const dir = mkdtempSync(join(tmpdir(), "okr-lint-bin-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const file = (name: string) => join(dir, name);
const AS_OF = "2026-03-31";
const good = file("team-good.xlsx");
const wrong = file("team-wrong.xlsx");

beforeAll(async () => {
  await writeTeamSheet(good, 0.75);
  await writeTeamSheet(wrong, 0.9);
});

describe("the built command in a real process", () => {
  const bundle = join(dir, "okr.cjs");
  beforeAll(() => bundleOkrCommand(bundle), 60_000);

  test("exit codes 0, 1 and 2, findings on stdout, unreadable files on stderr", () => {
    const lint = (...files: string[]) =>
      spawnSync(process.execPath, [bundle, "lint", "--as-of", AS_OF, ...files], {
        encoding: "utf8",
      });
    expect(lint(good).status).toBe(0);
    const failing = lint(wrong);
    expect(failing.status).toBe(1);
    expect(failing.stdout).toContain("OKR010");
    const unreadable = lint(good, file("missing.xlsx"));
    expect(unreadable.status).toBe(2);
    expect(unreadable.stderr).toBe(`okr: cannot read ${file("missing.xlsx")}: no such file\n`);
    expect(unreadable.stdout).toContain(good);
  });

  test("OKR_STUDIO_DOCS_URL from the process's environment: the links, or one usage line", () => {
    const sarif = (value: string) =>
      spawnSync(process.execPath, [bundle, "lint", "--format", "sarif", good], {
        encoding: "utf8",
        env: { ...process.env, OKR_STUDIO_DOCS_URL: value },
      });
    const linked = sarif("https://okr.example.com/docs/");
    expect(linked.status).toBe(0);
    expect(JSON.parse(linked.stdout).runs[0].tool.driver.informationUri).toBe(
      "https://okr.example.com/docs/rules.md"
    );
    const refused = sarif("https://localhost:3000/help/");
    expect(refused.status).toBe(1);
    expect(refused.stdout).toBe("");
    expect(refused.stderr.split("\n")[0]).toBe(
      'okr: OKR_STUDIO_DOCS_URL must be a public address, not this machine: a code-scanning service cannot reach it (got "https://localhost:3000/help/")'
    );
  });

  // Sparse files: the compound file's bytes, then nothing up to 2.2 GiB, which costs no disk.
  test.each([
    [
      "the OLE header's first 8 bytes",
      "huge.xls",
      () => Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]),
      "not an .xlsx file (it is a legacy binary Office file, such as an Excel 97-2003 .xls: save it as .xlsx)",
    ],
    [
      "an encrypted workbook's compound file",
      "huge-locked.xlsx",
      () => compoundFile(["EncryptionInfo", "EncryptedPackage"]),
      "it is password-protected (encrypted); save a copy without a password and check that",
    ],
  ])(
    "a 2.2 GiB file starting with %s: its one line, no crash (the sniff reads sectors, not the file)",
    (_name, name, head, reason) => {
      const huge = file(name);
      const fd = openSync(huge, "w");
      try {
        writeSync(fd, head());
        ftruncateSync(fd, Math.round(2.2 * 1024 ** 3));
      } finally {
        closeSync(fd);
      }
      const result = spawnSync(process.execPath, [bundle, "lint", huge, good], {
        encoding: "utf8",
      });
      expect(result.signal).toBeNull();
      expect(result.stderr).toBe(`okr: cannot read ${huge}: ${reason}\n`);
      expect(result.stdout).toContain(`${good}\n`);
      expect(result.status).toBe(2);
    }
  );
});
