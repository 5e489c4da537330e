import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { writeXlsx } from "../src/hosts/xlsx";
import { instantiate, templateById } from "../src/okr/templates";
import { buildWorkbook } from "../src/sheets/build";
import { SHEETS } from "../src/sheets/layout";
import { bundleOkrCommand } from "./support/bundleOkr";

/*
 * okr rebuild as a user runs it: the command bundled by esbuild and started in a real process
 * (test/rebuild.test.ts drives the same code in-process). An integration suite: it bundles.
 */
// Bundling and whole workbooks in real processes on a shared machine: a ceiling, not a measure.
jest.setTimeout(120_000);

const dir = mkdtempSync(join(tmpdir(), "okr-rebuild-bin-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const file = (name: string) => join(dir, name);

describe("the built command in a real process", () => {
  const bundle = join(dir, "okr.cjs");
  beforeAll(() => bundleOkrCommand(bundle), 60_000);

  test("rebuilds a workbook with an extra sheet: exit 0, the sheet listed; again: exit 1, one line", async () => {
    const spec = buildWorkbook(instantiate(templateById("computer-vision")!), {
      style: "functions",
    });
    spec.sheets.push({
      ...spec.sheets.find((sheet) => sheet.name === SHEETS.checkIns)!,
      name: "Scratch",
      cells: [{ row: 2, column: 1, content: { kind: "text", text: "keep me" } }],
      tables: [],
      validations: [],
      charts: [],
    });
    const input = file("scratch.xlsx");
    const out = file("fixed.xlsx");
    await writeXlsx(spec, input);
    const before = readFileSync(input);
    const rebuild = () =>
      spawnSync(process.execPath, [bundle, "rebuild", input, "--out", out], { encoding: "utf8" });
    const first = rebuild();
    expect(first.stderr).toBe("");
    expect(first.status).toBe(0);
    expect(first.stdout.split("\n").slice(0, 2)).toEqual([
      out,
      `Computer Vision / Image Recognition, Q1-Q4 2026: 2 objectives, 8 key results, 0 check-in rows, OKR.* formulas (needs the add-in), as ${input} records`,
    ]);
    expect(first.stdout).toContain(
      [
        "  Scratch (a sheet the new workbook does not have)",
        "    Scratch!B3: a value not carried",
        '      B3  "keep me"',
      ].join("\n")
    );
    const second = rebuild();
    expect(second.status).toBe(1);
    expect(second.stdout).toBe("");
    expect(second.stderr).toBe(`okr: ${out} already exists; add --force to replace it\n`);
    expect(readFileSync(input).equals(before)).toBe(true);
  });
});
