import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import {
  type ManifestProblem,
  checkManifestRules,
  formatProblem,
  listServedFiles,
  resolveSchemasDir,
  validateManifest,
  withoutRuntimes,
} from "../scripts/manifest-checks.cjs";
import { VALIDATE_COMMAND } from "../src/taskpane/check/checkRun";

const projectRoot = path.resolve(__dirname, "..");
const schemasDir = resolveSchemasDir(projectRoot);
const manifestPath = path.join(projectRoot, "manifest.xml");
const manifest = fs.readFileSync(manifestPath, "utf8");

// What the build serves, as the contract between the parts lists it; the tests use this list
// instead of dist/ so they need no build.
const SERVED_FILES = [
  "taskpane.html",
  "taskpane.js",
  "functions.js",
  "functions.json",
  "manifest.xml",
  "assets/icon-16.png",
  "assets/icon-32.png",
  "assets/icon-64.png",
  "assets/icon-80.png",
  "assets/icon-128.png",
  "help/index.html",
  "help/score.html",
  "help/progress.html",
  "help/status.html",
  "help/grade.html",
  "help/health.html",
  "help/pace.html",
];

const validate = (xml: string) => validateManifest(xml, { schemasDir, servedFiles: SERVED_FILES });
const lines = (problems: ManifestProblem[]) =>
  problems.map((p) => formatProblem("manifest.xml", p));

/** Replaces text that must occur exactly once, so a changed manifest cannot make a case vacuous. */
function replaceOnce(xml: string, find: string | RegExp, replacement: string): string {
  const count =
    typeof find === "string"
      ? xml.split(find).length - 1
      : (xml.match(new RegExp(find, "g")) ?? []).length;
  if (count !== 1)
    throw new Error(`expected ${String(find)} exactly once in manifest.xml, found ${count}`);
  return xml.replace(find, replacement);
}

const lineOf = (xml: string, text: string) => xml.slice(0, xml.indexOf(text)).split("\n").length;

describe("manifest.xml", () => {
  test("passes the Office schemas and every project rule", async () => {
    expect(lines(await validate(manifest))).toEqual([]);
  });

  test("resolves the custom functions namespace to OKR through a ShortStrings resource", () => {
    expect(manifest).toMatch(
      /<Namespace resid="([^"]+)"\/>[\s\S]*<bt:String id="\1" DefaultValue="OKR"\/>/
    );
  });

  test("the ribbon's Check OKRs button runs the function the task-pane entry registers", () => {
    const functionNames = [...manifest.matchAll(/<FunctionName>([^<]*)<\/FunctionName>/g)].map(
      (match) => match[1]
    );
    expect(functionNames).toEqual([VALIDATE_COMMAND]);
    expect(manifest).toMatch(
      /<Control xsi:type="Button" id="OkrStudio\.CheckButton">\s*<Label resid="([^"]+)"\/>[\s\S]*?<Action xsi:type="ExecuteFunction">[\s\S]*<bt:String id="\1" DefaultValue="Check OKRs"\/>/
    );
  });

  test("names only files the build serves, so the served-file check is not vacuous", () => {
    const withoutHelp = SERVED_FILES.filter((file) => file !== "help/index.html");
    const problems = lines(checkManifestRules(manifest, { servedFiles: withoutHelp }));
    expect(problems).toEqual([
      expect.stringContaining(
        'SupportUrl: https://localhost:3000/help/index.html names "help/index.html"'
      ),
      expect.stringContaining(
        'Url "Help.Url": https://localhost:3000/help/index.html names "help/index.html"'
      ),
    ]);
  });

  test("goes to the schema with <Runtimes> blanked out and its line numbers kept", () => {
    const blanked = withoutRuntimes(manifest);
    expect(blanked).not.toMatch(/<\/?Runtimes?\b/);
    expect(blanked.split("\n")).toHaveLength(manifest.split("\n").length);
  });
});

type BrokenCase = {
  name: string;
  broken: string;
  expected: string[];
  /** The problem that carries expected[0] points at the line of this text in the broken manifest. */
  lineOfText?: string;
};

const brokenCases: BrokenCase[] = [
  {
    name: "empty namespace",
    broken: replaceOnce(manifest, 'DefaultValue="OKR"/>', 'DefaultValue=""/>'),
    expected: [
      'custom functions namespace is ""; it must be "OKR"',
      "this underruns the allowed minimum length of '1'",
    ],
    lineOfText: 'String id="Functions.Namespace"',
  },
  {
    name: "namespace not OKR",
    broken: replaceOnce(manifest, 'DefaultValue="OKR"/>', 'DefaultValue="OKRS"/>'),
    expected: ['custom functions namespace is "OKRS"; it must be "OKR"'],
    lineOfText: 'String id="Functions.Namespace"',
  },
  {
    name: "no Namespace element",
    broken: replaceOnce(manifest, '<Namespace resid="Functions.Namespace"/>', ""),
    expected: ['CustomFunctions has no <Namespace>; the functions need the namespace "OKR"'],
  },
  {
    name: "Namespace without resid",
    broken: replaceOnce(manifest, '<Namespace resid="Functions.Namespace"/>', "<Namespace/>"),
    expected: [
      "<Namespace> has no resid",
      "schema: Element 'Namespace': The attribute 'resid' is required but missing.",
    ],
    lineOfText: "<Namespace/>",
  },
  {
    name: "a resid that names no resource",
    broken: replaceOnce(
      manifest,
      '<LearnMoreUrl resid="Help.Url"/>',
      '<LearnMoreUrl resid="Help.Missing"/>'
    ),
    expected: [
      '<LearnMoreUrl resid="Help.Missing"> names no resource: "Help.Missing" is not an id in Urls',
    ],
    lineOfText: "Help.Missing",
  },
  {
    name: "a resid that names a resource of the wrong kind",
    broken: replaceOnce(
      manifest,
      '<Title resid="GetStarted.Title"/>',
      '<Title resid="GetStarted.Description"/>'
    ),
    expected: [
      '<Title resid="GetStarted.Description"> names a LongStrings resource; it needs one from ShortStrings',
    ],
    lineOfText: '<Title resid="GetStarted.Description"/>',
  },
  {
    name: "a resource defined twice",
    broken: replaceOnce(
      manifest,
      '<bt:Url id="Help.Url" DefaultValue="https://localhost:3000/help/index.html"/>',
      '<bt:Url id="Help.Url" DefaultValue="https://localhost:3000/help/index.html"/><bt:Url id="Help.Url" DefaultValue="https://localhost:3000/help/index.html"/>'
    ),
    expected: ['Urls resource "Help.Url" is defined twice'],
  },
  {
    name: "elements out of order (Permissions before DefaultSettings)",
    broken: replaceOnce(
      manifest,
      /(<DefaultSettings>[\s\S]*?<\/DefaultSettings>)(\s*)(<Permissions>ReadWriteDocument<\/Permissions>)/,
      "$3$2$1"
    ),
    expected: [
      "schema: Element 'Permissions': This element is not expected. Expected is ( DefaultSettings )",
    ],
    lineOfText: "<Permissions>",
  },
  {
    name: "unknown Permissions value",
    broken: replaceOnce(
      manifest,
      "<Permissions>ReadWriteDocument</Permissions>",
      "<Permissions>ReadWriteEverything</Permissions>"
    ),
    expected: [
      "schema: Element 'Permissions': [facet 'enumeration'] The value 'ReadWriteEverything' is not an element of the set",
    ],
    lineOfText: "<Permissions>",
  },
  {
    name: "missing SharedRuntime requirement",
    broken: replaceOnce(manifest, /\s*<Requirements>[\s\S]*?<\/Requirements>/, ""),
    expected: ['missing requirement <Set Name="SharedRuntime" MinVersion="1.1"/>'],
  },
  {
    name: "SharedRuntime requirement replaced by another set",
    broken: replaceOnce(
      manifest,
      '<Set Name="SharedRuntime" MinVersion="1.1"/>',
      '<Set Name="ExcelApi" MinVersion="1.1"/>'
    ),
    expected: ['missing requirement <Set Name="SharedRuntime" MinVersion="1.1"/>'],
  },
  {
    name: "Runtime lifetime not long",
    broken: replaceOnce(manifest, 'lifetime="long"', 'lifetime="short"'),
    expected: ['<Runtime> lifetime is "short"; it must be "long"'],
    lineOfText: "<Runtime ",
  },
  {
    name: "Runtime without lifetime (defaults to short)",
    broken: replaceOnce(manifest, ' lifetime="long"', ""),
    expected: ['<Runtime> lifetime is "(missing, so short)"; it must be "long"'],
  },
  {
    name: "no Runtimes block",
    broken: replaceOnce(manifest, /\s*<Runtimes>[\s\S]*?<\/Runtimes>/, ""),
    expected: ['<Host xsi:type="Workbook"> has no <Runtimes>'],
  },
  {
    name: "two Runtime elements",
    broken: replaceOnce(
      manifest,
      '<Runtime resid="Taskpane.Url" lifetime="long"/>',
      '<Runtime resid="Taskpane.Url" lifetime="long"/><Runtime resid="Help.Url" lifetime="long"/>'
    ),
    expected: ["shared runtime: expected exactly one <Runtime> in one <Runtimes>, found 2 in 1"],
  },
  {
    name: "Runtimes after AllFormFactors",
    broken: replaceOnce(
      manifest,
      /(<Runtimes>[\s\S]*?<\/Runtimes>)(\s*)(<AllFormFactors>[\s\S]*?<\/AllFormFactors>)/,
      "$3$2$1"
    ),
    expected: ['<Runtimes> must be the first child of <Host xsi:type="Workbook">'],
  },
  {
    name: "CustomFunctions Page disagreeing with the Runtime",
    broken: replaceOnce(manifest, /(<Page>\s*<SourceLocation resid=")Taskpane\.Url/, "$1Help.Url"),
    expected: [
      'shared runtime: CustomFunctions <Page> uses resid "Help.Url" but <Runtime> uses "Taskpane.Url"',
    ],
  },
  {
    name: "FunctionFile disagreeing with the Runtime",
    broken: replaceOnce(
      manifest,
      '<FunctionFile resid="Taskpane.Url"/>',
      '<FunctionFile resid="Help.Url"/>'
    ),
    expected: [
      'shared runtime: <FunctionFile> uses resid "Help.Url" but <Runtime> uses "Taskpane.Url"',
    ],
    lineOfText: "<FunctionFile",
  },
  {
    name: "Runtime disagreeing with Page, FunctionFile and the task pane button",
    broken: replaceOnce(manifest, '<Runtime resid="Taskpane.Url"', '<Runtime resid="Help.Url"'),
    expected: [
      'CustomFunctions <Page> uses resid "Taskpane.Url" but <Runtime> uses "Help.Url"',
      '<FunctionFile> uses resid "Taskpane.Url" but <Runtime> uses "Help.Url"',
      'ShowTaskpane <SourceLocation> uses resid "Taskpane.Url" but <Runtime> uses "Help.Url"',
    ],
  },
  {
    name: "a ribbon command without the function it runs",
    broken: replaceOnce(manifest, `<FunctionName>${VALIDATE_COMMAND}</FunctionName>`, ""),
    expected: ["schema: Element 'Action': Missing child element(s). Expected is ( FunctionName )."],
    lineOfText: '<Action xsi:type="ExecuteFunction">',
  },
  {
    name: "a URL whose file the build does not serve",
    broken: replaceOnce(
      manifest,
      "https://localhost:3000/functions.json",
      "https://localhost:3000/function.json"
    ),
    expected: [
      'Url "Functions.Metadata.Url": https://localhost:3000/function.json names "function.json", which the build does not serve',
    ],
    lineOfText: "function.json",
  },
  {
    name: "a URL outside the base URL",
    broken: replaceOnce(
      manifest,
      '<SupportUrl DefaultValue="https://localhost:3000/help/index.html"/>',
      '<SupportUrl DefaultValue="https://example.com/help"/>'
    ),
    expected: [
      "SupportUrl: https://example.com/help does not start with the base URL https://localhost:3000/",
    ],
    lineOfText: "<SupportUrl",
  },
  {
    name: "XML that is not well-formed",
    broken: replaceOnce(manifest, "</OfficeApp>", "</OfficeAp>"),
    expected: [
      "not well-formed XML: Opening and ending tag mismatch: OfficeApp line 2 and OfficeAp",
    ],
    lineOfText: "</OfficeAp>",
  },
];

describe("a broken manifest fails", () => {
  test.each(brokenCases)("$name", async ({ broken, expected, lineOfText }) => {
    const problems = await validate(broken);
    const found = lines(problems);
    for (const fragment of expected) {
      expect(found).toContainEqual(expect.stringContaining(fragment));
    }
    if (lineOfText !== undefined) {
      const problem = problems.find((p) => p.message.includes(expected[0]));
      expect(problem?.line).toBe(lineOf(broken, lineOfText));
    }
  });
});

// checkManifestRules parses on its own (xmldom), so XML that is not well-formed must give one
// problem at the right line there too, not an exception or a cascade of rule failures.
describe("the project rules on XML that is not well-formed", () => {
  const namespaceElement = '<Namespace resid="Functions.Namespace"/>';
  test.each([
    {
      name: "an attribute given twice",
      broken: '<Namespace resid="Functions.Namespace" resid="Other"/>',
      message: "not well-formed XML: Attribute resid redefined",
    },
    {
      name: "an attribute value without quotes",
      broken: "<Namespace resid=Functions.Namespace/>",
      message: 'not well-formed XML: attribute "Functions.Namespace" missed quot',
    },
    {
      name: "an undeclared prefix",
      broken: '<q:Namespace resid="Functions.Namespace"/>',
      message: "not well-formed XML: Error constructing the DOM: NamespaceError",
    },
  ])("$name", ({ broken, message }) => {
    const xml = replaceOnce(manifest, namespaceElement, broken);
    expect(checkManifestRules(xml, { servedFiles: SERVED_FILES })).toEqual([
      { line: lineOf(xml, broken), message: expect.stringContaining(message) },
    ]);
  });
});

describe("resolveSchemasDir", () => {
  test.each([
    {
      name: "the copy kept in this repository by default",
      env: {},
      expected: path.resolve(projectRoot, "schemas/office-addin-manifest"),
    },
    {
      name: "OKR_MANIFEST_SCHEMAS when set",
      env: { OKR_MANIFEST_SCHEMAS: "/opt/schemas" },
      expected: path.resolve("/opt/schemas"),
    },
  ])("uses $name", ({ env, expected }) => {
    expect(resolveSchemasDir(projectRoot, env)).toBe(expected);
  });

  test("rejects a folder without the schemas with a message naming the override", async () => {
    await expect(
      validateManifest(manifest, { schemasDir: os.tmpdir(), servedFiles: SERVED_FILES })
    ).rejects.toThrow(/OfficeAppManifestV1_1\.xsd does not exist \(set OKR_MANIFEST_SCHEMAS/);
  });
});

describe("validate-manifest.mjs (the npm run validate CLI)", () => {
  const script = path.join(projectRoot, "scripts", "validate-manifest.mjs");
  let dist: string;

  beforeAll(() => {
    dist = fs.mkdtempSync(path.join(os.tmpdir(), "okr-dist-"));
    for (const file of SERVED_FILES) {
      fs.mkdirSync(path.dirname(path.join(dist, file)), { recursive: true });
      fs.writeFileSync(path.join(dist, file), "");
    }
  });
  afterAll(() => fs.rmSync(dist, { recursive: true, force: true }));

  const run = (args: string[]) =>
    new Promise<{ code: number | null; output: string }>((resolve) => {
      execFile(
        process.execPath,
        [script, ...args],
        { cwd: projectRoot },
        (error, stdout, stderr) => {
          resolve({
            code: error ? (typeof error.code === "number" ? error.code : null) : 0,
            output: stdout + stderr,
          });
        }
      );
    });

  test("lists the served files of a dist folder as paths relative to it", () => {
    expect(listServedFiles(dist)).toEqual([...SERVED_FILES].sort());
  });

  test("exits 0 and says valid for the real manifest", async () => {
    const { code, output } = await run(["manifest.xml", "--dist", dist]);
    expect({ code, output }).toEqual({
      code: 0,
      output: expect.stringContaining("manifest.xml: valid"),
    });
  });

  test("exits 1 and reports the problem with its line for a broken fixture", async () => {
    const fixture = path.join("test", "fixtures", "manifest", "wrong-namespace.xml");
    const { code, output } = await run([fixture, "--dist", dist]);
    const line = lineOf(
      fs.readFileSync(path.join(projectRoot, fixture), "utf8"),
      'String id="Functions.Namespace"'
    );
    expect(code).toBe(1);
    expect(output).toContain(
      `${fixture}: line ${line}: custom functions namespace is "OKRS"; it must be "OKR"`
    );
    expect(output).toContain(`${fixture}: 1 problem`);
  });

  test("exits 2 with one line asking for a build when the dist folder is missing", async () => {
    const { code, output } = await run(["manifest.xml", "--dist", path.join(dist, "missing")]);
    expect(code).toBe(2);
    expect(output.trim().split("\n")).toEqual([
      expect.stringContaining("does not exist; run `npm run build` first"),
    ]);
  });
});
