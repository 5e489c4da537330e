import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { run } from "../src/cli/main";
import { readXlsx } from "../src/hosts/xlsx";
import { templates } from "../src/okr/templates";

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
    const { code, stdout } = await okr("parse", "Deploy chatbot");
    expect(code).toBe(1);
    expect(stdout).toContain("measurable  no");
    expect(stdout).toContain("no number in the sentence");
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

  test("a document of several plans asks which one, and --section / --all choose", async () => {
    const framework = join(__dirname, "fixtures", "ai-okr-framework.md");
    const asked = await okr("import", framework);
    expect(asked.code).toBe(1);
    expect(asked.stderr).toContain(
      "holds 18 plans; choose one with --section N, or print all with --all"
    );
    expect(asked.stderr).toMatch(/^ {2}1\. Alignment Example \(line 40\)$/m);
    expect(asked.stderr).toMatch(/^ {2}4\. .*Computer Vision \/ Image Recognition \(line 113\)$/m);
    const fourth = await okr("import", framework, "--section", "4");
    expect(JSON.parse(fourth.stdout).objectives[0].title).toBe(
      "Automate visual inspection with AI achieving human-level accuracy"
    );
    const all = await okr("import", framework, "--all");
    expect(JSON.parse(all.stdout)).toHaveLength(18);
    expect((await okr("import", framework, "--section", "19")).code).toBe(1);
  });

  test("text it cannot place goes to stderr with file and line", async () => {
    const messy = join(dir, "messy.md");
    writeFileSync(
      messy,
      "Some intro text.\n\n### Objective: Grow\n\n- [ ] Grow revenue from $1M to $2M\n"
    );
    const { code, stderr, stdout } = await okr("import", messy);
    expect(code).toBe(0);
    expect(stderr).toMatch(new RegExp(`^${messy.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}:1: `, "m"));
    expect(JSON.parse(stdout).objectives[0].keyResults[0]).toMatchObject({
      baseline: 1_000_000,
      target: 2_000_000,
    });
  });

  test.each([
    [
      "a missing file",
      [join(dir, "nope.md")],
      2,
      `okr: cannot read ${join(dir, "nope.md")}: no such file`,
    ],
    ["a folder", [dir], 2, `okr: cannot read ${dir}: it is a folder`],
    [
      "a file with no objectives",
      [join(dir, "empty.md")],
      1,
      `okr: ${join(dir, "empty.md")}: no objectives found`,
    ],
  ])("%s: a clear line and a non-zero exit", async (_name, args, expected, message) => {
    writeFileSync(join(dir, "empty.md"), "Just some notes.\n");
    const { code, stderr } = await okr("import", ...args);
    expect(code).toBe(expected);
    expect(stderr).toContain(message);
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
    const cover = snapshot.sheets[0].values;
    expect(cover.slice(2, 6).map((row) => row.slice(0, 2))).toEqual([
      ["Project", "Support copilot"],
      ["Period", "2026-Q2"],
      ["Owner", "Dana Lee"],
      ["Contributors", "Ari, Bo"],
    ]);
    const scorecard = snapshot.sheets[1].formulas.flat().filter((formula) => formula !== null);
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
    const formulas = (await readXlsx(path)).sheets[1].formulas.flat();
    expect(formulas).toContain("=OKR.SCORE($G6,$H6,$I6,$D6)");
  });

  test("text that looks like a formula is written as text", async () => {
    const path = out("injection.xlsx");
    const project = '=HYPERLINK("https://example.com","click")';
    expect(
      (await okr("new", "--template", "revenue-growth", "--project", project, "--out", path)).code
    ).toBe(0);
    const cover = (await readXlsx(path)).sheets[0];
    expect(cover.values[2].slice(0, 2)).toEqual(["Project", project]);
    expect(cover.formulas[2][1]).toBeNull();
  });

  test("--from a document, and --section to choose one of several plans", async () => {
    const path = out("from.xlsx");
    const { code, stdout } = await okr("new", "--from", plan, "--out", path);
    expect(code).toBe(0);
    expect(stdout).toContain("Support copilot, 2026-Q2: 1 objective, 2 key results");
    const framework = join(__dirname, "fixtures", "ai-okr-framework.md");
    const asked = await okr("new", "--from", framework, "--out", out("framework.xlsx"));
    expect(asked.code).toBe(1);
    expect(asked.stderr).toContain("holds 18 plans; choose one with --section N");
    expect(existsSync(out("framework.xlsx"))).toBe(false);
    const fourth = await okr(
      "new",
      "--from",
      framework,
      "--section",
      "4",
      "--out",
      out("framework.xlsx")
    );
    expect(fourth.code).toBe(0);
    expect(fourth.stdout).toContain(out("framework.xlsx"));
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
    [["parse"], "okr parse takes one key-result sentence"],
    [["parse", "a", "b"], "okr parse takes one key-result sentence"],
    [["import"], "okr import takes one file"],
    [["templates", "--bogus"], "okr: Unknown option '--bogus'\n"],
  ])("okr %p", async (argv, message) => {
    const { code, stderr } = await okr(...argv);
    expect(code).toBe(1);
    expect(stderr).toContain(message);
    expect(stderr).toContain("Usage: okr <command>");
  });

  test("--help prints the usage and exits 0", async () => {
    const { code, stdout } = await okr("--help");
    expect(code).toBe(0);
    expect(stdout).toContain("okr templates");
  });
});

describe("the installed command", () => {
  const root = join(__dirname, "..");
  beforeAll(() => {
    execFileSync(process.execPath, [join(root, "scripts", "build-lib.mjs")], {
      cwd: root,
      stdio: "pipe",
    });
  }, 120_000);

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
  const root = join(__dirname, "..");
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
  expect(result.stderr).toBe("");
  expect(result.status).toBe(0);
});
