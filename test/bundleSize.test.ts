import { compareFirstLoads, FIRST_LOAD_BUDGET, type BundleComparison } from "./support/bundleSize";

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
});
