import { execFile } from "node:child_process";
import path from "node:path";
import fc from "fast-check";
import { LINUX_MESSAGE, planStart } from "../scripts/start-plan.cjs";

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
