import { execFileSync, spawn, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { readXlsx } from "../src/hosts/xlsx";

/*
 * The okr command as a user runs it: built by scripts/build-lib.mjs into dist/cli and started by
 * bin/okr.cjs in a real process (test/cli.test.ts drives the same code in-process). An
 * integration suite: it builds, so it is not part of npm run test:unit.
 */
const root = join(__dirname, "..");
const dir = mkdtempSync(join(tmpdir(), "okr-cli-bin-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

beforeAll(() => {
  execFileSync(process.execPath, [join(root, "scripts", "build-lib.mjs")], {
    cwd: root,
    stdio: "pipe",
  });
}, 120_000);

describe("the installed command", () => {
  test("bin/okr.cjs runs the built CLI in a real process", () => {
    const listed = spawnSync(process.execPath, [join(root, "bin", "okr.cjs"), "templates"], {
      encoding: "utf8",
    });
    expect(listed.status).toBe(0);
    expect(listed.stdout.split("\n")[0]).toMatch(/^predictive-analytics/);
    const missing = spawnSync(
      process.execPath,
      [join(root, "bin", "okr.cjs"), "import", "/nonexistent/plan.md"],
      { encoding: "utf8" }
    );
    expect(missing.status).toBe(2);
    expect(missing.stderr).toBe("okr: cannot read /nonexistent/plan.md: no such file\n");
  });

  test("bin/okr.cjs new writes a workbook: ExcelJS is bundled into the command", async () => {
    const path = join(dir, "installed.xlsx");
    const written = spawnSync(
      process.execPath,
      [join(root, "bin", "okr.cjs"), "new", "--template", "dashboard-example", "--out", path],
      { encoding: "utf8", cwd: dir }
    );
    expect(written.stderr).toBe("");
    expect(written.status).toBe(0);
    expect(written.stdout.split("\n")[0]).toBe(path);
    expect((await readXlsx(path)).sheets[1].name).toBe("Scorecard");
  });
});

test("a reader that closes the pipe early (okr import big.md | head -1) is not an error", () => {
  const big = join(dir, "big.md");
  // Far more output than a pipe holds, so the writer is still writing when head has gone.
  const objectives = Array.from(
    { length: 500 },
    (_, i) =>
      `### Objective ${i + 1}: Grow line ${i + 1}\n\n- [ ] Grow revenue from $${i}M to $${i + 1}M\n- [ ] Reduce churn from 8% to 5%\n`
  );
  writeFileSync(big, objectives.join("\n"));
  const command = `set -o pipefail; node ${JSON.stringify(join(root, "bin", "okr.cjs"))} import ${JSON.stringify(big)} | head -1`;
  const result = spawnSync("bash", ["-c", command], { encoding: "utf8" });
  expect(result.stdout).toBe("{\n");
  expect(result.stderr).toBe(`${big}: 1 section, 500 objectives, 1000 key results\n`);
  expect(result.status).toBe(0);
});

describe("an interrupted okr new leaves no temporary file", () => {
  // The preload holds the temporary file's fsync open for ever, so the signal always arrives
  // while the temporary file is on disk (test/support/stallTemporarySync.cjs).
  const stall = join(__dirname, "support", "stallTemporarySync.cjs");

  test.each(["SIGTERM", "SIGINT", "SIGHUP"] as const)(
    "%s during the write: the temporary file removed, the process ended by the signal",
    async (signal) => {
      const folder = mkdtempSync(join(dir, `signal-${signal}-`));
      const path = join(folder, "plan.xlsx");
      const child = spawn(
        process.execPath,
        [
          "--require",
          stall,
          join(root, "bin", "okr.cjs"),
          "new",
          "--template",
          "dashboard-example",
          "--out",
          path,
        ],
        { stdio: ["ignore", "pipe", "pipe"] }
      );
      let stderr = "";
      child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
      const ended = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
        child.on("exit", (code, ended) => resolve({ code, signal: ended }))
      );
      try {
        const temporary = () => readdirSync(folder).filter((name) => name.endsWith(".tmp"));
        // Wait until the temporary file exists (or the command has ended, which fails below).
        let exited = false;
        void ended.then(() => (exited = true));
        while (temporary().length === 0 && !exited) {
          await new Promise((resolve) => setTimeout(resolve, 20));
        }
        const written = temporary();
        expect(written).toHaveLength(1);
        child.kill(signal);
        // Ended by the signal itself (a shell shows 128 + its number: 143 for SIGTERM).
        expect(await ended).toEqual({ code: null, signal });
        expect(stderr).toBe("");
        expect(readdirSync(folder)).toEqual([]);
        expect(existsSync(path)).toBe(false);
        // Short, and not made from the file's name.
        expect(written[0]).toMatch(/^\.okr-\d+-[0-9a-f]{12}\.tmp$/);
      } finally {
        // The preload stalls the command for ever: never leave it running when a check fails.
        if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
      }
    },
    60_000
  );
});

test("okr import on a named pipe no one writes to: refused at once, no wait", () => {
  const fifo = join(dir, "pipe.md");
  execFileSync("mkfifo", [fifo]);
  const result = spawnSync(process.execPath, [join(root, "bin", "okr.cjs"), "import", fifo], {
    encoding: "utf8",
    timeout: 30_000,
  });
  expect(result.signal).toBeNull();
  expect(result.stderr).toBe(`okr: cannot read ${fifo}: it is a named pipe, not a file\n`);
  expect(result.status).toBe(2);
});
