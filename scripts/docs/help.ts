import {
  COMMON_RULES,
  type ErrorCase,
  type Example,
  FUNCTION_DESCRIPTIONS,
  type FunctionDescription,
  type FunctionId,
  formulaOf,
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
import { contentSecurityPolicy } from "../csp.cjs";
import type { GeneratedFile } from "./index";

/*
 * The worksheet functions' help pages, src/help/<id>.html and src/help/index.html, written from
 * src/functions/descriptions.ts (the stylesheet, src/help/help.css, is kept by hand). Pure: it
 * returns the pages; scripts/docs.mjs writes them.
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

function functionLink(id: string): string {
  if (!KNOWN_IDS.has(id)) throw new Error(`[OKR.${id}] names no OKR function`);
  return `<a href="${helpPageOf(id as FunctionId)}">OKR.${id}</a>`;
}

const MARKUP = /`([^`]+)`|\*\*([^*]+)\*\*|\[OKR\.([A-Z]+)\]/g;

/** The descriptions' markup as HTML: `code`, **strong** and [OKR.ID] links; the rest escaped. */
export function inline(markup: string): string {
  let html = "";
  let last = 0;
  for (const match of markup.matchAll(MARKUP)) {
    html += escapeHtml(markup.slice(last, match.index));
    const [, code, strong, id] = match;
    if (code !== undefined) html += `<code>${escapeHtml(code)}</code>`;
    else if (strong !== undefined) html += `<strong>${escapeHtml(strong)}</strong>`;
    else html += functionLink(id);
    last = match.index + match[0].length;
  }
  return html + escapeHtml(markup.slice(last));
}

/** Lines indented by `depth` levels of two spaces. */
function indent(depth: number, lines: string[]): string[] {
  const pad = "  ".repeat(depth);
  return lines.map((line) => (line === "" ? "" : pad + line));
}

function page(title: string, nav: boolean, body: string[]): string {
  return [
    "<!doctype html>",
    '<html lang="en">',
    "  <head>",
    '    <meta charset="UTF-8" />',
    `    <meta http-equiv="Content-Security-Policy" content="${escapeHtml(contentSecurityPolicy("help"))}" />`,
    '    <meta name="viewport" content="width=device-width, initial-scale=1" />',
    `    <title>${escapeHtml(title)} · OKR Studio help</title>`,
    '    <link rel="stylesheet" href="help.css" />',
    "  </head>",
    "  <body>",
    ...(nav
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

function ruleBlock(block: RuleBlock): string[] {
  if ("paragraph" in block) return [`<p>${inline(block.paragraph)}</p>`];
  if ("list" in block)
    return ["<ul>", ...block.list.map((item) => `  <li>${inline(item)}</li>`), "</ul>"];
  return table(
    block.table.head.map(inline),
    block.table.rows.map((row) => row.map(inline))
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

function exampleRow(fn: FunctionDescription, example: Example): string[] {
  const formula = `<code>${escapeHtml(formulaOf(fn.id, example.args))}</code>`;
  const cells = referencesText(example.args).map(
    (text) => `<br /><span class="muted">${escapeHtml(text)}</span>`
  );
  return [formula + cells.join(""), resultHtml(example.result), inline(example.why)];
}

function errorRow(error: ErrorCase): string[] {
  const codes = [...error.codes, ...(error.more ? ["…"] : [])].join(", ");
  return [
    `<code class="error">${escapeHtml(codes)}</code>`,
    inline(error.when),
    `<code>${escapeHtml(error.example.message)}</code>`,
  ];
}

function seeAlso(ids: FunctionId[]): string {
  const links = ids.map(functionLink);
  const list =
    links.length === 1
      ? links[0]
      : `${links.slice(0, -1).join(", ")} and ${links[links.length - 1]}`;
  return `<footer class="muted">See also ${list}.</footer>`;
}

function functionPage(fn: FunctionDescription): string {
  const name = `OKR.${fn.id}`;
  return page(name, true, [
    `<h1>${name}</h1>`,
    `<p class="lead">${inline(fn.lead)}</p>`,
    "",
    "<h2>Syntax</h2>",
    `<pre><code>${escapeHtml(syntaxOf(fn))}</code></pre>`,
    "",
    "<h2>Arguments</h2>",
    "<dl>",
    ...fn.arguments.flatMap((arg) => [
      `  <dt><code>${escapeHtml(arg.name)}</code>${arg.optional ? ' <span class="muted">(optional)</span>' : ""}</dt>`,
      `  <dd>${inline(arg.help)}</dd>`,
    ]),
    "</dl>",
    "",
    "<h2>Rules</h2>",
    ...fn.rules.flatMap(ruleBlock),
    "",
    "<h2>Examples</h2>",
    ...(fn.examplesNote === undefined ? [] : [`<p>${inline(fn.examplesNote)}</p>`]),
    ...table(
      ["Formula", "Result", "Why"],
      fn.examples.map((example) => exampleRow(fn, example))
    ),
    "",
    "<h2>Errors</h2>",
    ...table(["Result", "When", "Message shown (example)"], fn.errors.map(errorRow), false),
    seeAlso(fn.seeAlso),
  ]);
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
