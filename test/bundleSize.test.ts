import * as fs from "fs";
import * as path from "path";
import {
  compareFirstLoads,
  FIRST_LOAD_BEFORE_FILES,
  FIRST_LOAD_BUDGET,
  FIRST_LOAD_GROWTH_ALLOWED,
  namedChunk,
  type BundleComparison,
} from "./support/bundleSize";

/*
 * Issue 9: the JavaScript the task pane loads first, inside Excel, is at most 1.5× (gzip) that of a
 * bare Fluent page built the same way. Bundle bytes are deterministic, so this is a plain assertion;
 * `npm run bench` prints the same figures and the time to the first heading in Chromium.
 */
describe("the task pane's first load", () => {
  let built: BundleComparison;

  beforeAll(async () => {
    built = await compareFirstLoads();
  }, 300_000);

  afterAll(() => built?.dispose());

  it(`is at most ${FIRST_LOAD_BUDGET}× a bare Fluent page's, gzipped`, () => {
    const { pane, bare, ratio } = built;
    const detail = pane.scripts.map((script) => `${script.file} ${script.gzip}`).join(", ");
    // Said this way so that a failure names the figures: which script grew, and by how much.
    const verdict =
      ratio <= FIRST_LOAD_BUDGET
        ? "within budget"
        : `${pane.gzip} bytes gzipped (${detail}) is ${ratio.toFixed(3)}× the bare page's ${bare.gzip}`;
    expect(verdict).toBe("within budget");
  });

  it("loads the pane's entry and the custom functions at once, and everything else on demand", () => {
    const names = built.pane.scripts.map((script) =>
      script.file.replace(/\.[0-9a-f]{8,}\.js$/, ".js")
    );
    expect(names).toEqual(["taskpane.js", "functions.js"]);
    expect(built.bare.scripts).toHaveLength(1);
    // A bare Fluent page is tens of kilobytes gzipped; a wrong page (say, empty) would fool the ratio.
    expect(built.bare.gzip).toBeGreaterThan(40_000);
    expect(built.bare.gzip).toBeLessThan(100_000);
  });

  // Issue 14: the page outside Excel reads and checks files with ExcelJS, loaded on demand.
  it(`has grown by at most ${FIRST_LOAD_GROWTH_ALLOWED} bytes gzipped since ${FIRST_LOAD_BEFORE_FILES.commit}, before the page read files`, () => {
    const growth = built.pane.gzip - FIRST_LOAD_BEFORE_FILES.gzip;
    const detail = built.pane.scripts.map((script) => `${script.file} ${script.gzip}`).join(", ");
    expect(
      growth <= FIRST_LOAD_GROWTH_ALLOWED
        ? "within budget"
        : `${built.pane.gzip} bytes gzipped (${detail}): ${growth} more than at ${FIRST_LOAD_BEFORE_FILES.commit}`
    ).toBe("within budget");
  });

  it("builds the xlsx chunk (ExcelJS, JSZip and the file reader) and does not load it at first", () => {
    const chunk = namedChunk(built.paneDir, "xlsx");
    expect(chunk).not.toBeNull();
    expect(built.pane.scripts.map((script) => script.file)).not.toContain(chunk!.file);
    const html = fs.readFileSync(path.join(built.paneDir, "taskpane.html"), "utf8");
    expect(html).not.toContain("xlsx.");
    // ExcelJS's browser build (its own bundle, "exceljs" in its banner) and JSZip are in it, and
    // in no script of the first load.
    const text = fs.readFileSync(path.join(built.paneDir, chunk!.file), "utf8");
    for (const library of ["exceljs", "JSZip"]) {
      expect(text).toContain(library);
      for (const script of built.pane.scripts)
        expect(fs.readFileSync(path.join(built.paneDir, script.file), "utf8")).not.toContain(
          library
        );
    }
    // Whole: no vendor chunk of ExcelJS's beside it (a megabyte, a quarter of it gzipped).
    expect(chunk!.gzip).toBeGreaterThan(200_000);
  });
});
