import fc from "fast-check";
import type { Plan } from "../src/okr/model";
import { parseKeyResult } from "../src/okr/parser";
import { instantiate, templates } from "../src/okr/templates";
import { evaluateWorkbook } from "../src/hosts/memory";
import { buildWorkbook } from "../src/sheets/build";
import { KEY_RESULT_HEADERS, OBJECTIVE_HEADERS, SHEETS } from "../src/sheets/layout";
import { readPlan, type ReadResult } from "../src/sheets/read";
import { snapshotFromGrid } from "../src/sheets/snapshot";
import type { SheetSnapshot, WorkbookSnapshot, WorkbookSpec } from "../src/sheets/spec";
import { propertyRuns, Reach } from "./support/reach";
import { spoiledTable, typedTable, wellFormedPlan } from "./support/workbookArbitraries";

type Cell = string | number | boolean | null;

/**
 * A sheet as a person sees it: rows of cells from `origin`. A string starting with "=" is a
 * formula; what it shows is given after " → " ("=F6*2 → 0.5"), or nothing.
 */
function sheet(
  name: string,
  rows: Cell[][],
  options: { origin?: [number, number]; visible?: boolean } = {}
): SheetSnapshot {
  const values: Cell[][] = [];
  const formulas: (string | null)[][] = [];
  for (const row of rows) {
    const valueRow: Cell[] = [];
    const formulaRow: (string | null)[] = [];
    for (const cell of row) {
      if (typeof cell === "string" && cell.startsWith("=")) {
        const [formula, shown] = cell.split(" → ");
        formulaRow.push(formula);
        valueRow.push(shownValue(shown));
      } else {
        formulaRow.push(null);
        valueRow.push(cell);
      }
    }
    values.push(valueRow);
    formulas.push(formulaRow);
  }
  const [row, column] = options.origin ?? [0, 0];
  return snapshotFromGrid(name, values, {
    formulas,
    origin: { row, column },
    visible: options.visible ?? true,
  });
}

/** A spec's cells as a snapshot, without evaluating formulas (they show nothing). */
function unevaluated(spec: WorkbookSpec): WorkbookSnapshot {
  return {
    sheets: spec.sheets.map((sheetSpec) => {
      const rows = Math.max(0, ...sheetSpec.cells.map((cell) => cell.row + 1));
      const columns = Math.max(0, ...sheetSpec.cells.map((cell) => cell.column + 1));
      const values: Cell[][] = Array.from({ length: rows }, () => Array(columns).fill(null));
      const formulas: (string | null)[][] = Array.from({ length: rows }, () =>
        Array(columns).fill(null)
      );
      for (const { row, column, content } of sheetSpec.cells) {
        if (content.kind === "text") values[row][column] = content.text;
        else if (content.kind === "number" || content.kind === "boolean")
          values[row][column] = content.value;
        else if (content.kind === "date") values[row][column] = content.serial;
        else formulas[row][column] = content.formula;
      }
      return snapshotFromGrid(sheetSpec.name, values, { formulas });
    }),
  };
}

function shownValue(shown: string | undefined): Cell {
  if (shown === undefined) return null;
  return shown.trim() !== "" && Number.isFinite(Number(shown)) ? Number(shown) : shown;
}

const at = (sheetName: string, address: string) => ({ sheet: sheetName, address });

// ---------------------------------------------------------------------------------------------
// OKR Studio's own workbook, laid out by hand as src/sheets/layout.ts names it.

const KR = KEY_RESULT_HEADERS;
const studioWorkbook: WorkbookSnapshot = {
  sheets: [
    sheet(SHEETS.plan, [
      ["OKR Plan: Support bot"],
      [],
      ["Project", "Support bot"],
      ["Period", "2026-Q1"],
      ["Owner", "Dana"],
      ["Contributors", "Ann, Bo"],
      ["Status", "Active"],
      [],
      ["Alignment"],
      ["Company objective", "Lead in AI service"],
      ["Business unit objective", "Automate support"],
      ["Project objective", "Launch the bot"],
      [],
      ["Scoring legend"],
      ["Status", "Score (rounded to 2 decimals)", "Meaning"],
      ["Red", 0.4, "We failed to make real progress"],
    ]),
    sheet(SHEETS.scorecard, [
      ["Scorecard: Support bot"],
      ["2026-Q1 · Dana · Active"],
      [
        "Overall score",
        "=AVERAGE(F10:F11) → 0.5",
        "Health",
        '=IF(B3="","","Concerning") → Concerning',
      ],
      [],
      [...KR, "Objective ID", "Scored Weight", "Weighted Score"],
      // prettier-ignore
      ["O1.KR1", "Launch the bot", "Achieve 90% CSAT (Current: 65%)", "increase", "Ann", "%", 0.65, 0.9, "=IF(O6=\"\",0.8,0) → 0.8", "=(I6-G6)/(H6-G6) → 0.6", "=MIN(1,MAX(0,J6)) → 0.6", "=IF(K6=\"\",\"Pending\",\"Yellow\") → Yellow", 1, null, "=MAXIFS() → ", "From the pilot; two teams", "O1"],
      // prettier-ignore
      ["O1.KR2", "Launch the bot", "Handle 10,000+ conversations per month", "increase", "Ann", "conversations/month", null, 10000, "=IF(O7=\"\",\"\",0) → ", "=\"\" → ", "=\"\" → ", "=IF(K7=\"\",\"Pending\") → Pending", 2, null, "=MAXIFS() → ", null, "O1"],
      // prettier-ignore
      ["O2.KR1", "Run it well", "Ship the runbook", "milestone", null, null, null, null, "=IF(O8=\"\",1,0) → 1", "=1 → 1", "=1 → 1", "=\"Green\" → Green", 1, null, "=MAXIFS() → ", null, "O2"],
      [],
      [],
      [...OBJECTIVE_HEADERS],
      [
        "O1",
        "Launch the bot",
        "Ann",
        "Q1 2026",
        "aspirational",
        "=SUMIFS() → 0.36",
        '="Red" → Red',
      ],
      ["O2", "Run it well", null, null, "committed", "=SUMIFS() → 1", '="Green" → Green'],
    ]),
    sheet(SHEETS.checkIns, [
      ["Date", "Key Result", "Value", "Confidence", "Comment", "Author"],
      [46050, "O1.KR1", 0.8, 0.7, "after launch", "Ann"],
      ["2026-02-01", "O2.KR1", true, null, "", "Bo"],
      [],
    ]),
    sheet(SHEETS.review, [
      ["Monthly Review: Support bot"],
      [],
      [
        "ID",
        "Key Result",
        "Owner",
        "Score",
        "Status",
        "Pace",
        "Last Check-in",
        "Days Since",
        "At Risk",
        "Stale",
      ],
      [
        "O1.KR1",
        "Achieve 90% CSAT (Current: 65%)",
        "Ann",
        0.6,
        "Yellow",
        "Behind",
        null,
        null,
        "",
        "",
      ],
    ]),
  ],
};

const studioPlan: Plan = {
  project: "Support bot",
  period: "2026-Q1",
  owner: "Dana",
  contributors: ["Ann", "Bo"],
  status: "Active",
  alignment: {
    company: "Lead in AI service",
    businessUnit: "Automate support",
    project: "Launch the bot",
  },
  objectives: [
    {
      id: "O1",
      title: "Launch the bot",
      owner: "Ann",
      timeline: "Q1 2026",
      kind: "aspirational",
      notes: [],
      keyResults: [
        {
          id: "O1.KR1",
          text: "Achieve 90% CSAT (Current: 65%)",
          type: "increase",
          baseline: 65,
          target: 90,
          unit: "%",
          current: 80,
          weight: 1,
          owner: "Ann",
          notes: ["From the pilot", "two teams"],
        },
        {
          id: "O1.KR2",
          text: "Handle 10,000+ conversations per month",
          type: "increase",
          baseline: null,
          target: 10000,
          unit: "conversations/month",
          current: null,
          weight: 2,
          owner: "Ann",
          notes: [],
        },
      ],
    },
    {
      id: "O2",
      title: "Run it well",
      owner: null,
      timeline: null,
      kind: "committed",
      notes: [],
      keyResults: [
        {
          id: "O2.KR1",
          text: "Ship the runbook",
          type: "milestone",
          baseline: null,
          target: null,
          unit: null,
          current: true,
          weight: 1,
          owner: null,
          notes: [],
        },
      ],
    },
  ],
};

describe("readPlan on OKR Studio's own workbook", () => {
  const result = readPlan(studioWorkbook);

  it("reads the plan: header, alignment, objectives, key results, percentages in points", () => {
    expect(result.plan).toEqual(studioPlan);
    expect(result.problems).toEqual([]);
  });

  it("finds the key-result, objective and check-in tables, not the review's report table", () => {
    expect(
      result.found.map(({ sheet, table, headerRow }) => [sheet, table, headerRow.address])
    ).toEqual([
      [SHEETS.scorecard, "keyResults", "A5"],
      [SHEETS.scorecard, "objectives", "A11"],
      [SHEETS.checkIns, "checkIns", "A1"],
    ]);
    expect(result.found[0].columns).toMatchObject({
      ID: "A",
      "Key Result": "C",
      Target: "H",
      Notes: "P",
    });
  });

  it.each([
    ["plan project", () => result.locations.plan.project, at(SHEETS.plan, "B3")],
    ["plan status", () => result.locations.plan.status, at(SHEETS.plan, "B7")],
    ["O1.KR1 row", () => result.locations.keyResults["O1.KR1"].row, at(SHEETS.scorecard, "A6")],
    [
      "O1.KR2 target",
      () => result.locations.keyResults["O1.KR2"].fields.target,
      at(SHEETS.scorecard, "H7"),
    ],
    [
      "O2.KR1 score",
      () => result.locations.keyResults["O2.KR1"].fields.score,
      at(SHEETS.scorecard, "K8"),
    ],
    ["O2 kind", () => result.locations.objectives.O2.fields.kind, at(SHEETS.scorecard, "E13")],
    ["O1 row", () => result.locations.objectives.O1.row, at(SHEETS.scorecard, "A12")],
  ])("locates the %s", (_what, location, expected) => {
    expect(location()).toEqual(expected);
  });

  it("records the scores, statuses and progress the sheet shows, with their formulas", () => {
    expect(result.recorded["O1.KR1"]).toEqual({
      score: 0.6,
      status: "Yellow",
      progress: 0.6,
      formulas: {
        score: "=MIN(1,MAX(0,J6))",
        status: '=IF(K6="","Pending","Yellow")',
        progress: "=(I6-G6)/(H6-G6)",
      },
    });
    expect(result.recorded["O1.KR2"]).toMatchObject({
      score: null,
      status: "Pending",
      progress: null,
    });
  });

  it("reads the check-ins with their dates as serial numbers", () => {
    expect(result.checkIns).toEqual([
      {
        date: 46050,
        keyResultId: "O1.KR1",
        value: 0.8,
        confidence: 0.7,
        comment: "after launch",
        author: "Ann",
        location: at(SHEETS.checkIns, "A2"),
      },
      {
        date: 46054,
        keyResultId: "O2.KR1",
        value: true,
        confidence: null,
        comment: "",
        author: "Bo",
        location: at(SHEETS.checkIns, "A3"),
      },
    ]);
  });
});

// ---------------------------------------------------------------------------------------------
// Sheets a person typed.

/** The key results of a plan as [id, objective title, text, type, baseline, target, unit, current]. */
function rows(result: ReadResult) {
  return (result.plan?.objectives ?? []).flatMap((objective) =>
    objective.keyResults.map((kr) => [
      kr.id,
      objective.title,
      kr.text,
      kr.type,
      kr.baseline,
      kr.target,
      kr.unit,
      kr.current,
    ])
  );
}

const personCases: [string, SheetSnapshot[], unknown[][]][] = [
  [
    'synonyms: "KR", "Goal", "Actual", "DRI", "Grade"; ids missing',
    [
      sheet("Q1", [
        ["Objective", "KR", "Start", "Goal", "Actual", "DRI", "Grade"],
        ["Grow usage", "Increase weekly users from 200 to 500", 200, 500, 350, "Kim", 0.5],
        ["Grow usage", "Reduce churn from 8% to 4%", "8%", "4%", "6%", "Lee", 0.5],
        ["Be reliable", "Maintain 99.9% uptime", null, "99.9%", "99.95%", "Sam", 1],
      ]),
    ],
    [
      [
        "O1.KR1",
        "Grow usage",
        "Increase weekly users from 200 to 500",
        "increase",
        200,
        500,
        "weekly users",
        350,
      ],
      ["O1.KR2", "Grow usage", "Reduce churn from 8% to 4%", "decrease", 8, 4, "%", 6],
      ["O2.KR1", "Be reliable", "Maintain 99.9% uptime", "maintain-above", null, 99.9, "%", 99.95],
    ],
  ],
  [
    "reordered and added columns, an inserted blank row, the objective named once",
    [
      sheet(
        "Team",
        [
          ["Notes", "Target", "Key Result", "Sprint", "Objective", "Baseline", "Owner"],
          [null, 0.85, "Achieve 85% accuracy on the test set", "S1", "Ship the model", 0.72, "Ana"],
          [],
          ["late", "$1.2M", "Generate $1.2M in revenue", "S2", null, null, "Ben"],
        ],
        { origin: [3, 2] }
      ),
    ],
    [
      [
        "O1.KR1",
        "Ship the model",
        "Achieve 85% accuracy on the test set",
        "increase",
        72,
        85,
        "%",
        null,
      ],
      [
        "O1.KR2",
        "Ship the model",
        "Generate $1.2M in revenue",
        "increase",
        null,
        1200000,
        "$",
        null,
      ],
    ],
  ],
  [
    "only the sentence: type, baseline, target and unit come from the parser",
    [
      sheet("Mine", [
        ["Objective", "Key Result", "Current"],
        ["Faster support", "Reduce response time from 5 minutes to 30 seconds", "45 seconds"],
        [null, "Achieve model accuracy of ≥ 85% on test dataset (Current: 72%)", null],
      ]),
    ],
    [
      [
        "O1.KR1",
        "Faster support",
        "Reduce response time from 5 minutes to 30 seconds",
        "decrease",
        300,
        30,
        "seconds",
        45,
      ],
      [
        "O1.KR2",
        "Faster support",
        "Achieve model accuracy of ≥ 85% on test dataset (Current: 72%)",
        "increase",
        72,
        85,
        "%",
        null,
      ],
    ],
  ],
  [
    "ids given in the sheet are kept, and with no objective column the id's prefix names the objective",
    [
      sheet(
        "Hidden",
        [
          ["ID", "Objective", "Objectives ignored"],
          [],
          ["Key Result ID", "Key Result", "Target"],
          ["A.KR7", "Win 5 new markets", 5],
          ["A.KR2", "Win 3 partners", 3],
        ],
        { visible: false }
      ),
    ],
    [
      ["A.KR7", "", "Win 5 new markets", "increase", 0, 5, "markets", null],
      ["A.KR2", "", "Win 3 partners", "increase", null, 3, "partners", null],
    ],
  ],
];

describe("readPlan on sheets a person typed", () => {
  it.each(personCases)("%s", (_name, sheets, expected) => {
    const result = readPlan({ sheets });
    expect(rows(result)).toEqual(expected);
    expect(result.problems).toEqual([]);
  });

  it("names objectives after the key-result ids' prefixes when there is no objective column; a row without an id continues the one above", () => {
    const result = readPlan({
      sheets: [
        sheet("S", [
          ["ID", "KR", "Target"],
          ["A.KR1", "Win 5 markets", 5],
          ["B.KR1", "Win 2 awards", 2],
          ["A.KR2", "Win 3 partners", 3],
          [null, "Sign 4 deals", 4],
        ]),
      ],
    });
    expect(
      result.plan!.objectives.map((objective) => [
        objective.id,
        objective.keyResults.map((kr) => kr.id),
      ])
    ).toEqual([
      ["A", ["A.KR1", "A.KR2", "A.KR3"]],
      ["B", ["B.KR1"]],
    ]);
  });

  // An objective the objective table lacks (its row deleted, or never typed there) but the
  // key results name goes where the key results put it, not after every listed objective.
  it.each([
    ["the first objective's row", ["O2", "O3"], ["O1", "O2", "O3"], ["O1", "O2", "O3"]],
    ["a middle objective's row", ["O1", "O3"], ["O1", "O2", "O3"], ["O1", "O2", "O3"]],
    ["the last objective's row", ["O1", "O2"], ["O1", "O2", "O3"], ["O1", "O2", "O3"]],
    ["two rows", ["O2"], ["O1", "O2", "O3"], ["O1", "O2", "O3"]],
    ["every row", [], ["O2", "O1", "O3"], ["O2", "O1", "O3"]],
    ["no row, the table in its own order", ["O3", "O1"], ["O1", "O3"], ["O3", "O1"]],
    ["one row, the table in its own order", ["O3", "O1"], ["O1", "O2", "O3"], ["O2", "O3", "O1"]],
  ])(
    "keeps the key results' order for objectives the objective table lacks: %s",
    (_name, listed, named, expected) => {
      const title = (id: string) => `Objective ${id.slice(1)} in words`;
      const result = readPlan({
        sheets: [
          sheet("Objectives", [
            ["ID", "Objective", "Owner"],
            ...listed.map((id) => [id, title(id), "Kim"]),
          ]),
          sheet("Key results", [
            ["ID", "Objective", "Key Result", "Target"],
            ...named.map((id, index) => [
              `${id}.KR1`,
              title(id),
              `Reach ${index + 5} markets`,
              index + 5,
            ]),
          ]),
        ],
      });
      expect(result.plan!.objectives.map((objective) => objective.id)).toEqual(expected);
      expect(result.plan!.objectives.map((objective) => objective.title)).toEqual(
        expected.map(title)
      );
      expect(result.problems).toEqual([]);
    }
  );

  it.each([
    ["fractions, as Excel stores a typed 85%", 0.72, 0.85, 0.8, [72, 85, 80]],
    ["points", 72, 85, 80, [72, 85, 80]],
    ["text with a percent sign", "72%", "85%", "80%", [72, 85, 80]],
  ])("reads a percentage column typed as %s", (_name, baseline, target, current, expected) => {
    const result = readPlan({
      sheets: [
        sheet("S", [
          ["KR", "Unit", "Baseline", "Target", "Current"],
          ["Achieve 85% accuracy", "%", baseline, target, current],
        ]),
      ],
    });
    const kr = result.plan!.objectives[0].keyResults[0];
    expect([kr.baseline, kr.target, kr.current]).toEqual(expected);
  });

  it("reads the sentence's number to tell a small percentage in points from a fraction", () => {
    const result = readPlan({
      sheets: [
        sheet("S", [
          ["KR", "Unit", "Target"],
          ["Keep error rate below 0.5%", "%", 0.5],
        ]),
      ],
    });
    expect(result.plan!.objectives[0].keyResults[0].target).toBe(0.5);
  });

  it('reads "Objective: …" rows in the key-result column as the objective of the rows below', () => {
    const result = readPlan({
      sheets: [
        sheet("S", [
          ["Key Result", "Target", "Owner"],
          ["Objective 1: Grow usage", null, "Kim"],
          ["Reach 500 weekly users", 500, "Kim"],
          ["Objective – Be reliable", null, null],
          ["Objective-driven planning adopted by 3 teams", 3, null],
        ]),
      ],
    });
    expect(rows(result).map((row) => [row[0], row[1], row[2]])).toEqual([
      ["O1.KR1", "Grow usage", "Reach 500 weekly users"],
      ["O2.KR1", "Be reliable", "Objective-driven planning adopted by 3 teams"],
    ]);
    expect(result.locations.objectives.O2.row).toEqual(at("S", "A4"));
  });

  it.each([
    ["Done", "milestone", true],
    ["not done", null, false],
    [true, null, true],
    [1, "milestone", true],
    [0, "milestone", false],
    ["12", null, 12],
    [null, "milestone", null],
  ])("reads a current value of %p (type %p) as %p", (current, type, expected) => {
    const result = readPlan({
      sheets: [
        sheet("S", [
          ["KR", "Type", "Current", "Score"],
          ["Launch the portal", type, current, null],
        ]),
      ],
    });
    expect(result.plan!.objectives[0].keyResults[0].current).toBe(expected);
    expect(result.problems).toEqual([]);
  });

  it.each([
    [0.75, 0.75],
    ["0.75", 0.75],
    ["75%", 0.75],
  ])(
    "reads a typed score of %p as the recorded score %p, keeping what the sheet shows",
    (score, expected) => {
      const result = readPlan({
        sheets: [
          sheet("S", [
            ["Objective", "Score", "Owner"],
            ["Grow", score, "Kim"],
            [],
            [],
            ["Objective", "KR", "Target", "Grade"],
            ["Grow", "Reach 10 customers", 10, score],
          ]),
        ],
      });
      const objective = result.plan!.objectives[0];
      expect([objective.recordedScore, objective.keyResults[0].recordedScore]).toEqual([
        expected,
        expected,
      ]);
      expect(result.recorded[objective.keyResults[0].id].score).toBe(score);
    }
  );

  it("tells apart Target and its synonym Goal when both are there, preferring Target", () => {
    const result = readPlan({
      sheets: [
        sheet("S", [
          ["Goal", "Target", "KR"],
          ["x", 10, "Reach 10 customers"],
        ]),
      ],
    });
    expect(result.plan?.objectives[0].keyResults[0].target).toBe(10);
    expect(result.found[0].columns).toEqual({ Target: "B", "Key Result": "C" });
  });

  it("ends a table at two blank rows and reads what follows as something else", () => {
    const result = readPlan({
      sheets: [
        sheet("S", [
          ["KR", "Target"],
          ["Reach 10 customers", 10],
          [],
          [],
          ["Reach 20 customers", 20],
          [null, null, "Project", "Moonshot"],
        ]),
      ],
    });
    expect(rows(result).map((row) => row[2])).toEqual(["Reach 10 customers"]);
    expect(result.plan?.project).toBe("Moonshot");
    expect(result.locations.plan.project).toEqual(at("S", "D6"));
  });

  it("reads an objectives table beside a key-result table and links them by title", () => {
    const result = readPlan({
      sheets: [
        sheet("OKRs", [
          ["Objective", "Owner", "Timeline"],
          ["Delight customers", "Pat", "Q2 2026"],
          [],
          [],
          ["Objective", "Key Result", "Target"],
          ["delight customers", "Reach 90 NPS", 90],
        ]),
      ],
    });
    expect(result.plan?.objectives).toEqual([
      expect.objectContaining({
        id: "O1",
        title: "Delight customers",
        owner: "Pat",
        timeline: "Q2 2026",
      }),
    ]);
    expect(result.plan?.objectives[0].keyResults.map((kr) => kr.id)).toEqual(["O1.KR1"]);
  });

  it("keeps a typed score as the recorded score, and a formula's as shown", () => {
    const result = readPlan({
      sheets: [
        sheet("S", [
          ["ID", "KR", "Baseline", "Target", "Current", "Score", "Status"],
          ["K1", "Reach 10 customers", 0, 10, 5, 0.75, "Green"],
          ["K2", "Reach 20 customers", 0, 20, 5, "=D3/E3 → 0.25", "Red"],
        ]),
      ],
    });
    const [k1, k2] = result.plan!.objectives[0].keyResults;
    expect(k1.recordedScore).toBe(0.75);
    expect(k2.recordedScore).toBeUndefined();
    expect(result.recorded.K1).toEqual({ score: 0.75, status: "Green", formulas: {} });
    expect(result.recorded.K2).toEqual({
      score: 0.25,
      status: "Red",
      formulas: { score: "=D3/E3" },
    });
  });
});

describe("readPlan reports what it cannot read", () => {
  it("has no plan when no OKR table is there, and says which headers it looked for", () => {
    const result = readPlan({
      sheets: [
        sheet("Budget", [
          ["Item", "Cost"],
          ["Laptops", 3000],
        ]),
        sheet("Empty", []),
      ],
    });
    expect(result.plan).toBeNull();
    expect(result.found).toEqual([]);
    expect(result.lookedFor).toHaveLength(3);
    expect(result.lookedFor.join("\n")).toMatch(/Key Result.*KR.*Target/);
    expect(result.lookedFor.join("\n")).toMatch(/Objective/);
    expect(result.lookedFor.join("\n")).toMatch(/Date, Key Result and Value/);
  });

  it.each([
    [
      "a key-result id used twice",
      [
        ["ID", "KR", "Target"],
        ["K1", "Reach 10", 10],
        ["K1", "Reach 20", 20],
      ],
      "A3",
      /K1 appears twice/,
    ],
    [
      "an error value in a target",
      [
        ["KR", "Target"],
        ["Reach 10", "#VALUE!"],
      ],
      "B2",
      /target shows the error #VALUE!/,
    ],
    [
      "a target that is not a number",
      [
        ["KR", "Target"],
        ["Reach 10", "lots"],
      ],
      "B2",
      /target is not a number: "lots"/,
    ],
    [
      "an unknown type",
      [
        ["KR", "Type", "Target"],
        ["Reach 10", "upward", 10],
      ],
      "B2",
      /type "upward"/,
    ],
    [
      "a negative weight",
      [
        ["KR", "Weight", "Target"],
        ["Reach 10", -2, 10],
      ],
      "B2",
      /weight -2 is negative/,
    ],
    [
      "a row with values but no key result",
      [
        ["KR", "Target"],
        ["Reach 10", 10],
        [null, 30],
      ],
      "A3",
      /no key result/,
    ],
  ])("%s", (_name, cells, address, message) => {
    const result = readPlan({ sheets: [sheet("S", cells as Cell[][])] });
    expect(result.plan).not.toBeNull();
    expect(result.problems).toEqual([
      { location: at("S", address), message: expect.stringMatching(message) },
    ]);
  });

  it("reads the check-ins it can, and says which dates are not dates", () => {
    const result = readPlan({
      sheets: [
        sheet(SHEETS.checkIns, [
          ["Date", "Key Result", "Value"],
          ["last week", "O1.KR1", 3],
          [46050, "O1.KR1", 4],
        ]),
      ],
    });
    expect(result.plan).toBeNull();
    expect(result.checkIns.map((checkIn) => [checkIn.date, checkIn.value])).toEqual([
      [null, 3],
      [46050, 4],
    ]);
    expect(result.problems).toEqual([
      {
        location: at(SHEETS.checkIns, "A2"),
        message: expect.stringMatching(/"last week" is not a date/),
      },
    ]);
  });

  it("keeps both key results of a duplicated id, as the sheet has them, and locates the first", () => {
    const result = readPlan({
      sheets: [
        sheet("S", [
          ["ID", "KR", "Target"],
          ["K1", "Reach 10", 10],
          ["K1", "Reach 20", 20],
        ]),
      ],
    });
    expect(rows(result).map((row) => row[0])).toEqual(["K1", "K1"]);
    expect(result.locations.keyResults.K1.row).toEqual(at("S", "A2"));
  });

  it("reads an unknown plan status as Draft, with a problem", () => {
    const result = readPlan({
      sheets: [
        sheet(SHEETS.plan, [["Status", "Someday"]]),
        sheet("S", [
          ["KR", "Target"],
          ["Reach 10", 10],
        ]),
      ],
    });
    expect(result.plan?.status).toBe("Draft");
    expect(result.problems).toEqual([
      { location: at(SHEETS.plan, "B1"), message: expect.stringMatching(/Someday/) },
    ]);
  });
});

// ---------------------------------------------------------------------------------------------
// Plan → spec → snapshot → readPlan, for every catalogue template.

/** What the sheets hold of a plan: not objective notes, recorded scores or quarterly targets. */
function heldBySheets(plan: Plan, withCurrent: boolean): Plan {
  return {
    ...plan,
    objectives: plan.objectives.map(({ id, title, owner, timeline, kind, keyResults }) => ({
      id,
      title,
      owner,
      timeline,
      kind,
      notes: [],
      keyResults: keyResults.map(({ recordedScore, quarterlyTargets, ...kr }) => {
        void recordedScore;
        void quarterlyTargets;
        return { ...kr, current: withCurrent ? kr.current : null };
      }),
    })),
  };
}

/** The plan with a current value on every key result that can have one: half way, or done. */
function halfWay(plan: Plan): Plan {
  return {
    ...plan,
    objectives: plan.objectives.map((objective) => ({
      ...objective,
      keyResults: objective.keyResults.map((kr, index) => {
        if (kr.type === "milestone") return { ...kr, current: index % 2 === 0 };
        if (kr.target === null) return kr;
        const from = kr.baseline ?? 0;
        return { ...kr, current: Number((from + (kr.target - from) * 0.5).toPrecision(12)) };
      }),
    })),
  };
}

const roundTrips = templates.flatMap((template) => [
  [template.id, "portable", "as the catalogue has it", instantiate(template)] as const,
  [template.id, "functions", "as the catalogue has it", instantiate(template)] as const,
  [template.id, "portable", "half way", halfWay(instantiate(template))] as const,
]);

describe("round trip: plan → workbook spec → snapshot → readPlan gives the plan back", () => {
  it.each(roundTrips)("%s, %s formulas, %s, evaluated", (_id, style, _variant, plan) => {
    const result = readPlan(evaluateWorkbook(buildWorkbook(plan, { style }), { today: 46100 }));
    expect(result.plan).toEqual(heldBySheets(plan, true));
    expect(result.problems).toEqual([]);
    expect(result.found.map((found) => [found.sheet, found.table])).toEqual([
      [SHEETS.scorecard, "keyResults"],
      [SHEETS.scorecard, "objectives"],
      [SHEETS.checkIns, "checkIns"],
    ]);
  });

  it("reads a key result's current value from its latest check-in, and the check-in itself", () => {
    const spec = buildWorkbook(instantiate(templates[0]));
    const log = spec.sheets.find((candidate) => candidate.name === SHEETS.checkIns)!;
    log.cells.push(
      { row: 1, column: 0, content: { kind: "date", serial: 46050 } },
      { row: 1, column: 1, content: { kind: "text", text: "O1.KR1" } },
      { row: 1, column: 2, content: { kind: "number", value: 0.8 } }
    );
    const result = readPlan(evaluateWorkbook(spec, { today: 46100 }));
    expect(result.plan!.objectives[0].keyResults[0]).toMatchObject({ id: "O1.KR1", current: 80 });
    expect(result.checkIns).toEqual([
      expect.objectContaining({ date: 46050, keyResultId: "O1.KR1", value: 0.8 }),
    ]);
    expect(result.recorded["O1.KR1"]).toMatchObject({
      score: expect.closeTo(8 / 13, 12),
      status: "Yellow",
    });
    expect(Object.keys(result.recorded["O1.KR1"].formulas).sort()).toEqual([
      "progress",
      "score",
      "status",
    ]);
    // The 16 columns of the table, and the hidden Plan Current column.
    expect(Object.keys(result.locations.keyResults["O1.KR1"].fields)).toHaveLength(
      KEY_RESULT_HEADERS.length + 1
    );
  });

  it.each(templates.map((template) => [template.id, instantiate(template)] as const))(
    "%s, formulas not evaluated (as a file written without cached results reads)",
    (_id, plan) => {
      const result = readPlan(unevaluated(buildWorkbook(plan)));
      // The plan's own current values live in the hidden Plan Current column too.
      expect(result.plan).toEqual(heldBySheets(plan, true));
      expect(result.problems).toEqual([]);
    }
  );
});

// ---------------------------------------------------------------------------------------------
// Totality and size.

const anyCell: fc.Arbitrary<Cell> = fc.oneof(
  { arbitrary: fc.constant(null), weight: 6 },
  { arbitrary: fc.double(), weight: 2 },
  { arbitrary: fc.integer({ min: -5, max: 100_000 }), weight: 2 },
  { arbitrary: fc.boolean(), weight: 1 },
  { arbitrary: fc.string({ maxLength: 40 }), weight: 2 },
  {
    arbitrary: fc.constantFrom(
      ...KEY_RESULT_HEADERS,
      ...OBJECTIVE_HEADERS,
      "KR",
      "Goal",
      "Actual",
      "DRI",
      "Grade",
      "Date",
      "Value",
      "Project",
      "Status",
      "#VALUE!",
      "#N/A",
      "85%",
      "$1.2M",
      "done",
      "O1.KR1",
      "O1",
      "milestone",
      "increase",
      "Reduce churn from 8% to 4%",
      "=A1",
      ""
    ),
    weight: 6,
  }
);

const gridSheet: fc.Arbitrary<SheetSnapshot> = fc
  .record({
    name: fc.oneof(fc.constantFrom(SHEETS.plan, SHEETS.scorecard, "Sheet1"), fc.string()),
    visible: fc.boolean(),
    origin: fc.record({ row: fc.nat(50), column: fc.nat(20) }),
    values: fc.array(fc.array(anyCell, { maxLength: 12 }), { maxLength: 25 }),
    formulas: fc.array(
      fc.array(fc.oneof(fc.constant(null), fc.constant("=1+1")), { maxLength: 12 }),
      {
        maxLength: 25,
      }
    ),
  })
  .map(({ name, visible, origin, values, formulas }) =>
    snapshotFromGrid(name, values, { formulas, origin, visible })
  );

/**
 * A sparse sheet no producer would make: rows and cells out of order, repeated, off the grid, of
 * the wrong types, anywhere on the 1,048,576 × 16,384 grid.
 */
const malformedSheet: fc.Arbitrary<SheetSnapshot> = fc.record({
  name: fc.constantFrom(SHEETS.plan, "Sheet1"),
  visible: fc.boolean(),
  rows: fc.array(
    fc.record({
      row: fc.oneof(
        fc.nat(20),
        fc.integer({ min: 0, max: 1_048_575 }),
        fc.constantFrom(-1, 1.5, 1_048_576, Number.NaN)
      ),
      cells: fc.array(
        fc.record({
          column: fc.oneof(
            fc.nat(12),
            fc.integer({ min: 0, max: 16_383 }),
            fc.constantFrom(-1, 0.5, 16_384, Infinity)
          ),
          value: anyCell,
          formula: fc.oneof(fc.constant(null), fc.constant("=1+1"), fc.constant("1+1")),
        }),
        { maxLength: 12 }
      ),
    }),
    { maxLength: 25 }
  ),
});

const anySheet: fc.Arbitrary<SheetSnapshot> = fc.oneof(
  { arbitrary: gridSheet, weight: 3 },
  { arbitrary: malformedSheet, weight: 1 }
);

/** A key-result table as people type it (maybe with spoiled cells), somewhere on a sheet. */
const typedSheet: fc.Arbitrary<SheetSnapshot> = fc
  .tuple(
    fc.oneof({ arbitrary: typedTable, weight: 2 }, { arbitrary: spoiledTable, weight: 1 }),
    fc.record({ row: fc.nat(20), column: fc.nat(10) }),
    fc.constantFrom("OKRs", "Sheet1", "Q2")
  )
  .map(([rows, origin, name]) => snapshotFromGrid(name, rows, { origin }));

/** The sheets of a plan's workbook as the builder writes them (formulas not evaluated). */
const builtSheets: fc.Arbitrary<SheetSnapshot[]> = wellFormedPlan.map(
  (plan) => unevaluated(buildWorkbook(plan)).sheets
);

/**
 * Well-formed workbooks (a typed table, or the builder's sheets) with up to two hostile sheets
 * beside them, and wholly hostile ones: the reader reaches a plan with key results in most runs.
 */
const anySheets: fc.Arbitrary<SheetSnapshot[]> = fc.oneof(
  {
    arbitrary: fc
      .tuple(
        fc.oneof(
          typedSheet.map((one) => [one]),
          builtSheets
        ),
        fc.array(anySheet, { maxLength: 2 })
      )
      .map(([good, hostile]) => [...good, ...hostile]),
    weight: 2,
  },
  { arbitrary: fc.array(anySheet, { maxLength: 4 }), weight: 1 }
);

describe("readPlan is total", () => {
  it("gives a result for any snapshot, and its ids, locations and records agree", () => {
    const reach = new Reach();
    fc.assert(
      fc.property(anySheets, (sheets) => {
        const result = readPlan({ sheets });
        const keyResults = (result.plan?.objectives ?? []).flatMap(
          (objective) => objective.keyResults
        );
        reach.record(
          !result.plan ? "no plan" : keyResults.length === 0 ? "objectives only" : "key results"
        );
        expect(
          result.problems.filter((problem) => /could not be read/.test(problem.message))
        ).toEqual([]);
        for (const objective of result.plan?.objectives ?? []) {
          expect(result.locations.objectives[objective.id]).toBeDefined();
          for (const kr of objective.keyResults) {
            expect(result.locations.keyResults[kr.id]).toBeDefined();
            expect(result.recorded[kr.id]).toBeDefined();
          }
        }
      }),
      { numRuns: propertyRuns(400) }
    );
    // Before the well-formed workbooks, about 12% of the runs reached a key result.
    reach.expectShare(0.4, "key results");
  });

  it.each([
    ["no sheets", { sheets: [] }],
    ["not a snapshot", null as unknown as WorkbookSnapshot],
    ["a sheet without rows", { sheets: [{ name: "S" } as SheetSnapshot] }],
    [
      "rows without cells and cells without formulas",
      {
        sheets: [
          {
            name: "S",
            visible: true,
            rows: [
              {
                row: 0,
                cells: [
                  { column: 0, value: "KR" },
                  { column: 1, value: "Target" },
                ],
              },
              { row: 1 },
              {
                row: 2,
                cells: [
                  { column: 0, value: "Reach 20" },
                  { column: 1, value: 20 },
                ],
              },
            ],
          } as unknown as SheetSnapshot,
        ],
      },
    ],
    [
      "32,767-character strings",
      {
        sheets: [
          sheet("S", [
            ["KR", "Target"],
            ["1 ".repeat(16_383) + "x", "9".repeat(32_767)],
          ]),
        ],
      },
    ],
    [
      "a million empty rows below a table",
      {
        sheets: [
          sheet("S", [
            ["KR", "Target"],
            ["Reach 10", 10],
            ...Array.from({ length: 1_000_000 }, () => []),
          ]),
        ],
      },
    ],
  ])("%s", (_name, snapshot) => {
    expect(() => readPlan(snapshot)).not.toThrow();
  });

  it("reads 2,000 key results well within a few seconds", () => {
    const header = [...KEY_RESULT_HEADERS];
    const body = Array.from({ length: 2000 }, (_, index) => [
      `O${Math.floor(index / 5) + 1}.KR${(index % 5) + 1}`,
      `Objective ${Math.floor(index / 5) + 1}`,
      `Achieve model accuracy of ≥ ${50 + (index % 40)}% on test dataset (Current: 40%)`,
      "increase",
      "Owner",
      "%",
      0.4,
      (50 + (index % 40)) / 100,
      0.45,
      "=P → 0.1",
      "=S → 0.1",
      "=T → Red",
      1,
      null,
      null,
      "note",
    ]);
    const started = Date.now();
    const result = readPlan({ sheets: [sheet(SHEETS.scorecard, [header, ...body])] });
    expect(Date.now() - started).toBeLessThan(5000);
    expect(result.plan?.objectives).toHaveLength(400);
    expect(result.plan?.objectives[0].keyResults[0]).toMatchObject({
      baseline: 40,
      target: 50,
      current: 45,
    });
  });
});

describe("a sentence that only names work, in a sheet with numbers", () => {
  const read = (target: Cell, current: Cell) =>
    readPlan({
      sheets: [
        sheet("OKRs", [
          ["Objective", "Key Result", "Target", "Current"],
          ["Grow the partner network", "Launch partner integrations", target, current],
        ]),
      ],
    }).plan!.objectives[0].keyResults[0];

  test.each([
    ["a count to reach in Target: the count, not a milestone", 12, 4, "increase", 12, 4],
    ["Target 1 with done: a milestone", 1, "done", "milestone", 1, true],
    ["no Target: a milestone", null, "done", "milestone", null, true],
  ] as const)("%s", (_name, target, current, type, wantTarget, wantCurrent) => {
    expect(parseKeyResult("Launch partner integrations").type).toBe("milestone");
    const kr = read(target, current);
    expect([kr.type, kr.target, kr.current]).toEqual([type, wantTarget, wantCurrent]);
  });
});
