/*
 * The task pane in a real browser: builds the add-in with webpack (development mode) into a temp
 * dir, serves it on 127.0.0.1 and loads taskpane.html in Debian's chromium through playwright-core.
 * Office.js is served from node_modules/@microsoft/office-js in place of Microsoft's CDN; every
 * other non-local request is blocked and recorded, so the test also proves the pane needs no network.
 * Outside Excel there are no findings to show, so the test's build adds one page of its own,
 * findings.html (test/support/findingsPage.tsx): the real pane with host actions the test drives.
 * The add-in's build has no such page and the pane no demo switch. The start states (loading
 * before Office.onReady, a failed start and its Retry) are seen on the real taskpane.html with a
 * stand-in office.js whose onReady the test scripts; the pane in Excel, with its real Excel
 * actions, on taskpane.html with test/support/officeStandIn.ts as office.js (also built here), whose
 * Excel.run drives the recording fake of Excel. After the template insert, what the fake holds is
 * recalculated by HyperFormula (test/support/insertEngineScorecard.ts) and the Scorecard's numbers
 * are set against the engine's for the same plan.
 */
import * as fs from "fs";
import * as http from "http";
import type { AddressInfo } from "net";
import * as os from "os";
import * as path from "path";
import { chromium, type Browser, type BrowserContext, type Page } from "playwright-core";
import HtmlWebpackPlugin from "html-webpack-plugin";
import { loadWorkbook } from "../src/hosts/memory";
import { instantiate, templateById } from "../src/okr/templates";
import type { Status } from "../src/okr/thresholds";
import { quarterOf } from "../src/taskpane/templates/insertForm";
import { FIXTURE_FINDINGS } from "./support/findingsFixture";
import {
  closeTo,
  readFakeWorkbook,
  scorecardComputed,
  scorecardShown,
  specOfFake,
  typeCurrent,
  withCurrents,
} from "./support/insertEngineScorecard";
import {
  CHROMIUM,
  CHROMIUM_ARGS,
  describeInBrowser,
  expectAccessible,
  serve,
} from "./support/paneBrowser";
import type { FindingsPageControl } from "./support/findingsPage";
import type { OfficeStandInControl } from "./support/officeStandIn";

const REPO = path.join(__dirname, "..");
const OFFICE_CDN = "https://appsforoffice.microsoft.com/lib/1/hosted/";
const OFFICE_JS_URL = `${OFFICE_CDN}office.js`;
// The npm package ships the CDN's files: Office.js loads o15apptofilemappingtable.js from beside itself.
const OFFICE_JS_DIST = path.join(REPO, "node_modules/@microsoft/office-js/dist");
// Office.js's own logging frame, which it opens 3 s after loading in any page; blocked like the rest.
const OFFICE_JS_TELEMETRY =
  "https://telemetryservice.firstpartyapps.oaspapps.com/telemetryservice/telemetryproxy.html";
const SCREENSHOTS = path.join(REPO, "test-results");
const FUNCTION_IDS = ["SCORE", "PROGRESS", "STATUS", "GRADE", "HEALTH", "PACE"];
// webLightTheme / webDarkTheme colorNeutralBackground1.
const BACKGROUND = { light: "rgb(255, 255, 255)", dark: "rgb(41, 41, 41)" };
// A task pane is narrow; this is close to Excel's default width.
const VIEWPORT = { width: 360, height: 900 };

/**
 * Current values typed into the inserted Revenue Growth Scorecard, round by round: each key
 * result's id, the value in its unit and what the cell holds (a percentage as a fraction), and
 * the key results per status the engine then counts. The first round shows every status (O1.KR4
 * stays Pending); the second makes the counts differ, so a count of the wrong label shows too.
 */
const TYPING: {
  values: [id: string, current: number, cell: number][];
  counts: Record<Status, number>;
}[] = [
  {
    values: [
      ["O1.KR1", 6_000_000, 6_000_000], // $6M of $5M: progress 1.2, score 1, Green
      ["O1.KR2", 2.45, 0.0245], // 2.3 % → 2.645 %: 0.43, Yellow
      ["O1.KR3", 1, 1], // 1 market of 3: 0.33, Red
    ],
    counts: { Red: 1, Yellow: 1, Green: 1, Pending: 1 },
  },
  {
    values: [["O1.KR3", 3, 3]], // 3 markets of 3: 1, Green
    counts: { Red: 0, Yellow: 1, Green: 2, Pending: 1 },
  },
];

// eslint-disable-next-line @typescript-eslint/no-require-imports -- CommonJS, shared with the .mjs scripts
const { buildPane } = require("../scripts/build-pane.cjs") as {
  buildPane: (
    outputPath: string,
    options: { entry: Record<string, string>; plugins: HtmlWebpackPlugin[] }
  ) => Promise<unknown>;
};

/** The add-in as `npm run build` makes it (development mode), with the test's own pages beside it. */
async function build(outputPath: string): Promise<void> {
  await buildPane(outputPath, {
    // The test's own page and the stand-in office.js (see the note at the top).
    entry: {
      findings: "./test/support/findingsPage.tsx",
      officeStandIn: "./test/support/officeStandIn.ts",
    },
    plugins: [
      new HtmlWebpackPlugin({
        filename: "findings.html",
        chunks: ["findings"],
        templateContent:
          '<!doctype html><html lang="en"><head><meta charset="utf-8" />' +
          '<meta name="viewport" content="width=device-width, initial-scale=1" />' +
          "<title>OKR Studio findings (test page)</title><style>html,body{margin:0}</style>" +
          "</head><body></body></html>",
      }),
    ],
  });
}

interface Visit {
  page: Page;
  pageErrors: string[];
  consoleErrors: string[];
  /** Non-local requests that were refused, apart from Office.js's telemetry frame. */
  blocked: string[];
  /** Office.js CDN files served from the package, by name. */
  officeFiles: string[];
}

describeInBrowser("task pane in chromium", () => {
  let outputPath: string;
  let server: http.Server;
  let origin: string;
  let browser: Browser;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    outputPath = fs.mkdtempSync(path.join(os.tmpdir(), "okr-studio-e2e-"));
    await build(outputPath);
    server = await serve(outputPath);
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  }, 180_000);

  // Thirty-odd contexts to close: on a busy machine that takes longer than jest's 5 s default.
  afterAll(async () => {
    await Promise.all(contexts.map((context) => context.close()));
    await browser?.close();
    await new Promise((resolve) => (server ? server.close(resolve) : resolve(undefined)));
    if (outputPath) fs.rmSync(outputPath, { recursive: true, force: true });
  }, 60_000);

  /**
   * office.js: Microsoft's, served from the package; unreachable; or a stand-in script (its text)
   * that scripts Office.onReady.
   */
  async function open(
    file: string,
    colorScheme: "light" | "dark",
    officeJs: "served" | "unreachable" | { standIn: string } = "served",
    /** The pane's own files to refuse the first time they are asked for (a dropped connection). */
    failOnce: RegExp | null = null
  ): Promise<Visit> {
    const context = await browser.newContext({ colorScheme, viewport: VIEWPORT });
    contexts.push(context);
    const visit = { pageErrors: [], consoleErrors: [], blocked: [], officeFiles: [] } as Omit<
      Visit,
      "page"
    >;
    await context.route("**/*", async (route) => {
      const url = route.request().url();
      const officeFile = url.startsWith(OFFICE_CDN) ? url.slice(OFFICE_CDN.length) : null;
      if (url.startsWith(`${origin}/`) && failOnce !== null && failOnce.test(url)) {
        failOnce = null;
        await route.abort("connectionreset");
      } else if (url.startsWith(`${origin}/`)) {
        await route.continue();
      } else if (officeFile !== null && officeJs === "served" && /^[\w.-]+\.js$/.test(officeFile)) {
        visit.officeFiles.push(officeFile);
        await route.fulfill({
          path: path.join(OFFICE_JS_DIST, officeFile),
          contentType: "text/javascript",
        });
      } else if (url === OFFICE_JS_URL && typeof officeJs === "object") {
        visit.officeFiles.push("office.js (stand-in)");
        await route.fulfill({ body: officeJs.standIn, contentType: "text/javascript" });
      } else if (url === OFFICE_JS_URL) {
        visit.officeFiles.push("office.js");
        await route.abort("internetdisconnected");
      } else {
        if (url !== OFFICE_JS_TELEMETRY) visit.blocked.push(url);
        await route.abort("blockedbyclient");
      }
    });
    const page = await context.newPage();
    page.on("pageerror", (error) => visit.pageErrors.push(error.message));
    page.on("console", (message) => {
      if (message.type() === "error") visit.consoleErrors.push(message.text());
    });
    await page.goto(`${origin}/${file}`);
    return { page, ...visit };
  }

  async function providerBackground(page: Page): Promise<string> {
    return page
      .locator("[data-theme-mode]")
      .evaluate((element) => getComputedStyle(element).backgroundColor);
  }

  /** Evaluates `expression` on the findings test page's control (FindingsPageControl). */
  const okrTest = <T = unknown>(page: Page, expression: string) =>
    page.evaluate(`window.okrTest.${expression}`) as Promise<T>;

  test.each(["light", "dark"] as const)(
    "%s: outside Excel the page says so, opens on the functions' help, and the check offers to choose a file",
    async (colorScheme) => {
      const visit = await open("taskpane.html", colorScheme);
      const { page } = visit;

      await page.getByRole("heading", { level: 1, name: "OKR Studio" }).waitFor();
      await page.getByRole("tab", { name: "Functions", selected: true }).waitFor();
      await expect(page.getByRole("main").count()).resolves.toBe(1);
      // Office.js outside Office reports no host, so the pane says where it is.
      await expect(
        page.getByText("This page is open outside Excel.", { exact: false }).isVisible()
      ).resolves.toBe(true);
      const nav = page.getByRole("navigation", { name: "OKR Studio" });
      const tabNames = ["Check", "Templates", "From my own text", "Functions"];
      await expect(nav.getByRole("tab").count()).resolves.toBeGreaterThanOrEqual(tabNames.length);
      for (const name of tabNames)
        await expect(nav.getByRole("tab", { name, exact: true }).count()).resolves.toBe(1);

      const panel = page.getByRole("tabpanel", { name: "Functions" });
      for (const id of FUNCTION_IDS) {
        await expect(
          panel.getByRole("heading", { level: 3, name: `OKR.${id}` }).isVisible()
        ).resolves.toBe(true);
        const link = panel.getByRole("link", { name: `OKR.${id} help` });
        await expect(link.getAttribute("target")).resolves.toBe("_blank");
        const href = new URL((await link.getAttribute("href")) ?? "", page.url()).href;
        expect(href).toBe(`${origin}/help/${id.toLowerCase()}.html`);
        const response = await page.request.get(href);
        expect(response.status()).toBe(200);
        await expect(response.text()).resolves.toContain(`<h1>OKR.${id}</h1>`);
      }

      await expect(page.locator("[data-theme-mode]").getAttribute("data-theme-mode")).resolves.toBe(
        colorScheme
      );
      await expect(providerBackground(page)).resolves.toBe(BACKGROUND[colorScheme]);
      fs.mkdirSync(SCREENSHOTS, { recursive: true });
      await page.screenshot({
        path: path.join(SCREENSHOTS, `taskpane-${colorScheme}.png`),
        fullPage: true,
      });
      await expectAccessible(page, `outside Excel, functions, ${colorScheme}`);

      // The Check tab, by keyboard: its button is disabled, with the reason beside it as its description.
      // The tabs by keyboard: arrows, Home and End move the focus and select; one tab stop.
      const tab = (name: string) => page.getByRole("tab", { name, exact: true });
      const focusedTab = () =>
        page.evaluate(() =>
          document.activeElement?.getAttribute("role") === "tab"
            ? document.activeElement.textContent
            : null
        );
      await tab("Functions").focus();
      await expect(tab("Check").getAttribute("tabindex")).resolves.toBe("-1");
      for (const [key, expected] of [
        ["ArrowRight", "Check"],
        ["End", "Functions"],
        ["Home", "Check"],
        ["ArrowLeft", "Functions"],
        ["ArrowLeft", "From my own text"],
        ["Home", "Check"],
      ]) {
        await page.keyboard.press(key);
        await expect(focusedTab()).resolves.toBe(expected);
        await expect(tab(expected).getAttribute("aria-selected")).resolves.toBe("true");
      }
      const check = page.getByRole("tabpanel", { name: "Check" });
      // Outside Excel the tab checks a chosen file (issue 14, test/webPageCheck.e2e.test.ts).
      const chooseButton = check.getByRole("button", { name: "Choose an .xlsx file" });
      await chooseButton.waitFor();
      await expect(chooseButton.isEnabled()).resolves.toBe(true);
      await expect(
        check.getByRole("button", { name: "Check this workbook" }).count()
      ).resolves.toBe(0);
      await expect(check.getByRole("status").textContent()).resolves.toBe("");
      await expectAccessible(page, `outside Excel, check, ${colorScheme}`);

      expect(visit.pageErrors).toEqual([]);
      expect(visit.consoleErrors).toEqual([]);
      expect(visit.blocked).toEqual([]);
      expect(visit.officeFiles).toEqual(["office.js", "o15apptofilemappingtable.js"]);
    },
    60_000
  );

  test("follows a change of the browser's colour scheme while open", async () => {
    const { page, pageErrors } = await open("taskpane.html", "light");
    await page.locator('[data-theme-mode="light"]').waitFor();
    await expect(providerBackground(page)).resolves.toBe(BACKGROUND.light);
    await page.emulateMedia({ colorScheme: "dark" });
    await page.locator('[data-theme-mode="dark"]').waitFor();
    await expect(providerBackground(page)).resolves.toBe(BACKGROUND.dark);
    expect(pageErrors).toEqual([]);
  }, 60_000);

  test("still renders, without script errors, when Office.js cannot be loaded", async () => {
    const visit = await open("taskpane.html", "light", "unreachable");
    await visit.page.getByRole("heading", { level: 1, name: "OKR Studio" }).waitFor();
    await visit.page.getByText("This page is open outside Excel.", { exact: false }).waitFor();
    await expect(
      visit.page.getByRole("link", { name: /^OKR\.[A-Z]+ help$/ }).count()
    ).resolves.toBe(6);
    expect(visit.pageErrors).toEqual([]);
    // The only console error is the browser reporting the failed Office.js download.
    expect(visit.consoleErrors).toEqual([
      "Failed to load resource: net::ERR_INTERNET_DISCONNECTED",
    ]);
    expect(visit.officeFiles).toEqual(["office.js"]);
    expect(visit.blocked).toEqual([]);
  }, 60_000);

  test.each(["light", "dark"] as const)(
    "%s: a view whose code cannot be fetched says so in its tab, and Retry (by keyboard) fetches it",
    async (colorScheme) => {
      // Outside Excel the pane opens on the functions' help, a chunk of its own.
      const visit = await open(
        "taskpane.html",
        colorScheme,
        "served",
        /\/functions-help\.[^/]*\.js$/
      );
      const { page } = visit;
      const panel = page.getByRole("tabpanel", { name: "Functions" });
      const alert = panel.getByRole("alert", { name: "This part of OKR Studio could not load" });
      await alert.waitFor();
      await expect(alert.textContent()).resolves.toMatch(
        /Its code \(functions-help\.[0-9a-f]+\.js\) did not arrive from the add-in's server\. Check the connection, then retry\./
      );
      // The rest of the pane still works: the title, the tabs.
      await expect(
        page.getByRole("tab", { name: "Functions", selected: true }).count()
      ).resolves.toBe(1);
      await expectAccessible(page, `view failed to load, ${colorScheme}`);
      await alert.getByRole("button", { name: "Retry" }).focus();
      await page.keyboard.press("Enter");
      await panel.getByRole("heading", { level: 3, name: "OKR.SCORE" }).waitFor();
      await expect(panel.getByRole("alert").count()).resolves.toBe(0);
      expect(visit.pageErrors).toEqual([]);
    },
    60_000
  );

  test.each(["light", "dark"] as const)(
    "%s: before Office.onReady the pane shows that it is starting, never a blank page",
    async (colorScheme) => {
      const visit = await open("taskpane.html", colorScheme, {
        standIn: "window.Office = { onReady: () => new Promise(() => {}) };",
      });
      const { page } = visit;
      await page.getByRole("progressbar", { name: "Starting OKR Studio…" }).waitFor();
      await expect(
        page.getByRole("heading", { level: 1, name: "OKR Studio" }).isVisible()
      ).resolves.toBe(true);
      await expect(page.getByRole("main").getAttribute("aria-busy")).resolves.toBe("true");
      await expect(page.getByRole("tab").count()).resolves.toBe(0);
      await expectAccessible(page, `loading, ${colorScheme}`);
      await expect(providerBackground(page)).resolves.toBe(BACKGROUND[colorScheme]);
      expect(visit.pageErrors).toEqual([]);
      expect(visit.consoleErrors).toEqual([]);
      expect(visit.officeFiles).toEqual(["office.js (stand-in)"]);
    },
    60_000
  );

  test.each(["light", "dark"] as const)(
    "%s: a failed start is an alert with the reason and Retry, which starts the pane",
    async (colorScheme) => {
      const visit = await open("taskpane.html", colorScheme, {
        standIn: `
          let calls = 0;
          window.Office = {
            onReady: () =>
              ++calls === 1
                ? Promise.reject(Object.assign(new Error("Office is not ready."), { code: "GeneralException" }))
                : Promise.resolve({ host: null, platform: null }),
          };`,
      });
      const { page } = visit;
      const alert = page.getByRole("alert");
      await alert.waitFor();
      await expect(alert.textContent()).resolves.toBe(
        "OKR Studio could not startExcel could not complete the request. Wait a moment, then try again. (Office is not ready.)Retry"
      );
      fs.mkdirSync(SCREENSHOTS, { recursive: true });
      await page.screenshot({
        path: path.join(SCREENSHOTS, `taskpane-start-failed-${colorScheme}.png`),
        fullPage: true,
      });
      await expectAccessible(page, `start failed, ${colorScheme}`);
      await alert.getByRole("button", { name: "Retry" }).click();
      await page.getByRole("tab", { name: "Functions", selected: true }).waitFor();
      await expect(page.getByRole("alert").count()).resolves.toBe(0);
      expect(visit.pageErrors).toEqual([]);
      expect(visit.consoleErrors).toEqual([]);
    },
    60_000
  );

  test.each(["light", "dark"] as const)(
    "%s: the findings (test page): checking, grouped by severity and rule, expanded to cells that select",
    async (colorScheme) => {
      const visit = await open("findings.html", colorScheme);
      const { page } = visit;
      const check = page.getByRole("tabpanel", { name: "Check" });
      const status = check.getByRole("status");
      const checkButton = check.getByRole("button", { name: "Check this workbook" });
      await page.getByRole("tab", { name: "Check", selected: true }).waitFor();
      await expect(checkButton.isEnabled()).resolves.toBe(true);
      await expect(
        page.getByText("Open OKR Studio in Excel", { exact: false }).count()
      ).resolves.toBe(0);

      await checkButton.click();
      await page.getByText("Checking the workbook…").waitFor();
      // Focusable but inert while the check runs.
      await expect(checkButton.getAttribute("aria-disabled")).resolves.toBe("true");
      await expect(page.getByRole("progressbar", { name: "Checking" }).isVisible()).resolves.toBe(
        true
      );
      await expectAccessible(page, `checking, ${colorScheme}`);
      await okrTest(page, "finish()");

      await page.getByRole("heading", { level: 3, name: "Errors (2)" }).waitFor();
      await expect(status.textContent()).resolves.toBe("Checked: 2 errors, 3 warnings, 1 info.");
      await expect(check.getByRole("heading", { level: 3 }).allTextContents()).resolves.toEqual([
        "Errors (2)",
        "Warnings (3)",
        "Info (1)",
      ]);
      const ruleHeaders = check.getByRole("heading", { level: 4 }).getByRole("button");
      await expect(ruleHeaders.allTextContents()).resolves.toEqual([
        "OKR010Recorded score differs from the computed score — 1 score",
        "OKR011Status label does not match the score — 1 status",
        "OKR001A plan should have 3–5 objectives — 1 plan",
        "OKR004Key result has no baseline — 1 key result",
        "OKR007An activity, not an outcome — 1 key result",
        "OKR018Objective not aligned to a parent — 1 objective",
      ]);
      // Collapsed until asked for: no cells yet.
      const cells = check.getByRole("list", { name: /^OKR\d{3} / }).getByRole("listitem");
      await expect(cells.count()).resolves.toBe(0);
      for (const header of await ruleHeaders.all()) {
        await header.click();
        await expect(header.getAttribute("aria-expanded")).resolves.toBe("true");
      }
      await expect(cells.count()).resolves.toBe(FIXTURE_FINDINGS.length);
      const cellButtons = check.getByRole("button", { name: /^Go to / });
      await expect(cellButtons.allTextContents()).resolves.toEqual([
        "Scorecard!K7",
        "Scorecard!L7",
        "'OKR Plan'!B3",
        "Scorecard!G8",
        "Scorecard!C13:E13",
      ]);
      // Each rule's fix is said once, in its group.
      await expect(
        check.getByText(`Fix: ${FIXTURE_FINDINGS[1].fix}`, { exact: true }).count()
      ).resolves.toBe(1);

      await check.getByRole("button", { name: "Go to Scorecard!K7" }).click();
      await expect(okrTest<FindingsPageControl["selected"]>(page, "selected")).resolves.toEqual([
        { sheet: "Scorecard", address: "K7" },
      ]);
      // By keyboard too: the cell buttons are real buttons.
      await check.getByRole("button", { name: "Go to 'OKR Plan'!B3" }).focus();
      await page.keyboard.press("Enter");
      await expect(okrTest<FindingsPageControl["selected"]>(page, "selected")).resolves.toEqual([
        { sheet: "Scorecard", address: "K7" },
        { sheet: "OKR Plan", address: "B3" },
      ]);

      fs.mkdirSync(SCREENSHOTS, { recursive: true });
      await page.screenshot({
        path: path.join(SCREENSHOTS, `taskpane-findings-${colorScheme}.png`),
        fullPage: true,
      });
      await expectAccessible(page, `findings, ${colorScheme}`);

      // A cell Excel cannot select (its sheet was deleted since the check): an alert under it.
      await okrTest(page, `failSelect = "ItemNotFound: The requested resource doesn't exist."`);
      const g8 = check.getByRole("button", { name: "Go to Scorecard!G8" });
      await g8.click();
      const selectAlert = check
        .getByRole("listitem")
        .filter({ has: page.getByRole("button", { name: "Go to Scorecard!G8" }) })
        .getByRole("alert");
      await selectAlert.waitFor();
      await expect(selectAlert.textContent()).resolves.toBe(
        "Could not go to Scorecard!G8. A sheet or cell the pane looked for is no longer in the workbook; it may have been renamed or deleted. (ItemNotFound: The requested resource doesn't exist.) If the sheet was renamed or deleted, check the workbook again."
      );
      await expectAccessible(page, `go to failed, ${colorScheme}`);

      await expect(providerBackground(page)).resolves.toBe(BACKGROUND[colorScheme]);
      expect(visit.pageErrors).toEqual([]);
      expect(visit.consoleErrors).toEqual([]);
      expect(visit.blocked).toEqual([]);
      expect(visit.officeFiles).toEqual([]);
    },
    60_000
  );

  test.each(["light", "dark"] as const)(
    "%s: a failed check (test page): an alert under the button in plain words, focus kept, Retry runs it again",
    async (colorScheme) => {
      const visit = await open("findings.html", colorScheme);
      const { page } = visit;
      const check = page.getByRole("tabpanel", { name: "Check" });
      const checkButton = check.getByRole("button", { name: "Check this workbook" });
      await checkButton.click();
      await page.getByText("Checking the workbook…").waitFor();
      await okrTest(
        page,
        `fail("InvalidOperationInCellEditMode", "The operation is not allowed in cell-edit mode.")`
      );
      const alert = check.getByRole("alert");
      await alert.waitFor();
      await expect(alert.textContent()).resolves.toBe(
        "The check could not runExcel is editing a cell. Press Enter or Esc in the sheet, then try again. Excel said: InvalidOperationInCellEditMode: The operation is not allowed in cell-edit mode.Retry"
      );
      // The focus stayed on the button the person pressed, and the alert is right under it.
      await expect(
        checkButton.evaluate((button) => button === document.activeElement)
      ).resolves.toBe(true);
      const buttonBox = (await checkButton.boundingBox())!;
      const alertBox = (await alert.boundingBox())!;
      expect(alertBox.y).toBeGreaterThanOrEqual(buttonBox.y + buttonBox.height);
      expect(alertBox.y - (buttonBox.y + buttonBox.height)).toBeLessThan(40);
      fs.mkdirSync(SCREENSHOTS, { recursive: true });
      await page.screenshot({
        path: path.join(SCREENSHOTS, `taskpane-check-failed-${colorScheme}.png`),
        fullPage: true,
      });
      await expectAccessible(page, `check failed, ${colorScheme}`);

      await alert.getByRole("button", { name: "Retry" }).click();
      await page.getByText("Checking the workbook…").waitFor();
      await expect(check.getByRole("alert").count()).resolves.toBe(0);
      await okrTest(page, "finish()");
      await check.getByRole("heading", { level: 3, name: "Errors (2)" }).waitFor();
      await expect(okrTest(page, "validations")).resolves.toBe(2);
      expect(visit.pageErrors).toEqual([]);
      expect(visit.consoleErrors).toEqual([]);
    },
    60_000
  );

  test("300 stale key results (test page): one group with a count, 100 cells at a time, all on request", async () => {
    const visit = await open("findings.html", "light");
    const { page } = visit;
    const check = page.getByRole("tabpanel", { name: "Check" });
    await check.getByRole("button", { name: "Check this workbook" }).click();
    await page.getByText("Checking the workbook…").waitFor();
    await okrTest(page, "finish(300)");
    const stale = check.getByRole("button", {
      name: "OKR014 Stale: no check-in in the last 31 days — 300 key results",
    });
    await stale.waitFor();
    await expect(
      check.getByRole("heading", { level: 3, name: "Warnings (303)" }).count()
    ).resolves.toBe(1);
    await stale.press("Enter");
    const list = check.getByRole("list", { name: "OKR014 Stale: no check-in in the last 31 days" });
    await expect(list.getByRole("listitem").count()).resolves.toBe(100);
    await check.getByRole("button", { name: "Show all 300 key results for OKR014" }).click();
    await expect(list.getByRole("listitem").count()).resolves.toBe(300);
    // The button is gone: the focus is on the first key result it showed (the 101st), not on the page.
    await expect(
      list
        .getByRole("listitem")
        .nth(100)
        .evaluate((item) => item === document.activeElement)
    ).resolves.toBe(true);
    const names = await list
      .getByRole("button", { name: /^Go to / })
      .evaluateAll((buttons) => buttons.map((button) => button.getAttribute("aria-label")));
    expect(new Set(names).size).toBe(300);
    expect(names[299]).toBe("Go to Scorecard!F305");
    await expectAccessible(page, "300 stale key results, all shown");
    expect(visit.pageErrors).toEqual([]);
    expect(visit.consoleErrors).toEqual([]);
  }, 120_000); // axe over 300 expanded cells takes most of it on a busy two-core machine

  test("in Excel (stand-in office.js over the fake Excel): the ribbon's check, the real rules, go to cell, Office's theme", async () => {
    const standIn = fs
      .readdirSync(outputPath)
      .find((file) => /^officeStandIn\.[0-9a-f]+\.js$/.test(file));
    const visit = await open("taskpane.html", "light", {
      standIn: fs.readFileSync(path.join(outputPath, standIn!), "utf8"),
    });
    const { page } = visit;
    const excel = <T = unknown>(expression: string) =>
      page.evaluate(`window.okrExcel.${expression}`) as Promise<T>;

    // In Excel the pane opens on the check, and follows Office's (dark) theme over the browser's.
    await page.getByRole("tab", { name: "Check", selected: true }).waitFor();
    await expect(
      page.getByText("The worksheet functions are ready: type =OKR. in any cell.").isVisible()
    ).resolves.toBe(true);
    await page.locator('[data-theme-mode="dark"]').waitFor();
    await expect(providerBackground(page)).resolves.toBe(BACKGROUND.dark);

    // The ribbon's Check OKRs button: the pane is shown, the workbook read in two syncs.
    await excel("press('validateWorkbook')");
    await expect(excel("shown")).resolves.toBe(1);
    await expect(excel("fake.syncs")).resolves.toBe(2);
    const check = page.getByRole("tabpanel", { name: "Check" });
    const activity = check.getByRole("button", {
      name: /^OKR007 An activity, not an outcome — 1 key result$/,
    });
    await activity.waitFor();
    await expect(check.getByRole("status").textContent()).resolves.toMatch(/^Checked: /);
    await activity.click();
    const goTo = check.getByRole("button", { name: /^Go to OKRs!/ });
    const reference = (await goTo.textContent()) ?? "";
    await goTo.click();
    await page.waitForFunction(() =>
      Boolean((window as unknown as { okrExcel: OfficeStandInControl }).okrExcel.fake.selection)
    );
    await expect(excel("fake.selection")).resolves.toEqual({
      sheet: "OKRs",
      address: reference.replace("OKRs!", ""),
    });
    await expect(excel("fake.activeSheet")).resolves.toBe("OKRs");
    // The check wrote nothing.
    await expect(excel("fake.calls.filter((call) => call.kind === 'set').length")).resolves.toBe(0);

    // Office's theme turns light: so does the pane.
    await excel("setTheme('#ffffff')");
    await page.locator('[data-theme-mode="light"]').waitFor();
    await expectAccessible(page, "in Excel, findings");

    // The pane's own button checks again: two more syncs.
    await check.getByRole("button", { name: "Check this workbook" }).click();
    await page.waitForFunction(
      () => (window as unknown as { okrExcel: OfficeStandInControl }).okrExcel.fake.syncs >= 4
    );
    expect(visit.pageErrors).toEqual([]);
    expect(visit.consoleErrors).toEqual([]);
    expect(visit.blocked).toEqual([]);
  }, 60_000);

  /** The stand-in office.js over the fake Excel (built with the pane), as `open` serves it. */
  function standInOffice(): { standIn: string } {
    const standIn = fs
      .readdirSync(outputPath)
      .find((file) => /^officeStandIn\.[0-9a-f]+\.js$/.test(file));
    return { standIn: fs.readFileSync(path.join(outputPath, standIn!), "utf8") };
  }

  /** Presses Tab until `target` has the focus (keyboard only); fails after 40 presses. */
  async function tabTo(page: Page, target: ReturnType<Page["getByRole"]>): Promise<void> {
    for (let presses = 0; presses < 40; presses++) {
      if (await target.evaluate((element) => element === document.activeElement)) return;
      await page.keyboard.press("Tab");
    }
    throw new Error("Tab never reached the control");
  }

  test.each(["light", "dark"] as const)(
    "%s: outside Excel the templates can be browsed, searched and previewed; the form downloads",
    async (colorScheme) => {
      const visit = await open("taskpane.html", colorScheme);
      const { page } = visit;
      await page.getByRole("tab", { name: "Functions", selected: true }).waitFor();
      await page.getByRole("tab", { name: "Templates" }).click();
      const panel = page.getByRole("tabpanel", { name: "Templates" });
      await panel.getByText("18 templates").waitFor();
      for (const category of ["AI project", "Business value", "Stakeholder", "Example"])
        await expect(
          panel.getByRole("heading", { level: 2, name: category }).count()
        ).resolves.toBe(1);
      await expectAccessible(page, `outside Excel, templates, ${colorScheme}`);

      await panel.getByRole("searchbox", { name: "Search templates" }).fill("chatbot");
      await panel.getByText(/^\d+ of 18 templates match$/).waitFor();
      await expect(panel.getByRole("button", { name: "Revenue Growth" }).count()).resolves.toBe(0);
      await panel.getByRole("searchbox", { name: "Search templates" }).fill("zebra quokka");
      await panel.getByText("No template matches. Try fewer or other words.").waitFor();
      await panel.getByRole("searchbox", { name: "Search templates" }).fill("chatbot");
      await panel.getByRole("button", { name: "Natural Language Processing / Chatbot" }).click();

      const preview = panel.getByRole("list", {
        name: "Natural Language Processing / Chatbot: objectives and key results",
      });
      await preview
        .getByText("Deploy conversational AI that delivers exceptional customer experience")
        .waitFor();
      // Outside Excel the form makes a file (test/webPageMake.e2e.test.ts).
      await expect(panel.getByRole("button", { name: "Download .xlsx" }).isEnabled()).resolves.toBe(
        true
      );
      await expectAccessible(page, `outside Excel, template preview, ${colorScheme}`);

      await page.getByRole("tab", { name: "From my own text" }).click();
      const text = page.getByRole("tabpanel", { name: "From my own text" });
      await text
        .getByRole("textbox", { name: "Your OKRs" })
        .fill("Grow the customer base\n- Reach 500 paying customers\n- Make onboarding great");
      await text.getByRole("button", { name: "Read the text" }).click();
      await text.getByText("2 key results; 1 to check", { exact: false }).waitFor();
      await text.getByRole("button", { name: "Edit O1.KR2" }).click();
      await expectAccessible(page, `outside Excel, own text with an edit open, ${colorScheme}`);
      expect(visit.pageErrors).toEqual([]);
      expect(visit.consoleErrors).toEqual([]);
    },
    // Three axe runs and the parser's first load: over a minute on a loaded 2-CPU machine.
    180_000
  );

  /** The pane in Excel (the stand-in over the fake), started, in Office's light theme. */
  async function openInExcel() {
    const visit = await open("taskpane.html", "light", standInOffice());
    const { page } = visit;
    const excel = <T = unknown>(expression: string) =>
      page.evaluate(`window.okrExcel.${expression}`) as Promise<T>;
    await page.getByRole("tab", { name: "Check", selected: true }).waitFor();
    await excel("setTheme('#ffffff')");
    return { visit, page, excel };
  }

  test("in Excel: browse → search → preview → fill the form → insert; a taken sheet name is kept and the new one renamed", async () => {
    const { visit, page, excel } = await openInExcel();
    await excel("fake.seedSheet('Scorecard', [['Keep me']])");

    await page.getByRole("tab", { name: "Templates" }).click();
    const panel = page.getByRole("tabpanel", { name: "Templates" });
    await panel.getByRole("searchbox", { name: "Search templates" }).fill("revenue");
    await panel.getByRole("button", { name: "Revenue Growth" }).click();
    await panel.getByRole("heading", { level: 2, name: "Revenue Growth" }).waitFor();
    await expect(
      panel.getByRole("radio", { name: "Portable (recommended)" }).isChecked()
    ).resolves.toBe(true);
    // An empty project is refused in the form, before anything is written.
    await panel.getByRole("button", { name: "Insert" }).click();
    await panel.getByText("Name the project the OKRs are for.").waitFor();
    await expect(excel("fake.calls.filter((call) => call.kind === 'set').length")).resolves.toBe(0);
    await expectAccessible(page, "in Excel, template form with an error, light");

    await panel.getByRole("textbox", { name: "Project" }).fill("Line inspection");
    await panel.getByRole("combobox", { name: "Period" }).selectOption("custom");
    await panel.getByRole("combobox", { name: "Last quarter" }).waitFor();
    await panel.getByRole("textbox", { name: "Owner" }).fill("Ana");
    await panel.getByRole("textbox", { name: "Contributors" }).fill("Ben, Cy");
    await panel.getByRole("button", { name: "Insert" }).click();
    await panel.getByText("Workbook inserted").waitFor();
    const sheets = await excel<string[]>("fake.sheets.map((sheet) => sheet.name)");
    expect(sheets).toEqual(expect.arrayContaining(["Notes", "OKRs", "Scorecard"]));
    const added = sheets.filter((name) => !["Notes", "OKRs", "Scorecard"].includes(name));
    expect(added).toHaveLength(5);
    const renamed = added.find((name) => name.startsWith("Scorecard"))!;
    expect(renamed).toBeDefined();
    await expect(
      excel("fake.sheets.find((sheet) => sheet.name === 'Scorecard').cells.size")
    ).resolves.toBe(1);
    await panel
      .getByText(
        `A sheet named “Scorecard” was already there and is kept; the new one is named “${renamed}”.`
      )
      .waitFor();

    // The numbers. The fake computes nothing, so what it now holds (cells, tables, defined names)
    // goes into HyperFormula through the memory host, and the new Scorecard must show what the
    // engine computes for the plan the form made: as inserted (every key result Pending, no
    // overall score), then after each round of TYPING. This fails when a generated formula gives
    // another number than the engine: progress measured from the wrong base, a score not
    // clamped to 0–1, a traffic light reading the wrong threshold cell (the defined names), an
    // objective's mean counting a Pending key result as 0, the health bands, a status count.
    // (The template has one objective, so the overall score equals its score: an overall
    // formula that is no mean of the objectives' scores would still pass here.)
    const plan = instantiate(templateById("revenue-growth")!, {
      project: "Line inspection",
      period: quarterOf(new Date()),
      owner: "Ana",
      contributors: "Ben, Cy",
    });
    const workbook = loadWorkbook(specOfFake(await page.evaluate(readFakeWorkbook)));
    try {
      expect(scorecardShown(workbook, renamed)).toEqual(closeTo(scorecardComputed(plan)));
      let typed = plan;
      for (const { values, counts } of TYPING) {
        for (const [id, , cell] of values) typeCurrent(workbook, renamed, id, cell);
        typed = withCurrents(
          typed,
          Object.fromEntries(values.map(([id, current]) => [id, current]))
        );
        const computed = scorecardComputed(typed);
        expect(computed.counts).toEqual(counts);
        expect(scorecardShown(workbook, renamed)).toEqual(closeTo(computed));
      }
    } finally {
      workbook.dispose();
    }

    await expectAccessible(page, "in Excel, inserted, light");
    await excel("setTheme('#262626')");
    await page.locator('[data-theme-mode="dark"]').waitFor();
    await expectAccessible(page, "in Excel, inserted, dark");
    expect(visit.pageErrors).toEqual([]);
    expect(visit.consoleErrors).toEqual([]);
    expect(visit.blocked).toEqual([]);
  }, 60_000);

  test("in Excel: an insert Excel refuses is an alert in plain words with Excel's own, nothing written; Retry inserts", async () => {
    const { visit, page, excel } = await openInExcel();
    const sheetsBefore = await excel<string[]>("fake.sheets.map((sheet) => sheet.name)");
    // Excel refuses the next request as Office.js reports it (an error with a code), once.
    await page.evaluate(() => {
      const globals = window as unknown as { Excel: { run: (batch: unknown) => Promise<unknown> } };
      const run = globals.Excel.run;
      globals.Excel.run = () => {
        globals.Excel.run = run;
        return Promise.reject(
          Object.assign(new Error("The service is busy."), { code: "ActivityLimitReached" })
        );
      };
    });
    await page.getByRole("tab", { name: "Templates" }).click();
    const panel = page.getByRole("tabpanel", { name: "Templates" });
    await panel.getByRole("button", { name: "Revenue Growth" }).click();
    await panel.getByRole("textbox", { name: "Project" }).fill("Line inspection");
    await panel.getByRole("button", { name: "Insert" }).click();
    const alert = panel.getByRole("alert");
    await alert.getByText("The workbook could not be inserted").waitFor();
    await expect(alert.textContent()).resolves.toContain(
      "Excel is busy with other requests. Wait a moment, then try again."
    );
    await expect(alert.textContent()).resolves.toContain("The service is busy.");
    await expect(excel("fake.sheets.map((sheet) => sheet.name)")).resolves.toEqual(sheetsBefore);
    await expect(excel("fake.calls.length")).resolves.toBe(0);
    await expectAccessible(page, "in Excel, insert refused by Excel, light");
    await alert.getByRole("button", { name: "Retry" }).click();
    await panel.getByText("Workbook inserted").waitFor();
    await expect(excel<string[]>("fake.sheets.map((sheet) => sheet.name)")).resolves.toHaveLength(
      sheetsBefore.length + 5
    );
    expect(visit.pageErrors).toEqual([]);
  }, 60_000);

  test("in Excel: paste text → fix a doubtful key result → insert", async () => {
    const { visit, page, excel } = await openInExcel();
    await page.getByRole("tab", { name: "From my own text" }).click();
    const panel = page.getByRole("tabpanel", { name: "From my own text" });
    await panel
      .getByRole("textbox", { name: "Your OKRs" })
      .fill("Grow the customer base\n- Reach 500 paying customers\n- Make onboarding great");
    await panel.getByRole("button", { name: "Read the text" }).click();
    await panel.getByText("2 key results; 1 to check", { exact: false }).waitFor();
    await panel.getByText("Reading: no type").waitFor();
    await expect(panel.getByText("Check this", { exact: true }).count()).resolves.toBe(1);
    await expectAccessible(page, "in Excel, own text read, light");

    await panel.getByRole("button", { name: "Edit O1.KR2" }).click();
    const editor = panel.getByRole("group", { name: "Edit O1.KR2" });
    await editor.getByRole("combobox", { name: "Type" }).selectOption("increase");
    await editor.getByRole("textbox", { name: "Baseline" }).fill("40");
    await editor.getByRole("textbox", { name: "Target" }).fill("ten");
    await editor.getByRole("button", { name: "Save O1.KR2" }).click();
    await editor.getByText("Type a number, such as 85 or 1200.").waitFor();
    await editor.getByRole("textbox", { name: "Target" }).fill("80");
    await editor.getByRole("textbox", { name: "Unit" }).fill("%");
    await editor.getByRole("button", { name: "Save O1.KR2" }).click();
    await panel.getByText("Reading: increase, 40% → 80%").waitFor();
    await panel.getByText("no doubts left.", { exact: false }).waitFor();

    await panel.getByRole("textbox", { name: "Project" }).fill("Onboarding");
    await panel.getByRole("button", { name: "Insert" }).click();
    await panel.getByText("Workbook inserted").waitFor();
    const sheets = await excel<string[]>("fake.sheets.map((sheet) => sheet.name)");
    expect(sheets.length).toBe(7);
    const written = await excel<unknown[]>(
      "fake.sheets.flatMap((sheet) => [...sheet.cells.values()].map((cell) => cell.value))"
    );
    expect(written).toEqual(expect.arrayContaining(["Make onboarding great", "Onboarding"]));
    await expectAccessible(page, "in Excel, own text inserted, light");
    expect(visit.pageErrors).toEqual([]);
    expect(visit.consoleErrors).toEqual([]);
  }, 60_000);

  test("in Excel: the whole insert flow with the keyboard alone (Tab, Enter, arrows)", async () => {
    const visit = await open("taskpane.html", "light", standInOffice());
    const { page } = visit;
    const excel = <T = unknown>(expression: string) =>
      page.evaluate(`window.okrExcel.${expression}`) as Promise<T>;
    const checkTab = page.getByRole("tab", { name: "Check", selected: true });
    await checkTab.waitFor();
    await tabTo(page, page.getByRole("tab", { name: "Check", exact: true }));
    // Arrows move along the tabs to Templates (wherever other features put their tabs).
    for (let presses = 0; presses < 10; presses++) {
      if (
        (await page.getByRole("tab", { name: "Templates" }).getAttribute("aria-selected")) ===
        "true"
      )
        break;
      await page.keyboard.press("ArrowRight");
    }
    await page.getByRole("tab", { name: "Templates", selected: true }).waitFor();
    const panel = page.getByRole("tabpanel", { name: "Templates" });
    const search = panel.getByRole("searchbox", { name: "Search templates" });
    await search.waitFor();
    await tabTo(page, search);
    await page.keyboard.type("computer vision");
    const choice = panel.getByRole("button", { name: "Computer Vision / Image Recognition" });
    await panel.getByText(/^\d+ of 18 templates match$/).waitFor();
    await tabTo(page, choice);
    await page.keyboard.press("Enter");
    await panel
      .getByRole("heading", { level: 2, name: "Computer Vision / Image Recognition" })
      .waitFor();
    const project = panel.getByRole("textbox", { name: "Project" });
    await tabTo(page, project);
    await page.keyboard.type("Line inspection");
    await tabTo(page, panel.getByRole("radio", { name: "Portable (recommended)" }));
    await page.keyboard.press("ArrowDown");
    await expect(panel.getByRole("radio", { name: "OKR functions" }).isChecked()).resolves.toBe(
      true
    );
    await tabTo(page, panel.getByRole("button", { name: "Insert" }));
    await page.keyboard.press("Enter");
    await panel.getByText("Workbook inserted").waitFor();
    await expect(excel<number>("fake.sheets.length")).resolves.toBe(7);
    const formulas = await excel<string[]>(
      "fake.sheets.flatMap((sheet) => [...sheet.cells.values()].map((cell) => cell.formula ?? ''))"
    );
    expect(formulas.some((formula) => formula.includes("OKR."))).toBe(true);
    expect(visit.pageErrors).toEqual([]);
    expect(visit.consoleErrors).toEqual([]);
  }, 60_000);

  test.each(["index", ...FUNCTION_IDS.map((id) => id.toLowerCase())])(
    "help/%s.html loads with no requests beyond itself and follows the dark scheme",
    async (name) => {
      const light = await open(`help/${name}.html`, "light");
      const dark = await open(`help/${name}.html`, "dark");
      const bodyBackground = (page: Page) =>
        page.locator("body").evaluate((element) => getComputedStyle(element).backgroundColor);
      await expect(bodyBackground(light.page)).resolves.toBe("rgb(255, 255, 255)");
      await expect(bodyBackground(dark.page)).resolves.toBe("rgb(31, 31, 31)");
      for (const visit of [light, dark]) {
        expect(visit.pageErrors).toEqual([]);
        expect(visit.consoleErrors).toEqual([]);
        expect(visit.blocked).toEqual([]);
        expect(visit.officeFiles).toEqual([]);
      }
      if (name === "score") {
        await dark.page.screenshot({
          path: path.join(SCREENSHOTS, "help-score-dark.png"),
          fullPage: true,
        });
      }
    },
    60_000
  );
});
