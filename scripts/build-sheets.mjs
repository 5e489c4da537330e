// Builds the Google Sheets add-on's Apps Script project: dist/sheets/Code.js and
// dist/sheets/appsscript.json (or into --out DIR). Code.js is src/hosts/sheets/index.ts bundled
// by esbuild as one global namespace, OkrStudio, followed by a top-level function declaration for
// each custom function, with its JSDoc and @customfunction (Sheets reads these for autocomplete;
// esbuild drops comments, so they are generated here from the functions' descriptions), and one
// for each of the namespace's SCRIPT_FUNCTIONS (the menu and the simple triggers). Apps Script
// sees only top-level declarations. It also writes dist/sheets/Sidebar.html, the sidebar: one
// self-contained page, the pane's script (src/taskpane/sheets/index.tsx) and CSS inlined; and a
// help page per function, Help-score.html and so on (the add-in's help pages, from the same
// renderer, scripts/docs/help.ts, with the Sheets names and help.css inlined), which the server
// function showHelp opens in a dialog. See docs/google-sheets.md.
import { build } from "esbuild";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { runInNewContext } from "node:vm";
import { withTypeScript } from "./load-ts.mjs";

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

/** Script text safe inside a <script> element: no "</script" (nor "<!--") can end it early. */
const inlineScript = (text) => text.replace(/<(\/script|!--)/gi, "\\x3c$1");

const SOURCE_EXTENSIONS = [".ts", ".tsx"];

/**
 * Our relative imports resolved by their exact case, .ts before .tsx as webpack does: esbuild
 * matches file names case-insensitively, so "./insertForm" would find InsertForm.tsx (the form's
 * component, beside insertForm.ts, its logic).
 */
const exactCaseSources = {
  name: "exact-case-sources",
  setup(plugin) {
    plugin.onResolve({ filter: /^\.\.?\// }, ({ path, resolveDir }) => {
      const base = join(resolveDir, path);
      for (const extension of SOURCE_EXTENSIONS)
        if (existsSync(base + extension)) return { path: base + extension };
      return undefined;
    });
  },
};

/**
 * The text of Sidebar.html. HtmlService serves one file per page (createHtmlOutputFromFile), in a
 * sandboxed iframe: so one bundle, no splitting (esbuild inlines the features' dynamic imports),
 * and the CSS in a <style> element. Nothing is fetched from anywhere.
 */
export async function sidebarHtml() {
  const bundled = await build({
    entryPoints: [join(root, "src/taskpane/sheets/index.tsx")],
    bundle: true,
    format: "iife",
    splitting: false,
    minify: true,
    target: "es2020",
    platform: "browser",
    jsx: "automatic",
    plugins: [exactCaseSources],
    define: { "process.env.NODE_ENV": '"production"' },
    write: false,
    legalComments: "none",
    logLevel: "warning",
  });
  const script = bundled.outputFiles[0].text;
  const css = readFileSync(join(root, "src/taskpane/taskpane.css"), "utf8");
  return [
    "<!doctype html>",
    '<html lang="en">',
    "<head>",
    '<meta charset="UTF-8" />',
    '<meta name="viewport" content="width=device-width, initial-scale=1" />',
    '<meta name="color-scheme" content="light dark" />',
    "<title>OKR Studio</title>",
    // No icon to fetch: the page asks for nothing beyond itself.
    '<link rel="icon" href="data:," />',
    `<style>${css.replace(/<\/style/gi, "<\\/style")}</style>`,
    "</head>",
    "<body>",
    '<div id="container"></div>',
    `<script>${inlineScript(script)}</script>`,
    "</body>",
    "</html>",
    "",
  ].join("\n");
}

/**
 * The functions' help pages as Apps Script files: [{ file: "Help-score.html", content }], each one
 * self-contained (HtmlService serves a file alone), rendered by the help pages' generator.
 */
export async function helpFiles() {
  const stylesheet = readFileSync(join(root, "src/help/help.css"), "utf8");
  return withTypeScript("sheets-help", async (load) => {
    const { sheetsHelpPages } = await load("scripts/docs/help.ts");
    return sheetsHelpPages(stylesheet).map(({ file, content }) => ({ file, content }));
  });
}

export async function buildSheets(outdir) {
  mkdirSync(outdir, { recursive: true });
  const [code, sidebar, help] = await Promise.all([codeJs(), sidebarHtml(), helpFiles()]);
  // Only these files: anything else in the folder (a user's file) is left alone.
  writeFileSync(join(outdir, "Code.js"), code);
  writeFileSync(join(outdir, "appsscript.json"), `${JSON.stringify(MANIFEST, null, 2)}\n`);
  writeFileSync(join(outdir, "Sidebar.html"), sidebar);
  for (const { file, content } of help) writeFileSync(join(outdir, file), content);
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
