import type {
  Alignment,
  KeyResult,
  KeyResultValue,
  Note,
  Objective,
  Plan,
  PlanStatus,
} from "./model";
import { PLAN_STATUSES } from "./model";
import { cleanKeyResultText, parseKeyResult } from "./parser";
import type { OkrKind } from "./thresholds";

/**
 * Plain-text import: reads an OKR document written like the framework (markdown) into plans. Every
 * line that is not blank, a `---` rule or a `↓` arrow is either placed in a plan or reported as a
 * problem with its line number; nothing is dropped silently.
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

function tokenize(text: string): Token[] {
  const lines = text.split(/\r\n|\r|\n/);
  const tokens: Token[] = [];
  let i = 0;
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
      tokens.push({ kind: "item", line, raw, indent: indentOf(raw), body: (item[3] ?? "").trim() });
      continue;
    }
    const indent = indentOf(raw);
    const field = indent <= 3 ? readField(raw) : null;
    if (field) {
      tokens.push({ kind: "field", line, raw, ...field });
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

function cleanText(text: string): string {
  return stripStatusMarks(stripEmphasis(text)).replace(/\s+/g, " ").trim();
}

/** A key result's sentence without checkbox, status marks and emphasis. */
function keyResultText(body: string): string {
  return stripStatusMarks(cleanKeyResultText(body)).trim();
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
  const wanted = cleanText(text).toLowerCase();
  return PLAN_STATUSES.find((status) => status.toLowerCase() === wanted) ?? null;
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

function objectiveHeadingTitle(token: Token): string | null {
  if (token.kind !== "heading") return null;
  const match = OBJECTIVE_HEADING.exec(token.text);
  return match ? match[1].trim() : null;
}

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

function isDashboard(token: Token): boolean {
  if (token.kind !== "table") return false;
  const columns = dashboardColumns(token.rows);
  return (
    columns !== null &&
    token.rows.some((row) => DASHBOARD_OBJECTIVE.test(stripEmphasis(row.cells[columns.name] ?? "")))
  );
}

function startsObjective(token: Token): boolean {
  return objectiveHeadingTitle(token) !== null || isObjectiveField(token) || isDashboard(token);
}

/**
 * For each objective-bearing token, the index of the nearest heading above it that is not itself
 * an objective heading (-1 for none): objectives that share it form one plan. Also which headings
 * have an objective anywhere in their section.
 */
function outline(tokens: Token[]): {
  bearsObjective: boolean[];
  groupOf: number[];
  containsObjective: boolean[];
} {
  const bearsObjective = tokens.map(startsObjective);
  const groupOf = tokens.map(() => -1);
  const containsObjective = tokens.map(() => false);
  const open: { index: number; level: number }[] = [];
  let group = -1;
  tokens.forEach((token, index) => {
    if (token.kind === "heading") {
      while (open.length > 0 && open[open.length - 1].level >= token.level) open.pop();
      open.push({ index, level: token.level });
      if (!bearsObjective[index]) group = index;
    }
    if (bearsObjective[index]) {
      groupOf[index] = group;
      for (const heading of open) containsObjective[heading.index] = true;
    }
  });
  return { bearsObjective, groupOf, containsObjective };
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
  | { kind: "keyResults"; open: OpenKeyResult | null }
  | { kind: "note"; note: Note }
  | { kind: "orphanKeyResults" };

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
  private readonly bearsObjective: boolean[];
  private readonly groupOf: number[];
  private readonly groupHeadings: Set<number>;
  private readonly containsObjective: boolean[];
  private readonly firstObjective: number;

  constructor(private readonly tokens: Token[]) {
    const shape = outline(tokens);
    this.bearsObjective = shape.bearsObjective;
    this.groupOf = shape.groupOf;
    this.groupHeadings = new Set(shape.groupOf.filter((group) => group >= 0));
    this.containsObjective = shape.containsObjective;
    const first = this.bearsObjective.indexOf(true);
    this.firstObjective = first < 0 ? tokens.length : first;
  }

  run(): ImportResult {
    this.tokens.forEach((token, index) => this.take(token, index));
    this.closeSection();
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
      case "arrow":
        return;
      case "rule":
        this.context = { kind: "none" };
        return;
      case "heading":
        return this.takeHeading(token, index);
      case "field":
        return this.takeField(token, index);
      case "item":
        return this.takeItem(token);
      case "prose":
        return this.takeProse(token);
      case "code":
        return this.takeCode(token);
      case "table":
        return this.takeTable(token, index);
    }
  }

  // --- structure -------------------------------------------------------------------------------

  private takeHeading(token: Extract<Token, { kind: "heading" }>, index: number): void {
    const title = objectiveHeadingTitle(token);
    if (title !== null) {
      this.startObjective(title, token, index);
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
    for (const { line, raw } of this.pendingAlignment.lines) {
      this.problems.alone(line, raw, "alignment line with no objective after it");
    }
    this.pendingAlignment = { company: null, businessUnit: null, lines: [] };
  }

  private closeObjective(): void {
    if (this.objective) {
      for (const keyResult of this.objective.keyResults) {
        keyResult.owner ??= this.objective.owner;
      }
    }
    this.objective = null;
    this.objectiveGiven = new Set();
    this.context = { kind: "none" };
  }

  private planFor(index: number, line: number): PlanDraft {
    const group = this.groupOf[index];
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
    const title = cleanText(rawTitle.replace(KIND_MARK, " "));
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
    this.context = { kind: "keyResults", open: null };
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
    if (label === "company objective" || label === "business unit objective") {
      const pending = this.pendingAlignment;
      pending[label === "company objective" ? "company" : "businessUnit"] = cleanText(value);
      pending.lines.push({ line: token.line, raw: token.raw });
      return;
    }
    if (label === "key results") {
      if (this.objective) {
        this.context = { kind: "keyResults", open: null };
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

  private takeItem(token: Extract<Token, { kind: "item" }>): void {
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
    if (context.kind === "keyResults" && objective) {
      const open = context.open;
      if (open && token.indent > open.indent) {
        this.takeKeyResultDetail(open, token);
        return;
      }
      context.open = this.addKeyResult(objective, keyResultText(token.body), token);
      return;
    }
    this.problems.flow(
      token.line,
      token.raw,
      objective
        ? "list with no Key Results or notes label above it"
        : "not part of an objective: list"
    );
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
      case "score": {
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

  private takeProse(token: Extract<Token, { kind: "prose" }>): void {
    const context = this.context;
    if (context.kind === "note") {
      context.note.lines.push(noteLine(token));
      return;
    }
    if (context.kind === "keyResults" && context.open && token.indent > context.open.indent) {
      context.open.keyResult.notes.push(noteLine(token));
      return;
    }
    this.problems.flow(
      token.line,
      token.raw,
      this.objective ? "prose inside an objective" : "not part of an objective: prose"
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
    const columns = this.bearsObjective[index] ? dashboardColumns(token.rows) : null;
    if (columns === null) {
      this.problems.alone(
        token.line,
        token.raw,
        this.objective
          ? "table inside an objective that is not an OKR dashboard"
          : "not part of an objective: table",
        "unplaced"
      );
      return;
    }
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

/** An actual value: a number, or done / not done for a milestone. */
function readValue(text: string): KeyResultValue | null {
  const number = readNumber(text);
  if (number !== null) return number.value;
  const word = cleanText(text).toLowerCase();
  if (["done", "yes", "true", "complete", "completed"].includes(word)) return true;
  if (["not done", "no", "false", "not started"].includes(word)) return false;
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
