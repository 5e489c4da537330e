import fc from "fast-check";
import type { KeyResult, Objective, Plan } from "../../src/okr/model";
import { PLAN_STATUSES } from "../../src/okr/model";
import { HEADER_SYNONYMS } from "../../src/sheets/layout";
import { rowXml } from "../fixtures/lint/make";
import { uniform } from "./arbitraries";

/**
 * fast-check arbitraries for okr lint: hostile grids and sheet XML (what breaks readers) and
 * well-formed ones (a key-result table as people type it, a sheet part that is valid XML, a plan
 * as the workbook builder writes it), so that a fuzz property reaches the reader and the rules in
 * most runs instead of stopping at "no OKR table" or "damaged file". Nothing runs on import.
 */

/** A cell as minimalXlsx writes it: text, a number, or no cell. */
export type GridCell = string | number | null;

/** Header words, numbers, text and error-looking values, in any place. */
export const anyGridCell: fc.Arbitrary<GridCell> = fc.oneof(
  fc.constantFrom(
    "Key Result",
    "KR",
    "Objective",
    "Target",
    "Goal",
    "Baseline",
    "Actual",
    "Current",
    "Score",
    "Status",
    "Owner",
    "Date",
    "Value",
    "Green",
    "Red",
    "#N/A",
    "Objective: Grow",
    "Reduce churn from 8% to 5%",
    "< 5%",
    "85%",
    "done"
  ),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.integer({ min: -5, max: 100 }),
  fc.string({ maxLength: 30 }),
  fc.constant(null)
);

/** Rows of hostile cells: rarely a table the reader recognises. */
export const anyGrid: fc.Arbitrary<GridCell[][]> = fc.array(
  fc.array(anyGridCell, { maxLength: 8 }),
  {
    maxLength: 12,
  }
);

const SENTENCES = [
  "Grow weekly users from 1,000 to 5,000",
  "Reduce churn from 8% to 5%",
  "Raise NPS from 20 to 40",
  "Keep uptime above 99.9%",
  "Cut average response time from 5 minutes to 30 seconds",
  "Reach 95% model accuracy on the holdout set",
  "Launch the self-service portal",
  "Lower cost per prediction from $0.12 to $0.05",
  "Increase automated resolution from 20% to 45%",
  "Keep the false positive rate below 2%",
];
const OWNERS = ["Kim", "Ana Ruiz", "Data Science", "ML Platform", "李华"];
const OBJECTIVES = [
  "Grow adoption",
  "Make the model trustworthy",
  "Run the platform reliably",
  "Cut the cost to serve",
];

/** One key result's numbers as a typed table holds them: baseline, target, current, score. */
const typedNumbers = fc
  .tuple(
    fc.oneof(fc.integer({ min: 0, max: 10_000 }), uniform(0, 100)),
    fc.oneof(fc.integer({ min: 1, max: 10_000 }), uniform(0.5, 100)),
    fc.boolean(),
    uniform(-0.2, 1.2)
  )
  .map(([baseline, size, down, made]) => {
    const target = down ? baseline - size : baseline + size;
    const current = Number((baseline + (target - baseline) * made).toPrecision(6));
    const score = Math.round(Math.min(1, Math.max(0, made)) * 100) / 100;
    return { baseline, target, current, score };
  });

/** The columns a typed key-result table may have, beside its "Key Result" column. */
const VALUE_COLUMNS = ["Baseline", "Target", "Current", "Score"] as const;
const OTHER_COLUMNS = ["Objective", "Owner", "Status", "Weight"] as const;
type Column = "Key Result" | (typeof VALUE_COLUMNS)[number] | (typeof OTHER_COLUMNS)[number];

/** A column's header as someone typed it: the name, a synonym, another case, a colon. */
function headerOf(column: Column): fc.Arbitrary<string> {
  return fc
    .tuple(
      fc.constantFrom(...(HEADER_SYNONYMS[column] ?? [column])),
      fc.constantFrom("as is", "upper", "colon")
    )
    .map(([name, form]) =>
      form === "upper" ? name.toUpperCase() : form === "colon" ? `${name}:` : name
    );
}

/**
 * A key-result table as people type it: a "Key Result" column (or a synonym) with at least one of
 * Baseline, Target, Current or Score, maybe objectives, owners, statuses and weights, in any
 * order; a title above it sometimes; one to eight key results with numbers that fit.
 */
export const typedTable: fc.Arbitrary<GridCell[][]> = fc
  .tuple(
    fc.subarray([...VALUE_COLUMNS], { minLength: 1 }),
    fc.subarray([...OTHER_COLUMNS]),
    fc.nat(),
    fc.array(
      fc.tuple(
        fc.constantFrom(...SENTENCES),
        typedNumbers,
        fc.constantFrom(...OBJECTIVES),
        fc.constantFrom(...OWNERS),
        fc.integer({ min: 1, max: 3 })
      ),
      { minLength: 1, maxLength: 8 }
    ),
    fc.option(fc.constantFrom("Team OKRs, Q2 2026", "Scorecard", "OKRs — draft"), { nil: null })
  )
  .chain(([values, others, at, rows, title]) => {
    const columns: Column[] = [...values, ...others];
    // The key-result column anywhere among the others.
    columns.splice(at % (columns.length + 1), 0, "Key Result");
    return fc.tuple(...columns.map(headerOf)).map((headers) => {
      const body = rows.map(([text, numbers, objective, owner, weight]) =>
        columns.map((column): GridCell => {
          switch (column) {
            case "Key Result":
              return text;
            case "Baseline":
              return numbers.baseline;
            case "Target":
              return numbers.target;
            case "Current":
              return numbers.current;
            case "Score":
              return numbers.score;
            case "Objective":
              return objective;
            case "Owner":
              return owner;
            case "Status":
              return numbers.score < 0.4 ? "Red" : numbers.score < 0.7 ? "Yellow" : "Green";
            case "Weight":
              return weight;
          }
        })
      );
      return [...(title === null ? [] : [[title], []]), headers, ...body];
    });
  });

/**
 * A typed table with a few of its data cells replaced by hostile ones: the table is still there,
 * its cells are not what they should be.
 */
export const spoiledTable: fc.Arbitrary<GridCell[][]> = fc
  .tuple(
    typedTable,
    fc.array(fc.tuple(fc.nat(), fc.nat(), anyGridCell), { minLength: 1, maxLength: 4 })
  )
  .map(([rows, spoils]) => {
    const copy = rows.map((row) => [...row]);
    const header = copy.findIndex((row) => row.length > 1 || row[0] === "Key Result");
    for (const [row, column, value] of spoils) {
      const r = header + 1 + (row % (copy.length - header - 1 || 1));
      if (r < copy.length) copy[r][column % copy[r].length] = value;
    }
    return copy;
  });

/** Pieces of a sheet part: cells and rows that readers trip on, each valid XML on its own. */
const oddCell = fc.constantFrom(
  '<c r="B2" t="s"><v>99</v></c>', // a shared string that does not exist
  '<c r="C2" t="b"><v>1</v></c>',
  '<c r="D2" t="e"><v>#DIV/0!</v></c>',
  '<c t="str"><f>1+1</f><v>2</v></c>', // no reference
  '<c r="XFD1048576"><v>1</v></c>', // the last cell a sheet has
  '<c r="A1"><v>not a number</v></c>',
  '<c r="E3" t="inlineStr"><is><r><t>rich</t></r><r><t xml:space="preserve"> text</t></r></is></c>',
  '<c r="F4"><f>SUM(A1:A3)</f></c>', // a formula without a cached value
  '<c r="G5" t="d"><v>2026-01-01T00:00:00Z</v></c>',
  '<c r="H6" t="inlineStr"><is><t>&lt;b&gt; &amp; &#x4E2D;</t></is></c>',
  '<c r="I7" s="99"><v>3</v></c>', // a style that does not exist
  '<c r="J8" t="n"><v></v></c>'
);
const oddRow = fc.constantFrom(
  '<row r="2"><c r="A2" t="inlineStr"><is><t>duplicate row</t></is></c></row>',
  '<row><c r="A30" t="inlineStr"><is><t>row without a number</t></is></c></row>',
  // Below the table. Not far below: lint's time grows with the used range's rows × columns, and
  // with the XFD cell above, a row at 2000 already costs two seconds ("a huge used range" in
  // lintFuzz.test.ts stretches the rows once).
  '<row r="60"><c r="A60"><v>1</v></c></row>',
  '<row r="40" hidden="1" ht="0" customHeight="1"/>',
  '<row r="41" spans="1:16384"></row>'
);

/**
 * A sheet part's `<sheetData>` content: a typed table's rows, well-formed XML, with odd cells and
 * maybe an odd row slipped in.
 */
export const sheetDataXml: fc.Arbitrary<string> = fc
  .tuple(
    typedTable,
    fc.array(fc.tuple(fc.nat(), oddCell), { maxLength: 3 }),
    fc.oneof(
      { arbitrary: fc.constant(null), weight: 2 },
      { arbitrary: fc.tuple(fc.nat(), oddRow), weight: 1 }
    )
  )
  .map(([rows, cells, extraRow]) => {
    const xml = rows.map((row, index) => rowXml(index + 1, row));
    for (const [at, cell] of cells) {
      const index = at % xml.length;
      xml[index] = xml[index].replace(/<\/row>$/, `${cell}</row>`);
    }
    if (extraRow !== null) xml.splice(extraRow[0] % (xml.length + 1), 0, extraRow[1]);
    return xml.join("");
  });

// ---------------------------------------------------------------------------------------------
// Plans, as the workbook builder writes them.

const keyResult: fc.Arbitrary<Omit<KeyResult, "id">> = fc
  .tuple(
    fc.constantFrom(...SENTENCES),
    typedNumbers,
    fc.constantFrom("increase or decrease", "maintain-above", "maintain-below", "milestone"),
    fc.option(fc.constantFrom(...OWNERS), { nil: null }),
    fc.constantFrom<"current" | "pending">("current", "current", "current", "pending"),
    fc.integer({ min: 1, max: 3 })
  )
  .map(([text, numbers, kind, owner, known, weight]) => {
    const base = { text, unit: null, weight, owner, notes: [] as string[] };
    if (kind === "milestone") {
      const current = known === "pending" ? null : numbers.score >= 0.5;
      return { ...base, type: "milestone", baseline: null, target: null, current };
    }
    if (kind === "increase or decrease") {
      return {
        ...base,
        type: numbers.target > numbers.baseline ? "increase" : "decrease",
        baseline: numbers.baseline,
        target: numbers.target,
        current: known === "pending" ? null : numbers.current,
      };
    }
    return {
      ...base,
      type: kind,
      baseline: numbers.baseline,
      target: numbers.target,
      current: known === "pending" ? null : numbers.current,
    };
  });

const objective: fc.Arbitrary<Omit<Objective, "id">> = fc.record({
  title: fc.constantFrom(...OBJECTIVES),
  owner: fc.option(fc.constantFrom(...OWNERS), { nil: null }),
  timeline: fc.option(fc.constantFrom("Q1 2026", "Q1-Q2 2026", "FY 2026"), { nil: null }),
  kind: fc.constantFrom("aspirational" as const, "committed" as const),
  notes: fc.constant([]),
  keyResults: fc.array(keyResult, { minLength: 1, maxLength: 6 }) as fc.Arbitrary<KeyResult[]>,
});

/** A plan of one to six objectives of one to six key results each, ids in order. */
export const wellFormedPlan: fc.Arbitrary<Plan> = fc
  .record({
    project: fc.constantFrom("Line inspection", "Support assistant", "Demand forecast"),
    period: fc.constantFrom("2026-Q1", "2026-Q2", "2025-Q4"),
    owner: fc.constantFrom(...OWNERS),
    contributors: fc.subarray(OWNERS, { maxLength: 3 }),
    status: fc.constantFrom(...PLAN_STATUSES),
    alignment: fc.constant(null),
    objectives: fc.array(objective, { minLength: 1, maxLength: 6 }),
  })
  .map((plan) => ({
    ...plan,
    objectives: plan.objectives.map((objective, index) => ({
      ...objective,
      id: `O${index + 1}`,
      keyResults: objective.keyResults.map((kr, krIndex) => ({
        ...kr,
        id: `O${index + 1}.KR${krIndex + 1}`,
      })),
    })),
  }));
