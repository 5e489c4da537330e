import { spawnSync } from "node:child_process";
import { join } from "node:path";

/**
 * The layering that eslint.config.mjs enforces (no-restricted-imports, and no-restricted-syntax
 * for import() and require()): src/okr imports nothing outside itself, src/sheets no hosts,
 * taskpane or cli, src/hosts no taskpane or cli, and HyperFormula (GPL-3.0) and src/hosts/memory
 * only from test/, bench/ and src/hosts/memory itself. Each rule is shown to fire on a forbidden
 * import and to let an allowed one through, in a file of each folder; then the real src/ tree is
 * checked against them. Only these two rules run (ruleFilter), so the other rules' findings
 * (formatting, unused imports) neither hide nor fake a result.
 *
 * ESLint runs through its Node API in a child process: eslint.config.mjs is an ES module, which
 * jest's module system cannot import without --experimental-vm-modules.
 */

const root = join(__dirname, "..");

interface Message {
  ruleId: string | null;
  message: string;
  line: number;
}

interface Linted {
  /** The messages for each snippet, in order. */
  snippets: Message[][];
  /** Every file under src/ with its messages. */
  tree: { file: string; messages: Message[] }[];
}

const PROGRAM = `
import { ESLint } from "eslint";
import { readFileSync } from "node:fs";
import { join, relative } from "node:path";
const { root, snippets } = JSON.parse(readFileSync(0, "utf8"));
const rules = new Set(["no-restricted-imports", "no-restricted-syntax"]);
const eslint = new ESLint({
  cwd: root,
  overrideConfigFile: join(root, "eslint.config.mjs"),
  ruleFilter: ({ ruleId }) => rules.has(ruleId),
});
const pick = (messages) => messages.map(({ ruleId, message, line }) => ({ ruleId, message, line }));
const linted = [];
for (const [file, code] of snippets) {
  const [result] = await eslint.lintText(code, { filePath: join(root, file) });
  linted.push(pick(result.messages));
}
const tree = (await eslint.lintFiles(["src"])).map((result) => ({
  file: relative(root, result.filePath),
  messages: pick(result.messages),
}));
process.stdout.write(JSON.stringify({ snippets: linted, tree }));
`;

/** Lints each [file, code] snippet as if it were that file, and the src/ tree. */
function lintLayering(snippets: [string, string][]): Linted {
  const result = spawnSync(process.execPath, ["--input-type=module", "-e", PROGRAM], {
    cwd: root,
    input: JSON.stringify({ root, snippets }),
    encoding: "utf8",
    maxBuffer: 64 * 1024 * 1024,
    timeout: 120_000,
  });
  if (result.status !== 0) throw new Error(`eslint failed: ${result.error ?? result.stderr}`);
  return JSON.parse(result.stdout) as Linted;
}

/** The ways a module names another, each as a line of code. */
const FORMS = {
  import: (specifier: string) => `import { something } from "${specifier}";\n`,
  "import type": (specifier: string) => `import type { Something } from "${specifier}";\n`,
  "export from": (specifier: string) => `export * from "${specifier}";\n`,
  "import()": (specifier: string) =>
    `export async function load() {\n  return import("${specifier}");\n}\n`,
  "require()": (specifier: string) => `export const loaded = require("${specifier}");\n`,
};
type Form = keyof typeof FORMS;

/** [file, form, specifier, a phrase of the message (forbidden) or null (allowed)] */
const cases: [string, Form, string, string | null][] = [
  // src/okr: nothing outside src/okr.
  ["src/okr/x.ts", "import", "../sheets/spec", "src/okr is the domain"],
  ["src/okr/x.ts", "import", "../hosts/xlsx", "src/okr is the domain"],
  ["src/okr/x.ts", "import type", "../sheets/spec", "src/okr is the domain"],
  ["src/okr/x.ts", "import", "../functions/cells", "src/okr is the domain"],
  ["src/okr/x.ts", "import", "..", "src/okr is the domain"],
  ["src/okr/x.ts", "import", "node:fs", "no package and no node: builtin"],
  ["src/okr/x.ts", "import", "fs", "no package and no node: builtin"],
  ["src/okr/x.ts", "import", "react", "no package and no node: builtin"],
  ["src/okr/x.ts", "import", "exceljs", "no package and no node: builtin"],
  ["src/okr/x.ts", "import", "@microsoft/office-js", "no package and no node: builtin"],
  ["src/okr/x.ts", "import", "hyperformula", "no package and no node: builtin"],
  ["src/okr/x.ts", "import()", "../sheets/read", "src/okr is the domain"],
  ["src/okr/x.ts", "require()", "node:path", "no package and no node: builtin"],
  ["src/okr/rules/x.ts", "import", "../../sheets/read", "src/okr is the domain"],
  ["src/okr/rules/x.ts", "export from", "../../hosts/excel", "src/okr is the domain"],
  ["src/okr/rules/deeper/x.ts", "import", "../../../cli/main", "src/okr is the domain"],
  ["src/okr/x.ts", "import", "./scoring", null],
  ["src/okr/x.ts", "import", ".", null],
  ["src/okr/rules/x.ts", "import", "../model", null],
  ["src/okr/rules/x.ts", "import", "..", null],
  ["src/okr/templates/x.ts", "import type", "../rules/types", null],
  ["src/okr/rules/deeper/x.ts", "import", "../../values", null],
  // src/sheets: no hosts, taskpane or cli (and no HyperFormula).
  ["src/sheets/x.ts", "import", "../hosts/xlsx", "src/sheets (the workbook model) must not import"],
  [
    "src/sheets/x.ts",
    "import",
    "../hosts/memory",
    "src/sheets (the workbook model) must not import",
  ],
  [
    "src/sheets/x.ts",
    "import",
    "../taskpane/App",
    "src/sheets (the workbook model) must not import",
  ],
  ["src/sheets/x.ts", "import", "../cli/main", "src/sheets (the workbook model) must not import"],
  ["src/sheets/x.ts", "import()", "../cli/lint", "src/sheets (the workbook model) must not import"],
  ["src/sheets/x.ts", "import", "hyperformula", "GPL-3.0"],
  ["src/sheets/x.ts", "import", "../okr/model", null],
  ["src/sheets/x.ts", "import", "./spec", null],
  // src/hosts: no taskpane or cli; not the memory host (outside itself), not HyperFormula.
  ["src/hosts/xlsx/x.ts", "import", "../../taskpane/App", "src/hosts must not import"],
  ["src/hosts/xlsx/x.ts", "import", "../../cli/lint", "src/hosts must not import"],
  ["src/hosts/excel/x.ts", "export from", "../../taskpane/checkState", "src/hosts must not import"],
  ["src/hosts/xlsx/x.ts", "import", "../memory", "src/hosts/memory wraps HyperFormula"],
  ["src/hosts/xlsx/x.ts", "import", "../memory/workbook", "src/hosts/memory wraps HyperFormula"],
  ["src/hosts/xlsx/x.ts", "import", "../../hosts/memory", "src/hosts/memory wraps HyperFormula"],
  ["src/hosts/x.ts", "import", "./memory", "src/hosts/memory wraps HyperFormula"],
  ["src/hosts/xlsx/x.ts", "import", "hyperformula", "GPL-3.0"],
  ["src/hosts/xlsx/x.ts", "require()", "hyperformula", "GPL-3.0"],
  ["src/hosts/xlsx/x.ts", "import", "../../sheets/spec", null],
  ["src/hosts/xlsx/x.ts", "import", "../../okr/values", null],
  ["src/hosts/xlsx/x.ts", "import", "exceljs", null],
  ["src/hosts/xlsx/x.ts", "import", "./formulas", null],
  ["src/hosts/excel/x.ts", "import", "../xlsx", null],
  // src/hosts/memory: HyperFormula is its business; still no taskpane or cli.
  ["src/hosts/memory/x.ts", "import", "hyperformula", null],
  ["src/hosts/memory/x.ts", "import", "./okrFunctions", null],
  ["src/hosts/memory/x.ts", "import", "../../functions/broadcast", null],
  ["src/hosts/memory/x.ts", "import", "../../taskpane/App", "src/hosts must not import"],
  // Everything else in src/: no HyperFormula, no memory host.
  ["src/taskpane/x.tsx", "import", "../hosts/memory", "src/hosts/memory wraps HyperFormula"],
  ["src/taskpane/x.tsx", "import", "hyperformula", "GPL-3.0"],
  ["src/taskpane/x.tsx", "import()", "hyperformula", "GPL-3.0"],
  [
    "src/functions/x.ts",
    "import",
    "../hosts/memory/workbook",
    "src/hosts/memory wraps HyperFormula",
  ],
  ["src/cli/x.ts", "import", "hyperformula/commonjs", "GPL-3.0"],
  ["src/x.ts", "import", "./hosts/memory", "src/hosts/memory wraps HyperFormula"],
  ["src/taskpane/x.tsx", "import", "../hosts/excel/validate", null],
  ["src/taskpane/x.tsx", "import", "react", null],
  ["src/cli/x.ts", "import()", "../hosts/xlsx", null],
  ["src/cli/x.ts", "import", "node:fs/promises", null],
  // test/ and bench/ use HyperFormula through the memory host.
  ["test/x.test.ts", "import", "../src/hosts/memory", null],
  ["test/x.test.ts", "import", "hyperformula", null],
  ["bench/x.bench.ts", "import", "../src/hosts/memory", null],
  ["bench/x.bench.ts", "import", "hyperformula", null],
];

describe("eslint.config.mjs enforces the layering", () => {
  let linted: Linted;
  beforeAll(() => {
    linted = lintLayering(cases.map(([file, form, specifier]) => [file, FORMS[form](specifier)]));
  }, 120_000);

  test.each(cases.map((entry, index) => [...entry, index] as const))(
    "%s: %s %s",
    (_file, _form, _specifier, forbidden, index) => {
      const messages = linted.snippets[index];
      // A message without a rule is ESLint's own (a parse error, an ignored file): it would make
      // an allowed import pass, or a forbidden one fail, for the wrong reason.
      expect(messages.filter((message) => message.ruleId === null)).toEqual([]);
      if (forbidden === null) expect(messages).toEqual([]);
      else
        expect(messages.map((message) => message.message)).toEqual([
          expect.stringContaining(forbidden),
        ]);
    }
  );

  test("the src/ tree keeps to it", () => {
    // Every source file was linted, and none breaks a layering rule.
    expect(linted.tree.length).toBeGreaterThan(40);
    expect(linted.tree.every(({ file }) => file.startsWith("src/"))).toBe(true);
    const breaches = linted.tree.flatMap(({ file, messages }) =>
      messages.map((message) => `${file}:${message.line}: ${message.ruleId}: ${message.message}`)
    );
    expect(breaches).toEqual([]);
  });
});
