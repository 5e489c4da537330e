import * as fs from "fs";
import * as path from "path";
import type { PaneActions } from "../src/taskpane/actions";
import { App, loadDarkTheme } from "../src/taskpane/App";
import { createBrowserActions } from "../src/taskpane/browserActions";
import { excelCapabilities } from "../src/taskpane/excel/excelActions";
import { FEATURES, notFetched } from "../src/taskpane/features";
import { FunctionList } from "../src/taskpane/functions/FunctionList";
import { WORKSHEET_FUNCTIONS } from "../src/taskpane/functions/worksheetFunctions";
import { createSheetsActions, SHEETS_CAPABILITIES } from "../src/taskpane/sheets/sheetsActions";
import { officeBackground, watchOfficeTheme, whenOfficeReady } from "../src/taskpane/officeHost";
import type { PaneState } from "../src/taskpane/store";
import { relativeLuminance, themeModeFor } from "../src/taskpane/theme";
import { paneMarkup, textOf } from "./support/paneMarkup";

const FUNCTION_IDS = ["SCORE", "PROGRESS", "STATUS", "GRADE", "HEALTH", "PACE"];

describe("themeModeFor: the pane follows the Office theme, else the browser preference", () => {
  test.each`
    case                                   | background   | prefersDark | expected
    ${"Office White theme"}                | ${"#FFFFFF"} | ${false}    | ${"light"}
    ${"Office White theme, browser dark"}  | ${"#ffffff"} | ${true}     | ${"light"}
    ${"Office Colorful theme"}             | ${"#E6E6E6"} | ${true}     | ${"light"}
    ${"Office Dark Gray theme"}            | ${"#666666"} | ${false}    | ${"dark"}
    ${"Office Black theme"}                | ${"#262626"} | ${false}    | ${"dark"}
    ${"Office Black theme, short hex"}     | ${"#222"}    | ${false}    | ${"dark"}
    ${"hex without #"}                     | ${"1f1f1f"}  | ${false}    | ${"dark"}
    ${"just above the contrast crossover"} | ${"#767676"} | ${true}     | ${"light"}
    ${"just below the contrast crossover"} | ${"#747474"} | ${false}    | ${"dark"}
    ${"saturated dark blue"}               | ${"#003366"} | ${false}    | ${"dark"}
    ${"saturated yellow"}                  | ${"#FFD700"} | ${true}     | ${"light"}
    ${"no Office theme, browser light"}    | ${null}      | ${false}    | ${"light"}
    ${"no Office theme, browser dark"}     | ${null}      | ${true}     | ${"dark"}
    ${"undefined theme, browser dark"}     | ${undefined} | ${true}     | ${"dark"}
    ${"empty colour, browser dark"}        | ${""}        | ${true}     | ${"dark"}
    ${"unreadable colour, browser dark"}   | ${"black"}   | ${true}     | ${"dark"}
    ${"unreadable colour, browser light"}  | ${"#12345"}  | ${false}    | ${"light"}
  `(
    "$case: $background, prefersDark $prefersDark → $expected",
    ({ background, prefersDark, expected }) => {
      expect(themeModeFor(background, prefersDark)).toBe(expected);
    }
  );
});

describe("relativeLuminance", () => {
  test.each`
    color        | expected
    ${"#000000"} | ${0}
    ${"#FFFFFF"} | ${1}
    ${"#fff"}    | ${1}
    ${"#808080"} | ${0.2158605}
    ${"#FF0000"} | ${0.2126}
    ${"#00FF00"} | ${0.7152}
    ${"#0000FF"} | ${0.0722}
  `("$color → $expected", ({ color, expected }) => {
    expect(relativeLuminance(color)).toBeCloseTo(expected, 6);
  });

  test.each(["", "red", "#12", "#1234567", "#ggg", "rgb(0,0,0)"])(
    "%p is not a hex colour",
    (color) => {
      expect(relativeLuminance(color)).toBeNull();
    }
  );
});

describe("WORKSHEET_FUNCTIONS: what the pane lists", () => {
  test("lists the six functions once each, in the contract's order", () => {
    expect(WORKSHEET_FUNCTIONS.map((fn) => fn.id)).toEqual(FUNCTION_IDS);
  });

  test.each(WORKSHEET_FUNCTIONS)(
    "$id: the example calls it, the help page is a relative link to a page that exists",
    (fn) => {
      expect(fn.example.startsWith(`=OKR.${fn.id}(`)).toBe(true);
      expect(fn.helpPage).toBe(`help/${fn.id.toLowerCase()}.html`);
      expect(fs.existsSync(path.join(__dirname, "../src", fn.helpPage))).toBe(true);
    }
  );

  const golden = path.join(__dirname, "golden/functions-metadata.golden.json");
  test("ids match the generated metadata golden", () => {
    const metadata = JSON.parse(fs.readFileSync(golden, "utf8")) as { functions: { id: string }[] };
    expect(WORKSHEET_FUNCTIONS.map((fn) => fn.id).sort()).toEqual(
      metadata.functions.map((f) => f.id).sort()
    );
  });
});

describe("App: the shell in each state", () => {
  // The views load on demand (features.tsx); loaded first, they render at once, as in the pane.
  beforeAll(() => Promise.all([...FEATURES.map((feature) => feature.preload()), loadDarkTheme()]));

  const inExcel: PaneActions = {
    ...createBrowserActions(),
    capabilities: excelCapabilities(() => true),
  };
  const started = (actions: PaneActions): Partial<PaneState> => ({
    start: { status: "started", capabilities: actions.capabilities },
  });
  const render = (state: Partial<PaneState>, actions: PaneActions | null = null) =>
    paneMarkup(<App />, { state, actions, fluent: false });
  const tabs = (html: string) =>
    [...html.matchAll(/<button[^>]*role="tab"[^>]*>([\s\S]*?)<\/button>/g)].map((match) => ({
      name: textOf(match[1]),
      selected: /aria-selected="true"/.test(match[0]),
      id: match[0].match(/\sid="([^"]+)"/)?.[1],
      controls: match[0].match(/aria-controls="([^"]+)"/)?.[1],
    }));
  const panel = (html: string) => html.match(/<div[^>]*role="tabpanel"[^>]*>/)?.[0] ?? "";

  test("before Office answers: the title and a labelled spinner, nothing else, marked busy", () => {
    const html = render({});
    expect(html).toMatch(/<main[^>]*aria-labelledby="okr-studio-title"[^>]*aria-busy="true"/);
    expect(html).toMatch(/<h1[^>]*id="okr-studio-title"[^>]*>OKR Studio<\/h1>/);
    expect(textOf(html)).toBe("OKR Studio Starting OKR Studio…");
    expect(html).toMatch(/role="progressbar"/);
    expect(html).not.toMatch(/role="tab"/);
  });

  test("a failed start: an alert that says why, with Retry", () => {
    const html = render({ start: { status: "failed", reason: "Office did not answer." } });
    expect(html.match(/role="alert"/g)).toHaveLength(1);
    expect(textOf(html)).toBe("OKR Studio OKR Studio could not start Office did not answer. Retry");
    expect(html).toMatch(/<button[^>]*>Retry<\/button>/);
    expect(html).not.toMatch(/aria-busy="true"/);
  });

  test("in Excel: the functions are ready; tabs Check and Functions, the check shown", () => {
    const html = render(started(inExcel), inExcel);
    expect(textOf(html)).toContain("The worksheet functions are ready: type =OKR. in any cell.");
    expect(html).toMatch(/<nav[^>]*aria-label="OKR Studio"/);
    expect(tabs(html).map(({ name, selected }) => [name, selected])).toEqual([
      ["Check", true],
      ["Check-in", false],
      ["Templates", false],
      ["From my own text", false],
      ["Functions", false],
    ]);
    // Each tab controls its panel; the panel shown is labelled by its tab.
    const [check] = tabs(html);
    expect(panel(html)).toContain(`id="${check.controls}"`);
    expect(panel(html)).toContain(`aria-labelledby="${check.id}"`);
    expect(html).toMatch(/<h2[^>]*>Check this workbook<\/h2>/);
    expect(html).not.toMatch(/Worksheet functions/);
  });

  test("outside Excel: says so, and the functions' help is there to read", () => {
    const actions = createBrowserActions();
    const html = render({ ...started(actions), view: "functions" }, actions);
    expect(textOf(html)).toContain(
      "This page is open outside Excel. Check an .xlsx file on the Check tab, or make a new workbook from a template or your own text: all in this page, with nothing sent anywhere. Load the add-in in Excel to use the functions and to record check-ins."
    );
    expect(tabs(html).map(({ name, selected }) => [name, selected])).toEqual([
      ["Check", false],
      ["Check-in", false],
      ["Templates", false],
      ["From my own text", false],
      ["Functions", true],
    ]);
    expect(html).toMatch(/<h2[^>]*>Worksheet functions<\/h2>/);
  });

  test("no tab without a feature behind it, and no promise of features to come", () => {
    const html = render(started(inExcel), inExcel);
    expect(tabs(html).map((tab) => tab.name)).toEqual(FEATURES.map((feature) => feature.label));
    expect(textOf(html)).not.toMatch(/coming|later version|soon/i);
  });

  test.each(["light", "dark"] as const)("%s theme is marked on the provider root", (mode) => {
    expect(render({ theme: mode })).toMatch(new RegExp(`^<div[^>]*data-theme-mode="${mode}"`));
  });
});

describe("FunctionList: a card per function", () => {
  const html = paneMarkup(<FunctionList />);

  test.each(FUNCTION_IDS)(
    "lists OKR.%s with its example and a help link opening in a new window",
    (id) => {
      const fn = WORKSHEET_FUNCTIONS.find((entry) => entry.id === id);
      expect(html).toMatch(new RegExp(`<h3[^>]*>OKR\\.${id}</h3>`));
      // React escapes the example's quotes (PACE's dates are text).
      expect(html).toContain(fn?.example.replace(/"/g, "&quot;"));
      const link = html.match(new RegExp(`<a [^>]*>OKR\\.${id} help</a>`))?.[0] ?? "";
      expect(link).toContain(`href="help/${id.toLowerCase()}.html"`);
      expect(link).toContain(`target="_blank"`);
      expect(link).toContain(`rel="noopener noreferrer"`);
    }
  );

  // Each host's spelling, by the host the started pane runs in: Google Sheets' names have no dot.
  test.each([
    ["excel", ".", "OKR\\."],
    ["browser", ".", "OKR\\."],
    ["sheets", "_", "OKR_"],
  ] as const)("in %s the cards and examples spell OKR%sSCORE", (host, separator, pattern) => {
    const sheets = paneMarkup(<FunctionList />, {
      state: {
        start: {
          status: "started",
          capabilities: { ...SHEETS_CAPABILITIES, host },
        },
      },
    });
    const text = textOf(sheets);
    for (const id of FUNCTION_IDS) {
      expect(sheets).toMatch(new RegExp(`<h3[^>]*>${pattern}${id}</h3>`));
      expect(text).toContain(`OKR${separator}${id} help`);
    }
    // The examples' formulas too, nested calls included: no name of the other host's.
    const other = separator === "." ? /OKR_[A-Z]/ : /OKR\.[A-Z]/;
    expect(text).not.toMatch(other);
    expect(text).toContain(`=OKR${separator}SCORE(`);
  });
});

describe("FunctionList: the help link, by the host's actions", () => {
  const sheetsActions = createSheetsActions(async () => {
    throw new Error("not called in markup");
  });
  const markupWith = (actions: PaneActions) =>
    paneMarkup(<FunctionList />, {
      state: { start: { status: "started", capabilities: actions.capabilities } },
      actions,
    });
  const helpControl = (html: string, name: string) =>
    html.match(new RegExp(`<(a|button)\\b[^>]*>${name} help</\\1>`))?.[0] ?? "";

  test.each(FUNCTION_IDS)(
    "in Google Sheets, OKR_%s help is a button (the actions open the page), with no href",
    (id) => {
      const html = markupWith(sheetsActions);
      const control = helpControl(html, `OKR_${id}`);
      expect(control).toMatch(/^<button\b/);
      expect(control).not.toMatch(/href=|target=/);
    }
  );

  test.each([
    ["Excel", { ...createBrowserActions(), capabilities: excelCapabilities(() => true) }],
    ["the page outside Excel", createBrowserActions()],
  ] as [string, PaneActions][])("in %s, the help stays a link to the page", (_host, actions) => {
    expect(actions.openHelp).toBeUndefined();
    const html = markupWith(actions);
    for (const id of FUNCTION_IDS) {
      const control = helpControl(html, `OKR\\.${id}`);
      expect(control).toMatch(/^<a\b/);
      expect(control).toContain(`href="help/${id.toLowerCase()}.html"`);
    }
  });
});

describe("officeHost: guarded Office access", () => {
  const globals = globalThis as { Office?: unknown };
  afterEach(() => {
    delete globals.Office;
  });

  test("without Office.js: no host, no theme, no theme watch", async () => {
    await expect(whenOfficeReady()).resolves.toBeNull();
    expect(officeBackground()).toBeNull();
    expect(() => watchOfficeTheme(() => undefined)).not.toThrow();
  });

  test.each`
    case                        | info                              | expected
    ${"in Excel"}               | ${{ host: "Excel" }}              | ${"Excel"}
    ${"Office.js in a browser"} | ${{ host: null, platform: null }} | ${null}
  `("$case: host $expected", async ({ info, expected }) => {
    globals.Office = { onReady: async () => info };
    await expect(whenOfficeReady()).resolves.toBe(expected);
  });

  test.each`
    case                       | context                                                | expected
    ${"no context (browser)"}  | ${undefined}                                           | ${null}
    ${"context without theme"} | ${{}}                                                  | ${null}
    ${"Office theme"}          | ${{ officeTheme: { bodyBackgroundColor: "#262626" } }} | ${"#262626"}
  `("officeBackground with $case → $expected", ({ context, expected }) => {
    globals.Office = { context };
    expect(officeBackground()).toBe(expected);
  });

  test("forwards OfficeThemeChanged where the host has it", () => {
    const handlers: Array<(args: unknown) => void> = [];
    globals.Office = {
      EventType: { OfficeThemeChanged: "officeThemeChanged" },
      context: {
        document: {
          addHandlerAsync: (type: string, handler: (args: unknown) => void) => {
            expect(type).toBe("officeThemeChanged");
            handlers.push(handler);
          },
        },
      },
    };
    const seen: Array<string | null> = [];
    watchOfficeTheme((background) => seen.push(background));
    handlers.forEach((handler) => handler({ officeTheme: { bodyBackgroundColor: "#1f1f1f" } }));
    expect(seen).toEqual(["#1f1f1f"]);
  });

  test.each([
    [
      "no EventType",
      (addHandlerAsync: jest.Mock) => ({ context: { document: { addHandlerAsync } } }),
    ],
    [
      "no OfficeThemeChanged event",
      (addHandlerAsync: jest.Mock) => ({
        EventType: {},
        context: { document: { addHandlerAsync } },
      }),
    ],
    [
      "no document",
      () => ({ EventType: { OfficeThemeChanged: "officeThemeChanged" }, context: {} }),
    ],
  ])("registers nothing when the host has %s", (_case, office) => {
    const addHandlerAsync = jest.fn();
    globals.Office = office(addHandlerAsync);
    expect(() => watchOfficeTheme(() => undefined)).not.toThrow();
    expect(addHandlerAsync).not.toHaveBeenCalled();
  });
});

describe("notFetched: why a view's code is missing, in one sentence", () => {
  const chunkError = Object.assign(
    new Error("Loading chunk check failed.\n(error: https://localhost:3000/check.0a1b2c3d.js)"),
    { name: "ChunkLoadError", type: "error", request: "https://localhost:3000/check.0a1b2c3d.js" }
  );
  test.each([
    [
      "webpack's ChunkLoadError: the file",
      chunkError,
      "Its code (check.0a1b2c3d.js) did not arrive from the add-in's server.",
    ],
    [
      "a file asked for with a query",
      { request: "https://x/templates.1.js?v=2" },
      "Its code (templates.1.js) did not arrive from the add-in's server.",
    ],
    [
      "another error: its words, on one line, one full stop",
      new Error("Network\nfailure."),
      "Its code did not arrive from the add-in's server: Network failure.",
    ],
    [
      "nothing usable",
      null,
      "Its code did not arrive from the add-in's server: Excel reported an error without a message.",
    ],
  ])("%s", (_case, error, expected) => {
    expect(notFetched(error)).toBe(expected);
  });
});
