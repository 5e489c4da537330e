import { execFile, spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import fc from "fast-check";
import {
  LINUX_MESSAGE,
  NOTHING_TO_STOP_MESSAGE,
  planStart,
  planStop,
} from "../scripts/start-plan.cjs";

const WORKBOOK =
  "https://contoso.sharepoint.com/:x:/r/sites/okr/_layouts/15/Doc.aspx?sourcedoc=%7B1%7D&action=edit";
const PORT = ["--dev-server-port", "3000"];

describe("planStart", () => {
  test.each([
    {
      name: "windows sideloads into desktop Excel",
      platform: "win32",
      argv: [],
      args: ["start", "manifest.xml", ...PORT],
    },
    {
      name: "macOS sideloads into desktop Excel",
      platform: "darwin",
      argv: [],
      args: ["start", "manifest.xml", ...PORT],
    },
    {
      name: "windows passes extra arguments through",
      platform: "win32",
      argv: ["--no-debug"],
      args: ["start", "manifest.xml", "--no-debug", ...PORT],
    },
    {
      name: "windows can still target Excel on the web",
      platform: "win32",
      argv: ["web", "--document", WORKBOOK],
      args: ["start", "manifest.xml", "web", "--document", WORKBOOK, ...PORT],
    },
    {
      name: "an explicit dev server port wins",
      platform: "darwin",
      argv: ["--dev-server-port", "8443"],
      args: ["start", "manifest.xml", "--dev-server-port", "8443"],
    },
    {
      name: "linux with --document sideloads into Excel on the web",
      platform: "linux",
      argv: ["--document", WORKBOOK],
      args: ["start", "manifest.xml", "web", "--document", WORKBOOK, ...PORT],
    },
    {
      name: "linux accepts --document=URL",
      platform: "linux",
      argv: [`--document=${WORKBOOK}`],
      args: ["start", "manifest.xml", "web", `--document=${WORKBOOK}`, ...PORT],
    },
    {
      name: "linux does not repeat an explicit web platform",
      platform: "linux",
      argv: ["web", "--document", WORKBOOK],
      args: ["start", "manifest.xml", "web", "--document", WORKBOOK, ...PORT],
    },
  ])("$name", ({ platform, argv, args }) => {
    expect(planStart(platform, argv)).toEqual({ command: "office-addin-debugging", args });
  });

  test.each([
    { name: "linux without --document", platform: "linux", argv: [] },
    {
      name: "linux asked for desktop Excel",
      platform: "linux",
      argv: ["desktop", "--document", WORKBOOK],
    },
    { name: "another platform without desktop Excel", platform: "freebsd", argv: ["--no-debug"] },
  ])("$name explains what works instead and exits 1", ({ platform, argv }) => {
    expect(planStart(platform, argv)).toEqual({ message: LINUX_MESSAGE, exitCode: 1 });
  });

  test.each([
    { name: "a missing value", argv: ["--document"] },
    { name: "a local file", argv: ["--document", "okr.xlsx"] },
    { name: "plain http", argv: ["--document", "http://example.com/book.xlsx"] },
  ])("linux rejects --document with $name", ({ argv }) => {
    expect(planStart("linux", argv)).toEqual({
      message: expect.stringContaining("--document needs the https:// URL"),
      exitCode: 1,
    });
  });

  test("the linux message names every way that works", () => {
    for (const way of [
      'npm start -- --document "<URL of a workbook open in Excel on the web>"',
      "office-addin-debugging start manifest.xml web --document <url>",
      "npm run dev-server",
      "Home > Add-ins > More Add-ins > Upload My Add-in",
      "npm run build && npm test",
    ]) {
      expect(LINUX_MESSAGE).toContain(way);
    }
  });

  test("linux without --document never plans office-addin-debugging start", () => {
    const anyArgExceptDocument = fc.string().filter((arg) => !arg.startsWith("--document"));
    fc.assert(
      fc.property(
        fc.array(
          fc.oneof(
            anyArgExceptDocument,
            fc.constantFrom("web", "desktop", "--no-debug", "--app", "excel")
          )
        ),
        (argv) => {
          expect(planStart("linux", argv)).not.toHaveProperty("command");
        }
      )
    );
  });
});

// Only on Linux: elsewhere start.mjs would really launch desktop Excel.
(process.platform === "linux" ? test : test.skip)(
  "start.mjs on Linux prints the explanation and exits 1",
  async () => {
    const script = path.resolve(__dirname, "..", "scripts", "start.mjs");
    const result = await new Promise<{ code: number | null; stderr: string }>((resolve) => {
      execFile(process.execPath, [script], (error, _stdout, stderr) => {
        resolve({ code: error ? (typeof error.code === "number" ? error.code : null) : 0, stderr });
      });
    });
    expect(result).toEqual({ code: 1, stderr: `${LINUX_MESSAGE}\n` });
  }
);

describe("planStop", () => {
  const DEV_SERVER = "webpack serve --mode development";
  const recorded = (pid: number, commandLine: string) => ({
    pid,
    running: true,
    commandLine,
    devServerCommand: DEV_SERVER,
  });

  test.each(["win32", "darwin"])("%s runs office-addin-debugging stop", (platform) => {
    expect(planStop(platform, [])).toEqual({
      command: "office-addin-debugging",
      args: ["stop", "manifest.xml"],
    });
    expect(planStop(platform, ["web"])).toEqual({
      command: "office-addin-debugging",
      args: ["stop", "manifest.xml", "web"],
    });
  });

  test("linux with no dev server recorded has nothing to stop and exits 1", () => {
    expect(planStop("linux", [], {})).toEqual({ message: NOTHING_TO_STOP_MESSAGE, exitCode: 1 });
  });

  test("linux with a recorded dev server that no longer runs exits 1 and forgets it", () => {
    expect(planStop("linux", [], { pid: 4242, running: false })).toEqual({
      message: expect.stringContaining("(process 4242) is no longer running"),
      exitCode: 1,
      clearRecord: true,
    });
  });

  test("linux stops the process group of the recorded dev server", () => {
    expect(planStop("linux", [], recorded(4242, `/bin/sh -c ${DEV_SERVER}`))).toEqual({
      stopProcessGroup: 4242,
      message: "Stopped the dev server that npm start started (process 4242).",
    });
  });

  test("linux leaves alone a process that took the recorded id over", () => {
    expect(planStop("linux", [], recorded(4242, "/usr/bin/vim notes.txt"))).toEqual({
      message: expect.stringContaining(
        'did not stop process 4242: npm start recorded it as the dev server, but it now runs "/usr/bin/vim notes.txt"'
      ),
      exitCode: 1,
      clearRecord: true,
    });
  });

  test("the nothing-to-stop message says how a dev server started by hand stops", () => {
    expect(NOTHING_TO_STOP_MESSAGE).toContain("npm run dev-server stops with Ctrl+C");
  });

  test("off Windows and macOS, stop never plans office-addin-debugging", () => {
    fc.assert(
      fc.property(
        fc.constantFrom("linux", "freebsd", "openbsd", "aix"),
        fc.array(fc.string()),
        fc.record({
          pid: fc.option(fc.integer({ min: 1 }), { nil: undefined }),
          running: fc.boolean(),
          commandLine: fc.option(fc.string(), { nil: undefined }),
        }),
        (platform, argv, record) => {
          expect(
            planStop(platform, argv, { ...record, devServerCommand: DEV_SERVER })
          ).not.toHaveProperty("command");
        }
      )
    );
  });
});

// Only on Linux: elsewhere stop.mjs would run office-addin-debugging stop against desktop Excel.
(process.platform === "linux" ? describe : describe.skip)("stop.mjs on Linux", () => {
  const script = path.resolve(__dirname, "..", "scripts", "stop.mjs");
  const devServerCommand: string = JSON.parse(
    fs.readFileSync(path.resolve(__dirname, "..", "package.json"), "utf8")
  ).scripts["dev-server"];
  let tmp: string;
  // office-addin-debugging records the dev server it started in os.tmpdir(), which follows TMPDIR.
  let record: string;

  beforeEach(() => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), "okr-stop-"));
    record = path.join(tmp, "office-addin-debugging.json");
  });
  afterEach(() => fs.rmSync(tmp, { recursive: true, force: true }));

  const stop = () =>
    new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
      const env: NodeJS.ProcessEnv = { ...process.env, TMPDIR: tmp };
      delete env.OfficeAddinDevServerProcessId;
      execFile(process.execPath, [script], { env, timeout: 30_000 }, (error, stdout, stderr) => {
        resolve({
          code: error ? (typeof error.code === "number" ? error.code : null) : 0,
          stdout,
          stderr,
        });
      });
    });
  const writeRecord = (pid: number) =>
    fs.writeFileSync(record, JSON.stringify({ devServer: { processId: pid } }));

  test("with no dev server to stop it says so and exits 1", async () => {
    expect(await stop()).toEqual({ code: 1, stdout: "", stderr: `${NOTHING_TO_STOP_MESSAGE}\n` });
  });

  test("stops the dev server npm start recorded, with its whole process group, and exits 0", async () => {
    // What office-addin-debugging start leaves running: a detached shell running the dev-server
    // script, leading a process group (here the shell waits on sleep in place of webpack).
    const server = spawn("/bin/sh", ["-c", `sleep 60; : ${devServerCommand}`], {
      detached: true,
      stdio: "ignore",
    });
    const exited = new Promise<NodeJS.Signals | null>((resolve) =>
      server.once("exit", (_code, signal) => resolve(signal))
    );
    try {
      writeRecord(server.pid!);
      const result = await stop();
      expect(result).toEqual({
        code: 0,
        stdout: `Stopped the dev server that npm start started (process ${server.pid}).\n`,
        stderr: "",
      });
      expect(await exited).toBe("SIGTERM");
      expect(fs.existsSync(record)).toBe(false);
    } finally {
      try {
        process.kill(-server.pid!, "SIGKILL");
      } catch {
        // stopped, as it should be
      }
    }
  });

  test("a recorded dev server that is gone: exits 1 and forgets the record", async () => {
    const gone = spawn("/bin/true");
    await new Promise((resolve) => gone.once("exit", resolve));
    writeRecord(gone.pid!);
    const result = await stop();
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`(process ${gone.pid}) is no longer running`);
    expect(fs.existsSync(record)).toBe(false);
  });

  test("a recorded id that now names another program: exits 1 and leaves it running", async () => {
    const other = spawn("sleep", ["60"], { stdio: "ignore" });
    try {
      writeRecord(other.pid!);
      const result = await stop();
      expect(result.code).toBe(1);
      expect(result.stderr).toContain(`did not stop process ${other.pid}`);
      expect(other.exitCode).toBeNull();
      expect(() => process.kill(other.pid!, 0)).not.toThrow();
    } finally {
      other.kill("SIGKILL");
    }
  });
});
