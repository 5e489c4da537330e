// Builds the Google Sheets add-on's Apps Script project: dist/sheets/Code.js and
// dist/sheets/appsscript.json (or into --out DIR). Code.js is src/hosts/sheets/index.ts bundled
// by esbuild as one global namespace, OkrStudio, followed by a top-level function declaration for
// each custom function, with its JSDoc and @customfunction (Sheets reads these for autocomplete;
// esbuild drops comments, so they are generated here from the functions' descriptions), and one
// for each of the namespace's SCRIPT_FUNCTIONS (the menu and the simple triggers). Apps Script
// sees only top-level declarations. See docs/google-sheets.md.
import { build } from "esbuild";
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { runInNewContext } from "node:vm";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const NAMESPACE = "OkrStudio";

/**
 * The narrowest scopes that work: the custom functions need none; the menu and the sidebar need
 * script.container.ui; writing the workbook and check-ins needs the current spreadsheet only.
 */
export const OAUTH_SCOPES = [
  "https://www.googleapis.com/auth/spreadsheets.currentonly",
  "https://www.googleapis.com/auth/script.container.ui",
];

const MANIFEST = {
  // The script's own zone: dates are read in the spreadsheet's zone (src/hosts/sheets/index.ts).
  timeZone: "Etc/GMT",
  dependencies: {},
  exceptionLogging: "STACKDRIVER",
  runtimeVersion: "V8",
  oauthScopes: OAUTH_SCOPES,
};

/** Text for a JSDoc line: a star and a slash together would end the comment early. */
const docText = (text) => text.replace(/\*\//g, "*\u200b/");

/** The top-level declaration of one custom function, its JSDoc block directly above it. */
function customFunctionDeclaration({ name, summary, parameters, returns }) {
  const lines = [
    "/**",
    ` * ${docText(summary)}`,
    ...parameters.map(
      (parameter) =>
        ` * @param {any} ${parameter.name} ${parameter.optional ? "Optional. " : ""}${docText(parameter.description)}`
    ),
    ` * @return ${docText(returns)}`,
    " * @customfunction",
    " */",
    `function ${name}(${parameters.map((parameter) => parameter.name).join(", ")}) {`,
    `  return ${NAMESPACE}.${name}.apply(null, arguments);`,
    "}",
  ];
  return lines.join("\n");
}

function scriptFunctionDeclaration(name) {
  return `function ${name}() {\n  return ${NAMESPACE}.${name}.apply(null, arguments);\n}`;
}

/** Bundles the entry and returns the text of Code.js. */
export async function codeJs() {
  const bundled = await build({
    entryPoints: [join(root, "src/hosts/sheets/index.ts")],
    bundle: true,
    format: "iife",
    globalName: NAMESPACE,
    // Apps Script's V8 runtime; es2019 also lowers ?. and ?? for it.
    target: "es2019",
    platform: "neutral",
    write: false,
    legalComments: "none",
    logLevel: "warning",
  });
  const bundle = bundled.outputFiles[0].text;
  // The entry has no side effects on load, so it can be run here to read what to declare.
  const context = {};
  runInNewContext(bundle, context, { timeout: 10_000 });
  const namespace = context[NAMESPACE];
  const declarations = [
    ...namespace.declarations().map(customFunctionDeclaration),
    ...namespace.SCRIPT_FUNCTIONS.map(scriptFunctionDeclaration),
  ];
  return `${bundle}\n${declarations.join("\n\n")}\n`;
}

export async function buildSheets(outdir) {
  mkdirSync(outdir, { recursive: true });
  // Only these two files: anything else in the folder (a user's file) is left alone.
  writeFileSync(join(outdir, "Code.js"), await codeJs());
  writeFileSync(join(outdir, "appsscript.json"), `${JSON.stringify(MANIFEST, null, 2)}\n`);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const { values } = parseArgs({ options: { out: { type: "string" } } });
  const outdir = resolve(values.out ?? join(root, "dist", "sheets"));
  await buildSheets(outdir);
  console.log(`Apps Script project written to ${relative(process.cwd(), outdir) || "."}`);
  if (!values.out && !existsSync(join(root, ".clasp.json"))) {
    console.log(
      `To push it with clasp, make ${join(root, ".clasp.json")} (it is not tracked):\n` +
        `  { "scriptId": "<your script's id>", "rootDir": "dist/sheets" }\n` +
        "then run npm run push:sheets. See docs/google-sheets.md."
    );
  }
}
