import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { run } from "../src/cli/main";
import { readXlsx } from "../src/hosts/xlsx";
import { importPlan } from "../src/okr/import";
import { templates } from "../src/okr/templates";
import { gridOf } from "./support/snapshotGrid";

/** Runs the okr command in-process with recorded output. */
async function okr(...argv: string[]) {
  let stdout = "";
  let stderr = "";
  const code = await run(argv, {
    stdout: (text) => (stdout += text),
    stderr: (text) => (stderr += text),
    readFile: async (path) => readFileSync(path, "utf8"),
  });
  return { code, stdout, stderr };
}

const dir = mkdtempSync(join(tmpdir(), "okr-cli-"));
const plan = join(dir, "plan.md");
writeFileSync(
  plan,
  `**Project:** Support copilot
**Period:** 2026-Q2
**Owner:** Dana Lee
**Contributors:** Ari, Bo
**Status:** Active

### Objective 1: Resolve more inquiries without an agent

**Key Results:**
- [ ] Resolve 70% of inquiries without human escalation (Current: 40%)
- [ ] Reduce average handling time from 8 minutes to 2 minutes

**Owner:** Support Lead
**Timeline:** Q2 2026
`
);

/** A block not placed: the prose before the objective. */
const messy = join(dir, "messy.md");
writeFileSync(
  messy,
  "Some intro text.\n\n### Objective: Grow\n\n- [ ] Grow revenue from $1M to $2M\n"
);
/** A heading with no objectives under it (line 1), a block not placed (3), a problem (7). */
const mixed = join(dir, "mixed.md");
writeFileSync(
  mixed,
  "## Background\n\nWhy we do this.\n\n## Plan\n\n**Status:** Paused\n\n### Objective: Grow\n\n- Reach 5 teams\n"
);
/** No objectives: a heading and a paragraph. */
const notes = join(dir, "notes.md");
writeFileSync(notes, "# Notes\n\nJust some notes.\n");
const empty = join(dir, "empty.md");
writeFileSync(empty, "");

const framework = join(__dirname, "fixtures", "ai-okr-framework.md");
/** The framework's placeholder status line, and its prose sections (28 headings are not counted). */
const FRAMEWORK_TALLY = "1 problem, 27 blocks not placed";
/** What --verbose lists for the framework, every line the importer could not place. */
const frameworkDetails = importPlan(readFileSync(framework, "utf8"))
  .problems.map((problem) => `${framework}:${problem.line}: ${problem.message}\n`)
  .join("");
/** The sections as the list names them: the number --section takes, not the heading's own. */
const FRAMEWORK_LIST = [
  "1. Alignment Example (line 40)",
  "2. Predictive Analytics / Machine Learning Model (line 57)",
  "3. Natural Language Processing / Chatbot (line 85)",
  "4. Computer Vision / Image Recognition (line 113)",
  "5. AI Platform / Infrastructure (line 141)",
  "6. Generative AI / LLM Application (line 169)",
  "7. Microsoft Copilot Studio Implementation (line 197)",
  "8. D365 Contact Center (Dynamics 365 Contact Center as a Service) (line 239)",
  "9. Copilot Studio + D365 Contact Center Integration (line 303)",
  "10. Revenue Growth (line 336)",
  "11. Cost Reduction (line 351)",
  "12. Customer Experience (line 369)",
  "13. Innovation & Capabilities (line 384)",
  "14. Data Science Team OKRs (line 518)",
  "15. MLOps / Platform Team OKRs (line 530)",
  "16. Product / Business Team OKRs (line 542)",
  "17. Sample Completed OKR (Q4 2025) (line 554)",
  "18. OKR Dashboard Template (line 604)",
]
  .map((line) => `  ${line}\n`)
  .join("");

describe("okr templates", () => {
  test("lists every template: id, category, title", async () => {
    const { code, stdout } = await okr("templates");
    expect(code).toBe(0);
    const lines = stdout.trimEnd().split("\n");
    expect(lines).toHaveLength(templates.length);
    expect(lines[0]).toMatch(
      /^predictive-analytics\s+AI project\s+Predictive Analytics \/ Machine Learning Model$/
    );
  });

  test("--json gives ids, categories, titles and parameters", async () => {
    const { stdout } = await okr("templates", "--json");
    const listed = JSON.parse(stdout);
    expect(listed.map((t: { id: string }) => t.id)).toEqual(templates.map((t) => t.id));
    expect(listed[0].parameters.map((p: { name: string }) => p.name)).toEqual([
      "project",
      "period",
      "owner",
      "contributors",
      "useCase",
    ]);
  });
});

describe("okr parse", () => {
  test("prints the parsed metric", async () => {
    const { code, stdout } = await okr(
      "parse",
      "Reduce average response time from 5 minutes to 30 seconds"
    );
    expect(code).toBe(0);
    expect(stdout).toContain("type        decrease");
    expect(stdout).toContain("baseline    300");
    expect(stdout).toContain("target      30");
    expect(stdout).toContain("unit        seconds");
  });

  test("--json prints the parser's result", async () => {
    const { stdout } = await okr("parse", "--json", "Reduce costs by 20% (Current: $1.5M)");
    expect(JSON.parse(stdout)).toMatchObject({
      measurable: true,
      type: "decrease",
      baseline: 1_500_000,
      target: 1_200_000,
      unit: "$",
    });
  });

  test("a sentence with nothing to measure exits 1 with the reason", async () => {
    const { code, stdout } = await okr("parse", "Improve developer happiness");
    expect(code).toBe(1);
    expect(stdout).toContain("measurable  no");
    expect(stdout).toContain("no number in the sentence");
  });

  test("a deliverable is a milestone (issue 11; it was 'not measurable' before)", async () => {
    const { code, stdout } = await okr("parse", "Deploy chatbot");
    expect(code).toBe(0);
    expect(stdout).toContain("type        milestone");
  });

  test("an ambiguous reading says so", async () => {
    const { stdout } = await okr("parse", "Achieve 99.9% model uptime with < 100ms latency");
    expect(stdout).toContain("(ambiguous: check it)");
  });
});

describe("okr import", () => {
  test("prints the plan as JSON", async () => {
    const { code, stdout } = await okr("import", plan);
    expect(code).toBe(0);
    const imported = JSON.parse(stdout);
    expect(imported).toMatchObject({
      project: "Support copilot",
      period: "2026-Q2",
      owner: "Dana Lee",
      contributors: ["Ari", "Bo"],
      status: "Active",
    });
    expect(imported.objectives[0]).toMatchObject({
      id: "O1",
      owner: "Support Lead",
      timeline: "Q2 2026",
    });
    expect(imported.objectives[0].keyResults[1]).toMatchObject({
      id: "O1.KR2",
      type: "decrease",
      baseline: 8,
      target: 2,
      unit: "minutes",
    });
  });

  test("--section / --all choose among the plans of a document", async () => {
    const fourth = await okr("import", framework, "--section", "4");
    expect(JSON.parse(fourth.stdout).objectives[0].title).toBe(
      "Automate visual inspection with AI achieving human-level accuracy"
    );
    const all = await okr("import", framework, "--all");
    expect(JSON.parse(all.stdout)).toHaveLength(18);
    expect(JSON.parse(all.stdout)[3].title).toBe("3. Computer Vision / Image Recognition");
  });

  test("what it could not place does not change the plan", async () => {
    const { code, stdout } = await okr("import", messy, "--verbose");
    expect(code).toBe(0);
    expect(JSON.parse(stdout).objectives[0].keyResults[0]).toMatchObject({
      baseline: 1_000_000,
      target: 2_000_000,
    });
  });

  // The report on stderr: one summary line per document; --verbose adds each line it could not
  // place (headings with no objectives under them among them) before the summary.
  test.each([
    [
      "one section, nothing to report",
      [plan],
      0,
      `${plan}: 1 section, 1 objective, 2 key results\n`,
    ],
    [
      "one section, nothing to report, --verbose",
      [plan, "--verbose"],
      0,
      `${plan}: 1 section, 1 objective, 2 key results\n`,
    ],
    [
      "one section with a block not placed",
      [messy],
      0,
      `${messy}: 1 section, 1 objective, 1 key result; 1 block not placed (--verbose lists it)\n`,
    ],
    [
      "one section with a block not placed, --verbose",
      [messy, "--verbose"],
      0,
      `${messy}:1: not part of an objective: prose\n${messy}: 1 section, 1 objective, 1 key result; 1 block not placed\n`,
    ],
    [
      "a heading with no objectives is listed by --verbose but not counted",
      [mixed],
      0,
      `${mixed}: 1 section, 1 objective, 1 key result; 1 problem, 1 block not placed (--verbose lists them)\n`,
    ],
    [
      "a heading with no objectives is listed by --verbose but not counted, --verbose",
      [mixed, "--verbose"],
      0,
      [
        `${mixed}:1: heading with no objectives under it`,
        `${mixed}:3: not part of an objective: prose`,
        `${mixed}:7: unknown status "Paused": use Draft, In Review, Active or Completed; Draft is used`,
        `${mixed}: 1 section, 1 objective, 1 key result; 1 problem, 1 block not placed`,
        "",
      ].join("\n"),
    ],
    [
      "--all",
      [framework, "--all"],
      0,
      `${framework}: 18 sections, 26 objectives, 102 key results; ${FRAMEWORK_TALLY} (--verbose lists them)\n`,
    ],
    [
      "--all, --verbose",
      [framework, "--all", "--verbose"],
      0,
      `${frameworkDetails}${framework}: 18 sections, 26 objectives, 102 key results; ${FRAMEWORK_TALLY}\n`,
    ],
    [
      "--section N of several",
      [framework, "--section", "4"],
      0,
      `${framework}: section 4 of 18 (Computer Vision / Image Recognition, line 113): 2 objectives, 8 key results; the whole document: ${FRAMEWORK_TALLY} (--verbose lists them)\n`,
    ],
    [
      "--section N of several, --verbose",
      [framework, "--verbose", "--section", "4"],
      0,
      `${frameworkDetails}${framework}: section 4 of 18 (Computer Vision / Image Recognition, line 113): 2 objectives, 8 key results; the whole document: ${FRAMEWORK_TALLY}\n`,
    ],
    [
      "several sections and no choice: the list, each section numbered once",
      [framework],
      1,
      `${framework}: 18 sections, 26 objectives, 102 key results; ${FRAMEWORK_TALLY} (--verbose lists them)\nokr: ${framework} holds 18 sections; choose one with --section N, or print all with --all:\n${FRAMEWORK_LIST}`,
    ],
    [
      "nothing found",
      [notes],
      1,
      `okr: ${notes}: no objectives found (looked for "Objective …" headings and **Objective:** lines); 1 block not placed (--verbose lists it)\n`,
    ],
    [
      "nothing found, --verbose",
      [notes, "--verbose"],
      1,
      `${notes}:1: heading with no objectives under it\n${notes}:3: not part of an objective: prose\nokr: ${notes}: no objectives found (looked for "Objective …" headings and **Objective:** lines); 1 block not placed\n`,
    ],
    [
      "an empty file",
      [empty],
      1,
      `okr: ${empty}: no objectives found (looked for "Objective …" headings and **Objective:** lines)\n`,
    ],
  ])("%s: the report on stderr", async (_name, args, expected, report) => {
    const { code, stdout, stderr } = await okr("import", ...args);
    expect(stderr).toBe(report);
    expect(code).toBe(expected);
    if (expected === 0) expect(() => JSON.parse(stdout)).not.toThrow();
    else expect(stdout).toBe("");
  });

  test.each([
    [
      "a missing file",
      [join(dir, "nope.md")],
      2,
      `okr: cannot read ${join(dir, "nope.md")}: no such file\n`,
    ],
    ["a folder", [dir], 2, `okr: cannot read ${dir}: it is a folder\n`],
  ])("%s: one clear line and a non-zero exit", async (_name, args, expected, message) => {
    const { code, stderr } = await okr("import", ...args);
    expect(code).toBe(expected);
    expect(stderr).toBe(message);
  });
});

describe("okr new", () => {
  const out = (name: string) => join(dir, name);

  test("--template with its parameters writes the workbook and says what it wrote", async () => {
    const path = out("copilot.xlsx");
    const { code, stdout, stderr } = await okr(
      "new",
      "--template",
      "nlp-chatbot",
      "--project",
      "Support copilot",
      "--period",
      "2026-Q2",
      "--owner",
      "Dana Lee",
      "--contributors",
      "Ari, Bo",
      "--use-case",
      "billing questions",
      "--out",
      path
    );
    expect({ code, stderr }).toEqual({ code: 0, stderr: "" });
    expect(stdout).toBe(
      `${path}\nSupport copilot, 2026-Q2: 2 objectives, 8 key results, portable formulas (native functions)\n`
    );
    const snapshot = await readXlsx(path);
    expect(snapshot.sheets.map((sheet) => sheet.name)).toEqual([
      "OKR Plan",
      "Scorecard",
      "Dashboard",
      "Check-ins",
      "Monthly Review",
    ]);
    const cover = gridOf(snapshot.sheets[0]).values;
    expect(cover.slice(2, 6).map((row) => row.slice(0, 2))).toEqual([
      ["Project", "Support copilot"],
      ["Period", "2026-Q2"],
      ["Owner", "Dana Lee"],
      ["Contributors", "Ari, Bo"],
    ]);
    const scorecard = gridOf(snapshot.sheets[1])
      .formulas.flat()
      .filter((formula) => formula !== null);
    expect(scorecard.some((formula) => formula!.includes("OKR."))).toBe(false);
  });

  test("--style functions writes OKR.* formulas", async () => {
    const path = out("functions.xlsx");
    const { code, stdout } = await okr(
      "new",
      "--template",
      "completed-cv-q4-2025",
      "--style",
      "functions",
      "--out",
      path
    );
    expect(code).toBe(0);
    expect(stdout).toMatch(/1 objective, 4 key results, OKR\.\* formulas \(needs the add-in\)\n$/);
    const formulas = gridOf((await readXlsx(path)).sheets[1]).formulas.flat();
    expect(formulas).toContain("=OKR.SCORE($G6,$H6,$I6,$D6)");
  });

  test("text that looks like a formula is written as text", async () => {
    const path = out("injection.xlsx");
    const project = '=HYPERLINK("https://example.com","click")';
    expect(
      (await okr("new", "--template", "revenue-growth", "--project", project, "--out", path)).code
    ).toBe(0);
    const cover = gridOf((await readXlsx(path)).sheets[0]);
    expect(cover.values[2].slice(0, 2)).toEqual(["Project", project]);
    expect(cover.formulas[2][1]).toBeNull();
  });

  test("--from a document writes its plan's workbook", async () => {
    const path = out("from.xlsx");
    const { code, stdout, stderr } = await okr("new", "--from", plan, "--out", path);
    expect(code).toBe(0);
    expect(stdout).toBe(
      `${path}\nSupport copilot, 2026-Q2: 1 objective, 2 key results, portable formulas (native functions)\n`
    );
    expect(stderr).toBe(`${plan}: 1 section, 1 objective, 2 key results\n`);
    expect((await readXlsx(path)).sheets[1].name).toBe("Scorecard");
  });

  // The same report as okr import's; a document of several sections needs --section.
  const periodNote =
    'okr: note: the period "Q[Quarter] [Year]" is not a quarter or a year (2026-Q1, Q1-Q2 2026, FY 2026), so the workbook has no period dates and leaves pace empty\n';
  const noPeriod =
    "okr: note: no period is given, so the workbook has no period dates and leaves pace empty\n";
  test.each([
    [
      "one section with a block not placed",
      ["--from", messy],
      0,
      `${messy}: 1 section, 1 objective, 1 key result; 1 block not placed (--verbose lists it)\n${noPeriod}`,
    ],
    [
      "one section with a block not placed, --verbose",
      ["--from", messy, "--verbose"],
      0,
      `${messy}:1: not part of an objective: prose\n${messy}: 1 section, 1 objective, 1 key result; 1 block not placed\n${noPeriod}`,
    ],
    [
      "--section N of several",
      ["--from", framework, "--section", "4"],
      0,
      `${framework}: section 4 of 18 (Computer Vision / Image Recognition, line 113): 2 objectives, 8 key results; the whole document: ${FRAMEWORK_TALLY} (--verbose lists them)\n${periodNote}`,
    ],
    [
      "--section N of several, --verbose",
      ["--from", framework, "--section", "4", "--verbose"],
      0,
      `${frameworkDetails}${framework}: section 4 of 18 (Computer Vision / Image Recognition, line 113): 2 objectives, 8 key results; the whole document: ${FRAMEWORK_TALLY}\n${periodNote}`,
    ],
    [
      "several sections and no --section: the list, no file",
      ["--from", framework],
      1,
      `${framework}: 18 sections, 26 objectives, 102 key results; ${FRAMEWORK_TALLY} (--verbose lists them)\nokr: ${framework} holds 18 sections; choose one with --section N:\n${FRAMEWORK_LIST}`,
    ],
    [
      "nothing found: no file",
      ["--from", notes],
      1,
      `okr: ${notes}: no objectives found (looked for "Objective …" headings and **Objective:** lines); 1 block not placed (--verbose lists it)\n`,
    ],
    [
      "nothing found, --verbose: no file",
      ["--from", notes, "--verbose"],
      1,
      `${notes}:1: heading with no objectives under it\n${notes}:3: not part of an objective: prose\nokr: ${notes}: no objectives found (looked for "Objective …" headings and **Objective:** lines); 1 block not placed\n`,
    ],
  ])("--from, %s: the report on stderr", async (name, args, expected, report) => {
    const path = out(`report-${name.replace(/\W+/g, "-")}.xlsx`);
    const { code, stdout, stderr } = await okr("new", ...args, "--out", path);
    expect(stderr).toBe(report);
    expect(code).toBe(expected);
    expect(existsSync(path)).toBe(expected === 0);
    expect(stdout).toEqual(expected === 0 ? expect.stringContaining(`${path}\n`) : "");
  });

  test("an existing file is kept unless --force", async () => {
    const path = out("kept.xlsx");
    writeFileSync(path, "mine");
    const refused = await okr("new", "--template", "revenue-growth", "--out", path);
    expect(refused).toMatchObject({ code: 1, stdout: "" });
    expect(refused.stderr).toBe(`okr: ${path} already exists; add --force to replace it\n`);
    expect(readFileSync(path, "utf8")).toBe("mine");
    const forced = await okr("new", "--template", "revenue-growth", "--out", path, "--force");
    expect(forced.code).toBe(0);
    expect((await readXlsx(path)).sheets).toHaveLength(5);
  });

  test("a period without dates is written, with a note that pace stays empty", async () => {
    const { code, stderr } = await okr(
      "new",
      "--template",
      "revenue-growth",
      "--period",
      "next spring",
      "--out",
      out("spring.xlsx")
    );
    expect(code).toBe(0);
    expect(stderr).toContain('okr: note: the period "next spring" is not a quarter or a year');
  });

  test.each([
    [
      "an unknown template, listing the ids",
      ["--template", "nope", "--out", "x.xlsx"],
      1,
      'okr: unknown template "nope"; the templates are: predictive-analytics, nlp-chatbot,',
    ],
    ["no --out", ["--template", "nlp-chatbot"], 1, "okr new needs --out <file.xlsx>"],
    [
      "an --out that is not .xlsx",
      ["--template", "nlp-chatbot", "--out", "plan.csv"],
      1,
      '--out must name an .xlsx file (got "plan.csv")',
    ],
    [
      "an unknown style",
      ["--template", "nlp-chatbot", "--style", "fancy", "--out", "x.xlsx"],
      1,
      '--style must be portable or functions (got "fancy")',
    ],
    [
      "neither --template nor --from",
      ["--out", "x.xlsx"],
      1,
      "needs either --template <id> or --from",
    ],
    [
      "both --template and --from",
      ["--template", "nlp-chatbot", "--from", "plan.md", "--out", "x.xlsx"],
      1,
      "needs either --template <id> or --from",
    ],
    [
      "a template parameter with --from",
      ["--from", "plan.md", "--project", "X", "--out", "x.xlsx"],
      1,
      "--project fills a template; it does not apply to --from",
    ],
    [
      "--section with --template",
      ["--template", "nlp-chatbot", "--section", "2", "--out", "x.xlsx"],
      1,
      "--section chooses a plan of --from",
    ],
    [
      "an unreadable document",
      ["--from", join(dir, "missing.md"), "--out", join(dir, "missing.xlsx")],
      2,
      `okr: cannot read ${join(dir, "missing.md")}: no such file`,
    ],
    [
      "a folder that does not exist",
      ["--template", "nlp-chatbot", "--out", join(dir, "nowhere", "x.xlsx")],
      2,
      `okr: cannot write ${join(dir, "nowhere", "x.xlsx")}: no such folder`,
    ],
  ])("%s: one clear line, a non-zero exit, no file", async (_name, args, expected, message) => {
    const { code, stderr, stdout } = await okr("new", ...args);
    expect(code).toBe(expected);
    expect(stderr).toContain(message);
    expect(stdout).toBe("");
    expect(existsSync("x.xlsx")).toBe(false);
  });
});

describe("usage errors", () => {
  test.each([
    [["frobnicate"], 'okr: unknown command "frobnicate"'],
    [["parse"], "okr: okr parse takes one key-result sentence"],
    [["parse", "a", "b"], "okr: okr parse takes one key-result sentence"],
    [["import"], "okr: okr import takes one file"],
    [["templates", "--bogus"], "okr: Unknown option '--bogus'\n"],
    [
      ["import", framework, "--all", "--section", "2"],
      "okr: --section chooses one section and --all prints every one: give only one\n",
    ],
    [["import", framework, "--section", "19"], "okr: --section must be a number from 1 to 18\n"],
    [["import", framework, "--section", "x"], "okr: --section must be a number from 1 to 18\n"],
    [
      ["new", "--from", framework, "--section", "0", "--out", "x.xlsx"],
      "okr: --section must be a number from 1 to 18\n",
    ],
    [["import", plan, "--verbose=yes"], "okr: Option '--verbose' does not take an argument"],
  ])("okr %p", async (argv, message) => {
    const { code, stdout, stderr } = await okr(...argv);
    expect(code).toBe(1);
    expect(stdout).toBe("");
    // The message first, then the usage: nothing of the document's report.
    expect(stderr.startsWith(message)).toBe(true);
    expect(stderr).toContain("Usage: okr <command>");
    expect(existsSync("x.xlsx")).toBe(false);
  });

  test.each([
    [["--help"], "okr templates"],
    [["import", "--help"], "okr import <file.md> [--section N | --all] [--verbose]"],
    [["new", "--help"], "okr new --from <file.md> [--section N] [--verbose] --out <file.xlsx>"],
    [["import", "--help"], "(--verbose: each one by line)"],
  ])("okr %p prints the usage and exits 0", async (argv, text) => {
    const { code, stdout } = await okr(...argv);
    expect(code).toBe(0);
    expect(stdout).toContain(text);
  });
});

describe("text it did not write never becomes a control sequence", () => {
  // ESC, BEL, CSI (C1), backspace and carriage return, in a file name, section titles and a value.
  const hostile = join(dir, "plan\u001b[2J.md");
  writeFileSync(
    hostile,
    [
      "## \u001b]0;owned\u0007Team A",
      "### Objective: Grow",
      "- Reach 5 teams",
      "## Team \u009b31mB\b\r",
      "**Status:** \u001b[2Jlater",
      "### Objective: Shrink",
      "- Reduce churn from 8% to 5%",
      "",
    ].join("\n")
  );
  // eslint-disable-next-line no-control-regex
  const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/;

  test.each([
    ["the list of sections", ["import", hostile]],
    ["--verbose's lines", ["import", hostile, "--all", "--verbose"]],
    ["okr new --from", ["new", "--from", hostile, "--section", "2", "--out", join(dir, "h.xlsx")]],
    ["a usage error that repeats an argument", ["\u001b[31mred"]],
    ["an --out that is not .xlsx", ["new", "--template", "x", "--out", "\u001b[2J.csv"]],
  ])("%s: shown as \\u001b and the like", async (_name, argv) => {
    const { stdout, stderr } = await okr(...argv);
    expect(stderr).not.toMatch(CONTROL);
    expect(stdout).not.toMatch(CONTROL);
    expect(stderr).toContain("\\u001b");
  });

  test("the JSON on stdout still parses to the document's text", async () => {
    const { stdout } = await okr("import", hostile, "--all");
    expect(stdout).not.toMatch(CONTROL);
    expect(JSON.parse(stdout).map((plan: { title: string }) => plan.title)).toEqual([
      "\u001b]0;owned\u0007Team A",
      "Team \u009b31mB\b",
    ]);
  });
});
