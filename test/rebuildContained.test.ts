import { spawn, spawnSync } from "node:child_process";
import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { run } from "../src/cli/main";
import { readXlsx, writeXlsx } from "../src/hosts/xlsx";
import { instantiate, templateById } from "../src/okr/templates";
import { buildWorkbook } from "../src/sheets/build";
import { columnsByHeader, SCORECARD_KEY_RESULT_COLUMNS, SHEETS } from "../src/sheets/layout";
import { cellsOf } from "../src/sheets/snapshot";
import { cellAddress, type WorkbookSnapshot, type WorkbookSpec } from "../src/sheets/spec";
import { bundleOkrCommand } from "./support/bundleOkr";
import { planWithKeyResults } from "./support/fakeExcel";

/*
 * okr rebuild is bounded by what is in the input (issue 12's rule, issue 13's command): it reads,
 * rebuilds and writes in a child process with its heap capped by --max-memory, as okr lint reads
 * each file. The command is bundled and run in real processes: a workbook that needs more memory
 * is one line naming the file and the reason, and no file (not even a temporary one) is left; a
 * child killed while it writes leaves no temporary file; a normal rebuild writes what the
 * in-process rebuild writes, cell for cell.
 */
// Bundling and whole workbooks in real processes on a shared machine: a ceiling, not a measure.
jest.setTimeout(300_000);

const dir = mkdtempSync(join(tmpdir(), "okr-rebuild-contained-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const file = (name: string) => join(dir, name);
const bundle = file("okr.cjs");
/** Holds a temporary file's fsync open for ever (test/support/stallTemporarySync.cjs). */
const stall = join(__dirname, "support", "stallTemporarySync.cjs");

/** A new empty folder for one test's output: what is left in it is what the command left. */
function outFolder(name: string): string {
  const folder = file(name);
  mkdirSync(folder);
  return folder;
}

function okr(args: string[]) {
  return spawnSync(process.execPath, [bundle, ...args], {
    encoding: "utf8",
    maxBuffer: 256 * 2 ** 20,
    timeout: 600_000,
  });
}

async function inProcess(...argv: string[]) {
  let stdout = "";
  let stderr = "";
  const code = await run(argv, {
    stdout: (text) => (stdout += text),
    stderr: (text) => (stderr += text),
  });
  return { code, stdout, stderr };
}

function cellsOfSnapshot(snapshot: WorkbookSnapshot): Record<string, unknown> {
  const cells: Record<string, unknown> = {};
  for (const sheet of snapshot.sheets)
    for (const cell of cellsOf(sheet))
      cells[`${sheet.name}!${cellAddress(cell.row, cell.column)}`] = {
        value: cell.value,
        formula: cell.formula,
      };
  return cells;
}

/** The computer-vision plan, damaged: a number typed over a Score, and a scratch sheet. */
function damaged(): WorkbookSpec {
  const spec = buildWorkbook(instantiate(templateById("computer-vision")!), { style: "portable" });
  const scorecard = spec.sheets.find((sheet) => sheet.name === SHEETS.scorecard)!;
  const K = columnsByHeader(SCORECARD_KEY_RESULT_COLUMNS);
  const score = scorecard.cells.find(
    (cell) => cell.column === K.Score && cell.content.kind === "formula"
  )!;
  score.content = { kind: "number", value: 0.7 };
  spec.sheets.push({
    ...scorecard,
    name: "Scratch",
    cells: [{ row: 0, column: 0, content: { kind: "text", text: "ideas" } }],
    tables: [],
    validations: [],
    charts: [],
  });
  return spec;
}

const large = file("large.xlsx");
const small = file("damaged.xlsx");

beforeAll(async () => {
  await bundleOkrCommand(bundle);
  await writeXlsx(damaged(), small);
  await writeXlsx(buildWorkbook(planWithKeyResults(2000)), large);
}, 300_000);

describe("okr rebuild in a child process with its heap capped", () => {
  test("a workbook that needs more than --max-memory: one line, exit 2, no file left", () => {
    const folder = outFolder("too-large");
    const out = join(folder, "fixed.xlsx");
    const result = okr(["rebuild", large, "--out", out, "--max-memory", "128"]);
    expect(result.stderr).toBe(
      `okr: cannot rebuild ${large}: too large to rebuild: rebuilding it needed more than 128 MB of memory (--max-memory raises the limit)\n`
    );
    expect(result.stdout).toBe("");
    expect(result.status).toBe(2);
    expect(readdirSync(folder)).toEqual([]);
  });

  test("--max-cells: a workbook with more cells is refused in one line, nothing written", () => {
    const folder = outFolder("max-cells");
    const out = join(folder, "fixed.xlsx");
    const result = okr(["rebuild", large, "--out", out, "--max-cells", "5000"]);
    expect(result.stderr).toBe(
      `okr: cannot read ${large}: more than 5,000 cells: too large to rebuild; --max-cells raises the limit\n`
    );
    expect(result.stdout).toBe("");
    expect(result.status).toBe(2);
    expect(readdirSync(folder)).toEqual([]);
  });

  test("bad values of the limits are one usage line, as for okr lint", () => {
    for (const [flag, value] of [
      ["--max-cells", "0"],
      ["--max-memory", "16"],
      ["--max-memory", "lots"],
    ]) {
      const result = okr(["rebuild", small, "--out", file("never.xlsx"), flag, value]);
      expect(result.status).toBe(1);
      expect(result.stdout).toBe("");
      expect(result.stderr.split("\n")[0]).toMatch(new RegExp(`^okr: ${flag} must be`));
      expect(existsSync(file("never.xlsx"))).toBe(false);
    }
  });

  test.each(["json", "text"])(
    "a normal rebuild in the child writes what the in-process rebuild writes, cell for cell (%s)",
    async (format) => {
      const [a, b] = [outFolder(`child-${format}`), outFolder(`here-${format}`)];
      const child = okr(["rebuild", small, "--out", join(a, "fixed.xlsx"), "--format", format]);
      const here = await inProcess(
        "rebuild",
        small,
        "--out",
        join(b, "fixed.xlsx"),
        "--format",
        format
      );
      expect(child.stderr).toBe("");
      expect(child.status).toBe(0);
      expect(here).toEqual({
        code: 0,
        stdout: child.stdout.split(a).join(b),
        stderr: "",
      });
      // Something was left behind, so the reports compared are not empty ones.
      expect(child.stdout).toContain(
        format === "json" ? "typedOverFormula" : "typed over the formula"
      );
      expect(child.stdout).toContain("Scratch");
      const [written, expected] = await Promise.all([
        readXlsx(join(a, "fixed.xlsx")),
        readXlsx(join(b, "fixed.xlsx")),
      ]);
      expect(Object.keys(cellsOfSnapshot(written)).length).toBeGreaterThan(100);
      expect(cellsOfSnapshot(written)).toEqual(cellsOfSnapshot(expected));
      expect(written.names).toEqual(expected.names);
      expect(readdirSync(a)).toEqual(["fixed.xlsx"]);
      // Again without --force: refused by the child in one line, the file unchanged.
      const again = okr(["rebuild", small, "--out", join(a, "fixed.xlsx")]);
      expect(again.status).toBe(1);
      expect(again.stderr).toBe(
        `okr: ${join(a, "fixed.xlsx")} already exists; add --force to replace it\n`
      );
    }
  );
});

describe("an okr rebuild ended while its child writes leaves no temporary file", () => {
  /**
   * Starts `okr rebuild` with the stall preloaded (the child inherits it), waits until the child's
   * temporary file is on disk, and returns the child's process id (the temporary file's name
   * carries it) with the command's end.
   */
  async function stalledRebuild(folder: string) {
    const out = join(folder, "fixed.xlsx");
    const parent = spawn(
      process.execPath,
      ["--require", stall, bundle, "rebuild", small, "--out", out],
      {
        stdio: ["ignore", "pipe", "pipe"],
      }
    );
    let stdout = "";
    let stderr = "";
    parent.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    parent.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    const ended = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
      parent.on("close", (code, signal) => resolve({ code, signal }))
    );
    let exited = false;
    void ended.then(() => (exited = true));
    const temporary = () => readdirSync(folder).filter((name) => name.endsWith(".tmp"));
    while (temporary().length === 0 && !exited)
      await new Promise((resolve) => setTimeout(resolve, 20));
    const written = temporary();
    expect(written).toHaveLength(1);
    const pid = Number(/^\.okr-(\d+)-[0-9a-f]{12}\.tmp$/.exec(written[0])?.[1]);
    // The child wrote it, not the command's own process.
    expect(pid).not.toBe(parent.pid);
    return {
      parent,
      childPid: pid,
      ended: ended.then((end) => ({ ...end, stdout, stderr })),
      out,
    };
  }

  /** Whether the process runs: not ended, and not a zombie waiting to be reaped (Linux). */
  function alive(pid: number): boolean {
    try {
      process.kill(pid, 0);
    } catch {
      return false;
    }
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
      return stat.slice(stat.lastIndexOf(")") + 2)[0] !== "Z";
    } catch {
      return true;
    }
  }

  test("the child killed (SIGKILL: no handler of its own runs): one line, exit 2, nothing left", async () => {
    const folder = outFolder("child-killed");
    const { parent, childPid, ended, out } = await stalledRebuild(folder);
    try {
      process.kill(childPid, "SIGKILL");
      expect(await ended).toEqual({
        code: 2,
        signal: null,
        stdout: "",
        stderr: `okr: cannot rebuild ${small}: rebuilding it was stopped by SIGKILL\n`,
      });
      expect(readdirSync(folder)).toEqual([]);
      expect(existsSync(out)).toBe(false);
    } finally {
      if (parent.exitCode === null && parent.signalCode === null) parent.kill("SIGKILL");
      if (alive(childPid)) process.kill(childPid, "SIGKILL");
    }
  });

  test("the command itself stopped (SIGTERM): it ends by the signal, its child ends too and removes the temporary file", async () => {
    const folder = outFolder("parent-stopped");
    const { parent, childPid, ended } = await stalledRebuild(folder);
    try {
      parent.kill("SIGTERM");
      expect(await ended).toMatchObject({ code: null, signal: "SIGTERM" });
      // The child sees its parent go (the IPC channel closes), exits, and removes its file.
      for (
        let waited = 0;
        (alive(childPid) || readdirSync(folder).length > 0) && waited < 30_000;
        waited += 50
      )
        await new Promise((resolve) => setTimeout(resolve, 50));
      expect(alive(childPid)).toBe(false);
      expect(readdirSync(folder)).toEqual([]);
    } finally {
      if (parent.exitCode === null && parent.signalCode === null) parent.kill("SIGKILL");
      if (alive(childPid)) process.kill(childPid, "SIGKILL");
    }
  });
});

describe("an okr rebuild whose child dies after its new workbook is in place", () => {
  /** Holds the child's report for ever (test/support/stallReport.cjs) and names the child. */
  const stallReport = join(__dirname, "support", "stallReport.cjs");

  test("the file is kept, complete, and the line says it was written and its report lost", async () => {
    const folder = outFolder("report-lost");
    const out = join(folder, "fixed.xlsx");
    const marker = file("report-lost.pid");
    const parent = spawn(
      process.execPath,
      ["--require", stallReport, bundle, "rebuild", small, "--out", out],
      { stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, OKR_TEST_STALL_REPORT: marker } }
    );
    let stdout = "";
    let stderr = "";
    parent.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    parent.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    const ended = new Promise<{ code: number | null }>((resolve) =>
      parent.on("close", (code) => resolve({ code }))
    );
    let exited = false;
    void ended.then(() => (exited = true));
    let childPid: number | null = null;
    try {
      // The child holds its report once the file is written: it writes its id then.
      while (!existsSync(marker) && !exited)
        await new Promise((resolve) => setTimeout(resolve, 20));
      childPid = Number(readFileSync(marker, "utf8"));
      expect(childPid).not.toBe(parent.pid);
      expect(readdirSync(folder)).toEqual(["fixed.xlsx"]);
      process.kill(childPid, "SIGKILL");
      expect(await ended).toEqual({ code: 2 });
      expect(stdout).toBe("");
      expect(stderr).toBe(
        `okr: cannot rebuild ${small}: rebuilding it was stopped by SIGKILL; ${out} was written, its report was lost\n`
      );
      // Never removed: the workbook written is the one an uninterrupted rebuild writes.
      expect(readdirSync(folder)).toEqual(["fixed.xlsx"]);
      const here = outFolder("report-lost-here");
      expect((await inProcess("rebuild", small, "--out", join(here, "fixed.xlsx"))).code).toBe(0);
      const [written, expected] = await Promise.all([
        readXlsx(out),
        readXlsx(join(here, "fixed.xlsx")),
      ]);
      expect(cellsOfSnapshot(written)).toEqual(cellsOfSnapshot(expected));
    } finally {
      if (parent.exitCode === null && parent.signalCode === null) parent.kill("SIGKILL");
      if (childPid !== null && !Number.isNaN(childPid))
        try {
          process.kill(childPid, "SIGKILL");
        } catch {
          // Already ended.
        }
    }
  });
});

describe("okr rebuild's options reach its child", () => {
  test("--force --style functions over an owner-only file: replaced, still owner-only, in the style asked", async () => {
    const [a, b] = [outFolder("options-child"), outFolder("options-here")];
    for (const folder of [a, b]) {
      writeFileSync(join(folder, "fixed.xlsx"), "an older file");
      chmodSync(join(folder, "fixed.xlsx"), 0o600);
    }
    const args = ["--force", "--style", "functions", "--format", "json"];
    const child = okr(["rebuild", small, "--out", join(a, "fixed.xlsx"), ...args]);
    const here = await inProcess("rebuild", small, "--out", join(b, "fixed.xlsx"), ...args);
    expect(child.stderr).toBe("");
    expect(child.status).toBe(0);
    expect(here).toEqual({ code: 0, stdout: child.stdout.split(a).join(b), stderr: "" });
    expect(JSON.parse(child.stdout)).toMatchObject({ style: "functions", styleFrom: "--style" });
    expect(readdirSync(a)).toEqual(["fixed.xlsx"]);
    expect(statSync(join(a, "fixed.xlsx")).mode & 0o777).toBe(0o600);
    const [written, expected] = await Promise.all([
      readXlsx(join(a, "fixed.xlsx")),
      readXlsx(join(b, "fixed.xlsx")),
    ]);
    const cells = cellsOfSnapshot(written);
    expect(cells).toEqual(cellsOfSnapshot(expected));
    // The functions style: the Scorecard's formulas call the add-in's OKR.* functions.
    expect(
      Object.values(cells).some(
        (cell) =>
          typeof (cell as { formula: unknown }).formula === "string" &&
          /OKR\./.test((cell as { formula: string }).formula)
      )
    ).toBe(true);
  });
});
