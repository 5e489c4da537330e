import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, rmSync, truncateSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type * as Sarif from "sarif";
import { byteSize, MAX_DOCUMENT_BYTES, readDocument } from "../src/cli/files";
import type { LintFileResult } from "../src/cli/lint";
import { run } from "../src/cli/main";
import { visible } from "../src/cli/terminal";
import { typedWorkbook, writeTeamSheet } from "./support/typedWorkbooks";

/*
 * What a hostile or unlucky file does to the okr command (issue 12): text that would drive the
 * terminal is shown escaped in every text output and kept exact in JSON and SARIF; folders, named
 * pipes and devices are refused by every command that reads files, without waiting; documents
 * over the size limit are refused before they are read. In-process, through the real file I/O
 * (no readFile is injected).
 */

async function okr(...argv: string[]) {
  let stdout = "";
  let stderr = "";
  const code = await run(argv, {
    stdout: (text) => (stdout += text),
    stderr: (text) => (stderr += text),
    env: {},
  });
  return { code, stdout, stderr };
}

const dir = mkdtempSync(join(tmpdir(), "okr-hostile-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const file = (name: string) => join(dir, name);
const AS_OF = "2026-03-31";

/** Anything that can start a terminal sequence or reorder what is shown. */
// eslint-disable-next-line no-control-regex
const RAW = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

describe("visible: what a terminal would act on is shown escaped, the rest untouched", () => {
  test.each([
    ["ESC and BEL (set the window title)", "\u001b]0;pwned\u0007", "\\u001b]0;pwned\\u0007"],
    ["CSI as one C1 byte", "\u009b2J", "\\u009b2J"],
    ["carriage return and backspace", "a\rb\bc", "a\\u000db\\u0008c"],
    ["DEL", "x\u007fy", "x\\u007fy"],
    ["a right-to-left override", "evil\u202etxt.xlsx", "evil\\u202etxt.xlsx"],
    [
      "every embedding and override",
      "\u202a\u202b\u202c\u202d\u202e",
      "\\u202a\\u202b\\u202c\\u202d\\u202e",
    ],
    ["the isolates", "\u2066\u2067\u2068\u2069", "\\u2066\\u2067\\u2068\\u2069"],
    ["tab and line feed stay", "a\tb\nc", "a\tb\nc"],
    ["letters of any script stay", "Überprüfen ✓ العربية 日本", "Überprüfen ✓ العربية 日本"],
    ["a left-to-right mark stays (it reorders nothing)", "a\u200eb", "a\u200eb"],
  ])("%s", (_name, text, shown) => {
    expect(visible(text)).toBe(shown);
    expect(visible(text)).not.toMatch(RAW);
  });

  test("JSON passed through it parses to the same value", () => {
    const value = { text: "\u001b]0;x\u0007 \u009b \u007f \u202e \u2066 ok" };
    expect(JSON.parse(visible(JSON.stringify(value)))).toEqual(value);
  });
});

describe("text from a workbook or a document never reaches the terminal as a control sequence", () => {
  const TITLE = "Reach _x001B_]0;pwned_x0007_ users";
  /** What ExcelJS makes of TITLE's OOXML escapes: a real ESC and BEL. */
  const DECODED = "Reach \u001b]0;pwned\u0007 users";
  const BIDI = "Grow \u202eevil\u202c adoption";
  const workbook = file("hostile.xlsx");
  beforeAll(async () => {
    // A typed team sheet whose scores disagree with its numbers: OKR010 quotes each key result.
    await typedWorkbook(workbook, [
      {
        name: "Team",
        rows: [
          ["Objective", "KR", "Owner", "Target", "Actual", "Score"],
          ["Grow", TITLE, "Kim", 10000, 7500, 0.9],
          ["Grow", BIDI, "Kim", 100, 50, 0.9],
        ],
      },
    ]);
  });

  test("okr lint, text: escaped on stdout", async () => {
    const { code, stdout, stderr } = await okr("lint", "--as-of", AS_OF, workbook);
    expect(code).toBe(1);
    expect(stderr).toBe("");
    expect(stdout).not.toMatch(RAW);
    expect(stdout).toContain('"Reach \\u001b]0;pwned\\u0007 users"');
    expect(stdout).toContain('"Grow \\u202eevil\\u202c adoption"');
  });

  test("okr lint, JSON: the exact text, and no raw control character", async () => {
    const { stdout } = await okr("lint", "--format", "json", "--as-of", AS_OF, workbook);
    expect(stdout).not.toMatch(RAW);
    const [result]: LintFileResult[] = JSON.parse(stdout);
    const messages = result.findings.map((finding) => finding.message);
    expect(messages.some((message) => message.includes(`"${DECODED}"`))).toBe(true);
    expect(messages.some((message) => message.includes(`"${BIDI}"`))).toBe(true);
  });

  test("okr lint, SARIF: the exact text, and no raw control character", async () => {
    const { stdout } = await okr("lint", "--format", "sarif", "--as-of", AS_OF, workbook);
    expect(stdout).not.toMatch(RAW);
    const log: Sarif.Log = JSON.parse(stdout);
    const texts = log.runs[0].results!.map((result) => result.message.text!);
    expect(texts.some((text) => text.includes(`"${DECODED}"`))).toBe(true);
    expect(texts.some((text) => text.includes(`"${BIDI}"`))).toBe(true);
  });

  test("okr lint: a file name with ESC and an override, on stderr and in the text tally", async () => {
    const name = file("q3\u001b[2J\u202eslx.xlsx");
    const { code, stdout, stderr } = await okr("lint", name);
    expect(code).toBe(2);
    expect(stderr).toBe(`okr: cannot read ${visible(name)}: no such file\n`);
    expect(stderr).toContain("q3\\u001b[2J\\u202eslx.xlsx");
    expect(stdout).not.toMatch(RAW);
    const json = await okr("lint", "--format", "json", name);
    expect(JSON.parse(json.stdout)[0].file).toBe(name);
  });

  // Raw ESC bytes, an OSC title, CSI as C1, and overrides in a markdown document.
  const document = file("hostile.md");
  writeFileSync(
    document,
    [
      "**Project:** \u001b]0;pwned\u0007Copilot \u202eroc",
      "**Period:** 2026-Q2",
      "## Team \u001b[2J\u009b31mA",
      "### Objective: Grow \u2066isolated\u2069",
      "- Reach 5 teams",
      "- [ ] \u001b[1mbold\u001b[0m: Reduce churn from 8% to 5%",
      "",
    ].join("\n")
  );

  test.each([
    ["okr import", ["import", document]],
    ["okr import --verbose", ["import", document, "--verbose"]],
    ["okr new --from", ["new", "--from", document, "--out", file("from-hostile.xlsx"), "--force"]],
    [
      "okr new --template --project",
      [
        "new",
        "--template",
        "dashboard-example",
        "--project",
        "\u001b]0;pwned\u0007 \u202eX",
        "--out",
        file("template-hostile.xlsx"),
        "--force",
      ],
    ],
  ])("%s: nothing raw on stdout or stderr", async (_name, argv) => {
    const { code, stdout, stderr } = await okr(...argv);
    expect(code).toBe(0);
    expect(stdout).not.toMatch(RAW);
    expect(stderr).not.toMatch(RAW);
    expect(`${stdout}${stderr}`).toMatch(/\\u001b\]0;pwned\\u0007|\\u001b\[2J/);
  });

  test("okr new's summary line shows the project escaped", async () => {
    const { stdout } = await okr(
      "new",
      "--from",
      document,
      "--out",
      file("summary-hostile.xlsx"),
      "--force"
    );
    expect(stdout.split("\n")[1]).toBe(
      "\\u001b]0;pwned\\u0007Copilot \\u202eroc, 2026-Q2: 1 objective, 2 key results, portable formulas (native functions)"
    );
  });

  test("okr import's JSON keeps the document's exact text", async () => {
    const { stdout } = await okr("import", document);
    expect(stdout).not.toMatch(RAW);
    const plan = JSON.parse(stdout);
    expect(plan.project).toBe("\u001b]0;pwned\u0007Copilot \u202eroc");
    expect(plan.objectives[0].title).toBe("Grow \u2066isolated\u2069");
  });
});

describe("folders, named pipes and devices are refused by every command that reads files", () => {
  const fifo = file("plan-pipe.md");
  const folder = file("plan-folder.md");
  beforeAll(() => {
    // A named pipe no one writes to: opening it to read would wait for ever.
    execFileSync("mkfifo", [fifo]);
    mkdirSync(folder);
  });

  const kinds: [string, () => string, string][] = [
    ["a named pipe with no writer", () => fifo, "it is a named pipe, not a file"],
    ["a folder", () => folder, "it is a folder"],
    ["/dev/zero", () => "/dev/zero", "it is a device, not a file"],
    ["/dev/null", () => "/dev/null", "it is a device, not a file"],
  ];

  test.each(kinds)("okr import on %s: one line, exit 2", async (_name, path, reason) => {
    const { code, stdout, stderr } = await okr("import", path());
    expect(stderr).toBe(`okr: cannot read ${path()}: ${reason}\n`);
    expect(stdout).toBe("");
    expect(code).toBe(2);
  });

  test.each(kinds)(
    "okr new --from on %s: one line, exit 2, nothing written",
    async (_name, path, reason) => {
      const out = file("from-special.xlsx");
      const { code, stdout, stderr } = await okr("new", "--from", path(), "--out", out);
      expect(stderr).toBe(`okr: cannot read ${path()}: ${reason}\n`);
      expect(stdout).toBe("");
      expect(code).toBe(2);
      expect(existsSync(out)).toBe(false);
    }
  );

  test.each(kinds)(
    "okr lint on %s: its line and exit 2, the other files still reported",
    async (_name, path, reason) => {
      const good = file("team-good.xlsx");
      await writeTeamSheet(good, 0.75);
      const { code, stdout, stderr } = await okr("lint", "--as-of", AS_OF, path(), good);
      expect(stderr).toBe(`okr: cannot read ${path()}: ${reason}\n`);
      expect(stdout).toContain(`${good}\n`);
      expect(stdout).toMatch(/^1 file checked: .*; 1 file could not be read\n$/m);
      expect(code).toBe(2);
      const json: LintFileResult[] = JSON.parse(
        (await okr("lint", "--format", "json", "--as-of", AS_OF, path(), good)).stdout
      );
      expect(json.map((result) => result.error)).toEqual([reason, undefined]);
    }
  );

  test("a symbolic link to a regular file is read like the file", async () => {
    const target = file("linked-plan.md");
    writeFileSync(target, "### Objective: Grow\n\n- Reach 5 teams\n");
    const link = file("link-to-plan.md");
    execFileSync("ln", ["-s", target, link]);
    const { code } = await okr("import", link);
    expect(code).toBe(0);
  });
});

describe("a document larger than the limit is refused before it is read", () => {
  const LIMIT = byteSize(MAX_DOCUMENT_BYTES);
  const objective = "### Objective: Grow\n\n- Reach 5 teams\n";

  test("the limit is 1 MiB, written as such", () => {
    expect(MAX_DOCUMENT_BYTES).toBe(1024 * 1024);
    expect(LIMIT).toBe("1 MiB");
  });

  test.each([
    [0, "0 bytes"],
    [1, "1 byte"],
    [1023, "1023 bytes"],
    [1024, "1 KiB"],
    [1024 * 1024 + 1, "1 MiB"],
    [10 * 1024 * 1024, "10 MiB"],
    [2.2 * 1024 ** 3, "2.2 GiB"],
  ])("byteSize(%p) is %p", (bytes, text) => {
    expect(byteSize(bytes)).toBe(text);
  });

  /** A document of exactly `size` bytes: an objective, then blank lines (sparse past 64 KiB). */
  function documentOf(name: string, size: number): string {
    const path = file(name);
    writeFileSync(path, objective);
    truncateSync(path, size);
    return path;
  }

  test.each([
    ["one byte over", MAX_DOCUMENT_BYTES + 1, "1,048,577 bytes"],
    ["10 MiB (issue 12's 116,000 key results)", 10 * 1024 * 1024, "10,485,760 bytes"],
    ["4 GiB", 4 * 1024 ** 3, "4,294,967,296 bytes"],
  ])("%s: okr import and okr new --from refuse it in one line", async (_name, size, shown) => {
    const path = documentOf(`large-${size}.md`, size);
    const reason = `larger than ${LIMIT}, the limit for an OKR document (it is ${shown})`;
    const imported = await okr("import", path);
    expect(imported.stderr).toBe(`okr: cannot read ${path}: ${reason}\n`);
    expect(imported.stdout).toBe("");
    expect(imported.code).toBe(2);
    const out = file(`large-${size}.xlsx`);
    const made = await okr("new", "--from", path, "--out", out);
    expect(made.stderr).toBe(`okr: cannot read ${path}: ${reason}\n`);
    expect(made.code).toBe(2);
    expect(existsSync(out)).toBe(false);
  });

  test("a document of exactly the limit is read", async () => {
    // Blank lines after the objective: NUL bytes from the sparse tail would be text, so pad.
    const path = file("at-limit.md");
    writeFileSync(path, objective + "\n".repeat(MAX_DOCUMENT_BYTES - objective.length));
    const { code, stderr } = await okr("import", path);
    expect(stderr).toBe(`${path}: 1 section, 1 objective, 1 key result\n`);
    expect(code).toBe(0);
  });

  test("readDocument reads at most limit + 1 bytes of a file, whatever its size", async () => {
    const path = file("small.md");
    writeFileSync(path, "abcdef");
    await expect(readDocument(path, 6)).resolves.toBe("abcdef");
    await expect(readDocument(path, 5)).rejects.toMatchObject({
      reason: "larger than 5 bytes, the limit for an OKR document (it is 6 bytes)",
    });
  });
});
