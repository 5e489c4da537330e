import {
  COMMON_RULES,
  type ArgumentDescription,
  type ErrorCase,
  type Example,
  FUNCTION_DESCRIPTIONS,
  type FunctionDescription,
  type FunctionId,
  type FunctionSpelling,
  formulaOf,
  functionNameOf,
  gridText,
  helpPageOf,
  INDEX_LEAD,
  referencesText,
  type ResultCell,
  resultCellText,
  type RuleBlock,
  spillText,
  syntaxOf,
} from "../../src/functions/descriptions";
import { helpFileOf } from "../../src/hosts/sheets/help";
import { contentSecurityPolicy } from "../csp.cjs";
import type { GeneratedFile } from "./index";

/*
 * The worksheet functions' help pages, src/help/<id>.html and src/help/index.html, written from
 * src/functions/descriptions.ts (the stylesheet, src/help/help.css, is kept by hand). Pure: it
 * returns the pages; scripts/docs.mjs writes them. The same pages with the Google Sheets names,
 * each one self-contained file, go into the Apps Script project (sheetsHelpPages, written by
 * scripts/build-sheets.mjs).
 */

const HELP_DIR = "src/help";

/** Escapes text for HTML content and double-quoted attribute values. */
export function escapeHtml(text: string): string {
  return text
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;");
}

const KNOWN_IDS = new Set<string>(FUNCTION_DESCRIPTIONS.map((fn) => fn.id));

/**
 * A function named in a page: a link to its page in the help folder; in Google Sheets, where each
 * page is a dialog of its own with nothing beside it to link to, its name alone.
 */
function functionLink(id: string, spelling: FunctionSpelling = "excel"): string {
  if (!KNOWN_IDS.has(id)) throw new Error(`[OKR.${id}] names no OKR function`);
  const name = functionNameOf(id as FunctionId, spelling);
  return spelling === "sheets" ? name : `<a href="${helpPageOf(id as FunctionId)}">${name}</a>`;
}

const MARKUP = /`([^`]+)`|\*\*([^*]+)\*\*|\[OKR\.([A-Z]+)\]/g;

/**
 * The descriptions' markup as HTML: `code`, **strong** and [OKR.ID] links (names as `spelling`
 * spells them, links only in the add-in's help folder); the rest escaped.
 */
export function inline(markup: string, spelling: FunctionSpelling = "excel"): string {
  let html = "";
  let last = 0;
  for (const match of markup.matchAll(MARKUP)) {
    html += escapeHtml(markup.slice(last, match.index));
    const [, code, strong, id] = match;
    if (code !== undefined) html += `<code>${escapeHtml(code)}</code>`;
    else if (strong !== undefined) html += `<strong>${escapeHtml(strong)}</strong>`;
    else html += functionLink(id, spelling);
    last = match.index + match[0].length;
  }
  return html + escapeHtml(markup.slice(last));
}

/** Lines indented by `depth` levels of two spaces. */
function indent(depth: number, lines: string[]): string[] {
  const pad = "  ".repeat(depth);
  return lines.map((line) => (line === "" ? "" : pad + line));
}

/**
 * How a page is made: for the add-in's help folder (Excel's names, help.css linked, the CSP, a link
 * to the index), or for Google Sheets (its names, the stylesheet's text inlined: HtmlService serves
 * one file, in its own sandboxed frame, so the page links to nothing and loads nothing).
 */
type Rendering = { spelling: "excel" } | { spelling: "sheets"; stylesheet: string };

const EXCEL: Rendering = { spelling: "excel" };

/** A stylesheet's text safe inside a <style> element. */
const inlineStyle = (css: string) => css.replace(/<\/style/gi, "<\\/style");

function page(title: string, nav: boolean, body: string[], rendering: Rendering = EXCEL): string {
  const sheets = rendering.spelling === "sheets";
  const policy = escapeHtml(contentSecurityPolicy("help"));
  return [
    "<!doctype html>",
    '<html lang="en">',
    "  <head>",
    '    <meta charset="UTF-8" />',
    ...(sheets ? [] : [`    <meta http-equiv="Content-Security-Policy" content="${policy}" />`]),
    '    <meta name="viewport" content="width=device-width, initial-scale=1" />',
    `    <title>${escapeHtml(title)} · OKR Studio help</title>`,
    sheets
      ? `    <style>\n${inlineStyle(rendering.stylesheet).trimEnd()}\n    </style>`
      : '    <link rel="stylesheet" href="help.css" />',
    "  </head>",
    "  <body>",
    ...(nav && !sheets
      ? ['    <nav aria-label="OKR Studio help"><a href="index.html">All OKR functions</a></nav>']
      : []),
    "    <main>",
    ...indent(3, body),
    "    </main>",
    "  </body>",
    "</html>",
    "",
  ].join("\n");
}

/** A table with column headers; the first cell of each row heads its row. Cells are HTML. */
function table(head: string[], rows: string[][], rowHeaders = true): string[] {
  return [
    "<table>",
    "  <thead>",
    "    <tr>",
    ...head.map((cell) => `      <th scope="col">${cell}</th>`),
    "    </tr>",
    "  </thead>",
    "  <tbody>",
    ...rows.flatMap((row) => [
      "    <tr>",
      ...row.map((cell, index) =>
        index === 0 && rowHeaders ? `      <th scope="row">${cell}</th>` : `      <td>${cell}</td>`
      ),
      "    </tr>",
    ]),
    "  </tbody>",
    "</table>",
  ];
}

function ruleBlock(block: RuleBlock, spelling: FunctionSpelling): string[] {
  const html = (markup: string) => inline(markup, spelling);
  if ("paragraph" in block) return [`<p>${html(block.paragraph)}</p>`];
  if ("list" in block)
    return ["<ul>", ...block.list.map((item) => `  <li>${html(item)}</li>`), "</ul>"];
  return table(
    block.table.head.map(html),
    block.table.rows.map((row) => row.map(html))
  );
}

function resultCellHtml(result: ResultCell): string {
  if (result === null) return '<span class="muted">(empty)</span>';
  if (typeof result === "object" && "error" in result) {
    const code = `<code class="error">${escapeHtml(result.error)}</code>`;
    return result.message === undefined
      ? code
      : `${code} <span class="muted">${escapeHtml(result.message)}</span>`;
  }
  return escapeHtml(resultCellText(result));
}

function resultHtml(result: Example["result"]): string {
  if (!Array.isArray(result)) return resultCellHtml(result);
  return `${escapeHtml(spillText(result))}: ${gridText(result, resultCellHtml)}`;
}

function exampleRow(
  fn: FunctionDescription,
  example: Example,
  spelling: FunctionSpelling
): string[] {
  const formula = `<code>${escapeHtml(formulaOf(fn.id, example.args, spelling))}</code>`;
  const cells = referencesText(example.args).map(
    (text) => `<br /><span class="muted">${escapeHtml(text)}</span>`
  );
  return [formula + cells.join(""), resultHtml(example.result), inline(example.why, spelling)];
}

function errorRow(error: ErrorCase, spelling: FunctionSpelling): string[] {
  const codes = [...error.codes, ...(error.more ? ["…"] : [])].join(", ");
  return [
    `<code class="error">${escapeHtml(codes)}</code>`,
    inline(error.when, spelling),
    `<code>${escapeHtml(error.example.message)}</code>`,
  ];
}

function seeAlso(ids: FunctionId[], spelling: FunctionSpelling): string {
  const links = ids.map((id) => functionLink(id, spelling));
  const list =
    links.length === 1
      ? links[0]
      : `${links.slice(0, -1).join(", ")} and ${links[links.length - 1]}`;
  return `<footer class="muted">See also ${list}.</footer>`;
}

/**
 * How an error shows in Google Sheets, where a custom function can only throw (the whole result
 * #ERROR!) or return text (docs/google-sheets.md#errors): said above the errors' table there.
 */
const SHEETS_ERRORS =
  "In Google Sheets, an error of a one-cell result shows as `#ERROR!`, with the code and the message below shown when the pointer rests on the cell; in a result spilled over several cells, the cell concerned holds the code and the message as text, such as `#VALUE! target equals baseline (72)`, and the other cells compute.";

function functionPage(fn: FunctionDescription, rendering: Rendering = EXCEL): string {
  const { spelling } = rendering;
  const html = (markup: string) => inline(markup, spelling);
  const name = functionNameOf(fn.id, spelling);
  const help = (arg: ArgumentDescription) =>
    spelling === "sheets" && arg.sheets !== undefined ? arg.sheets.help : arg.help;
  return page(
    name,
    true,
    [
      `<h1>${name}</h1>`,
      `<p class="lead">${html(fn.lead)}</p>`,
      "",
      "<h2>Syntax</h2>",
      `<pre><code>${escapeHtml(syntaxOf(fn, spelling))}</code></pre>`,
      "",
      "<h2>Arguments</h2>",
      "<dl>",
      ...fn.arguments.flatMap((arg) => [
        `  <dt><code>${escapeHtml(arg.name)}</code>${arg.optional ? ' <span class="muted">(optional)</span>' : ""}</dt>`,
        `  <dd>${html(help(arg))}</dd>`,
      ]),
      "</dl>",
      "",
      "<h2>Rules</h2>",
      ...fn.rules.flatMap((block) => ruleBlock(block, spelling)),
      "",
      "<h2>Examples</h2>",
      ...(fn.examplesNote === undefined ? [] : [`<p>${html(fn.examplesNote)}</p>`]),
      ...table(
        ["Formula", "Result", "Why"],
        fn.examples.map((example) => exampleRow(fn, example, spelling))
      ),
      "",
      "<h2>Errors</h2>",
      ...(spelling === "sheets" ? [`<p>${html(SHEETS_ERRORS)}</p>`] : []),
      ...table(
        ["Result", "When", "Message shown (example)"],
        fn.errors.map((error) => errorRow(error, spelling)),
        false
      ),
      seeAlso(fn.seeAlso, spelling),
    ],
    rendering
  );
}

function indexPage(): string {
  return page("OKR functions", false, [
    "<h1>OKR Studio worksheet functions</h1>",
    `<p class="lead">${inline(INDEX_LEAD)}</p>`,
    ...table(
      ["Function", "What it gives"],
      FUNCTION_DESCRIPTIONS.map((fn) => [
        `<a href="${helpPageOf(fn.id)}"><code>${escapeHtml(syntaxOf(fn).slice(1))}</code></a>`,
        escapeHtml(fn.short),
      ])
    ),
    "",
    "<h2>Common rules</h2>",
    "<ul>",
    ...COMMON_RULES.map((rule) => `  <li>${inline(rule)}</li>`),
    "</ul>",
  ]);
}

/** The help pages: index.html, then one page per function in the descriptions' order. */
export function helpPages(): GeneratedFile[] {
  return [
    { path: `${HELP_DIR}/index.html`, content: indexPage() },
    ...FUNCTION_DESCRIPTIONS.map((fn) => ({
      path: `${HELP_DIR}/${helpPageOf(fn.id)}`,
      content: functionPage(fn),
    })),
  ];
}

/** A help page as a file of the Google Sheets add-on's Apps Script project. */
export interface SheetsHelpPage {
  id: FunctionId;
  /** The file's name in the project, Help-score.html (createHtmlOutputFromFile("Help-score")). */
  file: string;
  content: string;
}

/**
 * The functions' help pages for Google Sheets, one per function in the descriptions' order, with
 * the Sheets names and `stylesheet` (help.css's text: this module reads no file) inlined.
 */
export function sheetsHelpPages(stylesheet: string): SheetsHelpPage[] {
  return FUNCTION_DESCRIPTIONS.map((fn) => ({
    id: fn.id,
    file: `${helpFileOf(fn.id)}.html`,
    content: functionPage(fn, { spelling: "sheets", stylesheet }),
  }));
}
