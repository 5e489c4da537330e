import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import type * as Sarif from "sarif";
import { artifactUri, type LintFileResult, SARIF_SCHEMA } from "../src/cli/lint";
import { run } from "../src/cli/main";
import { writeXlsx } from "../src/hosts/xlsx";
import { RULES } from "../src/okr/rules";
import { instantiate, templates } from "../src/okr/templates";
import { buildWorkbook } from "../src/sheets/build";
import { compoundFile, zip } from "./fixtures/lint/make";
import { typedWorkbook, writeCompletedSample, writeTeamSheet } from "./support/typedWorkbooks";

/** Runs the okr command in-process with recorded output, in the environment given (none). */
async function okrIn(env: Record<string, string>, ...argv: string[]) {
  let stdout = "";
  let stderr = "";
  const code = await run(argv, {
    stdout: (text) => (stdout += text),
    stderr: (text) => (stderr += text),
    readFile: async (path) => readFileSync(path, "utf8"),
    env,
  });
  return { code, stdout, stderr };
}

const okr = (...argv: string[]) => okrIn({}, ...argv);

const dir = mkdtempSync(join(tmpdir(), "okr-lint-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const file = (name: string) => join(dir, name);
const AS_OF = "2026-03-31";

async function lintJson(...args: string[]): Promise<LintFileResult[]> {
  const { stdout } = await okr("lint", "--format", "json", "--as-of", AS_OF, ...args);
  return JSON.parse(stdout);
}

const good = file("team-good.xlsx");
const wrong = file("team-wrong.xlsx");
const sample = file("completed-sample.xlsx");

beforeAll(async () => {
  await writeTeamSheet(good, 0.75);
  await writeTeamSheet(wrong, 0.9);
  await writeCompletedSample(sample);
});

describe("okr lint on the catalogue", () => {
  // Warnings the framework's own text earns (activity wording, 1–2 objectives per set, missing
  // baselines) are listed by the rule tests; here the bar is: no template has an error.
  test.each(
    templates.flatMap((template) => [
      [template.id, "portable"] as const,
      [template.id, "functions"] as const,
    ])
  )("okr new --template %s (%s formulas) lints with no errors", async (id, style) => {
    const path = file(`${id}-${style}.xlsx`);
    const template = templates.find((t) => t.id === id)!;
    await writeXlsx(buildWorkbook(instantiate(template), { style }), path, { force: true });
    const { code, stdout, stderr } = await okr("lint", "--as-of", AS_OF, path);
    expect(stderr).toBe("");
    expect(stdout).not.toMatch(/\berror {4}OKR/);
    expect(stdout).toMatch(/^1 file checked: 0 errors, \d+ warnings?, \d+ info\n$/m);
    expect(code).toBe(0);
  });
});

describe("okr lint on a person's sheet", () => {
  test("a typed score that matches the numbers: no error, exit 0", async () => {
    const { code, stdout } = await okr("lint", "--as-of", AS_OF, good);
    expect(stdout).not.toContain("OKR010");
    expect(code).toBe(0);
  });

  test("a typed score that does not: exit 1 and the OKR010 line with its fix", async () => {
    const { code, stdout, stderr } = await okr("lint", "--as-of", AS_OF, wrong);
    expect(stderr).toBe("");
    expect(code).toBe(1);
    const lines = stdout.split("\n");
    expect(lines[0]).toBe(wrong);
    const index = lines.findIndex((line) => line.includes("OKR010"));
    expect(lines[index]).toMatch(
      /^ {2}Team!F2 +error {4}OKR010 {2}O1\.KR1 "Reach 10,000 weekly active users": recorded score 0\.90 .*differs from 0\.75 computed from baseline 0 weekly active users, target 10000 weekly active users and current 7500 weekly active users/
    );
    // The fix sits under the message, aligned with it.
    const messageColumn = lines[index].indexOf("O1.KR1");
    expect(lines[index + 1]).toBe(
      `${" ".repeat(messageColumn)}fix: ${RULES.find((rule) => rule.id === "OKR010")!.fix}`
    );
    expect(stdout).toMatch(/^ {2}1 error, \d+ warnings?, 0 info$/m);
    expect(stdout).toMatch(/\n1 file checked: 1 error, \d+ warnings?, 0 info\n$/);
  });

  test("the completed Q4 2025 sample: its 0.69 and its overall 0.75 are inconsistent, and why", async () => {
    const { code, stdout } = await okr("lint", "--as-of", AS_OF, sample);
    expect(code).toBe(1);
    const okr010 = stdout.split("\n").filter((line) => /\bOKR010\b/.test(line));
    expect(okr010).toHaveLength(2);
    // The overall score: the document's 0.75 is not the mean of its key results (0.73).
    expect(okr010[0]).toMatch(
      /^ {2}'Q4 2025'!B6 +error {4}OKR010 {2}O1 "Launch computer vision defect detection system in production": recorded score 0\.75 differs from 0\.73, the weighted mean of its key results' scores \(O1\.KR1 1\.00, O1\.KR2 0\.81, O1\.KR3 0\.79, O1\.KR4 0\.33\)$/
    );
    // The false-positive rate: from 12% down to 6.5% of the way to 5% is 0.79, not 0.69.
    expect(okr010[1]).toMatch(
      /^ {2}'Q4 2025'!E13 +error {4}OKR010 {2}O1\.KR3 "Reduce false positive rate to < 5%": recorded score 0\.69 .*differs from 0\.79 computed from baseline 12%, target 5% and current 6\.5%: \(6\.5 − 12\) \/ \(5 − 12\) = 0\.79$/
    );
    // The other three scores agree with their numbers.
    for (const row of ["E11", "E12", "E14"]) expect(stdout).not.toContain(`'Q4 2025'!${row} `);
  });
});

describe("files okr lint cannot read", () => {
  const docx = () =>
    zip([
      { name: "[Content_Types].xml", data: "<Types/>" },
      { name: "word/document.xml", data: "<document/>" },
    ]);
  const cases: [string, string, () => Buffer | null, string][] = [
    ["a missing file", "missing.xlsx", () => null, "no such file"],
    ["an empty file", "empty.xlsx", () => Buffer.alloc(0), "the file is empty"],
    [
      "a CSV saved as .xlsx",
      "export.xlsx",
      () => Buffer.from("Key Result,Target\nGrow,10\n"),
      "not an .xlsx file (it is a text file, such as CSV)",
    ],
    [
      "a PDF",
      "report.xlsx",
      () => Buffer.from("%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", "latin1"),
      "not an .xlsx file (it is a PDF document)",
    ],
    ["a Word document", "letter.xlsx", docx, "not an .xlsx file (it is a Word document)"],
    [
      "a password-protected workbook",
      "locked.xlsx",
      () => compoundFile(["EncryptionInfo", "EncryptedPackage"]),
      "it is password-protected (encrypted); save a copy without a password and check that",
    ],
    [
      "an Excel 97-2003 workbook",
      "old.xls",
      () => compoundFile(["Workbook"]),
      "not an .xlsx file (it is a legacy binary Office file, such as an Excel 97-2003 .xls: save it as .xlsx)",
    ],
    [
      "a truncated download",
      "truncated.xlsx",
      () => readFileSync(sample).subarray(0, 3000),
      "the file is damaged or truncated (its zip directory is missing)",
    ],
  ];

  test.each(cases)("%s: exit 2 and one clear line", async (_name, name, bytes, reason) => {
    const path = file(name);
    const content = bytes();
    if (content !== null) writeFileSync(path, content);
    const { code, stdout, stderr } = await okr("lint", path);
    expect(stderr).toBe(`okr: cannot read ${path}: ${reason}\n`);
    expect(stdout).toBe(
      "0 files checked: 0 errors, 0 warnings, 0 info; 1 file could not be read\n"
    );
    expect(code).toBe(2);
  });

  test("a folder", async () => {
    const folder = file("a-folder.xlsx");
    mkdirSync(folder, { recursive: true });
    const { code, stderr } = await okr("lint", folder);
    expect(stderr).toBe(`okr: cannot read ${folder}: it is a folder\n`);
    expect(code).toBe(2);
  });

  test("a zip whose parts are damaged: ExcelJS's reason, exit 2", async () => {
    // Keep the zip directory, spoil the compressed parts between it and the first header.
    const bytes = Buffer.from(readFileSync(sample));
    for (let at = 200; at < bytes.length - 2000; at += 7) bytes[at] ^= 0x5a;
    const path = file("damaged.xlsx");
    writeFileSync(path, bytes);
    const { code, stderr } = await okr("lint", path);
    expect(stderr).toMatch(
      new RegExp(`^okr: cannot read ${escape(path)}: the file is damaged \\(.+\\)\\n$`)
    );
    expect(code).toBe(2);
  });

  test("the good files of the same call are still checked and reported", async () => {
    const missing = file("missing.xlsx");
    const pdf = file("report.xlsx");
    const { code, stdout, stderr } = await okr("lint", "--as-of", AS_OF, missing, wrong, pdf, good);
    expect(stderr).toBe(
      `okr: cannot read ${missing}: no such file\nokr: cannot read ${pdf}: not an .xlsx file (it is a PDF document)\n`
    );
    expect(stdout).toContain(`${wrong}\n`);
    expect(stdout).toContain(`${good}\n`);
    expect(stdout).toContain("OKR010");
    expect(stdout).toMatch(
      /^2 files checked: 1 error, \d+ warnings, 0 info; 2 files could not be read\n$/m
    );
    // Unreadable wins over errors: the check was not complete.
    expect(code).toBe(2);
  });
});

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

describe("okr lint --format json", () => {
  test("one entry per file, in the order given: file, findings, and error when unreadable", async () => {
    const missing = file("missing.xlsx");
    const results = await lintJson(wrong, missing);
    expect(results.map((result) => Object.keys(result))).toEqual([
      ["file", "findings"],
      ["file", "findings", "error"],
    ]);
    expect(results[1]).toEqual({ file: missing, findings: [], error: "no such file" });
    const [first] = results[0].findings;
    expect(Object.keys(first)).toEqual(["ruleId", "severity", "message", "location", "fix"]);
    expect(results[0].findings.find((finding) => finding.ruleId === "OKR010")).toEqual({
      ruleId: "OKR010",
      severity: "error",
      message: expect.stringContaining("recorded score 0.90"),
      location: { sheet: "Team", address: "F2" },
      fix: RULES.find((rule) => rule.id === "OKR010")!.fix,
    });
  });

  test("the exit code is the same as in text", async () => {
    const { code } = await okr("lint", "--format", "json", wrong);
    expect(code).toBe(1);
  });
});

const LEVELS = new Set(["none", "note", "warning", "error"]);

/**
 * The properties SARIF 2.1.0 requires, and the ones a code-scanning service reads. `docs` is
 * the docs folder's URL the links must start with, or null when there must be no links.
 */
function expectValidSarif(log: Sarif.Log, docs: string | null = null): void {
  expect(log.$schema).toBe(SARIF_SCHEMA);
  expect(log.version).toBe("2.1.0");
  expect(log.runs).toHaveLength(1);
  const [run] = log.runs;
  const { driver } = run.tool;
  expect(driver.name).toBe("okr-studio");
  expect(driver.version).toMatch(/^\d+\.\d+\.\d+/);
  // SARIF: informationUri and helpUri are optional, and absolute URIs when present.
  expect(driver.informationUri).toBe(docs === null ? undefined : `${docs}rules.md`);
  if (docs !== null) expect(new URL(driver.informationUri!).protocol).toBe("https:");
  expect(driver.rules!.map((rule) => rule.id)).toEqual(RULES.map((rule) => rule.id));
  for (const [index, rule] of driver.rules!.entries()) {
    const source = RULES[index];
    // The rule explains itself inline, with or without a link.
    expect(rule.shortDescription?.text).toBe(source.title);
    expect(rule.fullDescription?.text).toBe(
      `${source.detail} From the framework: ${source.source}`
    );
    expect(rule.help?.text).toBe(source.fix);
    expect(rule.helpUri).toBe(
      docs === null ? undefined : `${docs}rules.md#${source.id.toLowerCase()}`
    );
    if (docs !== null) expect(new URL(rule.helpUri!).href).toBe(rule.helpUri);
    expect(rule.defaultConfiguration?.level).toBe(
      { error: "error", warning: "warning", info: "note" }[source.severity]
    );
  }
  expect(run.invocations).toHaveLength(1);
  expect(typeof run.invocations![0].executionSuccessful).toBe("boolean");
  for (const result of run.results!) {
    expect(driver.rules![result.ruleIndex!].id).toBe(result.ruleId);
    expect(LEVELS.has(result.level!)).toBe(true);
    expect(result.message.text!.length).toBeGreaterThan(0);
    expect(result.locations).toHaveLength(1);
    const artifact = result.locations![0].physicalLocation!.artifactLocation!;
    expect(run.artifacts![artifact.index!].location!.uri).toBe(artifact.uri);
    // A URI reference: no spaces, no backslashes.
    expect(artifact.uri).not.toMatch(/[\s\\]/);
  }
}

describe("okr lint --format sarif", () => {
  test("a valid SARIF 2.1.0 log: rules, levels, the file as given, the cell as a logical location", async () => {
    const relativeSample = relative(process.cwd(), sample);
    const { code, stdout } = await okr(
      "lint",
      "--format",
      "sarif",
      "--as-of",
      AS_OF,
      relativeSample
    );
    expect(code).toBe(1);
    const log: Sarif.Log = JSON.parse(stdout);
    expectValidSarif(log);
    const [run] = log.runs;
    expect(run.invocations![0]).toEqual({ executionSuccessful: true, exitCode: 1 });
    const keyResult = run.results!.find(
      (result) => result.ruleId === "OKR010" && result.message.text!.includes(": O1.KR3 ")
    )!;
    expect(keyResult.level).toBe("error");
    expect(keyResult.message.text).toMatch(/^'Q4 2025'!E13: O1\.KR3 "Reduce false positive rate/);
    expect(keyResult.locations![0]).toEqual({
      physicalLocation: { artifactLocation: { uri: artifactUri(relativeSample), index: 0 } },
      logicalLocations: [{ name: "E13", fullyQualifiedName: "'Q4 2025'!E13" }],
    });
    expect(keyResult.properties).toEqual({
      fix: expect.any(String),
      sheet: "Q4 2025",
      cell: "E13",
    });
    const activity = run.results!.find((result) => result.ruleId === "OKR007")!;
    expect(activity.level).toBe("warning");
  });

  test("an unreadable file is a tool notification, and the run is not successful", async () => {
    const missing = file("missing.xlsx");
    const { code, stdout } = await okr("lint", "--format", "sarif", good, missing);
    expect(code).toBe(2);
    const log: Sarif.Log = JSON.parse(stdout);
    expectValidSarif(log);
    const [invocation] = log.runs[0].invocations!;
    expect(invocation.executionSuccessful).toBe(false);
    expect(invocation.toolExecutionNotifications).toEqual([
      {
        level: "error",
        message: { text: `cannot read ${missing}: no such file` },
        locations: [
          { physicalLocation: { artifactLocation: { uri: artifactUri(missing), index: 1 } } },
        ],
      },
    ]);
  });

  test.each([
    ["plans/Q1 plan.xlsx", "plans/Q1%20plan.xlsx"],
    ["./plan.xlsx", "plan.xlsx"],
    ["plans\\team#1.xlsx", "plans/team%231.xlsx"],
    ["../up/plan.xlsx", "../up/plan.xlsx"],
    ["/srv/okr/plan 1.xlsx", "file:///srv/okr/plan%201.xlsx"],
  ])("artifact URI of %p is %p", (path, uri) => {
    expect(artifactUri(path)).toBe(uri);
  });
});

describe("okr lint --docs-url and OKR_STUDIO_DOCS_URL: the SARIF log's links", () => {
  const DOCS = "https://okr.example.com/okr-studio/docs/";
  const OTHER = "https://docs.example.org/v2/";

  test.each([
    ["neither: no links", [], {}, null],
    ["--docs-url", ["--docs-url", DOCS], {}, DOCS],
    ["OKR_STUDIO_DOCS_URL", [], { OKR_STUDIO_DOCS_URL: DOCS }, DOCS],
    [
      "--docs-url over OKR_STUDIO_DOCS_URL",
      ["--docs-url", OTHER],
      { OKR_STUDIO_DOCS_URL: DOCS },
      OTHER,
    ],
    ["OKR_STUDIO_DOCS_URL empty: unset", [], { OKR_STUDIO_DOCS_URL: "" }, null],
    [
      "a URL written loosely is used in its normal form",
      ["--docs-url", "HTTPS://Docs.Example.org/My Docs/"],
      {},
      "https://docs.example.org/My%20Docs/",
    ],
  ] as [string, string[], Record<string, string>, string | null][])(
    "%s",
    async (_name, args, env, docs) => {
      const { code, stdout, stderr } = await okrIn(
        env,
        "lint",
        "--format",
        "sarif",
        "--as-of",
        AS_OF,
        ...args,
        sample
      );
      expect(stderr).toBe("");
      expect(code).toBe(1);
      const log: Sarif.Log = JSON.parse(stdout);
      expectValidSarif(log, docs);
      expect(log.runs[0].results!.length).toBeGreaterThan(0);
    }
  );

  const bad: [string, string][] = [
    [
      "http://okr.example.com/docs/",
      'must be the https:// URL of the docs folder, ending with "/"',
    ],
    [
      "https://okr.example.com/docs",
      'must be the https:// URL of the docs folder, ending with "/"',
    ],
    ["https://okr.example.com/docs/rules.md", "must be the https:// URL of the docs folder"],
    ["docs/", 'must be the https:// URL of the docs folder, ending with "/"'],
    ["https://okr.example.com/docs/?v=/", "must be the https:// URL of the docs folder"],
    ["https://okr.example.com/#/", "must be the https:// URL of the docs folder"],
    ["https://user:secret@okr.example.com/docs/", "must not hold a user name or password"],
    ["https://localhost:3000/help/", "must be a public address, not this machine"],
    ["https://docs.localhost/", "must be a public address, not this machine"],
    ["https://127.0.0.1/docs/", "must be a public address, not this machine"],
    ["https://127.1/docs/", "must be a public address, not this machine"],
    ["https://[::1]/docs/", "must be a public address, not this machine"],
  ];
  test.each([
    ...bad.map(([value, problem]) => ["--docs-url", value, problem]),
    ["--docs-url", "", 'must be the https:// URL of the docs folder, ending with "/"'],
    ...bad.map(([value, problem]) => ["OKR_STUDIO_DOCS_URL", value, problem]),
  ])("%s %p: a usage error, one line, exit 1", async (name, value, problem) => {
    const { code, stdout, stderr } =
      name === "--docs-url"
        ? await okr("lint", "--format", "sarif", "--docs-url", value, good)
        : await okrIn({ OKR_STUDIO_DOCS_URL: value }, "lint", "--format", "sarif", good);
    expect(stdout).toBe("");
    const [first, ...rest] = stderr.split("\n");
    expect(first).toMatch(
      new RegExp(`^okr: ${escape(name)} ${escape(problem)}.* \\(got "${escape(value)}"\\)$`)
    );
    expect(rest[0]).toBe("Usage: okr <command> [options]");
    expect(code).toBe(1);
  });

  test.each(
    ["text", "json", "sarif"].flatMap((format) => [
      [format, {}],
      [format, { OKR_STUDIO_DOCS_URL: DOCS }],
    ]) as [string, Record<string, string>][]
  )("--format %s %p: no link to localhost anywhere", async (format, env) => {
    const missing = file("missing.xlsx");
    const { stdout, stderr } = await okrIn(
      env,
      "lint",
      "--format",
      format,
      "--as-of",
      AS_OF,
      sample,
      wrong,
      missing
    );
    expect(stdout.length).toBeGreaterThan(0);
    expect(stdout).not.toMatch(/localhost|127\.0\.0\.1/i);
    expect(stderr).not.toMatch(/localhost/i);
    if (format !== "text") {
      // Every URI in the output is a file's or the docs folder's.
      const uris = [...stdout.matchAll(/"(?:informationUri|helpUri|uri)": "([^"]*)"/g)].map(
        (match) => match[1]
      );
      for (const uri of uris) {
        expect(
          uri.startsWith(DOCS) || !/^[a-z]+:\/\//i.test(uri) || uri.startsWith("file:///")
        ).toBe(true);
      }
    }
  });
});

describe("text from a workbook never becomes a control sequence", () => {
  // eslint-disable-next-line no-control-regex
  const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/;
  const hostile = file("hostile.xlsx");
  // An .xlsx file cannot hold C0 controls such as ESC (XML forbids them); C1's CSI it can.
  beforeAll(async () => {
    await typedWorkbook(hostile, [
      {
        name: "Team \u009b31m",
        rows: [
          ["Objective", "KR", "Owner", "Target", "Actual", "Score"],
          ["Grow", "Reach \u009b2J10,000 users", "Kim", 10000, 7500, 0.9],
        ],
      },
    ]);
  });

  test.each(["text", "json", "sarif"])("--format %s", async (format) => {
    const { stdout } = await okr("lint", "--format", format, "--as-of", AS_OF, hostile);
    expect(stdout).toContain("OKR010");
    expect(stdout).not.toMatch(CONTROL);
    expect(stdout).toContain("Reach \\u009b2J10,000 users");
    // JSON still parses to the workbook's own text.
    if (format !== "text") expect(JSON.stringify(JSON.parse(stdout))).toContain("\u009b2J10,000");
  });
});

describe("okr lint options", () => {
  test("--rules keeps only the named rules (any case), and the exit code follows", async () => {
    const only = await lintJson("--rules", "okr007,OKR004", sample, wrong);
    const ids = only.flatMap((result) => result.findings.map((finding) => finding.ruleId));
    expect(ids.length).toBeGreaterThan(0);
    expect(new Set(ids)).toEqual(new Set(["OKR004", "OKR007"]));
    const { code } = await okr("lint", "--rules", "OKR007", sample);
    expect(code).toBe(0);
  });

  test("--min-severity leaves out what is below it", async () => {
    const all = await lintJson(sample);
    const warnings = await lintJson("--min-severity", "warning", sample);
    const errors = await lintJson("--min-severity", "error", sample);
    const severities = (results: LintFileResult[]) =>
      new Set(results[0].findings.map((finding) => finding.severity));
    expect(severities(all)).toEqual(new Set(["error", "warning"]));
    expect(severities(errors)).toEqual(new Set(["error"]));
    expect(warnings[0].findings).toEqual(
      all[0].findings.filter((finding) => finding.severity !== "info")
    );
  });

  test.each([
    [["lint"], "okr lint takes one or more .xlsx files"],
    [
      ["lint", "--rules", "OKR003,OKR099,bogus", "x.xlsx"],
      `unknown rule OKR099, BOGUS; the rules are: ${RULES.map((rule) => rule.id).join(", ")}`,
    ],
    [["lint", "--rules", ",", "x.xlsx"], "--rules names no rule; the rules are: OKR000"],
    [["lint", "--format", "xml", "x.xlsx"], '--format must be text, json, sarif (got "xml")'],
    [
      ["lint", "--min-severity", "fatal", "x.xlsx"],
      '--min-severity must be error, warning, info (got "fatal")',
    ],
    [
      ["lint", "--as-of", "31/03/2026", "x.xlsx"],
      '--as-of must be a date as yyyy-mm-dd (got "31/03/2026")',
    ],
    [
      ["lint", "--as-of", "2026-02-30", "x.xlsx"],
      '--as-of must be a date as yyyy-mm-dd (got "2026-02-30")',
    ],
    [["lint", "--bogus", "x.xlsx"], "okr: Unknown option '--bogus'"],
  ])("okr %p is a usage error (exit 1)", async (argv, message) => {
    const { code, stdout, stderr } = await okr(...argv);
    expect(stdout).toBe("");
    expect(stderr).toContain(message);
    expect(stderr).toContain("Usage: okr <command>");
    expect(code).toBe(1);
  });

  test("--help shows the lint usage", async () => {
    const { code, stdout } = await okr("lint", "--help");
    expect(code).toBe(0);
    expect(stdout).toContain("okr lint <file.xlsx…> [--format text|json|sarif]");
  });
});

describe("determinism", () => {
  test.each(["text", "json", "sarif"])(
    "--format %s: the same files twice give the same bytes",
    async (format) => {
      const args = [
        "lint",
        "--format",
        format,
        "--as-of",
        AS_OF,
        sample,
        wrong,
        file("missing.xlsx"),
      ];
      const first = await okr(...args);
      const second = await okr(...args);
      expect(second).toEqual(first);
    }
  );
});
