import fc from "fast-check";
import type { Finding } from "../src/okr/rules/types";
import { instantiate, templateById } from "../src/okr/templates";
import { FindingCells } from "../src/taskpane/check/FindingCells";
import {
  FORMULA_SHOWN,
  findingCellLines,
  formulaPieces,
  shortFormula,
} from "../src/taskpane/check/formulaText";
import {
  keptLines,
  personalFormulaLines,
  writeLines,
  type RepairLine,
} from "../src/taskpane/check/repairState";
import type { RepairPlan } from "../src/sheets/repair";
import { RepairLineList } from "../src/taskpane/check/RepairLines";
import { buildWorkbook } from "../src/sheets/build";
import { paneMarkup, textOf as markupText } from "./support/paneMarkup";

/** The visible text, with the < and > a formula holds. */
const textOf = (html: string) => markupText(html).replace(/&lt;/g, "<").replace(/&gt;/g, ">");

/**
 * Long formulas at task-pane width (issue 13): a formula cut to its start on one line, never
 * inside a reference or a name, with a button that shows it whole; a finding's cells listed as
 * Repair lists its writes. Pressing the button, by mouse and keyboard, is the Chromium test's
 * (taskpaneRepair.e2e.test.ts).
 */

const spec = buildWorkbook(instantiate(templateById("predictive-analytics")!));
/** Every formula the builder writes on the Scorecard: real lengths, real tokens. */
const scorecardFormulas = spec.sheets
  .find((sheet) => sheet.name === "Scorecard")!
  .cells.flatMap((cell) => (cell.content.kind === "formula" ? [cell.content.formula] : []));
const longest = [...scorecardFormulas].sort((a, b) => b.length - a.length)[0];

describe("shortFormula", () => {
  test.each`
    formula                                   | limit | expected
    ${"=1"}                                   | ${60} | ${"=1"}
    ${"=" + "A".repeat(59)}                   | ${60} | ${"=" + "A".repeat(59)}
    ${"=ROUND(K6,2)+ROUND(K7,2)"}             | ${10} | ${"=ROUND(K6,…"}
    ${"=ROUND(K6,2)+ROUND(K7,2)"}             | ${8}  | ${"=ROUND(…"}
    ${"=ROUND(K6,2)+ROUND(K7,2)"}             | ${9}  | ${"=ROUND(K6…"}
    ${'=IF(ISBLANK(Scorecard!$I$6),"",1)'}    | ${20} | ${"=IF(ISBLANK(…"}
    ${"=OKR_Green+OKR_Yellow"}                | ${12} | ${"=OKR_Green+…"}
    ${"=" + "B".repeat(80)}                   | ${60} | ${"=" + "B".repeat(59) + "…"}
    ${"=IF(A1 > 2, 3, 4)"}                    | ${11} | ${"=IF(A1 > 2,…"}
    ${"='OKR Plan'!$B$13+'OKR Plan'!$B$14"}   | ${24} | ${"='OKR Plan'!$B$13+…"}
    ${"='OKR Plan'!$B$13+'OKR Plan'!$B$14"}   | ${25} | ${"='OKR Plan'!$B$13+…"}
    ${"=1+'OKR Plan'!$B$13+'OKR Plan'!$B$14"} | ${26} | ${"=1+'OKR Plan'!$B$13+…"}
    ${"=SUM(1,2,3)+'It''s a sheet'!A1"}       | ${20} | ${"=SUM(1,2,3)+…"}
    ${'=IF(A1="a b","c d",1)+2'}              | ${10} | ${"=IF(A1=…"}
    ${'="' + "😀".repeat(40) + '"'}           | ${60} | ${'="' + "😀".repeat(29) + "…"}
    ${'="' + "😀".repeat(40) + '"'}           | ${59} | ${'="' + "😀".repeat(28) + "…"}
    ${'="' + "😀".repeat(40) + '"'}           | ${61} | ${'="' + "😀".repeat(29) + "…"}
  `("$formula at $limit → $expected", ({ formula, limit, expected }) => {
    expect(shortFormula(formula, limit)).toBe(expected);
  });

  test("the builder's formulas: each long one cut to its start, at most the limit, between tokens", () => {
    const long = scorecardFormulas.filter((formula) => formula.length > FORMULA_SHOWN);
    // The case the pane has: Scorecard formulas longer than a line of it.
    expect(long.length).toBeGreaterThan(10);
    expect(longest.length).toBeGreaterThan(2 * FORMULA_SHOWN);
    for (const formula of long) {
      const short = shortFormula(formula);
      expect(short.endsWith("…")).toBe(true);
      const kept = short.slice(0, -1);
      expect(formula.startsWith(kept)).toBe(true);
      expect(kept.length).toBeLessThanOrEqual(FORMULA_SHOWN);
      expect(kept.length).toBeGreaterThan(FORMULA_SHOWN / 2);
      // Not inside a name or a reference: the next character starts another token.
      const [last, next] = [kept.at(-1)!, formula[kept.length]];
      expect(/[\w$.!']/.test(last) && /[\w$.!']/.test(next)).toBe(false);
    }
  });

  test("property: the start of the formula, never longer than the limit and an ellipsis", () => {
    let cut = 0;
    fc.assert(
      fc.property(
        fc.stringMatching(/^=[A-Z0-9$(),+*/ !:._"-]{20,120}$/),
        fc.integer({ min: 1, max: 60 }),
        (formula, limit) => {
          const short = shortFormula(formula, limit);
          if (formula.length <= limit) return short === formula;
          cut++;
          const kept = short.slice(0, -1);
          return short.endsWith("…") && formula.startsWith(kept) && kept.length <= limit;
        }
      ),
      { numRuns: 500 }
    );
    // The interesting case is reached: formulas longer than their limit, cut.
    expect(cut).toBeGreaterThan(100);
  });
});

describe("formulaPieces: where a formula wraps", () => {
  test.each`
    formula                  | pieces
    ${"=ROUND(K10,2)"}       | ${["=", "ROUND", "(", "K10", ",", "2", ")"]}
    ${"='OKR Plan'!$B$13+1"} | ${["=", "'OKR Plan'!$B$13", "+", "1"]}
    ${'=IF($J6="","",1)'}    | ${["=", "IF", "(", "$J6", "=", '""', ",", '""', ",", "1", ")"]}
    ${'=IF(A1="a b",1)'}     | ${["=", "IF", "(", "A1", "=", '"a b"', ",", "1", ")"]}
    ${'="😀😀"'}             | ${["=", '"😀😀"']}
  `("$formula", ({ formula, pieces }) => {
    expect(formulaPieces(formula)).toEqual(pieces);
    expect((pieces as string[]).join("")).toBe(formula);
  });
});

/** A person's text that holds ": =" (the review's case): text, never a formula. */
const typed = "Target: =revised after the Q2 review by the steering committee, see the minutes";

const plan: RepairPlan = {
  writes: [
    {
      sheet: "Scorecard",
      address: "K6",
      content: { kind: "formula", formula: longest },
      before: null,
    },
    { sheet: "Scorecard", address: "P6", content: { kind: "text", text: typed }, before: null },
  ],
  names: [{ name: "OKR_Green", formula: "='OKR Plan'!$B$13" }],
  kept: [{ value: typed, from: "Scorecard!K7", to: "Scorecard!P7", as: "note" }],
  report: [],
} as unknown as RepairPlan;

/** The formulas a line marks, as the text holds them: each where it says it is. */
const marked = (line: RepairLine) =>
  (line.formulas ?? []).map((formula) => {
    expect(line.text.slice(formula.at, formula.at + formula.text.length)).toBe(formula.text);
    return [formula.about, formula.text];
  });

describe("a line's formulas, as the line was made, never read from its text", () => {
  const personal = personalFormulaLines([
    {
      ruleId: "OKR028",
      severity: "warning",
      message: "Scorecard, Score: K6 holds another formula",
      location: { sheet: "Scorecard", address: "K6" },
      fix: "Repair",
      cells: [
        {
          sheet: "Scorecard",
          address: "K6",
          expected: longest,
          current: { value: 1, formula: `=G6*2+${"G7*2+".repeat(15)}1` },
        },
      ],
    },
  ]);

  test.each`
    name                    | line                   | formulas
    ${"a formula written"}  | ${writeLines(plan)[0]} | ${[["Scorecard!K6", longest]]}
    ${"a text written"}     | ${writeLines(plan)[1]} | ${[]}
    ${"a name"}             | ${writeLines(plan)[2]} | ${[["the name OKR_Green", "='OKR Plan'!$B$13"]]}
    ${"a typed value kept"} | ${keptLines(plan)[0]}  | ${[]}
    ${"a person's formula"} | ${personal[0]}         | ${[["Scorecard!K6, a person's", `=G6*2+${"G7*2+".repeat(15)}1`], ["Scorecard!K6, OKR Studio's", longest]]}
  `("$name", ({ line, formulas }) => {
    expect(marked(line)).toEqual(formulas);
  });

  test('a typed value holding ": =" is shown whole, with its cells, and no formula button', () => {
    const html = paneMarkup(
      <RepairLineList
        name="Typed values kept"
        lines={keptLines(plan)}
        onSelect={async () => undefined}
      />
    );
    expect(textOf(html)).toBe(
      `Typed values kept "${typed}", typed over Scorecard!K7 , is kept as a note in Scorecard!P7`
    );
    expect(html).toContain('aria-label="Go to Scorecard!K7"');
    expect(html).toContain('aria-label="Go to Scorecard!P7"');
    expect(html).not.toContain("Whole formula");
  });

  test('a text written holding ": =" is shown whole; the formula written beside it is cut', () => {
    const html = paneMarkup(
      <RepairLineList name="Cells Repair writes" lines={writeLines(plan)} code />
    );
    expect(textOf(html)).toBe(
      `Cells Repair writes Scorecard!K6: the formula ${shortFormula(longest)} Whole formula Scorecard!P6: the text "${typed}" the name OKR_Green: ='OKR Plan'!$B$13`
    );
    const names = html.match(/aria-label="Whole formula[^"]*"/g);
    expect(names).toEqual(['aria-label="Whole formula of Scorecard!K6"']);
  });

  test("a person's formula: both formulas cut, each with its own button", () => {
    const html = paneMarkup(<RepairLineList name="People's formulas" lines={personal} code />);
    const person = `=G6*2+${"G7*2+".repeat(15)}1`;
    expect(textOf(html)).toBe(
      `People's formulas Scorecard!K6: a person's formula ${shortFormula(person)} Whole formula ; OKR Studio writes ${shortFormula(longest)} Whole formula`
    );
    expect(html.match(/aria-label="Whole formula[^"]*"/g)).toEqual([
      `aria-label="Whole formula of Scorecard!K6, a person&#x27;s"`,
      `aria-label="Whole formula of Scorecard!K6, OKR Studio&#x27;s"`,
    ]);
  });
});

const finding = (cells: NonNullable<Finding["cells"]>): Finding => ({
  ruleId: "OKR021",
  severity: "warning",
  message: "Scorecard, Score: K6 holds no formula",
  location: { sheet: "Scorecard", address: cells[0].address },
  fix: "Repair",
  cells,
});

describe("a finding's cells", () => {
  test("each naming its cell and what OKR Studio writes there", () => {
    expect(
      findingCellLines(
        finding([
          {
            sheet: "Scorecard",
            address: "K6",
            expected: "=1",
            current: { value: 0.8, formula: null },
          },
          { sheet: "Scorecard", address: "K7", expected: "=2", current: null },
          {
            sheet: "Scorecard",
            address: "A5",
            expected: null,
            expectedText: "Score",
            current: null,
          },
          { sheet: "Scorecard", address: "B5", expected: null, current: null },
        ])
      ).map((line) => line.text)
    ).toEqual([
      "Scorecard!K6: should hold =1",
      "Scorecard!K7: should hold =2",
      'Scorecard!A5: should hold the text "Score"',
      "Scorecard!B5",
    ]);
  });

  test("a long formula: its start on one line and a button named for its cell, closed", () => {
    const html = paneMarkup(
      <FindingCells
        finding={finding([
          { sheet: "Scorecard", address: "K6", expected: longest, current: null },
          { sheet: "Scorecard", address: "K7", expected: "=1", current: null },
        ])}
      />
    );
    const text = textOf(html);
    expect(text).toContain(`Scorecard!K6: should hold ${shortFormula(longest)}`);
    expect(text).not.toContain(longest);
    expect(text).toContain("Scorecard!K7: should hold =1");
    // One button, for the long one: a disclosure whose name says which cell.
    const buttons = html.match(/<button[^>]*>/g) ?? [];
    expect(buttons).toHaveLength(1);
    expect(buttons[0]).toContain('aria-label="Whole formula of Scorecard!K6"');
    expect(buttons[0]).toContain('aria-expanded="false"');
    const controls = /aria-controls="([^"]+)"/.exec(buttons[0] ?? "")![1];
    expect(html).toContain(`id="${controls}"`);
  });

  test("more than 12 cells: grouped by column, one closed button, no formula rendered", () => {
    const cells = Array.from({ length: 54 }, (_, index) => ({
      sheet: "Scorecard",
      address: `K${index + 6}`,
      expected: longest,
      current: { value: 0.5, formula: null },
    }));
    const html = paneMarkup(<FindingCells finding={finding(cells)} />);
    expect(textOf(html)).toBe("Cells of OKR021 (54) Scorecard, column K — 54 cells");
  });

  test("the writes of a repair: the same one-line formulas", () => {
    const html = paneMarkup(
      <RepairLineList
        name="Cells Repair writes"
        code
        lines={[
          {
            text: `Scorecard!K6: the formula ${longest}`,
            cells: [{ sheet: "Scorecard", address: "K6" }],
            formulas: [
              { about: "Scorecard!K6", text: longest, at: "Scorecard!K6: the formula ".length },
            ],
          },
          { text: 'Scorecard!P6: the text "0.8 was typed over K6"', cells: [] },
        ]}
        onSelect={async () => undefined}
      />
    );
    expect(textOf(html)).toBe(
      `Cells Repair writes Scorecard!K6 : the formula ${shortFormula(longest)} Whole formula Scorecard!P6: the text "0.8 was typed over K6"`
    );
    expect(html).toContain('aria-label="Go to Scorecard!K6"');
    expect(html).toContain('aria-label="Whole formula of Scorecard!K6"');
  });
});
