import type {
  Alignment,
  KeyResult,
  KeyResultValue,
  Note,
  Objective,
  Plan,
  PlanStatus,
} from "./model";
import { planStatusNamed } from "./model";
import { cleanKeyResultText, parseKeyResult } from "./parser";
import { MILESTONE_DONE_WORDS, MILESTONE_NOT_DONE_WORDS, type OkrKind } from "./thresholds";

/**
 * Plain-text import: reads an OKR document (markdown) into plans. Every line that is not blank, a
 * `---` rule or a `↓` arrow is either placed in a plan or reported as a problem with its line
 * number; nothing is dropped silently.
 *
 * It reads the framework's format and the shapes teams publish (docs/cli.md lists them):
 * objectives as `Objective:` headings or lines, numbered team headings (`### 1. CEO: …`),
 * `<Team> Objective - …` headings, list items (`* **Objective:** …`, `- **O: …**`, bold items
 * `1. **CEO: …**` nested at any depth), and, where none of those is written, plain headings and
 * bold lines with a list right below them; key results as list items (nested or not, under a
 * `**Key Results:**` line or item or a `Key Results` heading, whose sub-headings or paragraphs are
 * the key results when it has no list), and tables (the dashboard, Objective / Key result / Owner /
 * Score tables, spreadsheet exports with `**1 Title**` objective rows, Result / Status tables under
 * an objective). A team before an objective's title (`CEO:`) becomes its owner. A document that is
 * only a list of key results becomes one objective. Scores (a Score or End-Q column, a percentage
 * in a Status cell, an `EOQ score: 0.7` sub-item) are recorded scores, never targets.
 */

/**
 * What a problem means for the plan:
 * - "heading": a heading with no objectives under it. In a document of several sections that is
 *   usually prose structure (an introduction, a guide), so a report may leave it out.
 * - "unplaced": a block of text (prose, a list, a table, a code block) that is part of no
 *   objective, or of no key result or notes block of its objective. Nothing of the plan is lost
 *   unless the block held OKR content written in a way the importer does not know.
 * - "fault": a line of OKR content that could not be used as written: a value not understood
 *   (and what is used instead), a field given twice or in the wrong place, key results or
 *   alignment lines with no objective, a dashboard row that cannot be read.
 */
export type ImportProblemKind = "heading" | "unplaced" | "fault";

export interface ImportProblem {
  /** 1-based line number of the first line of the block that could not be placed. */
  line: number;
  kind: ImportProblemKind;
  message: string;
  /** That first line, trimmed. */
  text: string;
}

export interface ImportedPlan {
  /** The heading of the section the plan came from; null when no heading stands above it. */
  title: string | null;
  /** The line of that heading, or of the plan's first objective when there is none. */
  line: number;
  plan: Plan;
}

export interface ImportResult {
  plans: ImportedPlan[];
  problems: ImportProblem[];
}

// ---------------------------------------------------------------------------------------------
// Lines → tokens. Every regular expression below is anchored, and none has two adjacent
// quantifiers over the same characters, so a very long line costs linear time.

interface TableRow {
  line: number;
  raw: string;
  cells: string[];
}

type Token =
  | { kind: "blank" | "rule" | "arrow"; line: number; raw: string }
  | { kind: "heading"; line: number; raw: string; level: number; text: string }
  | { kind: "field"; line: number; raw: string; label: string; value: string }
  | { kind: "item"; line: number; raw: string; indent: number; body: string }
  | { kind: "prose"; line: number; raw: string; indent: number }
  | { kind: "code"; line: number; raw: string; lines: string[] }
  | { kind: "front"; line: number; raw: string; lines: string[] }
  | { kind: "table"; line: number; raw: string; rows: TableRow[] };

const FENCE = /^ {0,3}(`{3,}|~{3,})/;
const HEADING = /^ {0,3}(#{1,6})(?:[ \t]+(.*))?$/;
const RULE = /^ {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$/;
const ARROW = /^[ \t]*[↓⬇⇓]\uFE0F?[ \t]*$/u;
const TABLE_ROW = /^[ \t]*\|/;
const ITEM = /^([ \t]*)([-*+]|\d{1,9}[.)])(?:[ \t]+(.*))?$/;
/** `**Label:** value` or `**Label**: value`. */
const FIELD = /^(\*\*|__)([^*_]+?)(?::[ \t]*\1|\1[ \t]*:)[ \t]*(.*)$/;
const TABLE_SEPARATOR = /^:?-+:?$/;
/** The underline of a setext heading of level 1 (`Title` then `===`). */
const SETEXT_UNDERLINE = /^ {0,3}=+[ \t]*$/;
const FRONT_MATTER_END = /^(?:---|\.\.\.)[ \t]*$/;
/** Lines of YAML front matter: `key: value`, `- item`, indented or blank lines. */
const YAML_KEY = /^[A-Za-z_][\w-]*:(?:[ \t]|$)/;
const YAML_LINE = /^(?:[A-Za-z_][\w-]*:(?:[ \t]|$)|[ \t]|-[ \t]|$)/;

function indentOf(raw: string): number {
  let width = 0;
  for (const ch of raw) {
    if (ch === " ") width += 1;
    else if (ch === "\t") width += 4 - (width % 4);
    else break;
  }
  return width;
}

function readField(text: string): { label: string; value: string } | null {
  const match = FIELD.exec(text.trim());
  if (!match) return null;
  return { label: match[2].trim(), value: match[3].trim() };
}

function tableCells(raw: string): string[] {
  let text = raw.trim();
  if (text.startsWith("|")) text = text.slice(1);
  if (text.endsWith("|") && !text.endsWith("\\|")) text = text.slice(0, -1);
  return text.split(/(?<!\\)\|/).map((cell) => cell.trim());
}

/** Removes a heading's optional closing `#`s ("## Title ##"). */
function withoutClosingHashes(text: string): string {
  let end = text.length;
  while (end > 0 && text[end - 1] === "#") end--;
  if (end === text.length || (end > 0 && text[end - 1] !== " " && text[end - 1] !== "\t")) {
    return text;
  }
  return text.slice(0, end).trimEnd();
}

/** Whether a line is one that ends a list item's wrapped text (it is a block of its own). */
function startsBlock(raw: string): boolean {
  return (
    raw.trim() === "" ||
    FENCE.test(raw) ||
    HEADING.test(raw) ||
    RULE.test(raw) ||
    ARROW.test(raw) ||
    TABLE_ROW.test(raw) ||
    ITEM.test(raw) ||
    readField(raw) !== null
  );
}

function tokenize(text: string): Token[] {
  const lines = text.split(/\r\n|\r|\n/);
  const tokens: Token[] = [];
  let i = 0;
  // YAML front matter (`---` on the first line, up to the next `---` or `...`): page metadata.
  if (lines.length > 1 && /^---[ \t]*$/.test(lines[0]) && YAML_KEY.test(lines[1])) {
    let end = 1;
    while (end < lines.length && YAML_LINE.test(lines[end])) end++;
    if (end < lines.length && FRONT_MATTER_END.test(lines[end])) {
      tokens.push({ kind: "front", line: 1, raw: lines[0], lines: lines.slice(1, end) });
      i = end + 1;
    }
  }
  while (i < lines.length) {
    const raw = lines[i];
    const line = i + 1;
    const fence = FENCE.exec(raw);
    if (fence) {
      const mark = fence[1];
      const body: string[] = [];
      i++;
      while (i < lines.length) {
        const close = /^ {0,3}(`{3,}|~{3,})[ \t]*$/.exec(lines[i]);
        if (close && close[1][0] === mark[0] && close[1].length >= mark.length) break;
        body.push(lines[i]);
        i++;
      }
      i++; // the closing fence, or past the end when the block is never closed
      tokens.push({ kind: "code", line, raw, lines: body });
      continue;
    }
    i++;
    if (raw.trim() === "") {
      tokens.push({ kind: "blank", line, raw });
      continue;
    }
    const heading = HEADING.exec(raw);
    if (heading) {
      const title = stripEmphasis(withoutClosingHashes((heading[2] ?? "").trim()));
      tokens.push({ kind: "heading", line, raw, level: heading[1].length, text: title });
      continue;
    }
    if (RULE.test(raw)) {
      tokens.push({ kind: "rule", line, raw });
      continue;
    }
    if (ARROW.test(raw)) {
      tokens.push({ kind: "arrow", line, raw });
      continue;
    }
    if (TABLE_ROW.test(raw)) {
      const rows: TableRow[] = [{ line, raw, cells: tableCells(raw) }];
      while (i < lines.length && TABLE_ROW.test(lines[i])) {
        rows.push({ line: i + 1, raw: lines[i], cells: tableCells(lines[i]) });
        i++;
      }
      tokens.push({ kind: "table", line, raw, rows });
      continue;
    }
    const item = ITEM.exec(raw);
    if (item) {
      const indent = indentOf(raw);
      const first = (item[3] ?? "").trim();
      // Wrapped text: the lines right below, indented further, that start no block of their own,
      // joined once (not appended line by line: a long item stays linear, issue 12).
      const wrapped = first === "" ? [] : [first];
      while (i < lines.length && indentOf(lines[i]) > indent && !startsBlock(lines[i])) {
        const part = lines[i].trim();
        if (part !== "") wrapped.push(part);
        i++;
      }
      tokens.push({ kind: "item", line, raw, indent, body: wrapped.join(" ") });
      continue;
    }
    const indent = indentOf(raw);
    const field = indent <= 3 ? readField(raw) : null;
    if (field) {
      tokens.push({ kind: "field", line, raw, ...field });
      continue;
    }
    if (indent <= 3 && i < lines.length && SETEXT_UNDERLINE.test(lines[i])) {
      i++;
      tokens.push({ kind: "heading", line, raw, level: 1, text: stripEmphasis(raw.trim()) });
      continue;
    }
    tokens.push({ kind: "prose", line, raw, indent });
  }
  return tokens;
}

// ---------------------------------------------------------------------------------------------
// Text helpers.

/** Removes `**bold**`, `__bold__`, `*italic*` and `_italic_` markup, keeping the words. */
function stripEmphasis(text: string): string {
  return text
    .replace(/\*\*([^*\s](?:[^*]*[^*\s])?)\*\*/g, "$1")
    .replace(/__([^_\s](?:[^_]*[^_\s])?)__/g, "$1")
    .replace(/(^|[^\w*])\*([^*\s](?:[^*]*[^*\s])?)\*(?![\w*])/g, "$1$2")
    .replace(/(^|[^\w_])_([^_\s](?:[^_]*[^_\s])?)_(?![\w_])/g, "$1$2");
}

// Emoji shown as pictures, plus the few status marks that need a variation selector; not ™ or ©.
const STATUS_MARK = /[\p{Emoji_Presentation}\u2714\u2611\u26A0\u2716]/u;

function isMarkOrSpace(char: string): boolean {
  return STATUS_MARK.test(char) || char === "\uFE0F" || char === "\u200D" || char.trim() === "";
}

/** Removes status marks (✅ 🟡 ❌ 🟢 🔴 and the like) at either end of a text. */
function stripStatusMarks(text: string): string {
  const chars = Array.from(text);
  let start = 0;
  let end = chars.length;
  while (start < end && isMarkOrSpace(chars[start])) start++;
  while (end > start && isMarkOrSpace(chars[end - 1])) end--;
  return chars.slice(start, end).join("");
}

/** `[text](target)` and `![alt](image)` keep only their text. */
function withoutLinkTargets(text: string): string {
  return text.replace(/!?\[([^[\]]*)\]\([^()[\]\s]*\)/g, "$1");
}

function cleanText(text: string): string {
  return stripStatusMarks(stripEmphasis(withoutLinkTargets(text)))
    .replace(/\s+/g, " ")
    .trim();
}

/** A title: clean text without the backticks some teams wrap it in (`` `Launch X` ``). */
function cleanTitle(text: string): string {
  const clean = cleanText(text);
  const code = /^`([^`]+)`$/.exec(clean);
  return code ? code[1].trim() : clean;
}

/** A key result's sentence without checkbox, status marks, emphasis and link targets. */
function keyResultText(body: string): string {
  // A bold priority mark before the sentence (`**P0** - Ship it`) is not part of it.
  const text = body.replace(/^\*\*P\d\*\*[ \t]*[-–—:]?[ \t]*/, "");
  return stripStatusMarks(cleanKeyResultText(withoutLinkTargets(text))).trim();
}

/** The text of a line or list item that is bold as a whole (`**Grow revenue**`), else null. */
function wholeBold(text: string): string | null {
  const trimmed = stripStatusMarks(text.replace(/^\[[ xX]\][ \t]*/, "")).trim();
  const match = /^\*\*([^*]+)\*\*$|^__([^_]+)__$/.exec(trimmed);
  if (!match || readField(trimmed) !== null) return null;
  const inner = (match[1] ?? match[2]).trim();
  return inner === "" ? null : inner;
}

/**
 * A team or owner before an objective's title, `CEO: Grow revenue` or `Sales (Closing Deals):
 * Reach …`: at most five words before the first colon, no link or sentence in them. `O:` and
 * `Objective:` mark the objective and are no owner.
 */
function splitOwner(text: string): { owner: string | null; title: string } {
  const colon = text.indexOf(":");
  if (colon <= 0 || colon > 40) return { owner: null, title: text };
  const prefix = text.slice(0, colon).trim();
  const title = text.slice(colon + 1).trim();
  if (title === "" || /[[\].!?`]|https?/.test(prefix)) return { owner: null, title: text };
  if (/^(?:o|obj|objective)[ \t]*#?\d*$/i.test(prefix)) return { owner: null, title };
  if (prefix.split(/\s+/).length > 5) return { owner: null, title: text };
  return { owner: prefix, title };
}

/** A heading that names a period (`2019 Q4`, `Q1 2021 OKRs`, `FY23`, `2020 goals`). */
const PERIOD =
  /(?:^|[^\p{L}\p{N}])(?:q[1-4]|h[12]|fy[ \t-]?\d{2,4}|cy[ \t-]?\d{2,4}|(?:19|20)\d{2}|quarter(?:ly)?)(?![\p{L}\p{N}])/iu;

/**
 * A score written as a number (`0.7`, `0.`, `1`, `66%` as 0.66), or null; with `percentOnly`, only
 * a percentage counts (a Status cell, `🟨 66%`).
 */
function readScore(text: string, percentOnly = false): number | null {
  const match = /(?:^|[^\d.])(\d{1,3}(?:\.\d*)?|\.\d+)(%?)(?![\d.])/.exec(cleanText(text));
  if (!match || (percentOnly && match[2] !== "%")) return null;
  const value = Number(match[1]);
  if (!Number.isFinite(value)) return null;
  return match[2] === "%" ? Math.round(value * 100) / 10000 : value;
}

/** A note line without its list marker and emphasis, otherwise as written. */
function noteLine(token: { raw: string }): string {
  const text = token.raw.trim();
  const item = ITEM.exec(text);
  return stripEmphasis(item ? (item[3] ?? "").trim() : text);
}

function normalLabel(label: string): string {
  return label.trim().toLowerCase().replace(/\s+/g, " ");
}

/** The number a value states ("95%", "< 5%", "7.5K", "$1.2M", "1.0 (Green)"), read by the parser. */
function readNumber(text: string): { value: number; unit: string | null } | null {
  const cleaned = cleanText(text);
  if (cleaned === "") return null;
  const parsed = safeParse(cleaned);
  if (parsed === null || !parsed.measurable || parsed.target === null) return null;
  // The parser reads magnitudes; a leading minus sign is the value's own.
  const negative = /^[-−][ \t]*\d/.test(cleaned);
  return { value: negative ? -parsed.target : parsed.target, unit: parsed.unit };
}

function safeParse(text: string): ReturnType<typeof parseKeyResult> | null {
  try {
    return parseKeyResult(text);
  } catch {
    return null;
  }
}

function readStatus(text: string): PlanStatus | null {
  return planStatusNamed(cleanText(text));
}

const KIND_MARK = /\((committed|aspirational)\)/i;

function readKind(text: string): OkrKind | null {
  const wanted = cleanText(text).toLowerCase();
  return wanted === "committed" || wanted === "aspirational" ? wanted : null;
}

// ---------------------------------------------------------------------------------------------
// What marks an objective.

const OBJECTIVE_HEADING = /^objective(?:[ \t]*#?\d+)?[ \t]*(?::|[ \t][-–—][ \t])[ \t]*(.*)$/i;
const OBJECTIVE_LABEL = /^(?:ai )?(?:project )?objective(?: ?#?\d+)?$/;
const DASHBOARD_OBJECTIVE = /^obj(?:ective)?[ \t]*\d*[ \t]*:[ \t]*(.*)$/i;
const DASHBOARD_KEY_RESULT = /^kr[ \t]*[\d.]*[ \t]*:[ \t]*(.*)$/i;

function isObjectiveField(token: Token): boolean {
  return token.kind === "field" && OBJECTIVE_LABEL.test(normalLabel(token.label));
}

interface DashboardColumns {
  name: number;
  owner: number | null;
  quarters: [number, number, number, number];
  current: number | null;
}

/** The columns of an OKR dashboard table: Objective, Owner, Q1–Q4 Target, Current. */
function dashboardColumns(rows: TableRow[]): DashboardColumns | null {
  const header = rows[0].cells.map((cell) => normalLabel(stripEmphasis(cell)));
  const name = header.findIndex((cell) => /^(?:objective|okr|key result)/.test(cell));
  const quarters = [1, 2, 3, 4].map((q) =>
    header.findIndex((cell) => new RegExp(`^q${q}(?: target)?$`).test(cell))
  );
  if (name < 0 || quarters.some((column) => column < 0)) return null;
  const owner = header.findIndex((cell) => cell === "owner");
  const current = header.findIndex((cell) => cell === "current" || cell === "actual");
  return {
    name,
    owner: owner < 0 ? null : owner,
    quarters: quarters as [number, number, number, number],
    current: current < 0 ? null : current,
  };
}

function isDashboard(rows: TableRow[]): boolean {
  const columns = dashboardColumns(rows);
  return (
    columns !== null &&
    rows.some((row) => DASHBOARD_OBJECTIVE.test(stripEmphasis(row.cells[columns.name] ?? "")))
  );
}

/** A table row's first cell as an objective row of a spreadsheet export: `**1 Grow revenue**`. */
function objectiveRowTitle(row: TableRow): string | null {
  const bold = wholeBold(row.cells[0] ?? "");
  if (bold === null || row.cells.slice(1).some((cell) => cleanText(cell) !== "")) return null;
  const match = /^\d{1,3}[.):]?[ \t]+(\S.*)$/.exec(bold);
  return match ? match[1] : null;
}

const OBJECTIVE_COLUMN = /^(?:objectives?|obj)$/;
const KEY_RESULT_COLUMN = /^(?:key results?|krs?|results?)$/;
const SCORE_COLUMN =
  /^(?:end[- ]?q(?:uarter)?|eoq(?: score)?|final(?: score| grade)?|scores?|grade|q[1-4] score)$/;

interface OkrColumns {
  objective: number | null;
  keyResult: number;
  owner: number | null;
  score: number | null;
  status: number | null;
  progress: number | null;
}

/** The columns of a table of key results (Key result / Owner / Score), with or without Objective. */
function okrColumns(rows: TableRow[]): OkrColumns | null {
  const header = rows[0].cells.map((cell) => normalLabel(cleanText(cell)));
  const keyResult = header.findIndex((cell) => KEY_RESULT_COLUMN.test(cell));
  if (keyResult < 0) return null;
  const find = (pattern: RegExp) => {
    const column = header.findIndex((cell) => pattern.test(cell));
    return column < 0 ? null : column;
  };
  return {
    objective: find(OBJECTIVE_COLUMN),
    keyResult,
    owner: find(/^owners?$/),
    score: find(SCORE_COLUMN),
    status: find(/^status$/),
    progress: find(/^(?:progress(?: to date)?|current|actual)$/),
  };
}

/** A table that is a plan by itself: the dashboard, an Objective / Key result table, an export. */
function isPlanTable(rows: TableRow[]): boolean {
  if (rows.length < 2) return false;
  if (isDashboard(rows)) return true;
  const columns = okrColumns(rows);
  if (columns !== null && columns.objective !== null) return true;
  return rows.slice(1).some((row) => objectiveRowTitle(row) !== null);
}

/** `### 1. CEO: Grow revenue` and `#### Growth Objective - Find users`: the team is the owner. */
const NUMBERED_HEADING = /^\d{1,3}[.)][ \t]+(\S.*)$/;
const TEAM_OBJECTIVE_HEADING =
  /^([\p{L}][\p{L}\p{N}&/()' ]{0,40}?)[ \t]+objective[ \t]*(?::|[-–—][ \t])[ \t]*(\S.*)$/iu;

interface Titled {
  title: string;
  owner: string | null;
}

/** The objective a heading states in so many words, or null. */
function headingObjective(text: string): Titled | null {
  const plain = OBJECTIVE_HEADING.exec(text);
  if (plain) return { title: plain[1].trim(), owner: null };
  const team = TEAM_OBJECTIVE_HEADING.exec(text);
  if (team && team[1].trim().split(/\s+/).length <= 3) {
    // `Key Objective: …` names no team.
    const generic = /^(?:key|main|primary|secondary|top|our|the|an?|this|next|new)$/i;
    const owner = team[1].trim();
    return { title: team[2].trim(), owner: generic.test(owner) ? null : owner };
  }
  const numbered = NUMBERED_HEADING.exec(text);
  if (numbered) {
    const split = splitOwner(numbered[1]);
    if (split.owner !== null) return split;
  }
  return null;
}

const ITEM_OBJECTIVE_LABEL = /^(?:o|obj|objective)(?: ?#?\d+)?$/;

/**
 * The objective a list item states: `* **Objective:** …` or `* **Objective**: …`, a bold item
 * marked `**O: …**`, or, with `anyBold`, any item bold as a whole (`1. **CEO: Grow revenue**`).
 */
function itemObjective(token: Extract<Token, { kind: "item" }>, anyBold: boolean): Titled | null {
  const field = readField(token.body);
  if (field) {
    const label = normalLabel(field.label);
    if (!OBJECTIVE_LABEL.test(label) && !ITEM_OBJECTIVE_LABEL.test(label)) return null;
    return splitOwner(field.value);
  }
  const bold = wholeBold(token.body);
  if (bold === null) return null;
  if (/^(?:o|obj|objective)[ \t]*#?\d*[ \t]*:/i.test(bold) || anyBold) return splitOwner(bold);
  return null;
}

const KEY_RESULTS_LABEL = /^(?:key results|krs)$/;

/** `Key Results`, `Key results:`, `Key Results (Q3)`, `KRs`. */
const KEY_RESULTS_HEADING = /^(?:key results?|krs?)(?:$|[ \t]*[:(–—-])/i;

function isKeyResultsHeading(token: Token): boolean {
  return token.kind === "heading" && KEY_RESULTS_HEADING.test(token.text.trim());
}

/** `#### Key Results`, `**Key Results:**` or `- **Key Results**: …`. */
function isKeyResultsMarker(token: Token): boolean {
  if (token.kind === "field") return KEY_RESULTS_LABEL.test(normalLabel(token.label));
  if (token.kind === "item") {
    const field = readField(token.body);
    return field !== null && KEY_RESULTS_LABEL.test(normalLabel(field.label));
  }
  return isKeyResultsHeading(token);
}

/** Section headings that are never an objective, whatever they hold. */
const NOT_OBJECTIVE_HEADING =
  /^(?:(?:table of )?contents|overview|summary|introduction|background|notes?|resources|links|references|appendix|faq|glossary|purpose|scope|process|initiatives|alternatives|roadmap)$/i;

/** How an objective starts: a heading, a field line, a list item, a bold line, a table, a list. */
type StartKind = "heading" | "field" | "item" | "line" | "table" | "list";

/**
 * What a heading is: an objective; a plan section; its objective's Key Results; or another part of
 * an objective (Initiatives, Alternatives, a restated key result), which holds no key results.
 */
type HeadingRole = "objective" | "plan" | "keyResults" | "part";

/** What a Key Results heading's key results are: its list, its sub-headings, or its paragraphs. */
type KeyResultsMode = "items" | "subheadings" | "paragraphs";

interface Shape {
  start: (StartKind | null)[];
  role: (HeadingRole | null)[];
  /** For each objective start, the plan heading it belongs to (-1 for none). */
  groupOf: number[];
  containsObjective: boolean[];
  /** For each objective start, whether a Key Results marker follows before the next objective. */
  keyResultsAhead: boolean[];
  mode: (KeyResultsMode | null)[];
  /** The document's title (front matter `title:`, else its first heading), for a list of KRs. */
  title: string | null;
}

/** The document's title: front matter `title:`, else its first heading; null for none. */
function documentTitle(tokens: Token[]): string | null {
  const front = tokens.find((token) => token.kind === "front");
  const stated =
    front && front.kind === "front"
      ? front.lines.map((line) => /^title:[ \t]*(.*)$/.exec(line)).find((match) => match)
      : undefined;
  const title = stated ? cleanText(stated[1].replace(/^(["'])(.*)\1$/, "$2")) : null;
  if (title) return title;
  const heading = tokens.find((token) => token.kind === "heading");
  return heading && heading.kind === "heading" && heading.text !== "" ? heading.text : null;
}

/**
 * Objectives written in so many words: `Objective:` headings and lines, numbered team headings,
 * objective items, plan tables; and bold items where none of the others but tables is written.
 * Linear: one pass.
 */
function explicitStarts(tokens: Token[]): (StartKind | null)[] {
  const start: (StartKind | null)[] = tokens.map(() => null);
  const boldItems: number[] = [];
  tokens.forEach((token, index) => {
    switch (token.kind) {
      case "heading":
        if (headingObjective(token.text) !== null) start[index] = "heading";
        return;
      case "field":
        if (isObjectiveField(token)) start[index] = "field";
        return;
      case "item":
        if (itemObjective(token, false) !== null) start[index] = "item";
        else if (itemObjective(token, true) !== null) boldItems.push(index);
        return;
      case "table":
        if (isPlanTable(token.rows)) start[index] = "table";
        return;
      default:
    }
  });
  // Items bold as a whole are objectives only where no heading, line or item says "Objective":
  // under `## Objective: …` they are key results written in bold.
  if (!start.some((kind) => kind !== null && kind !== "table")) {
    for (const index of boldItems) start[index] = "item";
  }
  return start;
}

/**
 * When nothing marks an objective: plain headings and bold lines with a list or a Key Results
 * heading or label right below them (not headings that name a period, `### 2020 goals`); failing
 * those, a page that is one list of key results under its title (one objective).
 */
function implicitStarts(tokens: Token[], start: (StartKind | null)[], title: string | null): void {
  const next: number[] = tokens.map(() => -1);
  for (let index = tokens.length - 2, solid = -1; index >= 0; index--) {
    if (tokens[index + 1].kind !== "blank") solid = index + 1;
    next[index] = solid;
  }
  // A list right below, or a Key Results heading, line or item.
  const listBelow = (index: number) =>
    next[index] >= 0 &&
    (tokens[next[index]].kind === "item" || isKeyResultsMarker(tokens[next[index]]));
  let found = false;
  tokens.forEach((token, index) => {
    if (!listBelow(index)) return;
    if (
      token.kind === "heading" &&
      !PERIOD.test(token.text) &&
      !NOT_OBJECTIVE_HEADING.test(token.text.trim()) &&
      !isKeyResultsHeading(token)
    ) {
      start[index] = "heading";
      found = true;
    } else if (token.kind === "prose" && token.indent <= 3 && wholeBold(token.raw) !== null) {
      start[index] = "line";
      found = true;
    }
  });
  // A list of key results under a page title (a list with no title is left to the caller: the
  // pane reads "a title line, then key-result lines" as one objective itself).
  if (found || title === null) return;
  if (tokens.some((token) => token.kind === "field" || isKeyResultsMarker(token))) return;
  const first = tokens.findIndex((token) => token.kind === "item");
  if (first < 0) return;
  const indent = (tokens[first] as Extract<Token, { kind: "item" }>).indent;
  const items = tokens.filter((token) => token.kind === "item" && token.indent <= indent).length;
  if (items >= 2) start[first] = "list";
}

function analyse(tokens: Token[]): Shape {
  const title = documentTitle(tokens);
  const start = explicitStarts(tokens);
  if (!start.some((kind) => kind !== null)) implicitStarts(tokens, start, title);
  const role: (HeadingRole | null)[] = tokens.map(() => null);
  const groupOf = tokens.map(() => -1);
  const containsObjective = tokens.map(() => false);
  const stack: { index: number; level: number; role: HeadingRole }[] = [];
  let lineObjectiveOpen = false;
  const place = (index: number) => {
    for (let at = stack.length - 1; at >= 0; at--) {
      if (stack[at].role === "plan") {
        groupOf[index] = stack[at].index;
        break;
      }
    }
    for (const heading of stack) containsObjective[heading.index] = true;
  };
  tokens.forEach((token, index) => {
    if (token.kind !== "heading") {
      if (start[index] !== null) {
        place(index);
        lineObjectiveOpen = true;
      }
      return;
    }
    while (stack.length > 0 && stack[stack.length - 1].level >= token.level) stack.pop();
    const inObjective = stack.some((heading) => heading.role !== "plan");
    let kind: HeadingRole;
    if (start[index] === "heading") {
      kind = "objective";
      place(index);
    } else if (isKeyResultsHeading(token) && (inObjective || lineObjectiveOpen)) {
      kind = "keyResults";
    } else if (inObjective) {
      kind = "part";
    } else {
      kind = "plan";
      lineObjectiveOpen = false;
    }
    role[index] = kind;
    stack.push({ index, level: token.level, role: kind });
  });

  const keyResultsAhead = tokens.map(() => false);
  for (let index = tokens.length - 1, seen = false; index >= 0; index--) {
    if (isKeyResultsMarker(tokens[index])) seen = true;
    if (start[index] !== null) {
      keyResultsAhead[index] = seen;
      seen = false;
    }
  }

  // A Key Results heading's section runs to the next heading; sections do not overlap.
  const mode: (KeyResultsMode | null)[] = tokens.map(() => null);
  tokens.forEach((token, index) => {
    if (role[index] !== "keyResults" || token.kind !== "heading") return;
    let end = index + 1;
    let items = false;
    while (end < tokens.length && tokens[end].kind !== "heading") {
      if (tokens[end].kind === "item") items = true;
      end++;
    }
    const below = tokens[end];
    mode[index] = items
      ? "items"
      : below && below.kind === "heading" && below.level > token.level
        ? "subheadings"
        : "paragraphs";
  });

  return { start, role, groupOf, containsObjective, keyResultsAhead, mode, title };
}

// ---------------------------------------------------------------------------------------------
// Problems: adjacent lines of prose and lists form one block and one problem.

class Problems {
  readonly list: ImportProblem[] = [];
  private openBlockEnd = -1;

  /**
   * A line of a paragraph or list (by default a block not placed): joins the problem of the line
   * just above, if it has one.
   */
  flow(line: number, raw: string, message: string, kind: ImportProblemKind = "unplaced"): void {
    if (this.openBlockEnd === line - 1 && this.list.length > 0) {
      this.openBlockEnd = line;
      return;
    }
    this.list.push({ line, kind, message, text: raw.trim() });
    this.openBlockEnd = line;
  }

  /**
   * A problem of its own: a line with a specific fault (the default), a heading, a table, a code
   * block.
   */
  alone(line: number, raw: string, message: string, kind: ImportProblemKind = "fault"): void {
    this.list.push({ line, kind, message, text: raw.trim() });
    this.openBlockEnd = -1;
  }
}

// ---------------------------------------------------------------------------------------------
// Tokens → plans.

interface PlanDraft {
  title: string | null;
  line: number;
  group: number;
  status: PlanStatus | null;
  alignment: Alignment | null;
  objectives: Objective[];
}

interface OpenKeyResult {
  keyResult: KeyResult;
  indent: number;
  stated: { target: number | null; baseline: number | null };
}

type Context =
  | { kind: "none" }
  /**
   * Key results as list items. `floor`: the indent of a `- **Key Results:**` item whose list
   * they are (-1 for none); an item of that list's kind at or left of it ends them.
   */
  | { kind: "keyResults"; open: OpenKeyResult | null; floor: number; floorOrdered: boolean }
  /** Under a Key Results heading, one key result per sub-heading (its first paragraph). */
  | {
      kind: "subheadings";
      level: number;
      pending: { title: string; line: number; raw: string } | null;
      open: OpenKeyResult | null;
    }
  /** Under a Key Results heading with no list and no sub-heading, one per paragraph. */
  | { kind: "paragraphs"; open: OpenKeyResult | null; inParagraph: boolean }
  /** A part of an objective that is not its key results (Initiatives, Alternatives, …). */
  | { kind: "part" }
  | { kind: "note"; note: Note }
  | { kind: "orphanKeyResults" };

function keyResultsContext(floor = -1, floorOrdered = false): Context {
  return { kind: "keyResults", open: null, floor, floorOrdered };
}

function isOrdered(token: Extract<Token, { kind: "item" }>): boolean {
  return /^[ \t]*\d/.test(token.raw);
}

const HEADER_LABELS = ["project", "period", "owner", "contributors", "status"] as const;
type HeaderLabel = (typeof HEADER_LABELS)[number];

const NOTE_LABELS = new Set([
  "technology stack",
  "use cases",
  "integration scenarios",
  "ai capabilities",
  "integration architecture",
  "customer journey flow",
  "lessons learned",
  "next quarter actions",
  "notes",
]);

class Importer {
  private readonly problems = new Problems();
  private readonly plans: PlanDraft[] = [];
  private readonly header = {
    project: "",
    period: "",
    owner: "",
    contributors: [] as string[],
    status: "Draft" as PlanStatus,
  };
  private readonly headerGiven = new Set<HeaderLabel>();
  private plan: PlanDraft | null = null;
  private objective: Objective | null = null;
  private objectiveGiven = new Set<string>();
  private context: Context = { kind: "none" };
  private pendingAlignment: {
    company: string | null;
    businessUnit: string | null;
    lines: { line: number; raw: string }[];
  } = { company: null, businessUnit: null, lines: [] };
  private readonly shape: Shape;
  private readonly groupOf: number[];
  private readonly groupHeadings: Set<number>;
  private readonly containsObjective: boolean[];
  private readonly firstObjective: number;
  /** Objectives started by list items, with their indent: nested items are theirs. */
  private itemObjectives: { objective: Objective; indent: number }[] = [];

  constructor(private readonly tokens: Token[]) {
    this.shape = analyse(tokens);
    this.groupOf = this.shape.groupOf;
    this.groupHeadings = new Set(this.groupOf.filter((group) => group >= 0));
    this.containsObjective = this.shape.containsObjective;
    const first = this.shape.start.findIndex((kind) => kind !== null);
    this.firstObjective = first < 0 ? tokens.length : first;
  }

  run(): ImportResult {
    this.tokens.forEach((token, index) => this.take(token, index));
    this.closeSection();
    // Key results take their objective's owner where they have none of their own.
    for (const draft of this.plans) {
      for (const objective of draft.objectives) {
        for (const keyResult of objective.keyResults) keyResult.owner ??= objective.owner;
      }
    }
    return {
      plans: this.plans.map((draft) => ({
        title: draft.title,
        line: draft.line,
        plan: {
          project: this.header.project,
          period: this.header.period,
          owner: this.header.owner,
          contributors: [...this.header.contributors],
          status: draft.status ?? this.header.status,
          alignment: draft.alignment,
          objectives: draft.objectives,
        },
      })),
      problems: this.problems.list,
    };
  }

  private take(token: Token, index: number): void {
    switch (token.kind) {
      case "blank":
        if (this.context.kind === "paragraphs") this.context.inParagraph = false;
        return;
      case "arrow":
        return;
      case "rule":
        this.flushPending();
        this.context = { kind: "none" };
        return;
      case "heading":
        return this.takeHeading(token, index);
      case "field":
        return this.takeField(token, index);
      case "item":
        return this.takeItem(token, index);
      case "prose":
        return this.takeProse(token, index);
      case "code":
        return this.takeCode(token);
      case "front":
        this.problems.alone(
          token.line,
          token.raw,
          "front matter: page metadata, not read",
          "unplaced"
        );
        return;
      case "table":
        return this.takeTable(token, index);
    }
  }

  // --- structure -------------------------------------------------------------------------------

  private takeHeading(token: Extract<Token, { kind: "heading" }>, index: number): void {
    this.flushPending();
    const role = this.shape.role[index];
    if (role === "objective") {
      const stated = headingObjective(token.text) ?? splitOwner(token.text);
      this.startObjective(stated.title, token, index).owner = stated.owner;
      return;
    }
    if (role === "keyResults") {
      if (this.objective === null) {
        this.problems.alone(token.line, token.raw, "key results with no objective");
        this.context = { kind: "orphanKeyResults" };
        return;
      }
      const mode = this.shape.mode[index];
      this.context =
        mode === "subheadings"
          ? { kind: "subheadings", level: token.level, pending: null, open: null }
          : mode === "paragraphs"
            ? { kind: "paragraphs", open: null, inParagraph: false }
            : keyResultsContext();
      return;
    }
    if (role === "part") {
      const context = this.context;
      if (context.kind === "subheadings" && token.level > context.level) {
        context.pending = { title: token.text, line: token.line, raw: token.raw };
        context.open = null;
        return;
      }
      this.problems.alone(
        token.line,
        token.raw,
        "part of an objective that is not its key results: not read",
        "unplaced"
      );
      this.context = { kind: "part" };
      return;
    }
    this.closeSection();
    this.plan = null;
    if (this.groupHeadings.has(index)) return; // its plan starts with its first objective
    if (!this.containsObjective[index]) {
      this.problems.alone(token.line, token.raw, "heading with no objectives under it", "heading");
    }
  }

  /** Ends the current objective and the alignment lines waiting for one. */
  private closeSection(): void {
    this.closeObjective();
    this.itemObjectives = [];
    for (const { line, raw } of this.pendingAlignment.lines) {
      this.problems.alone(line, raw, "alignment line with no objective after it");
    }
    this.pendingAlignment = { company: null, businessUnit: null, lines: [] };
  }

  /** A sub-heading of Key Results that no paragraph followed: its title is the key result. */
  private flushPending(): void {
    const context = this.context;
    if (context.kind !== "subheadings" || context.pending === null || this.objective === null) {
      return;
    }
    const { title, line, raw } = context.pending;
    context.pending = null;
    context.open = this.addKeyResult(this.objective, keyResultText(title), { line, raw });
  }

  private closeObjective(): void {
    this.flushPending();
    this.objective = null;
    this.objectiveGiven = new Set();
    this.context = { kind: "none" };
  }

  private planFor(index: number, line: number): PlanDraft {
    const group = this.groupOf[index];
    const last = this.plans[this.plans.length - 1];
    if (this.plan === null && last !== undefined && last.group === group) this.plan = last;
    if (this.plan === null || this.plan.group !== group) {
      const heading = group >= 0 ? this.tokens[group] : null;
      this.plan = {
        title: heading && heading.kind === "heading" ? heading.text : null,
        line: heading ? heading.line : line,
        group,
        status: null,
        alignment: null,
        objectives: [],
      };
      this.plans.push(this.plan);
    }
    return this.plan;
  }

  private startObjective(
    rawTitle: string,
    token: { line: number; raw: string },
    index: number
  ): Objective {
    this.closeObjective();
    const plan = this.planFor(index, token.line);
    const mark = KIND_MARK.exec(rawTitle);
    const title = cleanTitle(rawTitle.replace(KIND_MARK, " "));
    if (title === "") this.problems.alone(token.line, token.raw, "objective with no title");
    const objective: Objective = {
      id: `O${plan.objectives.length + 1}`,
      title,
      owner: null,
      timeline: null,
      kind: mark ? (mark[1].toLowerCase() as OkrKind) : "aspirational",
      notes: [],
      keyResults: [],
    };
    plan.objectives.push(objective);
    this.objective = objective;
    // When a Key Results label or heading follows, the lines before it are not key results.
    this.context = this.shape.keyResultsAhead[index] ? { kind: "none" } : keyResultsContext();
    if (this.shape.start[index] !== "item") this.itemObjectives = [];
    const pending = this.pendingAlignment;
    if (pending.lines.length > 0) {
      plan.alignment = {
        company: pending.company ?? "",
        businessUnit: pending.businessUnit ?? "",
        project: title,
      };
      this.pendingAlignment = { company: null, businessUnit: null, lines: [] };
    }
    return objective;
  }

  // --- fields ----------------------------------------------------------------------------------

  private takeField(token: Extract<Token, { kind: "field" }>, index: number): void {
    const label = normalLabel(token.label);
    const value = token.value;
    if (isObjectiveField(token)) {
      this.startObjective(value, token, index);
      return;
    }
    if (this.context.kind === "part") {
      this.problems.flow(token.line, token.raw, "part of an objective that is not its key results");
      return;
    }
    if (label === "company objective" || label === "business unit objective") {
      const pending = this.pendingAlignment;
      pending[label === "company objective" ? "company" : "businessUnit"] = cleanText(value);
      pending.lines.push({ line: token.line, raw: token.raw });
      return;
    }
    if (KEY_RESULTS_LABEL.test(label)) {
      if (this.objective) {
        this.context = keyResultsContext();
      } else {
        this.problems.flow(token.line, token.raw, "key results with no objective", "fault");
        this.context = { kind: "orphanKeyResults" };
      }
      return;
    }
    if (index < this.firstObjective && (HEADER_LABELS as readonly string[]).includes(label)) {
      this.takeHeaderField(label as HeaderLabel, token);
      return;
    }
    if (label === "project" || label === "period" || label === "contributors") {
      this.problems.alone(
        token.line,
        token.raw,
        `${token.label} is a header field: put it before the first objective`
      );
      return;
    }
    const objective = this.objective;
    if (objective === null) {
      if (["owner", "timeline", "status", "overall score", "kind"].includes(label)) {
        this.problems.alone(token.line, token.raw, `${token.label} line with no objective`);
      } else {
        this.problems.flow(token.line, token.raw, "not part of an objective: prose");
      }
      this.context = { kind: "none" };
      return;
    }
    if (NOTE_LABELS.has(label)) {
      const note: Note = {
        heading: token.label,
        lines: value === "" ? [] : [stripEmphasis(value)],
      };
      objective.notes.push(note);
      this.context = { kind: "note", note };
      return;
    }
    this.context = { kind: "none" };
    switch (label) {
      case "owner":
        this.setObjectiveField("owner", token, () => (objective.owner = cleanText(value)));
        return;
      case "timeline":
        this.setObjectiveField("timeline", token, () => (objective.timeline = cleanText(value)));
        return;
      case "status": {
        const status = readStatus(value);
        if (status === null || this.plan === null) {
          this.problems.alone(token.line, token.raw, `unknown status "${cleanText(value)}"`);
        } else {
          this.plan.status = status;
        }
        return;
      }
      case "overall score":
      case "score": {
        const score = readNumber(value);
        if (score === null) this.problems.alone(token.line, token.raw, "score is not a number");
        else objective.recordedScore = score.value;
        return;
      }
      case "kind": {
        const kind = readKind(value);
        if (kind === null) {
          this.problems.alone(token.line, token.raw, "kind must be committed or aspirational");
        } else {
          objective.kind = kind;
        }
        return;
      }
      default:
        this.problems.alone(
          token.line,
          token.raw,
          `unknown label "${token.label}" in an objective`
        );
    }
  }

  private setObjectiveField(
    name: string,
    token: Extract<Token, { kind: "field" }>,
    set: () => void
  ): void {
    if (this.objectiveGiven.has(name)) {
      this.problems.alone(
        token.line,
        token.raw,
        `${token.label} given twice; the later one is used`
      );
    }
    this.objectiveGiven.add(name);
    set();
  }

  private takeHeaderField(label: HeaderLabel, token: Extract<Token, { kind: "field" }>): void {
    if (this.headerGiven.has(label)) {
      this.problems.alone(
        token.line,
        token.raw,
        `${token.label} given twice; the later one is used`
      );
    }
    this.headerGiven.add(label);
    const value = cleanText(token.value);
    switch (label) {
      case "project":
      case "period":
      case "owner":
        this.header[label] = value;
        return;
      case "contributors":
        this.header.contributors = value
          .split(",")
          .map((name) => name.trim())
          .filter((name) => name !== "");
        return;
      case "status": {
        const status = readStatus(value);
        if (status === null) {
          this.problems.alone(
            token.line,
            token.raw,
            `unknown status "${value}": use Draft, In Review, Active or Completed; Draft is used`
          );
        }
        this.header.status = status ?? "Draft";
        return;
      }
    }
  }

  // --- lists, prose, code ----------------------------------------------------------------------

  private takeItem(token: Extract<Token, { kind: "item" }>, index: number): void {
    const start = this.shape.start[index];
    if (start === "item") {
      const stated = itemObjective(token, true) ?? { title: token.body, owner: null };
      while (
        this.itemObjectives.length > 0 &&
        this.itemObjectives[this.itemObjectives.length - 1].indent >= token.indent
      ) {
        this.itemObjectives.pop();
      }
      const objective = this.startObjective(stated.title, token, index);
      objective.owner = stated.owner;
      this.itemObjectives.push({ objective, indent: token.indent });
      return;
    }
    if (start === "list") {
      const title = this.shape.title ?? "";
      this.startObjective(title, token, index);
      this.problems.alone(
        token.line,
        token.raw,
        `no objective is written: the list's key results are placed under one objective titled "${title}"`
      );
    }
    const context = this.context;
    const objective = this.objective;
    if (context.kind === "note") {
      context.note.lines.push(noteLine(token));
      return;
    }
    if (context.kind === "orphanKeyResults") {
      this.problems.flow(token.line, token.raw, "key results with no objective", "fault");
      return;
    }
    if (context.kind === "part") {
      this.problems.flow(token.line, token.raw, "part of an objective that is not its key results");
      return;
    }
    if (context.kind === "subheadings" || context.kind === "paragraphs") {
      if (context.open) {
        this.takeKeyResultDetail(context.open, token);
        return;
      }
    }
    if (isKeyResultsMarker(token)) {
      if (objective) {
        this.context = keyResultsContext(token.indent, isOrdered(token));
      } else {
        this.problems.flow(token.line, token.raw, "key results with no objective", "fault");
        this.context = { kind: "orphanKeyResults" };
      }
      return;
    }
    if (context.kind === "keyResults" && objective) {
      const ends =
        context.floor >= 0 &&
        token.indent <= context.floor &&
        isOrdered(token) === context.floorOrdered;
      if (!ends) {
        const open = context.open;
        if (open && token.indent > open.indent) {
          this.takeKeyResultDetail(open, token);
          return;
        }
        context.open = this.addKeyResult(this.ownerOf(token), keyResultText(token.body), token);
        return;
      }
      this.context = { kind: "none" };
    }
    this.problems.flow(
      token.line,
      token.raw,
      objective
        ? "list with no Key Results or notes label above it"
        : "not part of an objective: list"
    );
  }

  /** The objective a key-result item belongs to: of nested objective items, the nearest above. */
  private ownerOf(token: Extract<Token, { kind: "item" }>): Objective {
    const stack = this.itemObjectives;
    for (let at = stack.length - 1; at >= 0; at--) {
      if (stack[at].indent < token.indent) {
        stack.length = at + 1;
        this.objective = stack[at].objective;
        return stack[at].objective;
      }
    }
    // At or left of every objective item: the nesting is over (and each entry is looked at once).
    stack.length = 0;
    return this.objective as Objective;
  }

  private addKeyResult(
    objective: Objective,
    text: string,
    token: { line: number; raw: string; indent?: number }
  ): OpenKeyResult {
    const parsed = safeParse(text);
    if (parsed === null) {
      this.problems.alone(token.line, token.raw, "the key result's metric could not be read");
    }
    const keyResult: KeyResult = {
      id: `${objective.id}.KR${objective.keyResults.length + 1}`,
      text,
      type: parsed?.type ?? null,
      baseline: parsed?.baseline ?? null,
      target: parsed?.target ?? null,
      unit: parsed?.unit ?? null,
      // "(Current: X)" in a sentence is the value when the OKR was set: the parse's baseline.
      current: null,
      weight: 1,
      owner: null,
      notes: [],
    };
    objective.keyResults.push(keyResult);
    return { keyResult, indent: token.indent ?? 0, stated: { target: null, baseline: null } };
  }

  /** A sub-bullet of a key result: a stated Target, Baseline, Actual, Score, … or a note. */
  private takeKeyResultDetail(open: OpenKeyResult, token: Extract<Token, { kind: "item" }>): void {
    const keyResult = open.keyResult;
    const field = readField(token.body);
    const label = field ? normalLabel(field.label) : "";
    const value = field ? field.value : "";
    const fail = (message: string) => this.problems.alone(token.line, token.raw, message);
    // A grade written plainly below the key result (`EOQ score: 0.7`): its score, not a target.
    const grade = field
      ? null
      : /^([\p{L}][\p{L}\p{N} -]{0,30}?)[ \t]*:[ \t]*(.*)$/u.exec(cleanText(token.body));
    if (grade && SCORE_COLUMN.test(normalLabel(grade[1]))) {
      const score = readScore(grade[2]);
      if (score === null) return fail("score is not a number");
      keyResult.recordedScore = score;
      return;
    }
    switch (label) {
      case "target":
      case "baseline":
      case "starting":
      case "start": {
        const number = readNumber(value);
        if (number === null) return fail(`${field?.label} is not a number`);
        const which = label === "target" ? "target" : "baseline";
        keyResult[which] = number.value;
        open.stated[which] = number.value;
        keyResult.unit ??= number.unit;
        // A stated baseline and target say the direction ("< 5%" from 12% is a decrease).
        const { baseline, target } = keyResult;
        if (baseline !== null && target !== null && baseline !== target) {
          keyResult.type = target > baseline ? "increase" : "decrease";
        }
        return;
      }
      case "actual":
      case "current": {
        const current = readValue(value);
        if (current === null) return fail(`${field?.label} is not a number or done / not done`);
        keyResult.current = current;
        return;
      }
      case "score":
      case "eoq score":
      case "final score":
      case "grade": {
        const score = readNumber(value);
        if (score === null) return fail("score is not a number");
        keyResult.recordedScore = score.value;
        return;
      }
      case "weight": {
        const weight = readNumber(value);
        if (weight === null || weight.value <= 0) return fail("weight is not a positive number");
        keyResult.weight = weight.value;
        return;
      }
      case "owner":
        keyResult.owner = cleanText(value);
        return;
      case "notes":
      case "note":
        if (value !== "") keyResult.notes.push(stripEmphasis(value));
        return;
      default:
        keyResult.notes.push(noteLine(token));
    }
  }

  private takeProse(token: Extract<Token, { kind: "prose" }>, index: number): void {
    if (this.shape.start[index] === "line") {
      const stated = splitOwner(wholeBold(token.raw) ?? token.raw);
      this.startObjective(stated.title, token, index).owner = stated.owner;
      return;
    }
    const context = this.context;
    const objective = this.objective;
    if (context.kind === "note") {
      context.note.lines.push(noteLine(token));
      return;
    }
    if (context.kind === "subheadings" && objective) {
      if (context.pending) {
        const { line, raw } = context.pending;
        context.pending = null;
        context.open = this.addKeyResult(objective, keyResultText(token.raw), { line, raw });
        return;
      }
      if (context.open) {
        context.open.keyResult.notes.push(noteLine(token));
        return;
      }
    }
    if (context.kind === "paragraphs" && objective) {
      if (!context.inParagraph) {
        context.inParagraph = true;
        context.open = this.addKeyResult(objective, keyResultText(token.raw), token);
        return;
      }
      if (context.open) {
        context.open.keyResult.notes.push(noteLine(token));
        return;
      }
    }
    if (context.kind === "keyResults" && context.open && token.indent > context.open.indent) {
      context.open.keyResult.notes.push(noteLine(token));
      return;
    }
    // A bold line among key results is a heading of its own (`**Not included**`): they end there.
    if (context.kind === "keyResults" && token.indent <= 3 && wholeBold(token.raw) !== null) {
      this.context = { kind: "none" };
    }
    this.problems.flow(
      token.line,
      token.raw,
      context.kind === "part"
        ? "part of an objective that is not its key results"
        : objective
          ? "prose inside an objective"
          : "not part of an objective: prose"
    );
  }

  private takeCode(token: Extract<Token, { kind: "code" }>): void {
    if (this.context.kind === "note") {
      this.context.note.lines.push(...token.lines);
      return;
    }
    this.problems.alone(
      token.line,
      token.raw,
      this.objective ? "code block outside a notes block" : "not part of an objective: code block",
      "unplaced"
    );
  }

  // --- the dashboard table ---------------------------------------------------------------------

  private takeTable(token: Extract<Token, { kind: "table" }>, index: number): void {
    const rows = token.rows;
    if (this.shape.start[index] === "table") {
      const dashboard = dashboardColumns(rows);
      if (dashboard !== null && isDashboard(rows))
        return this.takeDashboard(token, index, dashboard);
      const columns = okrColumns(rows);
      if (columns !== null && columns.objective !== null) {
        return this.takeObjectiveTable(token, index, columns);
      }
      return this.takeExportTable(token, index);
    }
    const objective = this.objective;
    const columns = objective && this.context.kind !== "part" ? okrColumns(rows) : null;
    if (objective && columns) {
      // A table of the objective's key results (Result / Progress / Status).
      for (const row of rows.slice(1)) {
        if (isEmptyRow(row)) continue;
        const text = row.cells[columns.keyResult] ?? "";
        if (cleanText(text) === "") {
          this.problems.alone(row.line, row.raw, "key-result row with no key result");
          continue;
        }
        this.tableKeyResult(objective, text, row, rows[0], columns);
      }
      this.context = { kind: "none" };
      return;
    }
    this.problems.alone(
      token.line,
      token.raw,
      this.objective
        ? "table inside an objective that is not an OKR dashboard"
        : "not part of an objective: table",
      "unplaced"
    );
  }

  /** A key result from a table row: its text, and the row's owner, score and progress cells. */
  private tableKeyResult(
    objective: Objective,
    text: string,
    row: TableRow,
    header: TableRow,
    columns: OkrColumns
  ): KeyResult {
    const cell = (column: number | null) => (column === null ? "" : (row.cells[column] ?? ""));
    const { keyResult } = this.addKeyResult(objective, keyResultText(text), row);
    const owner = cleanText(cell(columns.owner));
    if (owner !== "") keyResult.owner = owner;
    // Scores are grades, never targets: a Score column, or a percentage in the Status cell.
    const score = readScore(cell(columns.score)) ?? readScore(cell(columns.status), true);
    if (score !== null) keyResult.recordedScore = score;
    for (const column of [columns.progress, columns.status]) {
      const value = cleanText(cell(column));
      if (column !== null && value !== "") {
        keyResult.notes.push(`${cleanText(header.cells[column] ?? "")}: ${value}`);
      }
    }
    return keyResult;
  }

  /** A whole plan as an Objective / Key result / Owner / Score table, one key result a row. */
  private takeObjectiveTable(
    token: Extract<Token, { kind: "table" }>,
    index: number,
    columns: OkrColumns
  ): void {
    const rows = token.rows;
    let objective: Objective | null = null;
    for (const row of rows.slice(1)) {
      if (isEmptyRow(row)) continue;
      const stated = cleanText(row.cells[columns.objective ?? 0] ?? "");
      const text = row.cells[columns.keyResult] ?? "";
      if (stated !== "") {
        const title = stated.replace(/^(?:o|obj|objective)[ \t]*#?\d*[ \t]*[:.-][ \t]*/i, "");
        if (objective === null || cleanTitle(title) !== objective.title) {
          objective = this.startObjective(title, row, index);
          if (cleanText(text) === "" && columns.owner !== null) {
            objective.owner = cleanText(row.cells[columns.owner] ?? "") || null;
          }
        }
      }
      if (cleanText(text) === "") {
        if (stated === "")
          this.problems.alone(row.line, row.raw, "row with no objective and no key result");
        continue;
      }
      if (objective === null) {
        this.problems.alone(row.line, row.raw, "key-result row before any objective row");
        continue;
      }
      this.tableKeyResult(objective, text, row, rows[0], columns);
    }
    this.closeObjective();
  }

  /**
   * A plan exported from a spreadsheet: a header row (often the team's name first), objective rows
   * `**1 Title**` with the other cells blank, key-result rows below each, blank separator rows.
   */
  private takeExportTable(token: Extract<Token, { kind: "table" }>, index: number): void {
    const rows = token.rows;
    const header = rows[0].cells.map((cell) => normalLabel(cleanText(cell)));
    const find = (pattern: RegExp) => {
      const column = header.findIndex((cell, at) => at > 0 && pattern.test(cell));
      return column < 0 ? null : column;
    };
    const columns: OkrColumns = {
      objective: null,
      keyResult: 0,
      owner: find(/^owners?$/),
      score: find(SCORE_COLUMN),
      status: find(/^status$/),
      progress: null,
    };
    let objective: Objective | null = null;
    for (const row of rows.slice(1)) {
      if (isEmptyRow(row)) continue;
      const title = objectiveRowTitle(row);
      if (title !== null) {
        // `Ship releases on a schedule (Alan, Steven)`: the names are the owners.
        const owned = /^(.*\S)[ \t]*\(([^()]+)\)$/.exec(title);
        objective = this.startObjective(owned ? owned[1] : title, row, index);
        objective.owner = owned ? owned[2].trim() : null;
        continue;
      }
      const first = row.cells[0] ?? "";
      const rest = row.cells.slice(1).every((cell) => cleanText(cell) === "");
      if (first.replace(/[*_\s]/g, "") === "") {
        this.problems.alone(
          row.line,
          row.raw,
          "a score row with no objective or key result: not read",
          "unplaced"
        );
      } else if (objective === null) {
        this.problems.alone(row.line, row.raw, "key-result row before any objective row");
      } else if (rest && /^\*[^*].*\*$|^_[^_].*_$/.test(first.trim())) {
        this.problems.alone(
          row.line,
          row.raw,
          "a note between the key results: not read",
          "unplaced"
        );
      } else if (rest && /:$/.test(cleanText(first))) {
        this.problems.alone(
          row.line,
          row.raw,
          "a row that groups the key results below it: not a key result",
          "unplaced"
        );
      } else {
        this.tableKeyResult(objective, first, row, rows[0], columns);
      }
    }
    this.closeObjective();
  }

  private takeDashboard(
    token: Extract<Token, { kind: "table" }>,
    index: number,
    columns: DashboardColumns
  ): void {
    let objective: Objective | null = null;
    for (const row of token.rows.slice(1)) {
      const cell = (column: number | null) => (column === null ? "" : (row.cells[column] ?? ""));
      if (row.cells.every((text) => TABLE_SEPARATOR.test(text.replace(/\s/g, "")))) continue;
      const name = cleanText(cell(columns.name));
      const owner = cleanText(cell(columns.owner));
      const quarterly = this.quarterlyTargets(row, columns.quarters.map(cell));
      const current = readNumber(cell(columns.current));
      const objectiveMatch = DASHBOARD_OBJECTIVE.exec(name);
      const keyResultMatch = DASHBOARD_KEY_RESULT.exec(name);
      if (objectiveMatch) {
        objective = this.startObjective(objectiveMatch[1], row, index);
        objective.owner = owner === "" ? null : owner;
        if (quarterly) objective.quarterlyTargets = quarterly;
        if (current) objective.current = current.value;
      } else if (keyResultMatch && objective) {
        const { keyResult } = this.addKeyResult(objective, keyResultText(keyResultMatch[1]), row);
        if (owner !== "") keyResult.owner = owner;
        if (quarterly) {
          keyResult.quarterlyTargets = quarterly;
          keyResult.target ??= quarterly[3];
        }
        if (current) keyResult.current = current.value;
      } else {
        this.problems.alone(
          row.line,
          row.raw,
          keyResultMatch
            ? "dashboard key result row before any objective row"
            : 'dashboard row is neither "Obj N: …" nor "KR N.M: …"'
        );
      }
    }
    this.closeObjective();
  }

  private quarterlyTargets(
    row: TableRow,
    cells: string[]
  ): [number, number, number, number] | null {
    const values = cells.map((cell) => readNumber(cell));
    if (values.every((value) => value !== null)) {
      return values.map((value) => value!.value) as [number, number, number, number];
    }
    if (values.some((value) => value !== null) || cells.some((cell) => cleanText(cell) !== "")) {
      this.problems.alone(row.line, row.raw, "quarterly targets need a number in each of Q1–Q4");
    }
    return null;
  }
}

/** A table row with no text: a blank row or the header's separator. */
function isEmptyRow(row: TableRow): boolean {
  return row.cells.every(
    (text) => TABLE_SEPARATOR.test(text.replace(/\s/g, "")) || text.trim() === ""
  );
}

/** An actual value: a number, or done / not done for a milestone. */
function readValue(text: string): KeyResultValue | null {
  const number = readNumber(text);
  if (number !== null) return number.value;
  const word = cleanText(text).toLowerCase();
  if ((MILESTONE_DONE_WORDS as readonly string[]).includes(word)) return true;
  if ((MILESTONE_NOT_DONE_WORDS as readonly string[]).includes(word)) return false;
  return null;
}

/**
 * Reads an OKR document written like the framework into plans. Total: any string gives a result,
 * and every line that could not be placed is in `problems` with its 1-based line number.
 */
export function importPlan(text: string): ImportResult {
  const source = typeof text === "string" ? text : String(text);
  return new Importer(tokenize(source)).run();
}
