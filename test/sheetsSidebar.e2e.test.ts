/*
 * The Google Sheets sidebar (dist/sheets/Sidebar.html, issue 15) in Debian's Chromium: built into a
 * temporary folder by scripts/build-sheets.mjs, served, and opened with a stand-in google.script.run
 * whose calls go, asynchronously, to the server functions (src/hosts/sheets/server.ts) running here
 * in Node over the recording fake of Apps Script. Google's own iframe is not reproduced: what this
 * shows is that the one page works alone (no other request) and drives the server functions.
 */
import { spawnSync } from "child_process";
import * as fs from "fs";
import type * as http from "http";
import type { AddressInfo } from "net";
import * as os from "os";
import * as path from "path";
import { createContext, runInContext } from "vm";
import { chromium, type Browser, type Page } from "playwright-core";
import * as server from "../src/hosts/sheets/server";
import {
  FakeAppsScript,
  FakeHtmlService,
  FakeUi,
  type FakeHtmlOutput,
  type FakeSheet,
} from "./support/fakeAppsScript";
import {
  CHROMIUM,
  CHROMIUM_ARGS,
  describeInBrowser,
  expectAccessible,
  serve,
} from "./support/paneBrowser";

/** The stand-in: google.script.run's chain of handlers, each call answered later, as Apps Script does. */
const STAND_IN = `
(() => {
  const NAMES = ["readSnapshot", "insertTemplate", "recordCheckIn", "selectCell", "showHelp"];
  const runner = (success, failure) => {
    const run = {
      withSuccessHandler: (handler) => runner(handler, failure),
      withFailureHandler: (handler) => runner(success, handler),
    };
    for (const name of NAMES)
      run[name] = (request) => {
        window.okrServer(name, request === undefined ? null : request).then((answer) =>
          setTimeout(() => {
            if (answer.ok) success && success(answer.value);
            else failure && failure(new Error(answer.message));
          }, 5)
        );
      };
    return run;
  };
  window.google = { script: { get run() { return runner(null, null); } } };
})();
`;

type ServerName = "readSnapshot" | "insertTemplate" | "recordCheckIn" | "selectCell" | "showHelp";

describeInBrowser("the Google Sheets sidebar in chromium", () => {
  let outdir: string;
  let http: http.Server;
  let origin: string;
  let browser: Browser;

  beforeAll(async () => {
    outdir = fs.mkdtempSync(path.join(os.tmpdir(), "okr-sidebar-"));
    const built = spawnSync(process.execPath, ["scripts/build-sheets.mjs", "--out", outdir], {
      cwd: path.join(__dirname, ".."),
      encoding: "utf8",
      timeout: 120_000,
    });
    if (built.status !== 0) throw new Error(`build:sheets failed: ${built.stderr}`);
    http = await serve(outdir);
    origin = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await new Promise((resolve) => http?.close(resolve));
    if (outdir) fs.rmSync(outdir, { recursive: true, force: true });
  }, 30_000);

  /** The sidebar over a fresh fake spreadsheet; every request the page makes, and its errors. */
  async function open(
    refuse?: { name: ServerName; message: string },
    file = "Sidebar.html"
  ): Promise<{
    page: Page;
    fake: FakeAppsScript;
    requests: string[];
    errors: string[];
    calls: ServerName[];
    ui: FakeUi;
  }> {
    const fake = new FakeAppsScript();
    const services = fake.services();
    // The project's help files, as the build wrote them, for showHelp's dialogs.
    const HtmlService = new FakeHtmlService(
      Object.fromEntries(
        fs
          .readdirSync(outdir)
          .filter((name) => name.startsWith("Help-"))
          .map((name) => [
            name.replace(/\.html$/, ""),
            fs.readFileSync(path.join(outdir, name), "utf8"),
          ])
      )
    );
    const ui = new FakeUi(HtmlService);
    const calls: ServerName[] = [];
    const context = await browser.newContext({ viewport: { width: 300, height: 900 } });
    const requests: string[] = [];
    const errors: string[] = [];
    context.on("request", (request) => requests.push(request.url()));
    await context.exposeFunction("okrServer", (name: ServerName, request: unknown) => {
      calls.push(name);
      if (refuse?.name === name) return { ok: false, message: refuse.message };
      try {
        const value =
          name === "readSnapshot"
            ? server.readSnapshot(services)
            : name === "insertTemplate"
              ? server.insertTemplate(services, request as server.SheetsInsertRequest)
              : name === "selectCell"
                ? server.selectCell(services, request as server.SheetsCellLocation)
                : name === "showHelp"
                  ? server.showHelp({ HtmlService, SpreadsheetApp: { getUi: () => ui } }, request)
                  : server.recordCheckIn(services, request as server.SheetsCheckInRequest);
        // As google.script.run passes results: plain data only.
        return { ok: true, value: JSON.parse(JSON.stringify(value)) as unknown };
      } catch (error) {
        return { ok: false, message: (error as Error).message };
      }
    });
    await context.addInitScript(STAND_IN);
    const page = await context.newPage();
    page.on("pageerror", (error) => errors.push(error.message));
    page.on("console", (message) => {
      if (message.type() === "error") errors.push(message.text());
    });
    await page.goto(`${origin}/${file}`);
    return { page, fake, requests, errors, calls, ui };
  }

  const sheet = (fake: FakeAppsScript, name: string): FakeSheet => {
    const found = fake.sheets.find((candidate) => candidate.name === name);
    if (found === undefined)
      throw new Error(`No sheet ${name}: ${fake.sheets.map((s) => s.name).join(", ")}`);
    return found;
  };

  test("the built page is one file: its script and CSS inlined, no script or style fetched", () => {
    const html = fs.readFileSync(path.join(outdir, "Sidebar.html"), "utf8");
    expect(html).not.toMatch(/<script[^>]*\bsrc=/i);
    expect(html).not.toMatch(/<link[^>]*stylesheet/i);
    expect(html).not.toMatch(/\bsrc="(?!data:)/i);
    expect(html).not.toMatch(/office\.js/);
    // One script element: nothing in the bundle can close it early ("</script" is escaped).
    expect(html.match(/<\/script/gi)).toHaveLength(1);
  });

  test("Templates → insert → the fake holds the sheets; Check → findings; Check-in → a row in Check-ins; no request but the page", async () => {
    const { page, fake, requests, errors, calls } = await open();

    // Started at once, with no Office: the tabs show and the check is available.
    await page.getByRole("tab", { name: "Check", selected: true }).waitFor();
    await expectAccessible(page, "sidebar opened");

    await page.getByRole("tab", { name: "Templates" }).click();
    const templates = page.getByRole("tabpanel", { name: "Templates" });
    await templates.getByRole("searchbox", { name: "Search templates" }).fill("revenue");
    await templates.getByRole("button", { name: "Revenue Growth" }).click();
    await templates.getByRole("heading", { level: 2, name: "Revenue Growth" }).waitFor();
    await templates.getByRole("textbox", { name: "Project" }).fill("Line inspection");
    await templates.getByRole("textbox", { name: "Owner" }).fill("Ana");
    await expectAccessible(page, "template form");
    await templates.getByRole("button", { name: "Insert" }).click();
    await templates.getByText("Workbook inserted").waitFor();
    expect(calls).toEqual(["insertTemplate"]);
    const names = fake.sheets.map((candidate) => candidate.name);
    expect(names).toEqual(expect.arrayContaining(["Sheet1", "OKR Plan", "Scorecard", "Check-ins"]));
    // The plan's own words are in the cells: the project in the OKR Plan sheet.
    const okrs = [...sheet(fake, "OKR Plan").cells.values()].map((cell) => cell.value);
    expect(okrs).toContain("Line inspection");
    // Check-ins' rows by their values (its helper columns hold formulas from the insert on).
    const logRows = () => {
      const rows = new Map<number, unknown[]>();
      for (const [key, cell] of sheet(fake, "Check-ins").cells) {
        const row = Number(key.split(",")[0]);
        rows.set(row, [...(rows.get(row) ?? []), cell.value]);
      }
      return [...rows.values()];
    };
    const byAnn = () => logRows().filter((values) => values.includes("Ann"));
    expect(byAnn()).toEqual([]);
    await templates
      .getByText(/Inserted 5 sheets: OKR Plan, Scorecard, Dashboard, Check-ins, Monthly Review\./)
      .waitFor();
    await expectAccessible(page, "workbook inserted");

    await page.getByRole("tab", { name: "Check", exact: true }).click();
    const check = page.getByRole("tabpanel", { name: "Check", exact: true });
    await check.getByRole("button", { name: "Check this workbook" }).click();
    // The fake calculates no formula, so the rules find the computed cells empty: findings.
    await check
      .getByRole("heading", { name: /\(\d+\)$/ })
      .first()
      .waitFor();
    expect(calls).toEqual(["insertTemplate", "readSnapshot"]);
    await expectAccessible(page, "check's findings");

    // Go to: a finding's cell is selected in the spreadsheet through selectCell.
    await check.getByRole("heading", { level: 4 }).getByRole("button").first().click();
    // A finding's cell button (the scorecard summary's "Go to" buttons name no cell).
    const goTo = check
      .getByRole("button", { name: /^Go to ('[^']+'|[^' !]+)![A-Z]+\d+(:[A-Z]+\d+)?$/ })
      .first();
    const reference = (await goTo.textContent()) ?? "";
    expect(reference).toMatch(/^('[^']+'|[^'!]+)![A-Z]+\d+(:[A-Z]+\d+)?$/);
    expect(fake.activeRange).toBeNull();
    await goTo.click();
    for (let waited = 0; fake.activeRange === null && waited < 10_000; waited += 50)
      await page.waitForTimeout(50);
    expect(fake.activeRange).toBe(reference.replace(/^'(.*)'!/, "$1!"));
    expect(fake.active?.name).toBe(reference.replace(/^'?(.*?)'?!.*$/, "$1"));
    expect(calls).toEqual(["insertTemplate", "readSnapshot", "selectCell"]);

    await page.getByRole("tab", { name: "Check-in" }).click();
    const pane = page.getByRole("tabpanel", { name: "Check-in" });
    const form = pane.getByRole("form", { name: "Check-in" });
    await form.waitFor();
    await form.getByRole("combobox", { name: /^Key result/ }).selectOption({ index: 1 });
    const chosen = await form.getByRole("combobox", { name: /^Key result/ }).inputValue();
    await form.getByRole("textbox", { name: "New value" }).fill("55");
    await form.getByRole("textbox", { name: "Author" }).fill("Ann");
    await form.getByRole("button", { name: "Save check-in" }).click();
    await pane
      .getByText(new RegExp(`^Recorded the check-in of ${chosen.replace(".", "\\.")}`))
      .waitFor();
    expect(calls).toContain("recordCheckIn");
    expect(byAnn()).toEqual([expect.arrayContaining([chosen, 55, "Ann"])]);
    // The log is read again after the write; checked once that read is done.
    await page.waitForFunction(
      () => document.querySelector('[aria-label="Reading the workbook"]') === null
    );
    await expectAccessible(page, "check-in recorded");

    // Nothing fetched but the page itself: no script, style, font or icon, from anywhere.
    expect(requests.filter((url) => !url.startsWith("data:"))).toEqual([`${origin}/Sidebar.html`]);
    expect(errors).toEqual([]);
  }, 180_000);

  test.each([
    ["showInsertTemplate", "Templates"],
    ["showRecordCheckIn", "Check-in"],
    ["showCheckOkrs", "Check"],
  ])(
    "the menu's %s opens the sidebar on its %s tab",
    async (functionName, tab) => {
      // The built Code.js's show function, over a fake HtmlService serving the built Sidebar.html.
      const HtmlService = new FakeHtmlService({
        Sidebar: fs.readFileSync(path.join(outdir, "Sidebar.html"), "utf8"),
      });
      const shown: FakeHtmlOutput[] = [];
      const SpreadsheetApp = {
        getUi: () => ({ showSidebar: (page: FakeHtmlOutput) => shown.push(page) }),
      };
      const context = createContext({ SpreadsheetApp, HtmlService });
      runInContext(fs.readFileSync(path.join(outdir, "Code.js"), "utf8"), context);
      (context[functionName] as () => void)();
      expect(shown).toHaveLength(1);
      const file = `${functionName}.html`;
      fs.writeFileSync(path.join(outdir, file), shown[0].html);

      const { page, errors, requests } = await open(undefined, file);
      await page.getByRole("tab", { name: tab, exact: true, selected: true }).waitFor();
      await expect(page.getByRole("tab", { selected: true }).count()).resolves.toBe(1);
      await page.getByRole("tabpanel", { name: tab, exact: true }).waitFor();
      // The view's script comes after the doctype: the page is in standards mode, as Sidebar.html.
      await expect(page.evaluate(() => document.compatMode)).resolves.toBe("CSS1Compat");
      await expectAccessible(page, `opened on ${tab}`);
      expect(requests.filter((url) => !url.startsWith("data:"))).toEqual([`${origin}/${file}`]);
      expect(errors).toEqual([]);
    },
    120_000
  );

  test("the Functions tab names the functions as Sheets does: OKR_SCORE, not OKR.SCORE", async () => {
    const { page, errors } = await open();
    await page.getByRole("tab", { name: "Functions" }).click();
    const functions = page.getByRole("tabpanel", { name: "Functions" });
    await functions.getByRole("heading", { level: 3, name: "OKR_SCORE", exact: true }).waitFor();
    await expect(functions.getByRole("heading", { level: 3 }).allTextContents()).resolves.toEqual(
      ["SCORE", "PROGRESS", "STATUS", "GRADE", "HEALTH", "PACE"].map((id) => `OKR_${id}`)
    );
    await expect(functions.getByText(/OKR\.[A-Z]/).count()).resolves.toBe(0);
    // The help: a button per function (Sidebar.html carries no pages to link to), no link.
    await expect(functions.getByRole("link").count()).resolves.toBe(0);
    await expect(functions.getByRole("button", { name: "OKR_SCORE help" }).count()).resolves.toBe(
      1
    );
    await expectAccessible(page, "functions");
    expect(errors).toEqual([]);
  }, 120_000);

  test("a help button opens the function's page through showHelp, in a dialog named as Sheets does", async () => {
    const { page, errors, calls, ui, requests } = await open();
    await page.getByRole("tab", { name: "Functions" }).click();
    const functions = page.getByRole("tabpanel", { name: "Functions" });
    await functions.getByRole("button", { name: "OKR_PACE help", exact: true }).click();
    for (let waited = 0; ui.dialogs.length === 0 && waited < 10_000; waited += 50)
      await page.waitForTimeout(50);
    expect(calls).toEqual(["showHelp"]);
    expect(ui.dialogs.map((dialog) => dialog.title)).toEqual(["OKR_PACE"]);
    expect(ui.dialogs[0].html).toBe(fs.readFileSync(path.join(outdir, "Help-pace.html"), "utf8"));
    // Nothing said beside the button, nothing fetched: the page is the server's to show.
    await expect(functions.getByRole("status").allTextContents()).resolves.toEqual(
      Array(6).fill("")
    );
    await expectAccessible(page, "help opened");
    expect(requests.filter((url) => !url.startsWith("data:"))).toEqual([`${origin}/Sidebar.html`]);
    expect(errors).toEqual([]);
  }, 120_000);

  test("a help page that cannot open says why beside its button", async () => {
    const message = "No HTML file named Help-score was found.";
    const { page, errors, calls } = await open({ name: "showHelp", message });
    await page.getByRole("tab", { name: "Functions" }).click();
    const functions = page.getByRole("tabpanel", { name: "Functions" });
    await functions.getByRole("button", { name: "OKR_SCORE help", exact: true }).click();
    await functions.getByText(`Could not open the help: ${message}`).waitFor();
    expect(calls).toEqual(["showHelp"]);
    await expectAccessible(page, "help failed");
    expect(errors).toEqual([]);
  }, 120_000);

  test.each(["score", "progress", "status", "grade", "health", "pace"])(
    "Help-%s.html alone: accessible in light and dark, fetching nothing but itself",
    async (id) => {
      for (const colorScheme of ["light", "dark"] as const) {
        const context = await browser.newContext({
          viewport: { width: 640, height: 560 },
          colorScheme,
        });
        const requests: string[] = [];
        context.on("request", (request) => requests.push(request.url()));
        const page = await context.newPage();
        await page.goto(`${origin}/Help-${id}.html`);
        await page.getByRole("heading", { level: 1, name: `OKR_${id.toUpperCase()}` }).waitFor();
        await expectAccessible(page, `Help-${id}.html, ${colorScheme}`);
        expect(requests).toEqual([`${origin}/Help-${id}.html`]);
        await context.close();
      }
    },
    120_000
  );

  test("a server function's error is shown as the pane shows failures, its message whole", async () => {
    const message = "Service Spreadsheets timed out while accessing document with id 1x.";
    const { page, errors } = await open({ name: "readSnapshot", message });
    await page.getByRole("tab", { name: "Check", selected: true }).waitFor();
    const check = page.getByRole("tabpanel", { name: "Check", exact: true });
    await check.getByRole("button", { name: "Check this workbook" }).click();
    await check.getByText(message, { exact: false }).first().waitFor();
    await expectAccessible(page, "check failed");
    expect(errors).toEqual([]);
  }, 120_000);
});
