import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { run } from "../src/cli/main";
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
