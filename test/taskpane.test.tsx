import * as fs from "fs";
import * as path from "path";
import { renderToStaticMarkup } from "react-dom/server";
import { App } from "../src/taskpane/App";
import { officeBackground, watchOfficeTheme, whenOfficeReady } from "../src/taskpane/officeHost";
import { relativeLuminance, themeModeFor } from "../src/taskpane/theme";
import { IDLE } from "../src/taskpane/checkState";
import { WORKSHEET_FUNCTIONS } from "../src/taskpane/worksheetFunctions";

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

describe("App: the empty state", () => {
  // As the entry renders it: the check can run only in Excel.
  const render = (themeMode: "light" | "dark", host: string | null) =>
    renderToStaticMarkup(
      <App
        themeMode={themeMode}
        host={host}
        check={IDLE}
        onValidate={host === "Excel" ? () => undefined : undefined}
        onSelect={host === "Excel" ? () => undefined : undefined}
      />
    );

  test("has a main landmark, an h1 title and a section heading per part", () => {
    const html = render("light", "Excel");
    expect(html).toMatch(/<main[^>]*aria-labelledby="okr-studio-title"/);
    expect(html).toMatch(/<h1[^>]*id="okr-studio-title"[^>]*>OKR Studio<\/h1>/);
    expect(html.match(/<h2[^>]*>([^<]*)<\/h2>/g)?.map((h) => h.replace(/<[^>]+>/g, ""))).toEqual([
      "Check this workbook",
      "Worksheet functions",
      "Coming later",
    ]);
  });

  test.each`
    host       | says
    ${"Excel"} | ${"The worksheet functions are ready: type =OKR. in any cell."}
    ${null}    | ${"This page is open outside Excel. Load the add-in in Excel to use the worksheet functions below."}
  `("host $host: says $says", ({ host, says }) => {
    expect(render("light", host)).toContain(says);
  });

  test.each(FUNCTION_IDS)(
    "lists OKR.%s with its example and a help link opening in a new window",
    (id) => {
      const html = render("light", "Excel");
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

  test("says what comes later, without offering buttons for it: the one button is the check", () => {
    const html = render("light", "Excel");
    expect(html).toContain("Templates and check-ins come in later versions");
    expect(html.match(/<button\b/g)).toHaveLength(1);
    expect(html).toMatch(/<button[^>]*>Check this workbook<\/button>/);
  });

  test.each`
    host       | enabled
    ${"Excel"} | ${true}
    ${null}    | ${false}
  `("host $host: the check button is enabled: $enabled", ({ host, enabled }) => {
    const html = render("light", host);
    const button = html.match(/<button[^>]*>Check this workbook<\/button>/)?.[0] ?? "";
    expect(button).not.toBe("");
    expect(/\sdisabled=""/.test(button)).toBe(!enabled);
    expect(html.includes("Open in Excel to check a workbook.")).toBe(!enabled);
  });

  test.each(["light", "dark"] as const)("%s theme is marked on the provider root", (mode) => {
    expect(render(mode, null)).toMatch(new RegExp(`^<div[^>]*data-theme-mode="${mode}"`));
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
