import type { Plan } from "../../src/okr/model";
import type { Location, WorkbookFacts } from "../../src/okr/rules";
import { KEY_RESULT_HEADERS, OBJECTIVE_HEADERS, SHEETS } from "../../src/sheets/layout";
import { columnLetter } from "../../src/sheets/spec";

/** The fields a fact's location names, each with the header of the column it stands in. */
const KEY_RESULT_FIELDS = [
  ["id", "ID"],
  ["text", "Key Result"],
  ["baseline", "Baseline"],
  ["target", "Target"],
  ["current", "Current"],
  ["score", "Score"],
  ["status", "Status"],
  ["lastCheckIn", "Last Check-in"],
] as const satisfies readonly (readonly [string, (typeof KEY_RESULT_HEADERS)[number]])[];

const OBJECTIVE_FIELDS = [
  ["owner", "Owner"],
  ["timeline", "Timeline"],
  ["score", "Score"],
  ["status", "Status"],
] as const satisfies readonly (readonly [string, (typeof OBJECTIVE_HEADERS)[number]])[];

/** A Scorecard cell in the column of `header` among `headers`. */
function scorecardCell(headers: readonly string[], header: string, row: number): Location {
  return { sheet: SHEETS.scorecard, address: `${columnLetter(headers.indexOf(header))}${row}` };
}

/**
 * A plan's facts as readPlan reports a workbook OKR Studio built: key results on Scorecard rows
 * 6…, the objectives three rows below them, every field at its header's column, the project on
 * the OKR Plan sheet; `extra` replaces any part.
 */
export function factsOf(plan: Plan | null, extra: Partial<WorkbookFacts> = {}): WorkbookFacts {
  const keyResults: WorkbookFacts["locations"]["keyResults"] = {};
  const objectives: WorkbookFacts["locations"]["objectives"] = {};
  let row = 6;
  for (const objective of plan?.objectives ?? []) {
    for (const keyResult of objective.keyResults) {
      const at = (header: string) => scorecardCell(KEY_RESULT_HEADERS, header, row);
      keyResults[keyResult.id] ??= {
        row: at("ID"),
        fields: Object.fromEntries(KEY_RESULT_FIELDS.map(([field, header]) => [field, at(header)])),
      };
      row++;
    }
  }
  row += 3;
  for (const objective of plan?.objectives ?? []) {
    const at = (header: string) => scorecardCell(OBJECTIVE_HEADERS, header, row);
    objectives[objective.id] ??= {
      row: at("ID"),
      fields: Object.fromEntries(OBJECTIVE_FIELDS.map(([field, header]) => [field, at(header)])),
    };
    row++;
  }
  return {
    plan,
    lookedFor: ["Key Result + Target"],
    locations: { plan: { project: { sheet: SHEETS.plan, address: "B3" } }, objectives, keyResults },
    recorded: {},
    checkIns: [],
    problems: [],
    ...extra,
  };
}
