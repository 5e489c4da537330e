import { importPlan, type ImportProblem } from "../../okr/import";
import type { KeyResult, Plan } from "../../okr/model";
import { AMBIGUOUS_BELOW, parseKeyResult } from "../../okr/parser";
import { KEY_RESULT_TYPES, type KeyResultType } from "../../okr/scoring";
import { isSymbolUnit, withUnit } from "../ui/wording";

/**
 * A person's own OKR text, without React: read as an OKR document (the importer's format), or as
 * one objective followed by its key-result lines; each key result's reading and the parser's
 * doubts; the edits a person makes to a doubtful one.
 */

export interface TextReading {
  /** The first plan found, or null when the text holds none. */
  plan: Plan | null;
  problems: ImportProblem[];
}

const BULLET = /^\s*(?:[-*+•]|\d+[.)]|\[[ xX]\])\s*(?:\[[ xX]\]\s*)?/;

/** One objective's title, then one key result a line: as the importer's format. */
function asDocument(text: string): string | null {
  const lines = text
    .split(/\r?\n/)
    .map((line) => line.replace(BULLET, "").trim())
    .filter((line) => line !== "");
  if (lines.length < 2) return null;
  const [title, ...keyResults] = lines;
  const objective = title.replace(/^(?:objective\s*\d*\s*[:.-]\s*)/i, "");
  return [
    `#### Objective 1: ${objective}`,
    "",
    "**Key Results:**",
    ...keyResults.map((line) => `- ${line}`),
  ].join("\n");
}

export function readText(text: string): TextReading {
  if (text.trim() === "") return { plan: null, problems: [] };
  const imported = importPlan(text);
  if (imported.plans.length > 0) {
    return { plan: imported.plans[0].plan, problems: imported.problems };
  }
  const document = asDocument(text);
  if (document !== null) {
    const again = importPlan(document);
    if (again.plans.length > 0) return { plan: again.plans[0].plan, problems: [] };
  }
  return { plan: null, problems: imported.problems };
}

/** Why a key result's reading should be checked by a person, or null when it is sure. */
export function doubtOf(keyResult: KeyResult): string | null {
  const parsed = parseKeyResult(keyResult.text);
  // The parser's reason already says why (the "Check this" mark beside it says what to do).
  if (!parsed.measurable) return `${parsed.reason[0].toUpperCase()}${parsed.reason.slice(1)}.`;
  if (keyResult.type === null) return "Its type is not known: choose how it is scored.";
  if (keyResult.type !== "milestone" && keyResult.target === null)
    return "No target was found: give the number to reach.";
  if (parsed.confidence < AMBIGUOUS_BELOW) return `Unsure reading: ${parsed.reason}.`;
  return null;
}

/** A number as the pane shows it, en-US, with a symbol unit in its place: 95%, $1,500, 10,000. */
function numberText(value: number, unit: string | null): string {
  const number = value.toLocaleString("en-US", { maximumFractionDigits: 6 });
  return isSymbolUnit(unit) ? withUnit(number, unit) : number;
}

/**
 * A key result's reading in words: "increase, 82% → 95%", "increase, 100 → 500 customers": a
 * symbol unit with each number, a word unit once at the end.
 */
export function readingOf(keyResult: KeyResult): string {
  if (keyResult.type === null) return "no type";
  if (keyResult.type === "milestone") return "milestone (done / not done)";
  const { baseline, target, unit } = keyResult;
  const from = baseline === null ? "no baseline" : numberText(baseline, unit);
  const to = target === null ? "no target" : numberText(target, unit);
  const words = unit === null || isSymbolUnit(unit) ? "" : ` ${unit}`;
  return `${keyResult.type}, ${from} → ${to}${words}`;
}

/** The edit form's text for a key result's fields. */
export interface KeyResultEdit {
  type: string;
  baseline: string;
  target: string;
  unit: string;
}

export function editOf(keyResult: KeyResult): KeyResultEdit {
  return {
    type: keyResult.type ?? "",
    baseline: keyResult.baseline === null ? "" : String(keyResult.baseline),
    target: keyResult.target === null ? "" : String(keyResult.target),
    unit: keyResult.unit ?? "",
  };
}

export type EditReading =
  | { ok: true; fields: Pick<KeyResult, "type" | "baseline" | "target" | "unit"> }
  | { ok: false; errors: Partial<Record<keyof KeyResultEdit, string>> };

function numberOf(text: string): number | null | undefined {
  const trimmed = text.trim().replace(/,/g, "");
  if (trimmed === "") return null;
  const value = Number(trimmed);
  return Number.isFinite(value) ? value : undefined;
}

/** An edit's fields, or what is wrong with them. */
export function readEdit(edit: KeyResultEdit): EditReading {
  const errors: Partial<Record<keyof KeyResultEdit, string>> = {};
  const type = KEY_RESULT_TYPES.includes(edit.type as KeyResultType)
    ? (edit.type as KeyResultType)
    : null;
  if (type === null) errors.type = "Choose how the key result is scored.";
  const baseline = numberOf(edit.baseline);
  const target = numberOf(edit.target);
  if (baseline === undefined) errors.baseline = "Type a number, such as 40 or 12.5.";
  if (target === undefined) errors.target = "Type a number, such as 85 or 1200.";
  else if (target === null && type !== null && type !== "milestone")
    errors.target = "Give the number to reach.";
  if (
    type !== null &&
    (type === "increase" || type === "decrease") &&
    typeof baseline === "number" &&
    typeof target === "number" &&
    baseline === target
  )
    errors.target = "The target must differ from the baseline.";
  if (Object.keys(errors).length > 0 || type === null) return { ok: false, errors };
  const milestone = type === "milestone";
  return {
    ok: true,
    fields: {
      type,
      baseline: milestone ? null : (baseline ?? null),
      target: milestone ? null : (target ?? null),
      unit: milestone ? null : edit.unit.trim() || null,
    },
  };
}

/** The plan with one key result's fields replaced. */
export function withKeyResult(
  plan: Plan,
  id: string,
  fields: Pick<KeyResult, "type" | "baseline" | "target" | "unit">
): Plan {
  return {
    ...plan,
    objectives: plan.objectives.map((objective) => ({
      ...objective,
      keyResults: objective.keyResults.map((keyResult) =>
        keyResult.id === id ? { ...keyResult, ...fields } : keyResult
      ),
    })),
  };
}
