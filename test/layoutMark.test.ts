import { instantiate, templates } from "../src/okr/templates";
import { buildWorkbook } from "../src/sheets/build";
import { LAYOUT_VERSION, MARK_NAMES } from "../src/sheets/layout";
import { layoutMark } from "../src/sheets/read";

describe("layoutMark: the builder's layout version and formula style, from the defined names", () => {
  test.each(["portable", "functions"] as const)(
    "every workbook the builder makes in the %s style carries the mark, as hidden names",
    (style) => {
      for (const template of templates) {
        const spec = buildWorkbook(instantiate(template), { style });
        expect(layoutMark(spec.names)).toEqual({ version: LAYOUT_VERSION, style });
        expect(spec.names.filter((name) => name.hidden).map((name) => name.name)).toEqual(
          Object.values(MARK_NAMES)
        );
      }
    }
  );

  const name = (formula: string) => ({ name: MARK_NAMES.layout, formula });
  const style = (formula: string) => ({ name: MARK_NAMES.style, formula });
  test.each([
    [
      "as a host lists them, with =",
      [name("=1"), style('="portable"')],
      { version: 1, style: "portable" },
    ],
    [
      "as a file holds them, without =",
      [name("2"), style('"functions"')],
      { version: 2, style: "functions" },
    ],
    [
      "names in any case",
      [{ name: "okr_studio_layout", formula: "=1" }],
      { version: 1, style: null },
    ],
    [
      "a style this version does not know",
      [name("=3"), style('="lambda"')],
      { version: 3, style: null },
    ],
    [
      "no mark: made elsewhere, or before the mark",
      [{ name: "OKR_RED_BELOW", formula: "=0.4" }],
      null,
    ],
    ["a version that is not a whole number from 1", [name("=1.5"), style('="portable"')], null],
    ["a broken name", [name("=#REF!")], null],
  ] as const)("%s", (_, names, expected) => {
    expect(layoutMark(names)).toEqual(expected);
  });
});
