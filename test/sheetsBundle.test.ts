import { spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createContext, runInContext } from "node:vm";
import { FUNCTION_DESCRIPTIONS, formulaOf, syntaxOf } from "../src/functions/descriptions";
import { insertWorkbook } from "../src/hosts/sheets/write";
import { instantiate, templateById } from "../src/okr/templates";
import { buildWorkbook } from "../src/sheets/build";
import { SHEETS } from "../src/sheets/layout";
import { readPlan } from "../src/sheets/read";
import { FakeAppsScript } from "./support/fakeAppsScript";

/*
 * Issue 15: the server functions of the BUILT Apps Script bundle (npm run build:sheets), run in a
 * Node vm context whose globals are the recording fake of Apps Script's services, as a sidebar's
 * google.script.run would call them: insertTemplate writes what the host writes when imported
 * directly (cell for cell, the same names and formats), recordCheckIn lands rows (two executions
 * interleaved both land), readSnapshot gives the reader the plan back, and errors reach the caller
 * as Errors with a plain message.
 */

const root = join(__dirname, "..");
let outdir: string;
let code: string;

beforeAll(() => {
  outdir = mkdtempSync(join(tmpdir(), "okr-sheets-bundle-"));
  const built = spawnSync(process.execPath, ["scripts/build-sheets.mjs", "--out", outdir], {
    cwd: root,
    encoding: "utf8",
    timeout: 60_000,
  });
  if (built.status !== 0) throw new Error(`build:sheets failed: ${built.stderr}`);
  code = readFileSync(join(outdir, "Code.js"), "utf8");
});

afterAll(() => rmSync(outdir, { recursive: true, force: true }));

const plan = instantiate(templateById("revenue-growth")!, {
  project: "Atlas Relaunch",
  period: "2026-Q1",
  owner: "Dana Lee",
  contributors: "Ana Ruiz, Bo Chen",
});
const spec = buildWorkbook(plan, { style: "portable" });

type Script = Record<string, (...args: unknown[]) => unknown>;

/** Code.js loaded as one execution of the script sees it: its own realm, the fake's services. */
function loadScript(fake: FakeAppsScript, execution = "main"): Script {
  const context = createContext({ ...fake.services(execution) });
  runInContext(code, context, { filename: "Code.js", timeout: 30_000 });
  return context as unknown as Script;
}

/** A sheet of the fake as plain data: its cells, number formats, and what else the host set. */
function contentsOf(fake: FakeAppsScript) {
  return {
    sheets: fake.sheets.map((sheet) => ({
      name: sheet.name,
      cells: [...sheet.cells.entries()].sort(),
      numberFormats: [...sheet.numberFormats.entries()].sort(),
      frozenRows: sheet.frozenRows,
      hidden: sheet.hidden,
      filter: sheet.filter,
      charts: sheet.charts.length,
      rules: sheet.rules.length,
      validations: sheet.validations.length,
    })),
    names: fake.namedRanges.map((entry) => [entry.name, entry.range.address()]).sort(),
    metadata: [...fake.metadata].sort((a, b) => a.key.localeCompare(b.key)),
  };
}

const checkIn = (author: string) => ({
  keyResultId: "O1.KR1",
  value: 42,
  date: 46_070,
  confidence: 0.7,
  author,
  note: `from ${author}`,
  replaces: null,
});

describe("the built bundle's server functions, over the services' fake", () => {
  test("insertTemplate writes what the host writes, cell for cell, with the same calls", () => {
    const direct = new FakeAppsScript();
    insertWorkbook(direct.services(), spec);
    const built = new FakeAppsScript();
    const result = loadScript(built).insertTemplate({ spec }) as { sheets?: unknown };
    expect(result).toBeDefined();
    expect(contentsOf(built)).toEqual(contentsOf(direct));
    expect(built.sheets.map((sheet) => sheet.name)).toEqual([
      "Sheet1",
      ...spec.sheets.map((sheet) => sheet.name),
    ]);
    // The same service calls, in the same order: the bundle adds none per key result.
    expect(built.calls).toEqual(direct.calls);
  });

  test("recordCheckIn lands a row; two executions recording at once both land", () => {
    const fake = new FakeAppsScript();
    loadScript(fake).insertTemplate({ spec });
    const ann = loadScript(fake, "ann");
    const bob = loadScript(fake, "bob");
    let bobs: { row: number } | undefined;
    fake.onLockWait = () => {
      bobs = bob.recordCheckIn(checkIn("Bob")) as { row: number };
    };
    const anns = ann.recordCheckIn(checkIn("Ann")) as { row: number; location: unknown };
    expect(bobs?.row).toBe(2);
    expect(anns.row).toBe(3);
    expect(anns.location).toEqual({ sheet: SHEETS.checkIns, address: "A3:P3" });
    const log = fake.sheet(SHEETS.checkIns);
    expect([log.cell(2, 5)?.value, log.cell(3, 5)?.value]).toEqual(["from Bob", "from Ann"]);
  });

  test("readSnapshot gives the reader the plan that was inserted", () => {
    const fake = new FakeAppsScript();
    const script = loadScript(fake);
    script.insertTemplate({ spec });
    const facts = readPlan(script.readSnapshot() as never);
    expect(facts.plan?.objectives.map((objective) => objective.keyResults.length)).toEqual(
      plan.objectives.map((objective) => objective.keyResults.length)
    );
    expect(facts.plan?.project).toBe("Atlas Relaunch");
  });

  test("selectCell activates the finding's sheet and selects its cell", () => {
    const fake = new FakeAppsScript();
    const script = loadScript(fake);
    script.insertTemplate({ spec });
    fake.active = fake.sheet("Sheet1");
    expect(script.selectCell({ sheet: SHEETS.scorecard, address: "K7" })).toEqual({
      sheet: SHEETS.scorecard,
      address: "K7",
    });
    expect(fake.activeRange).toBe(`${SHEETS.scorecard}!K7`);
    expect(fake.active?.name).toBe(SHEETS.scorecard);
  });

  test.each([
    [
      "selectCell",
      [{ sheet: "Nowhere", address: "A1" }],
      /^This spreadsheet has no sheet "Nowhere"/,
    ],
    ["insertTemplate", [{}], /^The request holds no workbook to insert/],
    ["recordCheckIn", [null], /^The request holds no check-in/],
  ])("%s with a bad request throws a plain Error", (name, args, message) => {
    const script = loadScript(new FakeAppsScript());
    let thrown: unknown;
    try {
      script[name](...args);
    } catch (error) {
      thrown = error;
    }
    // An Error of the script's own realm, whose message a sidebar can show as it is.
    expect(Object.prototype.toString.call(thrown)).toBe("[object Error]");
    expect((thrown as Error).message).toMatch(message);
  });

  test("outside Apps Script (no services) a server function says so plainly", () => {
    const context = createContext({});
    runInContext(code, context, { filename: "Code.js" });
    expect(() => (context as unknown as Script).readSnapshot()).toThrow(
      "OKR Studio's server functions run in Google Apps Script only."
    );
  });
});

describe("the built help pages", () => {
  const helpFiles = () => readdirSync(outdir).filter((file) => file.startsWith("Help-"));
  const read = (file: string) => readFileSync(join(outdir, file), "utf8");

  test("one Help-<id>.html per function, and no other file but Code.js, the manifest and the sidebar", () => {
    expect(helpFiles().sort()).toEqual(
      FUNCTION_DESCRIPTIONS.map((fn) => `Help-${fn.id.toLowerCase()}.html`).sort()
    );
    expect(
      readdirSync(outdir)
        .filter((file) => !file.startsWith("Help-"))
        .sort()
    ).toEqual(["Code.js", "Sidebar.html", "appsscript.json"]);
  });

  test.each(FUNCTION_DESCRIPTIONS.map((fn) => [fn.id, fn] as const))(
    "%s: self-contained, with the Sheets names only",
    (id, fn) => {
      const html = read(`Help-${id.toLowerCase()}.html`);
      expect(html.startsWith("<!doctype html>\n")).toBe(true);
      expect(html).toMatch(new RegExp(`<title>OKR_${id} · OKR Studio help</title>`));
      expect(html).toContain(`<h1>OKR_${id}</h1>`);
      expect(html).toContain(syntaxOf(fn, "sheets"));
      for (const example of fn.examples)
        expect(html).toContain(formulaOf(fn.id, example.args, "sheets").replace(/"/g, "&quot;"));
      // The stylesheet inlined; nothing fetched, nothing linked, no script.
      expect(html).toMatch(/<style>[\s\S]*--link:[\s\S]*<\/style>/);
      expect(html).not.toMatch(/<(link|script|img|iframe|a)\b/i);
      expect(html).not.toMatch(/\b(href|src)=/i);
      expect(html).not.toMatch(/url\(/i);
      // No Excel spelling of a function anywhere in the page.
      expect(html).not.toMatch(/OKR\.[A-Z]/);
    }
  );

  test("the built Code.js declares showHelp, which opens them", () => {
    expect(code).toMatch(/^function showHelp\(\) \{$/m);
  });

  test("PACE's page says what Sheets does with today, not Excel's TODAY() advice", () => {
    const html = read("Help-pace.html");
    expect(html).toContain("does not take a volatile function such as <code>TODAY()</code>");
    expect(html).not.toContain("pass <code>TODAY()</code> to keep it current");
  });
});
