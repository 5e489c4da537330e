import { join } from "node:path";
import { readXlsx } from "../src/hosts/xlsx";
import { checkWorkbook } from "../src/okr/rules";
import { readPlan } from "../src/sheets/read";
import corpus from "./fixtures/real/spreadsheets.json";

/**
 * Real OKR scorecards (issue 11): the corpus's spreadsheets (test/fixtures/real/, converted to
 * .xlsx by LibreOffice from tables teams published), read as `okr lint` and the pane read a
 * workbook. Each gives the objectives and key results a person reads there (their texts, rows and
 * hand-typed scores, from test/fixtures/real/spreadsheets.json, labelled before the reader
 * changed), whatever the header calls its columns: a team's name over the key results, "End-Q"
 * for the score, a status with the score beside it ("🟨 66%"), objectives as numbered rows among
 * their key results or as a title above each table. A deliverable graded by hand is no error.
 */

interface LabelledKeyResult {
  text: string;
  row: number;
  score?: number | null;
}
interface LabelledSheet {
  file: string;
  objectives: { title: string; row: number; keyResults: LabelledKeyResult[] }[];
}

const sheets = corpus as unknown as LabelledSheet[];
const AS_OF = 46100;

/** A heading's title as a person reads it: without its numbering or the word "Objective". */
function titleOf(heading: string): string {
  return heading
    .replace(/^\d{1,2}[.)]?\s+/, "")
    .replace(/^(?:[A-Z][\w&/.+-]*\s+)?Objective\s*[-–—:]\s*/i, "")
    .trim();
}

describe.each(sheets.map((sheet) => [sheet.file, sheet] as const))("%s", (file, labelled) => {
  const read = readXlsx(join(__dirname, "fixtures", "real", file)).then(readPlan);

  test("every objective and key result, in order, at its row, with its typed score", async () => {
    const { plan, locations, recorded } = await read;
    expect(plan).not.toBeNull();
    expect(
      plan!.objectives.map((objective) => ({
        title: objective.title,
        keyResults: objective.keyResults.map((kr) => ({
          text: kr.text,
          row: Number(/\d+$/.exec(locations.keyResults[kr.id].row.address)![0]),
          score: typeof recorded[kr.id]?.score === "number" ? recorded[kr.id].score : null,
        })),
      }))
    ).toEqual(
      labelled.objectives.map((objective) => ({
        title: titleOf(objective.title),
        keyResults: objective.keyResults.map((kr) => ({
          text: kr.text,
          row: kr.row,
          score: kr.score ?? null,
        })),
      }))
    );
  });

  test("no key result graded by hand is an error", async () => {
    const facts = await read;
    const graded = new Set(
      facts.plan!.objectives.flatMap((objective) =>
        objective.keyResults
          .filter((kr) => typeof facts.recorded[kr.id]?.score === "number")
          .map((kr) => kr.id)
      )
    );
    const errors = checkWorkbook(facts, { asOf: AS_OF, minSeverity: "error" }).filter((finding) =>
      [...graded].some((id) => finding.message.startsWith(`${id} `))
    );
    expect(errors).toEqual([]);
  });
});
