import fc from "fast-check";
import type { Finding } from "../src/okr/rules/types";
import { instantiate, templateById } from "../src/okr/templates";
import { FindingCells } from "../src/taskpane/check/FindingCells";
import {
  FORMULA_SHOWN,
  findingCellLines,
  formulaOf,
  shortFormula,
} from "../src/taskpane/check/formulaText";
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
    formula                                | limit | expected
    ${"=1"}                                | ${60} | ${"=1"}
    ${"=" + "A".repeat(59)}                | ${60} | ${"=" + "A".repeat(59)}
    ${"=ROUND(K6,2)+ROUND(K7,2)"}          | ${10} | ${"=ROUND(K6,…"}
    ${"=ROUND(K6,2)+ROUND(K7,2)"}          | ${8}  | ${"=ROUND(…"}
    ${"=ROUND(K6,2)+ROUND(K7,2)"}          | ${9}  | ${"=ROUND(K6…"}
    ${'=IF(ISBLANK(Scorecard!$I$6),"",1)'} | ${20} | ${"=IF(ISBLANK(…"}
    ${"=OKR_Green+OKR_Yellow"}             | ${12} | ${"=OKR_Green+…"}
    ${"=" + "B".repeat(80)}                | ${60} | ${"=" + "B".repeat(59) + "…"}
    ${"=IF(A1 > 2, 3, 4)"}                 | ${11} | ${"=IF(A1 > 2,…"}
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

describe("formulaOf", () => {
  test.each`
    line                                        | lead                            | about                   | formula
    ${"Scorecard!K6: the formula =ROUND(J6,2)"} | ${"Scorecard!K6: the formula "} | ${"Scorecard!K6"}       | ${"=ROUND(J6,2)"}
    ${"the name OKR_Green: ='OKR Plan'!$B$13"}  | ${"the name OKR_Green: "}       | ${"the name OKR_Green"} | ${"='OKR Plan'!$B$13"}
    ${"Scorecard!K6: should hold =1"}           | ${"Scorecard!K6: should hold "} | ${"Scorecard!K6"}       | ${"=1"}
  `("$line", ({ line, lead, about, formula }) => {
    expect(formulaOf(line)).toEqual({ lead, about, formula });
  });

  test.each([
    'Scorecard!P6: the text "0.8 was typed over K6"',
    "Check-ins!A12: the date 2026-03-18 (today)",
    "Scorecard!K6",
  ])("no formula: %s", (line) => {
    expect(formulaOf(line)).toBeNull();
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
