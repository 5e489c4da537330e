import { definedNamesIn } from "../src/hosts/xlsx/files";
import { measureWork } from "./support/workMeter";

/*
 * The defined names read from a workbook part's XML (the layout mark and the threshold names,
 * which ExcelJS drops or admitXlsx may leave out): what a name element holds, and time linear in
 * the text however it is broken.
 */
describe("definedNamesIn", () => {
  const cases: [string, string, { name: string; formula: string }[]][] = [
    [
      "names with a constant and a reference",
      `<definedNames><definedName name="OKR_LAYOUT" hidden="1">2</definedName><definedName name="RedBelow">'OKR Plan'!$B$13</definedName></definedNames>`,
      [
        { name: "OKR_LAYOUT", formula: "=2" },
        { name: "RedBelow", formula: "='OKR Plan'!$B$13" },
      ],
    ],
    [
      "a prefixed element and single quotes",
      `<x:definedName name='Period'>Plan!$A$1</x:definedName >`,
      [{ name: "Period", formula: "=Plan!$A$1" }],
    ],
    [
      "a '>' inside a quoted attribute",
      `<definedName comment="a > b" name="A">1</definedName>`,
      [{ name: "A", formula: "=1" }],
    ],
    [
      "entities decoded",
      `<definedName name="T">"a&amp;b"</definedName>`,
      [{ name: "T", formula: '="a&b"' }],
    ],
    ["a self-closing element has no formula", `<definedName name="E"/>`, []],
    ["an element with no name", `<definedName>1</definedName>`, []],
    [
      "a start tag with no end tag ends the reading",
      `<definedName name="A">1</definedName><definedName name="B">2`,
      [{ name: "A", formula: "=1" }],
    ],
    ["a start tag never closed", `<definedName name="A"`, []],
    ["not a name element", `<definedNames/><definedNameX name="A">1</definedNameX>`, []],
  ];
  test.each(cases)("%s", (_name, xml, expected) => {
    expect(
      definedNamesIn(xml)
        .filter((entry) => entry.formula !== "=")
        .map(({ name, formula }) => ({ name, formula }))
    ).toEqual(expected);
  });

  /** Work on inputs ten times larger: linear work grows about tenfold, quadratic a hundredfold. */
  test.each([
    [
      "unclosed start tags in a comment",
      (size: number) => `<!-- ${"<definedName ".repeat(size)}-->`,
    ],
    [
      "start tags closed but no end tags",
      (size: number) => `${'<definedName name="A">1'.repeat(size)}`,
    ],
    ["many names", (size: number) => '<definedName name="A">1</definedName>'.repeat(size)],
    ["unclosed quotes", (size: number) => `<definedName ${'a="'.repeat(size)}`],
  ])("%s: work grows linearly (1k, 10k)", (_name, make) => {
    const work = [1_000, 10_000].map((size) => {
      const xml = make(size);
      return measureWork(() => definedNamesIn(xml)).total;
    });
    expect(work[1] / work[0]).toBeLessThan(13);
  });
});
