import fc from "fast-check";
import { spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createContext, runInContext } from "node:vm";
import {
  type Argument,
  type CellValue,
  FUNCTION_DESCRIPTIONS,
  type FunctionId,
  formulaOf,
  type ResultCell,
  resultText,
} from "../src/functions/descriptions";
import * as excel from "../src/functions/functions";
import { instantiate, templates } from "../src/okr/templates";
import { formatNumber, roundTo, serialFromUtcMs } from "../src/okr/values";
import { buildWorkbook } from "../src/sheets/build";
import {
  anyArgument,
  anyArguments,
  cases,
  wellFormedGradeRanges,
  wellFormedHealthRanges,
  wellFormedKeyResultRanges,
  wellFormedPaceRanges,
  wellFormedStatusRanges,
} from "./support/arbitraries";
import {
  FakeCustomFunctionError,
  installCustomFunctionsRuntime,
} from "./support/customFunctionsRuntime";
import { MENU } from "../src/hosts/sheets/index";
import { sidebarWithView } from "../src/hosts/sheets/sidebarView";
import { isViewId } from "../src/taskpane/store";
import { FakeHtmlService, FakeUi, type FakeHtmlOutput } from "./support/fakeAppsScript";
import { propertyRuns, Reach } from "./support/reach";

/*
 * The BUILT Apps Script project (npm run build:sheets, into a temporary folder) run in a Node vm
 * context that has what Apps Script has and no more (no require, no process), with stand-ins for
 * the services the script touches: SpreadsheetApp (the spreadsheet's time zone, the menu, the
 * sidebar), HtmlService and Utilities.formatDate. The six custom functions answer every example
 * and every error of the help pages (src/functions/descriptions.ts, which the Excel functions are
 * tested against in helpExamples.test.ts) as Sheets passes arguments: a single cell as a scalar, a
 * range as a 2-D array, empty cells as "", dates as Date objects at midnight in the spreadsheet's
 * time zone.
 */

const root = join(__dirname, "..");
// Far from UTC and from each other, so that reading a date's day in the wrong zone shows.
const ZONES = ["Pacific/Kiritimati", "Pacific/Pago_Pago"]; // UTC+14, UTC−11
const ZONE = ZONES[0];

let outdir: string;
let code: string;

beforeAll(() => {
  outdir = mkdtempSync(join(tmpdir(), "okr-sheets-"));
  // A file of the user's in the folder: the build writes its two files and leaves it alone.
  writeFileSync(join(outdir, ".clasp.json"), '{"scriptId":"mine"}');
  const built = spawnSync(process.execPath, ["scripts/build-sheets.mjs", "--out", outdir], {
    cwd: root,
    encoding: "utf8",
    timeout: 60_000,
  });
  if (built.status !== 0) throw new Error(`build:sheets failed: ${built.stderr}`);
  code = readFileSync(join(outdir, "Code.js"), "utf8");
});

afterAll(() => rmSync(outdir, { recursive: true, force: true }));

/** What the stand-in services saw. */
interface Recorded {
  menu: [string, string][];
  menusAdded: number;
  /** The sidebars shown: their title and HTML. */
  sidebars: { title: string; html: string }[];
  zoneReads: number;
}

/** The help pages the build wrote, by name without ".html", as HtmlService finds them. */
function helpFiles(): Record<string, string> {
  return Object.fromEntries(
    readdirSync(outdir)
      .filter((file) => /^Help-.*\.html$/.test(file))
      .map((file) => [file.replace(/\.html$/, ""), readFileSync(join(outdir, file), "utf8")])
  );
}

/** The project's Sidebar.html as the fake HtmlService serves it (a stand-in page). */
const SIDEBAR_FILE =
  '<!doctype html>\n<html lang="en">\n<head>\n<title>OKR Studio</title>\n</head>\n<body><script>/* the bundle: "<head>" */</script></body>\n</html>\n';

/** A fresh Apps Script global scope with the built script loaded, its spreadsheet in `zone`. */
function loadScript(zone: string | null = ZONE) {
  const recorded: Recorded = { menu: [], menusAdded: 0, sidebars: [], zoneReads: 0 };
  // The project's HTML files: a stand-in Sidebar.html, and the help pages the build wrote.
  const HtmlService = new FakeHtmlService({ Sidebar: SIDEBAR_FILE, ...helpFiles() });
  const ui = new FakeUi(HtmlService);
  const menu = {
    addItem(caption: string, functionName: string) {
      recorded.menu.push([caption, functionName]);
      return menu;
    },
    addToUi() {
      recorded.menusAdded++;
    },
  };
  const SpreadsheetApp = {
    getActiveSpreadsheet: () => ({
      getSpreadsheetTimeZone: () => {
        recorded.zoneReads++;
        if (zone === null)
          throw new Error("You do not have permission to call getSpreadsheetTimeZone");
        return zone;
      },
    }),
    getUi: () => ({
      createAddonMenu: () => menu,
      showSidebar: (output: FakeHtmlOutput) =>
        recorded.sidebars.push({ title: output.title, html: output.html }),
      showModelessDialog: (output: FakeHtmlOutput, title: string) =>
        ui.showModelessDialog(output, title),
    }),
  };
  const Utilities = { formatDate: wallClock };
  const context = createContext({ SpreadsheetApp, HtmlService, Utilities });
  runInContext(code, context, { filename: "Code.js" });
  const global = context as Record<string, unknown>;
  /** A Date of the script's own realm, as Apps Script makes them. */
  const date = (ms: number) => runInContext(`new Date(${ms})`, context) as Date;
  return { global, recorded, date, context, HtmlService, ui };
}

/** Utilities.formatDate for the one pattern the script uses, in any IANA zone. */
function wallClock(date: Date, zone: string, pattern: string): string {
  if (pattern !== "yyyy-MM-dd'T'HH:mm:ss.SSS") throw new Error(`unexpected pattern ${pattern}`);
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat("en-US", {
      timeZone: zone,
      hourCycle: "h23",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
    })
      .formatToParts(date)
      .map((part) => [part.type, part.value])
  );
  const ms = String(new Date(date.getTime()).getUTCMilliseconds()).padStart(3, "0");
  return `${parts.year}-${parts.month}-${parts.day}T${parts.hour}:${parts.minute}:${parts.second}.${ms}`;
}

/** The instant a wall-clock date and time is in `zone` (what Sheets hands a script for a date cell). */
function instantIn(zone: string, iso: string): number {
  const [day, time = "00:00"] = iso.split("T");
  const [y, m, d] = day.split("-").map(Number);
  const [hh, mm] = time.split(":").map(Number);
  const wall = Date.UTC(y, m - 1, d, hh, mm);
  let instant = wall;
  for (let i = 0; i < 2; i++) {
    const shown = wallClock(new Date(instant), zone, "yyyy-MM-dd'T'HH:mm:ss.SSS");
    instant += wall - Date.parse(`${shown}Z`);
  }
  return instant;
}

type Script = ReturnType<typeof loadScript>;

/** How many arguments a function takes, from its description. */
const argumentsOfCount = (id: FunctionId) =>
  FUNCTION_DESCRIPTIONS.find((fn) => fn.id === id)!.arguments.length;

/** A call's outcome, out of the script's realm: a value or grid, or the Error it threw. */
type Outcome = { value: unknown } | { thrown: { name: string; message: string } };

function call(script: Script, name: string, args: unknown[]): Outcome {
  const fn = script.global[name] as (...args: unknown[]) => unknown;
  try {
    const value = fn(...args);
    return {
      value: Array.isArray(value) ? value.map((row: unknown[]) => Array.from(row)) : value,
    };
  } catch (error) {
    const { name: kind, message } = error as Error;
    return { thrown: { name: String(kind), message: String(message) } };
  }
}

// --- The help pages' examples and errors, as Sheets would pass their arguments. -------------

/** A cell as Sheets hands it over: empty as "", an error cell as its code (not documented). */
const sheetsCell = (value: CellValue): unknown =>
  value === null ? "" : typeof value === "object" ? value.error : value;

/** Sheets passes one cell as a scalar, more as a 2-D array. */
const scalarOr = (cells: unknown[][]): unknown =>
  cells.length === 1 && cells[0].length === 1 ? cells[0][0] : cells;

function argumentValue(script: Script, argument: Argument): unknown {
  if (argument === null) return undefined;
  if (typeof argument !== "object") return argument;
  if ("percent" in argument) return Number(`${argument.percent}e-2`);
  if ("date" in argument) return script.date(instantIn(ZONE, argument.date));
  if ("array" in argument) return scalarOr(argument.array);
  if ("ref" in argument) return scalarOr(argument.cells.map((row) => row.map(sheetsCell)));
  const nested = run(script, argument.call, argument.args);
  // A nested function that threw shows #ERROR! to the formula around it.
  return "thrown" in nested ? "#ERROR!" : nested.value;
}

function run(script: Script, id: FunctionId, args: Argument[]): Outcome {
  const values = args.map((argument) => argumentValue(script, argument));
  // An omitted argument at the end is not passed at all.
  while (values.length > 0 && values[values.length - 1] === undefined) values.pop();
  return call(script, `OKR_${id}`, values);
}

const decimals = (value: number) => (formatNumber(Math.abs(value)).split(".")[1] ?? "").length;
const exactly = (actual: number, expected: number) =>
  Math.abs(actual - expected) <= 1e-12 * Math.max(1, Math.abs(expected));

/** An error as Sheets shows it: "<code> <reason>", the reason the page's when Excel shows one. */
const errorText = (cell: { error: string; message?: string }) =>
  cell.message === undefined
    ? expect.stringMatching(new RegExp(`^${cell.error.replace(/[/!?]/g, "\\$&")} \\S`))
    : `${cell.error} ${cell.message}`;

/** What a cell of the result must be, given what the page promises. */
function expected(actual: unknown, promised: ResultCell): unknown {
  if (promised === null) return "";
  if (typeof promised === "object" && "error" in promised) return errorText(promised);
  if (typeof actual === "number" && typeof promised === "object" && "approx" in promised) {
    const rounds = roundTo(actual, decimals(promised.approx)) === promised.approx;
    return rounds && !exactly(actual, promised.approx) ? actual : promised;
  }
  if (typeof actual === "number" && typeof promised === "number")
    return exactly(actual, promised) ? actual : promised;
  return promised;
}

const asGrid = <T>(value: T | T[][]): T[][] => (Array.isArray(value) ? value : [[value]]);

/** The outcome the page's result promises, in Sheets' terms. */
function promisedOutcome(outcome: Outcome, result: ResultCell | ResultCell[][]): Outcome {
  const grid = asGrid(result);
  if (grid.length === 1 && grid[0].length === 1) {
    const only = grid[0][0];
    if (only !== null && typeof only === "object" && "error" in only)
      return { thrown: { name: "Error", message: errorText(only) as string } };
    return { value: expected("value" in outcome ? outcome.value : undefined, only) };
  }
  const actual = "value" in outcome && Array.isArray(outcome.value) ? outcome.value : [];
  return {
    value: grid.map((row, r) =>
      row.map((cell, c) => expected((actual as unknown[][])[r]?.[c], cell))
    ),
  };
}

const examples = FUNCTION_DESCRIPTIONS.flatMap((fn) =>
  fn.examples.map(
    (example) =>
      [
        `${formulaOf(fn.id, example.args, "sheets")} → ${resultText(example.result)}`,
        fn.id,
        example.args,
        example.result,
      ] as const
  )
);

describe("every example of the help pages gives the same result in the built script", () => {
  let script: Script;
  beforeAll(() => {
    script = loadScript();
  });

  test.each(examples)("%s", (_formula, id, args, result) => {
    const outcome = run(script, id, args);
    expect(outcome).toEqual(promisedOutcome(outcome, result));
  });
});

const errors = FUNCTION_DESCRIPTIONS.flatMap((fn) =>
  fn.errors.map(
    (error) =>
      [
        `${formulaOf(fn.id, error.example.args, "sheets")} → ${error.example.code} ${error.example.message}`,
        fn.id,
        error.example,
      ] as const
  )
);

describe("every error of the help pages: thrown for one cell, as text in a spilled result", () => {
  let script: Script;
  beforeAll(() => {
    script = loadScript();
  });

  test.each(errors)("%s", (_formula, id, example) => {
    const outcome = run(script, id, example.args);
    const text = `${example.code} ${example.message}`;
    if ("thrown" in outcome) {
      expect(example.cell ?? [0, 0]).toEqual([0, 0]);
      expect(outcome.thrown).toEqual({ name: "Error", message: text });
    } else {
      const [row, column] = example.cell ?? [0, 0];
      expect(Array.isArray(outcome.value)).toBe(true);
      expect((outcome.value as unknown[][])[row][column]).toBe(text);
    }
  });

  test("the cases reach both forms", () => {
    const forms = errors.map(([, id, example]) =>
      "thrown" in run(script, id, example.args) ? "thrown" : "spilled"
    );
    expect(new Set(forms)).toEqual(new Set(["thrown", "spilled"]));
  });
});

describe("the error mapping", () => {
  let script: Script;
  beforeAll(() => {
    script = loadScript();
  });

  test.each<[string, string, unknown[], Outcome]>([
    [
      "#VALUE! for one cell: thrown with its reason",
      "OKR_SCORE",
      [72, 72, 80],
      { thrown: { name: "Error", message: "#VALUE! target equals baseline (72)" } },
    ],
    [
      "#N/A for one cell: thrown with its reason",
      "OKR_SCORE",
      [0, "", 5],
      { thrown: { name: "Error", message: "#N/A target is missing" } },
    ],
    [
      "an input error passes through, its reason named",
      "OKR_SCORE",
      ["#DIV/0!", 10, 5],
      { thrown: { name: "Error", message: "#DIV/0! baseline is #DIV/0!" } },
    ],
    [
      "#REF! as Excel shows it: #VALUE! with the code first",
      "OKR_STATUS",
      ["#REF!"],
      { thrown: { name: "Error", message: "#VALUE! #REF! score is #REF!" } },
    ],
    [
      "Sheets' own #ERROR! in an input is #VALUE!",
      "OKR_HEALTH",
      ["#ERROR!"],
      { thrown: { name: "Error", message: "#VALUE! average is #VALUE!" } },
    ],
    [
      "in a spilled result, the text in its cell; the other cells compute",
      "OKR_SCORE",
      [
        [[0], [72]],
        [[10], [72]],
        [[5], [80]],
      ],
      { value: [[0.5], ["#VALUE! target equals baseline (72)"]] },
    ],
    [
      "a spilled error text fed to another function passes through as its code",
      "OKR_STATUS",
      [[["#N/A target is missing"], [0.8]]],
      { value: [["#N/A score is #N/A"], ["Green"]] },
    ],
    [
      "text that only looks like a code is text",
      "OKR_STATUS",
      ["#hashtag"],
      { thrown: { name: "Error", message: '#VALUE! score is not a number: "#hashtag"' } },
    ],
    ["a pending result is an empty string, not an error", "OKR_SCORE", [0, 10, ""], { value: "" }],
    ["GRADE of nothing scored is empty", "OKR_GRADE", [[[""], [""]]], { value: "" }],
  ])("%s", (_case, name, args, outcome) => {
    expect(call(script, name, args)).toEqual(outcome);
  });
});

describe("dates are read in the spreadsheet's time zone", () => {
  test.each(ZONES)("a date cell in %s is its own day (and time)", (zone) => {
    const script = loadScript(zone);
    // Progress from 0 toward 100,000: the date's serial number over 100,000.
    const midnight = script.date(instantIn(zone, "2026-01-01"));
    const noon = script.date(instantIn(zone, "2026-01-01T12:00"));
    expect(call(script, "OKR_PROGRESS", [0, 100_000, midnight])).toEqual({ value: 0.46023 });
    expect(call(script, "OKR_PROGRESS", [0, 100_000, noon])).toEqual({ value: 0.460235 });
    expect(script.recorded.zoneReads).toBe(1);
  });

  test.each(ZONES)("PACE's dates in %s judge the same day as typed text", (zone) => {
    const script = loadScript(zone);
    const day = (iso: string) => script.date(instantIn(zone, iso));
    // Half the period gone on 2026-01-06; a day earlier it would be On track.
    const typed = call(script, "OKR_PACE", [0, 100, 45, "2026-01-01", "2026-01-11", "2026-01-06"]);
    expect(typed).toEqual({ value: "Behind" });
    expect(
      call(script, "OKR_PACE", [
        0,
        100,
        45,
        day("2026-01-01"),
        day("2026-01-11"),
        day("2026-01-06"),
      ])
    ).toEqual(typed);
  });

  test("PACE without as_of judges today in the spreadsheet's zone, wherever it is", () => {
    // At any instant, one of the two zones is on another day than UTC; in both, the period
    // began yesterday and a tenth of it is gone: On track at 10%, Behind at 5%.
    for (const zone of ZONES) {
      const script = loadScript(zone);
      const today = wallClock(new Date(), zone, "yyyy-MM-dd'T'HH:mm:ss.SSS").slice(0, 10);
      const start = new Date(Date.parse(today) - 86_400_000).toISOString().slice(0, 10);
      const end = new Date(Date.parse(today) + 9 * 86_400_000).toISOString().slice(0, 10);
      expect([zone, call(script, "OKR_PACE", [0, 100, 10, start, end])]).toEqual([
        zone,
        { value: "On track" },
      ]);
      expect([zone, call(script, "OKR_PACE", [0, 100, 5, start, end])]).toEqual([
        zone,
        { value: "Behind" },
      ]);
    }
  });

  test("without the spreadsheet's zone, the script's own zone is used, not an exception", () => {
    const script = loadScript(null);
    const local = new Date(2026, 0, 1).getTime();
    expect(call(script, "OKR_PROGRESS", [0, 100_000, script.date(local)])).toEqual({
      value: 0.46023,
    });
  });

  test("functions given no date never ask for the zone", () => {
    const script = loadScript();
    call(script, "OKR_SCORE", [[[1], [2]], 10, [[5], [""]]]);
    expect(script.recorded.zoneReads).toBe(0);
  });
});

describe("hostile input: a value, a grid or an Error with the code and reason, never another exception", () => {
  let script: Script;
  beforeAll(() => {
    script = loadScript();
  });

  const LONG = "x".repeat(50_000);
  const reached = new Set<string>();

  /** Whatever the call did, it is one of the three acceptable outcomes; returns which. */
  function acceptable(outcome: Outcome): string {
    if ("thrown" in outcome) {
      expect(outcome.thrown.name).toBe("Error");
      expect(outcome.thrown.message).toMatch(/^#(VALUE!|N\/A|NUM!|DIV\/0!) \S/);
      expect(outcome.thrown.message.length).toBeLessThan(300);
      return "thrown";
    }
    const cells = Array.isArray(outcome.value)
      ? (outcome.value as unknown[][]).flat()
      : [outcome.value];
    // One expectation over all cells: a column of 200,000 would make per-cell ones slow.
    const unfit = cells.filter((cell) =>
      typeof cell === "number"
        ? !Number.isFinite(cell)
        : typeof cell !== "string" || cell.length >= 300
    );
    expect(unfit).toEqual([]);
    return Array.isArray(outcome.value) ? "grid" : "value";
  }

  const throwing = new Proxy([[1]], {
    get(target, key) {
      if (key === "0") throw new TypeError("hostile getter");
      return Reflect.get(target, key);
    },
  });

  test.each<[string, string, unknown[]]>([
    ["an object", "OKR_SCORE", [{}, 10, 5]],
    ["NaN", "OKR_SCORE", [0, NaN, 5]],
    ["Infinity", "OKR_PROGRESS", [0, Infinity, 5]],
    ["a number beyond doubles once divided", "OKR_PROGRESS", [0, 1e-308, 1e308]],
    ["50,000 characters of text", "OKR_SCORE", [0, 10, LONG]],
    ["50,000 characters as the type", "OKR_SCORE", [0, 10, 5, LONG]],
    ["a nested array in a cell", "OKR_STATUS", [[[[0.5]]]]],
    ["a function", "OKR_HEALTH", [() => 1]],
    ["a symbol", "OKR_HEALTH", [Symbol("s")]],
    ["null rows", "OKR_SCORE", [[null, null], 10, 5]],
    ["an empty range", "OKR_GRADE", [[]]],
    ["weights of another shape", "OKR_GRADE", [[[1], [0.5]], [[1, 2]]]],
    ["too few arguments", "OKR_SCORE", [1, 2]],
    ["too many arguments", "OKR_STATUS", [0.5, 0.4, 0.7, 9]],
    ["no arguments", "OKR_PACE", []],
    ["a getter that throws", "OKR_SCORE", [throwing, 10, 5]],
    ["an invalid date", "OKR_PACE", [0, 10, 5, new Date(NaN), "2026-03-31", "2026-02-15"]],
    ["a date of another realm", "OKR_PACE", [0, 10, 5, new Date(2026, 0, 1), "2026-03-31"]],
  ])("%s", (_case, name, args) => {
    reached.add(acceptable(call(script, name, args)));
  });

  test("the messages name the problem", () => {
    expect(call(script, "OKR_SCORE", [1, 2])).toEqual({
      thrown: {
        name: "Error",
        message: "#VALUE! OKR_SCORE takes 3 to 4 arguments (baseline, target, actual, type); got 2",
      },
    });
    expect(call(script, "OKR_SCORE", [throwing, 10, 5])).toEqual({
      thrown: { name: "Error", message: "#VALUE! could not compute: hostile getter" },
    });
    expect(call(script, "OKR_SCORE", [0, 10, LONG])).toEqual({
      thrown: {
        name: "Error",
        message: `#VALUE! actual is not a number: "${"x".repeat(39)}…"`,
      },
    });
  });

  test("a whole column of 200,000 rows spills one result per row", () => {
    const rows = 200_000;
    const actual = Array.from({ length: rows }, (_, i) => [i % 3 === 0 ? "" : i % 11]);
    const outcome = call(script, "OKR_SCORE", [0, 10, actual]);
    expect(acceptable(outcome)).toBe("grid");
    const grid = (outcome as { value: unknown[][] }).value;
    expect(grid).toHaveLength(rows);
    expect([grid[0][0], grid[1][0], grid[10][0]]).toEqual(["", 0.1, 1]);
  });

  test("the cases above reached every outcome, so none of the three checks is vacuous", () => {
    expect(reached).toEqual(new Set(["thrown", "grid", "value"]));
  });
});

describe("the same cells give the same results as the Excel functions (property)", () => {
  beforeAll(installCustomFunctionsRuntime);

  // A fixed offset far from UTC, without the history of a real zone (Kiritimati skipped a day in
  // 1994), so that any date from 1900 to 9999 has one wall-clock time. PACE runs in the process's
  // own zone instead: an empty as_of is today, which Excel's side reads in the process's zone.
  const FAR = "Etc/GMT-14";
  const LOCAL = Intl.DateTimeFormat().resolvedOptions().timeZone;
  const ERROR_LIKE = /^#[A-Z/0]+[!?A]?(?:\s|$)/;

  /** A cell for both sides: Excel's as its runtime passes it, Sheets' as Apps Script does. */
  function pair(value: unknown, script: Script, zone: string): [unknown, unknown] {
    if (value === null || value === undefined) return [value, ""];
    if (value instanceof FakeCustomFunctionError) return [value, value.code];
    if (typeof value === "object" && (value as { type?: unknown }).type === "Error")
      return [new FakeCustomFunctionError("#VALUE!"), "#VALUE!"];
    // No cell holds a list; as a scalar, Sheets' side would read it as a range.
    if (Array.isArray(value)) return [{}, {}];
    // Text that reads as an error in Sheets is rare in random strings; kept out, not compared.
    if (typeof value === "string" && ERROR_LIKE.test(value)) return ["x", "x"];
    if (value instanceof Date && Number.isNaN(value.getTime())) return [value, script.date(NaN)];
    if (value instanceof Date) {
      // Excel hands a date cell over as its serial; Sheets as the moment it is in the zone.
      const serial = serialFromUtcMs(value.getTime());
      const year = value.getUTCFullYear();
      if (year < 1900 || year > 9999) return [serial, serial];
      const wall = value.getTime();
      let instant = wall;
      for (let i = 0; i < 2; i++)
        instant +=
          wall - Date.parse(`${wallClock(new Date(instant), zone, "yyyy-MM-dd'T'HH:mm:ss.SSS")}Z`);
      return [serial, script.date(instant)];
    }
    return [value, value];
  }

  function pairArgument(argument: unknown, script: Script, zone: string): [unknown, unknown] {
    if (argument === null || argument === undefined) return [argument, undefined];
    if (!Array.isArray(argument)) return pair(argument, script, zone);
    const excelRows: unknown[] = [];
    const sheetsRows: unknown[] = [];
    for (const row of argument) {
      if (!Array.isArray(row)) {
        const [e, s] = pair(row, script, zone);
        excelRows.push(e);
        sheetsRows.push(s);
        continue;
      }
      const cells = row.map((value) => pair(value, script, zone));
      excelRows.push(cells.map(([e]) => e));
      sheetsRows.push(cells.map(([, s]) => s));
    }
    const single =
      sheetsRows.length === 1 && Array.isArray(sheetsRows[0]) && sheetsRows[0].length === 1;
    return [excelRows, single ? (sheetsRows[0] as unknown[])[0] : sheetsRows];
  }

  /** What Sheets must show for Excel's result cell: the same value, or "<code> <reason>". */
  function sheetsCell(cell: unknown): unknown {
    if (!(cell instanceof FakeCustomFunctionError)) return cell;
    return cell.message === undefined
      ? expect.stringMatching(new RegExp(`^${cell.code.replace(/[/!?]/g, "\\$&")} \\S`))
      : `${cell.code} ${cell.message}`;
  }

  function expectedOutcome(result: unknown): Outcome {
    const grid = Array.isArray(result) ? (result as unknown[][]) : [[result]];
    if (grid.length === 1 && grid[0].length === 1) {
      const only = grid[0][0];
      return only instanceof FakeCustomFunctionError
        ? { thrown: { name: "Error", message: sheetsCell(only) as string } }
        : { value: only };
    }
    return { value: grid.map((row) => row.map(sheetsCell)) };
  }

  const FUNCTIONS: [
    FunctionId,
    (...args: unknown[]) => unknown,
    fc.Arbitrary<unknown[]>,
    number,
  ][] = [
    ["SCORE", excel.score as never, wellFormedKeyResultRanges, 3],
    ["PROGRESS", excel.progress as never, wellFormedKeyResultRanges, 3],
    ["STATUS", excel.status as never, wellFormedStatusRanges, 1],
    ["HEALTH", excel.health as never, wellFormedHealthRanges, 1],
    ["GRADE", excel.grade as never, wellFormedGradeRanges, 1],
    ["PACE", excel.pace as never, wellFormedPaceRanges, 5],
  ];

  test.each(FUNCTIONS)("OKR_%s", (id, excelFunction, wellFormed, required) => {
    const zone = id === "PACE" ? LOCAL : FAR;
    const script = loadScript(zone);
    const arity = argumentsOfCount(id);
    const reach = new Reach();
    fc.assert(
      fc.property(cases(wellFormed, anyArguments(arity, anyArgument)), ({ args }) => {
        const pairs = args.map((argument) => pairArgument(argument, script, zone));
        const excelArgs = pairs.map(([e]) => e);
        const sheetsArgs = pairs.map(([, s]) => s);
        // An argument left out at the end is not passed; a required one is passed empty.
        while (sheetsArgs.length > required && sheetsArgs[sheetsArgs.length - 1] === undefined)
          sheetsArgs.pop();
        const outcome = call(script, `OKR_${id}`, sheetsArgs);
        const expectedResult = expectedOutcome(excelFunction(...excelArgs));
        expect(outcome).toEqual(expectedResult);
        const cells =
          "thrown" in outcome
            ? []
            : Array.isArray(outcome.value)
              ? (outcome.value as unknown[][]).flat()
              : [outcome.value];
        reach.record(
          "thrown" in outcome
            ? "thrown"
            : cells.some(
                  (cell) => cell !== "" && !(typeof cell === "string" && cell.startsWith("#"))
                )
              ? "computed"
              : "error text or pending"
        );
      }),
      { numRuns: propertyRuns(400) }
    );
    // Most runs compute; a spilling function reaches both error forms (a thrown one-cell error
    // is the rarer); GRADE gives one cell, so its errors are all thrown.
    reach.expectShare(0.4, "computed");
    if (FUNCTION_DESCRIPTIONS.find((fn) => fn.id === id)!.spills) {
      reach.expectShare(0.1, "error text or pending");
      reach.expectShare(0.01, "thrown");
    } else {
      reach.expectShare(0.1, "thrown");
    }
  });
});

describe("the built Code.js", () => {
  const BLOCK_ABOVE = (name: string) =>
    new RegExp(`/\\*\\*\\n((?: \\*[^\\n]*\\n)+?) \\*/\\nfunction ${name}\\(([^)]*)\\) \\{`, "g");

  test.each(FUNCTION_DESCRIPTIONS.map((fn) => [`OKR_${fn.id}`, fn] as const))(
    "declares %s at the top level with its @customfunction JSDoc directly above",
    (name, fn) => {
      const matches = [...code.matchAll(BLOCK_ABOVE(name))];
      expect(matches).toHaveLength(1);
      const [, block, parameters] = matches[0];
      const lines = block
        .split("\n")
        .filter(Boolean)
        .map((line) => line.replace(/^ \* ?/, ""));
      expect(lines[0]).toBe(fn.summary);
      expect(lines.filter((line) => line.startsWith("@param"))).toEqual(
        fn.arguments.map((argument) =>
          expect.stringMatching(
            new RegExp(
              `^@param \\{any\\} ${argument.name} ${argument.optional ? "Optional\\. " : ""}\\S`
            )
          )
        )
      );
      expect(lines).toContain(`@return ${fn.returns}`);
      expect(lines[lines.length - 1]).toBe("@customfunction");
      expect(parameters).toBe(fn.arguments.map((argument) => argument.name).join(", "));
    }
  );

  test("declares no other custom function, and each top-level function once", () => {
    expect(code.match(/@customfunction/g)).toHaveLength(FUNCTION_DESCRIPTIONS.length);
    const declared = [...code.matchAll(/^function (\w+)\(/gm)].map((match) => match[1]);
    expect(declared).toEqual([
      ...FUNCTION_DESCRIPTIONS.map((fn) => `OKR_${fn.id}`),
      "onOpen",
      "onInstall",
      "showInsertTemplate",
      "showRecordCheckIn",
      "showCheckOkrs",
      "insertTemplate",
      "recordCheckIn",
      "readSnapshot",
      "selectCell",
      "showHelp",
    ]);
  });

  test("the parameter texts are the Excel JSDoc's, except PACE's as_of (no TODAY() in Sheets)", () => {
    const params = [...code.matchAll(/^ \* @param \{any\} (\w+) (?:Optional\. )?(.*)$/gm)].map(
      (match) => [match[1], match[2]]
    );
    const excel = FUNCTION_DESCRIPTIONS.flatMap((fn) =>
      fn.arguments.map((argument) => [argument.name, argument.param])
    );
    const differing = params.filter((param, index) => param[1] !== excel[index][1]);
    expect(differing).toEqual([
      [
        "as_of",
        "The day to judge on (a date or a cell). Default today, as of when the cell was calculated.",
      ],
    ]);
    const declared = code.slice(code.indexOf("\n/**\n"));
    expect(declared).toMatch(/^\n\/\*\*\n \* Scores key results/);
    expect(declared).not.toMatch(/TODAY\(\)/);
  });

  test("loads without require or process, and leaves a file of the user's in its folder alone", () => {
    expect(() => loadScript()).not.toThrow();
    expect(readFileSync(join(outdir, ".clasp.json"), "utf8")).toBe('{"scriptId":"mine"}');
  });
});

describe("appsscript.json", () => {
  test("V8, and exactly the two narrow scopes", () => {
    const manifest = JSON.parse(readFileSync(join(outdir, "appsscript.json"), "utf8"));
    expect(manifest.runtimeVersion).toBe("V8");
    expect(typeof manifest.timeZone).toBe("string");
    expect(manifest.oauthScopes).toEqual([
      "https://www.googleapis.com/auth/spreadsheets.currentonly",
      "https://www.googleapis.com/auth/script.container.ui",
    ]);
  });
});

describe("the menu", () => {
  test("onOpen adds the add-on menu's three items, each naming a top-level function", () => {
    const script = loadScript();
    (script.global.onOpen as () => void)();
    expect(script.recorded.menu).toEqual([
      ["Insert a template…", "showInsertTemplate"],
      ["Record a check-in…", "showRecordCheckIn"],
      ["Check OKRs", "showCheckOkrs"],
    ]);
    expect(script.recorded.menusAdded).toBe(1);
    for (const [, functionName] of script.recorded.menu)
      expect(typeof script.global[functionName]).toBe("function");
  });

  test("onInstall adds the same menu", () => {
    const script = loadScript();
    (script.global.onInstall as () => void)();
    expect(script.recorded.menu.map(([caption]) => caption)).toEqual([
      "Insert a template…",
      "Record a check-in…",
      "Check OKRs",
    ]);
  });

  test.each([
    ["showInsertTemplate", "Insert a template", "templates"],
    ["showRecordCheckIn", "Record a check-in", "checkIn"],
    ["showCheckOkrs", "Check OKRs", "check"],
  ])(
    "%s opens the sidebar from Sidebar.html, titled %s, on its %s tab",
    (functionName, title, view) => {
      const script = loadScript();
      (script.global[functionName] as () => void)();
      expect(script.HtmlService.calls).toEqual([
        "HtmlService.createHtmlOutputFromFile:Sidebar",
        "HtmlOutput.getContent",
        "HtmlService.createHtmlOutput",
        "HtmlOutput.setTitle",
      ]);
      expect(script.recorded.sidebars).toHaveLength(1);
      const [shown] = script.recorded.sidebars;
      expect(shown.title).toBe(title);
      // The file's HTML whole, with one script after <head> that names the view: the doctype
      // stays first (standards mode) and the bundle is untouched.
      const script_ = `<script>window.OKR_STUDIO_VIEW="${view}";</script>`;
      expect(shown.html).toBe(SIDEBAR_FILE.replace("<head>\n", `<head>\n${script_}\n`));
      expect(shown.html.match(/<script>/g)).toHaveLength(2);
    }
  );
});

describe("showHelp", () => {
  test.each(FUNCTION_DESCRIPTIONS.map((fn) => [fn.id, fn.id.toLowerCase()]))(
    "showHelp(%j) opens the built Help-%s.html in a modeless dialog titled with its Sheets name",
    (id, file) => {
      const script = loadScript();
      (script.global.showHelp as (page: string) => unknown)(id);
      expect(script.HtmlService.calls).toEqual([
        `HtmlService.createHtmlOutputFromFile:Help-${file}`,
        "HtmlOutput.setWidth",
        "HtmlOutput.setHeight",
      ]);
      expect(script.ui.dialogs.map((dialog) => dialog.title)).toEqual([`OKR_${id}`]);
      const [dialog] = script.ui.dialogs;
      expect(dialog.html).toBe(readFileSync(join(outdir, `Help-${file}.html`), "utf8"));
      expect(dialog.width).toBeGreaterThan(0);
      expect(dialog.height).toBeGreaterThan(0);
    }
  );

  test.each(["Sidebar", "score", "Help-score", "../Code", ""])(
    "showHelp(%j) throws a plain Error and opens nothing",
    (page) => {
      const script = loadScript();
      expect(() => (script.global.showHelp as (page: string) => unknown)(page)).toThrow(
        "OKR Studio has no help page by that name: choose a function in the list."
      );
      expect(script.HtmlService.calls).toEqual([]);
      expect(script.ui.dialogs).toEqual([]);
    }
  );
});

describe("sidebarWithView", () => {
  test("each menu item's tab is one of the pane's views", () => {
    expect(MENU.map((item) => item.view).filter((view) => !isViewId(view))).toEqual([]);
  });

  test.each([
    [
      "the view as a string after <head>",
      "<!doctype html><head><title>t</title>",
      "checkIn",
      '<!doctype html><head>\n<script>window.OKR_STUDIO_VIEW="checkIn";</script><title>t</title>',
    ],
    [
      "before the page when it has no <head>",
      "<p>x</p>",
      "check",
      '<script>window.OKR_STUDIO_VIEW="check";</script><p>x</p>',
    ],
  ])("puts %s", (_what, html, view, expected) => {
    expect(sidebarWithView(html, view)).toBe(expected);
  });

  test.each(['"</script><script>alert(1)//', "check in", "", "x".repeat(33), "checkIn;"])(
    "refuses a view that is not a plain word: %j",
    (view) => {
      expect(() => sidebarWithView("<head>", view)).toThrow("Not a view of the sidebar");
    }
  );
});

describe("docs/google-sheets.md", () => {
  const page = readFileSync(join(root, "docs/google-sheets.md"), "utf8");

  test("its table lists every function the portable formula style emits, and only those", () => {
    const emitted = new Set<string>();
    for (const template of templates) {
      const spec = buildWorkbook(instantiate(template), {
        style: "portable",
        checkIns: [
          {
            Date: { kind: "date", serial: 46_023 },
            "Key Result": { kind: "text", text: "O1.KR1" },
            Value: { kind: "number", value: 1 },
          },
        ],
      });
      const formulas = [
        ...spec.sheets.flatMap((sheet) =>
          sheet.cells.flatMap((cell) =>
            cell.content.kind === "formula" ? [cell.content.formula] : []
          )
        ),
        ...spec.names.map((name) => name.formula),
      ];
      for (const formula of formulas)
        for (const match of formula.replace(/"[^"]*"/g, '""').matchAll(/([A-Z][A-Z0-9.]*)\(/g))
          emitted.add(match[1]);
    }
    const section =
      page.split("<!-- portable-functions -->")[1]?.split("<!-- /portable-functions -->")[0] ?? "";
    const listed = [...section.matchAll(/^\| `([A-Z][A-Z0-9.]*)` \|/gm)].map((match) => match[1]);
    expect(listed).toEqual([...emitted].sort());
  });

  test("names the six functions as Sheets spells them", () => {
    for (const fn of FUNCTION_DESCRIPTIONS) expect(page).toContain(`OKR_${fn.id}`);
  });
});
