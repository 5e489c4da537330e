import { SHEETS } from "../layout";
import { type Grid, isErrorValue, textOf } from "./cells";
import { MAX_HEADER_LENGTH, normalHeader, SPELLINGS } from "./fields";
import type { CellLocation, PlanField } from "./result";

/** The plan header: label cells ("Project", "Period", …) with the value in the next column. */

const PLAN_LABELS: Record<string, PlanField> = {
  project: "project",
  period: "period",
  owner: "owner",
  contributors: "contributors",
  status: "status",
};

const ALIGNMENT_LABELS: Record<string, "company" | "businessUnit" | "project"> = {
  "company objective": "company",
  "business unit objective": "businessUnit",
  "project objective": "project",
};

export interface PlanHeader {
  values: Partial<Record<PlanField, string>>;
  locations: Partial<Record<PlanField, CellLocation>>;
  alignment: Partial<Record<"company" | "businessUnit" | "project", string>>;
}

function isHeaderWord(text: string): boolean {
  const key = normalHeader(text);
  return SPELLINGS.has(key) || key in PLAN_LABELS;
}

export function isPlanSheet(name: string): boolean {
  const lower = name.toLowerCase();
  const plan = SHEETS.plan.toLowerCase();
  return lower === plan || lower.startsWith(`${plan} (`);
}

/** Label cells of one sheet (the cells present), outside the rows its tables occupy. */
export function readLabels(grid: Grid, tableRows: Set<number>, header: PlanHeader): void {
  const onPlanSheet = isPlanSheet(grid.name);
  for (const { row, cells } of grid.rows) {
    if (tableRows.has(row)) continue;
    for (const { column, value } of cells) {
      if (typeof value !== "string" || value.length > MAX_HEADER_LENGTH) continue;
      const label = normalHeader(value);
      const field = PLAN_LABELS[label];
      const link = ALIGNMENT_LABELS[label];
      if (field === undefined && link === undefined) continue;
      const next = grid.value(row, column + 1);
      const text = isErrorValue(next) ? "" : textOf(next);
      // Off the plan sheet a label needs a value, not another header beside it ("Owner | Status").
      if (!onPlanSheet && (text === "" || isHeaderWord(text))) continue;
      if (field !== undefined && !(field in header.values)) {
        header.values[field] = text;
        header.locations[field] = grid.location(row, column + 1);
      }
      if (link !== undefined && !(link in header.alignment)) header.alignment[link] = text;
    }
  }
}
