/*
 * "Make a workbook" in the page outside Excel, in Debian's Chromium through playwright-core, with
 * Microsoft's office.js (served from its npm package in place of the CDN) reporting no host: pick
 * a template, fill the form, Download .xlsx; the file the browser downloads is then linted by the
 * okr command (bundled, in a process of its own: no error), recalculated by LibreOffice (no error
 * cell) and set beside the file `okr new` writes for the same inputs, sheet by sheet and cell by
 * cell. The same for "From my own text". The save dialog (showSaveFilePicker) is stubbed to record
 * what is written, or taken away so the download is what saves; a closed dialog saves nothing.
 * The flow by keyboard alone; axe (WCAG 2.2 AA) and no horizontal overflow in each state, light
 * and dark, at 360 px and 1280 px. Every request is recorded: none leaves the page's origin but
 * Office.js's own, none carries anything (no POST), and the xlsx chunk is fetched only when the
 * file is asked for.
 */
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import type * as http from "node:http";
import type { AddressInfo } from "node:net";
import * as os from "node:os";
import * as path from "node:path";
import {
  chromium,
  type Browser,
  type BrowserContext,
  type Locator,
  type Page,
} from "playwright-core";
import { readXlsx } from "../src/hosts/xlsx";
import { todaySerial } from "../src/okr/values";
import { SHEETS } from "../src/sheets/layout";
import { quarterOf } from "../src/taskpane/templates/insertForm";
import { bundleOkrCommand } from "./support/bundleOkr";
import {
  CHROMIUM,
  CHROMIUM_ARGS,
  describeInBrowser,
  expectAccessible,
  serve,
} from "./support/paneBrowser";
import { convert, makeProfile } from "./support/scorecardPicture";
import { gridOf } from "./support/snapshotGrid";
import { notBegunTrendCells } from "./support/trendPlan";
import { filledCells, workbookDifferences } from "./support/workbookCompare";

const REPO = path.join(__dirname, "..");
const OFFICE_CDN = "https://appsforoffice.microsoft.com/lib/1/hosted/";
const OFFICE_JS_DIST = path.join(REPO, "node_modules/@microsoft/office-js/dist");
// Office.js's own logging frame, which it opens 3 s after loading in any page; blocked like the rest.
const OFFICE_JS_TELEMETRY =
  "https://telemetryservice.firstpartyapps.oaspapps.com/telemetryservice/telemetryproxy.html";
const ERROR_VALUE = /^#(?:NULL!|DIV\/0!|VALUE!|REF!|NAME\?|NUM!|N\/A|SPILL!|CALC!|GETTING_DATA)$/;
const XLSX_CHUNK = /\/xlsx\.[^/]*\.js$/;

// eslint-disable-next-line @typescript-eslint/no-require-imports -- CommonJS, shared with the .mjs scripts
const { buildPane } = require("../scripts/build-pane.cjs") as {
  buildPane: (outputPath: string) => Promise<unknown>;
};

const hasSoffice =
  spawnSync("soffice", ["--version"], { encoding: "utf8", timeout: 60_000 }).status === 0;

/** The page's own text import and `okr new --from` read this document. */
const DOCUMENT = [
  "**Project:** Support Copilot",
  "**Period:** 2026-Q1",
  "**Owner:** Dana Lee",
  "**Contributors:** Ana Ruiz, Bo Chen",
  "",
  "## Objective 1: Make support answers instant",
  "",
  "**Key Results:**",
  "- Reduce average response time from 5 minutes to 30 seconds",
  "- Achieve 95% intent accuracy (Current: 82%)",
  "- Launch the help-center bot",
  "",
  "## Objective 2: Grow self-service",
  "1. Increase deflection rate from 20% to 60%",
  "2. Handle 10,000+ conversations per month",
].join("\n");

interface Visit {
  page: Page;
  pageErrors: string[];
  consoleErrors: string[];
  /** Requests to anywhere but the page's origin and Office.js's CDN files, refused. */
  blocked: string[];
  /** Office.js CDN files served from the package, by name. */
  officeFiles: string[];
  /** Every request the page made: method and URL. */
  requests: string[];
}

/** Stand-ins for the save dialog, put in the page before its scripts run. */
const NO_SAVE_DIALOG = `
  delete window.showSaveFilePicker;
  delete Window.prototype.showSaveFilePicker;`;
/** A save dialog that writes where the test can read it (window.okrSaved: name and bytes). */
const RECORDING_SAVE_DIALOG = `
  window.okrSaved = [];
  window.showSaveFilePicker = async (options) => {
    window.okrSuggested = options;
    return {
      name: "chosen by the person.xlsx",
      createWritable: async () => {
        const parts = [];
        return {
          write: async (blob) => { parts.push(new Uint8Array(await blob.arrayBuffer())); },
          close: async () => {
            const bytes = parts.flatMap((part) => Array.from(part));
            window.okrSaved.push({ name: "chosen by the person.xlsx", bytes });
          },
          abort: async () => {},
        };
      },
    };
  };`;
/** A save dialog the person closes. */
const CLOSED_SAVE_DIALOG = `
  window.showSaveFilePicker = async () => {
    throw new DOMException("The user aborted a request.", "AbortError");
  };`;

describeInBrowser("Make a workbook in the page outside Excel (chromium)", () => {
  let outputPath: string;
  let work: string;
  let okrCommand: string;
  let server: http.Server;
  let origin: string;
  let browser: Browser;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    outputPath = fs.mkdtempSync(path.join(os.tmpdir(), "okr-web-make-e2e-"));
    work = fs.mkdtempSync(path.join(os.tmpdir(), "okr-web-make-files-"));
    okrCommand = path.join(work, "okr.cjs");
    await Promise.all([buildPane(outputPath), bundleOkrCommand(okrCommand)]);
    server = await serve(outputPath);
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  }, 240_000);

  afterAll(async () => {
    await Promise.all(contexts.map((context) => context.close()));
    await browser?.close();
    await new Promise((resolve) => (server ? server.close(resolve) : resolve(undefined)));
    for (const folder of [outputPath, work])
      if (folder) fs.rmSync(folder, { recursive: true, force: true });
  }, 60_000);

  async function open(
    colorScheme: "light" | "dark",
    saveDialog: string,
    width = 360,
    /** The xlsx chunk: refused the first time it is asked for, or held until the promise settles. */
    xlsxChunk: "fail-once" | Promise<void> | null = null
  ): Promise<Visit> {
    const context = await browser.newContext({
      colorScheme,
      viewport: { width, height: 900 },
      acceptDownloads: true,
    });
    contexts.push(context);
    const visit: Omit<Visit, "page"> = {
      pageErrors: [],
      consoleErrors: [],
      blocked: [],
      officeFiles: [],
      requests: [],
    };
    await context.addInitScript(saveDialog);
    await context.route("**/*", async (route) => {
      const request = route.request();
      const url = request.url();
      visit.requests.push(`${request.method()} ${url}`);
      const officeFile = url.startsWith(OFFICE_CDN) ? url.slice(OFFICE_CDN.length) : null;
      if (url.startsWith(`${origin}/`) && XLSX_CHUNK.test(url) && xlsxChunk === "fail-once") {
        xlsxChunk = null;
        await route.abort("connectionreset");
      } else if (url.startsWith(`${origin}/`)) {
        if (XLSX_CHUNK.test(url) && xlsxChunk instanceof Promise) await xlsxChunk;
        await route.continue();
      } else if (officeFile !== null && /^[\w.-]+\.js$/.test(officeFile)) {
        visit.officeFiles.push(officeFile);
        await route.fulfill({
          path: path.join(OFFICE_JS_DIST, officeFile),
          contentType: "text/javascript",
        });
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
    await page.goto(`${origin}/taskpane.html`);
    await page.getByRole("tab", { name: "Functions", selected: true }).waitFor();
    return { page, ...visit };
  }

  /** No axe violation and no horizontal overflow, at task-pane width and at desktop width. */
  async function expectLaidOut(page: Page, state: string): Promise<void> {
    for (const width of [360, 1280]) {
      await page.setViewportSize({ width, height: 900 });
      const overflow = await page.evaluate(() =>
        Math.max(
          document.documentElement.scrollWidth - document.documentElement.clientWidth,
          document.body.scrollWidth - document.body.clientWidth
        )
      );
      expect(`${state} at ${width} px: ${overflow} px too wide`).toBe(
        `${state} at ${width} px: 0 px too wide`
      );
      await expectAccessible(page, `${state} at ${width} px`);
    }
    await page.setViewportSize({ width: 360, height: 900 });
  }

  /** Nothing left the page's origin but Office.js's own files, nothing was sent (no POST). */
  function expectStayedHome(visit: Visit): void {
    expect(visit.blocked).toEqual([]);
    expect(visit.officeFiles).toEqual(["office.js", "o15apptofilemappingtable.js"]);
    for (const request of visit.requests)
      expect(request).toMatch(new RegExp(`^GET (${origin}/|${OFFICE_CDN}|${OFFICE_JS_TELEMETRY})`));
    expect(visit.pageErrors).toEqual([]);
    expect(visit.consoleErrors).toEqual([]);
  }

  const xlsxChunkRequests = (visit: Visit) =>
    visit.requests.filter((request) => XLSX_CHUNK.test(request)).length;

  /** `okr new` as a person runs it, in a process of its own; the file's bytes. */
  function okrNew(args: string[], out: string): Uint8Array {
    const file = path.join(work, out);
    const result = spawnSync(process.execPath, [okrCommand, "new", ...args, "--out", file], {
      encoding: "utf8",
      timeout: 120_000,
    });
    // Its report (sections, objectives, key results) is fine; a refusal or a note is not.
    const said = result.stderr.split("\n").filter((line) => line.startsWith("okr:"));
    expect({ status: result.status, said }).toEqual({ status: 0, said: [] });
    return new Uint8Array(fs.readFileSync(file));
  }

  /** `okr lint` on the file: exit 0 (no error), and what it printed. */
  function okrLint(file: string): string {
    const result = spawnSync(process.execPath, [okrCommand, "lint", file], {
      encoding: "utf8",
      timeout: 120_000,
    });
    expect({ file, status: result.status }).toEqual({ file, status: 0 });
    return result.stdout;
  }

  /** The file recalculated by LibreOffice: every cell showing an error (the trend's gaps aside). */
  async function libreOfficeErrors(file: string): Promise<string[]> {
    const out = fs.mkdtempSync(path.join(work, "lo-"));
    convert(makeProfile(path.join(out, "profile")), "xlsx", out, [file]);
    const snapshot = await readXlsx(path.join(out, path.basename(file)));
    const today = todaySerial();
    return snapshot.sheets.map(gridOf).flatMap((sheet) => {
      const gaps =
        sheet.name === SHEETS.dashboard ? notBegunTrendCells(sheet, today) : new Set<string>();
      return sheet.values.flatMap((row, r) =>
        row.flatMap((value, c) =>
          typeof value === "string" &&
          ERROR_VALUE.test(value) &&
          !(value === "#N/A" && gaps.has(`${r + sheet.origin.row},${c + sheet.origin.column}`))
            ? [
                `${sheet.name} R${r + sheet.origin.row + 1}C${c + sheet.origin.column + 1}: ${value}`,
              ]
            : []
        )
      );
    });
  }

  /** The downloaded file: okr lint finds no error, LibreOffice no error cell, okr new the same. */
  async function expectAsOkrNew(file: string, cliArgs: string[], name: string): Promise<void> {
    const bytes = new Uint8Array(fs.readFileSync(file));
    expect(await workbookDifferences(bytes, okrNew(cliArgs, `okr-new-${name}`))).toEqual([]);
    expect(await filledCells(bytes)).toBeGreaterThan(100);
    okrLint(file);
    if (hasSoffice || process.env.CI) expect(await libreOfficeErrors(file)).toEqual([]);
  }

  /** The template's form, filled: project, the quarter after this one, owner, contributors. */
  async function fillTemplateForm(panel: Locator, quarter: string): Promise<void> {
    await panel.getByRole("textbox", { name: "Project" }).fill("Atlas Relaunch");
    await panel.getByRole("combobox", { name: "Period" }).selectOption(quarter);
    await panel.getByRole("textbox", { name: "Owner" }).fill("Dana Lee");
    await panel.getByRole("textbox", { name: "Contributors" }).fill("Ana Ruiz, Bo Chen");
  }

  const TEMPLATE_CLI = (quarter: string) => [
    "--template",
    "revenue-growth",
    "--project",
    "Atlas Relaunch",
    "--period",
    quarter,
    "--owner",
    "Dana Lee",
    "--contributors",
    "Ana Ruiz, Bo Chen",
  ];

  test.each(["light", "dark"] as const)(
    "%s: no save dialog: pick a template, fill the form, Download .xlsx downloads okr new's workbook",
    async (colorScheme) => {
      const visit = await open(colorScheme, NO_SAVE_DIALOG);
      const { page } = visit;
      await expect(page.evaluate(() => "showSaveFilePicker" in window)).resolves.toBe(false);
      await page.getByRole("tab", { name: "Templates" }).click();
      const panel = page.getByRole("tabpanel", { name: "Templates" });
      await panel
        .getByText("then download it as a new .xlsx workbook.", { exact: false })
        .waitFor();
      await expectLaidOut(page, `${colorScheme}, gallery`);
      await panel.getByRole("button", { name: "Revenue Growth" }).click();
      await panel.getByRole("heading", { name: "Download Revenue Growth as a workbook" }).waitFor();
      await panel.getByText("nothing is sent anywhere", { exact: false }).waitFor();
      const quarter = quarterOf(new Date());
      await fillTemplateForm(panel, quarter);
      await expectLaidOut(page, `${colorScheme}, form filled`);
      // ExcelJS and the xlsx host are not fetched until the file is asked for.
      expect(xlsxChunkRequests(visit)).toBe(0);
      expect(visit.requests.filter((request) => /exceljs/i.test(request))).toEqual([]);

      const requestsBefore = visit.requests.length;
      const started = Date.now();
      const [download] = await Promise.all([
        page.waitForEvent("download"),
        panel.getByRole("button", { name: "Download .xlsx" }).click(),
      ]);
      expect(download.suggestedFilename()).toBe("okr-revenue-growth.xlsx");
      const file = path.join(work, `downloaded-${colorScheme}.xlsx`);
      await download.saveAs(file);
      const status = panel.getByRole("status").filter({ hasText: "Workbook downloaded" });
      await status.waitFor();
      const made = Date.now() - started;
      const size = fs.statSync(file).size;
      const text = (await status.textContent()) ?? "";
      expect(text).toMatch(
        /^Workbook downloadedDownloaded okr-revenue-growth\.xlsx \([\d.]+ KB\), with \d+ sheets: OKR Plan, .*Scorecard.*\. It is in your browser's downloads\. Open it in Excel, LibreOffice Calc or Google Sheets/
      );
      expect(text).toContain(`(${Math.round(size / 1024)} KB)`);
      expect(xlsxChunkRequests(visit)).toBe(1);
      // ExcelJS's browser build and JSZip are inside the xlsx chunk (test/bundleSize.test.ts finds
      // them there): the click fetched no vendor chunk, only the xlsx chunk and the project's own
      // modules it shares with the check (the reader, the parser).
      const scriptsFetched = visit.requests
        .slice(requestsBefore)
        .filter((request) => /\.js(?:\?|$)/.test(request));
      expect(scriptsFetched.filter((request) => XLSX_CHUNK.test(request))).toHaveLength(1);
      expect(
        scriptsFetched.filter((request) => /vendors|node_modules|exceljs/i.test(request))
      ).toEqual([]);
      await expectLaidOut(page, `${colorScheme}, downloaded`);
      console.log(
        `Make a workbook (${colorScheme}): okr-revenue-growth.xlsx, ${size} bytes, ${made} ms from the click to the message (the xlsx chunk fetched on the way)`
      );
      await expectAsOkrNew(file, TEMPLATE_CLI(quarter), `template-${colorScheme}.xlsx`);
      expectStayedHome(visit);
    },
    240_000
  );

  test("the save dialog: the name suggested, the bytes written are okr new's; a closed dialog saves nothing", async () => {
    const visit = await open("light", RECORDING_SAVE_DIALOG, 1280);
    const { page } = visit;
    await page.getByRole("tab", { name: "Templates" }).click();
    const panel = page.getByRole("tabpanel", { name: "Templates" });
    await panel.getByRole("button", { name: "Revenue Growth" }).click();
    const quarter = quarterOf(new Date());
    await fillTemplateForm(panel, quarter);
    let downloads = 0;
    page.on("download", () => downloads++);
    await panel.getByRole("button", { name: "Download .xlsx" }).click();
    const status = panel.getByRole("status").filter({ hasText: "Workbook saved" });
    await status.waitFor();
    await expect(status.textContent()).resolves.toMatch(
      /^Workbook savedSaved chosen by the person\.xlsx \([\d.]+ KB\), with \d+ sheets: /
    );
    await expect(page.evaluate("window.okrSuggested")).resolves.toEqual({
      suggestedName: "okr-revenue-growth.xlsx",
      types: [
        {
          description: "Excel workbook",
          accept: {
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": [".xlsx"],
          },
        },
      ],
    });
    const saved = (await page.evaluate("window.okrSaved")) as { name: string; bytes: number[] }[];
    expect(saved.map((entry) => entry.name)).toEqual(["chosen by the person.xlsx"]);
    const bytes = new Uint8Array(saved[0].bytes);
    expect(
      await workbookDifferences(bytes, okrNew(TEMPLATE_CLI(quarter), "okr-new-picker.xlsx"))
    ).toEqual([]);
    expect(downloads).toBe(0);
    await expectLaidOut(page, "light, saved through the dialog");
    expectStayedHome(visit);

    // The person closes the dialog: no error, nothing written, and how to save it.
    for (const scheme of ["light", "dark"] as const) {
      const closed = await open(scheme, CLOSED_SAVE_DIALOG);
      await closed.page.getByRole("tab", { name: "Templates" }).click();
      const form = closed.page.getByRole("tabpanel", { name: "Templates" });
      await form.getByRole("button", { name: "Revenue Growth" }).click();
      await fillTemplateForm(form, quarter);
      await form.getByRole("button", { name: "Download .xlsx" }).click();
      const nothing = form.getByRole("status").filter({ hasText: "Nothing was saved" });
      await nothing.waitFor();
      await expect(nothing.textContent()).resolves.toBe(
        "Nothing was savedThe save dialog was closed, so no file was written. Choose Download .xlsx to save the workbook."
      );
      await expect(form.getByRole("alert").count()).resolves.toBe(0);
      await expectLaidOut(closed.page, `${scheme}, save dialog closed`);
      expectStayedHome(closed);
    }
  }, 240_000);

  test.each(["light", "dark"] as const)(
    "%s: from my own text: paste, read, Download .xlsx gives okr new --from's workbook",
    async (colorScheme) => {
      const visit = await open(colorScheme, NO_SAVE_DIALOG);
      const { page } = visit;
      await page.getByRole("tab", { name: "From my own text" }).click();
      const panel = page.getByRole("tabpanel", { name: "From my own text" });
      await panel.getByRole("textbox", { name: "Your OKRs" }).fill(DOCUMENT);
      await panel.getByRole("button", { name: "Read the text" }).click();
      await panel.getByRole("heading", { name: "Download your plan as a workbook" }).waitFor();
      await expect(panel.getByRole("textbox", { name: "Project" }).inputValue()).resolves.toBe(
        "Support Copilot"
      );
      await expectLaidOut(page, `${colorScheme}, own text read`);
      const [download] = await Promise.all([
        page.waitForEvent("download"),
        panel.getByRole("button", { name: "Download .xlsx" }).click(),
      ]);
      expect(download.suggestedFilename()).toBe("okr-support-copilot.xlsx");
      const file = path.join(work, `own-text-${colorScheme}.xlsx`);
      await download.saveAs(file);
      await panel.getByRole("status").filter({ hasText: "Workbook downloaded" }).waitFor();
      await expectLaidOut(page, `${colorScheme}, own text downloaded`);
      const document = path.join(work, "plan.md");
      fs.writeFileSync(document, DOCUMENT);
      if (colorScheme === "light") {
        await expectAsOkrNew(file, ["--from", document], "own-text.xlsx");
      } else {
        // The same document, the same file: compared only (lint and LibreOffice ran for light).
        const bytes = new Uint8Array(fs.readFileSync(file));
        expect(
          await workbookDifferences(bytes, okrNew(["--from", document], "okr-new-own-dark.xlsx"))
        ).toEqual([]);
      }
      expectStayedHome(visit);
    },
    240_000
  );

  /** Presses Tab until `target` has the focus (keyboard only); fails after 60 presses. */
  async function tabTo(page: Page, target: Locator): Promise<void> {
    for (let presses = 0; presses < 60; presses++) {
      if (await target.evaluate((element) => element === document.activeElement)) return;
      await page.keyboard.press("Tab");
    }
    throw new Error("Tab never reached the control");
  }

  test("by keyboard alone: to the Templates tab, a template, the form, Download .xlsx", async () => {
    const visit = await open("light", NO_SAVE_DIALOG);
    const { page } = visit;
    const tab = page.getByRole("tab", { name: "Templates" });
    await tabTo(page, page.getByRole("tab", { name: "Functions" }));
    await page.keyboard.press("ArrowLeft"); // From my own text
    await page.keyboard.press("ArrowLeft"); // Templates
    await expect(tab.getAttribute("aria-selected")).resolves.toBe("true");
    const panel = page.getByRole("tabpanel", { name: "Templates" });
    const search = panel.getByRole("searchbox", { name: "Search templates" });
    await tabTo(page, search);
    await page.keyboard.type("revenue");
    const choice = panel.getByRole("button", { name: "Revenue Growth" });
    await tabTo(page, choice);
    await page.keyboard.press("Enter");
    // The preview's heading takes the focus.
    await expect(page.evaluate(() => document.activeElement?.textContent ?? null)).resolves.toBe(
      "Revenue Growth"
    );
    await tabTo(page, panel.getByRole("textbox", { name: "Project" }));
    await page.keyboard.type("Atlas Relaunch");
    await tabTo(page, panel.getByRole("textbox", { name: "Owner" }));
    await page.keyboard.type("Dana Lee");
    await tabTo(page, panel.getByRole("textbox", { name: "Contributors" }));
    await page.keyboard.type("Ana Ruiz, Bo Chen");
    await tabTo(page, panel.getByRole("button", { name: "Download .xlsx" }));
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.keyboard.press("Enter"),
    ]);
    const file = path.join(work, "keyboard.xlsx");
    await download.saveAs(file);
    await panel.getByRole("status").filter({ hasText: "Workbook downloaded" }).waitFor();
    const bytes = new Uint8Array(fs.readFileSync(file));
    expect(
      await workbookDifferences(
        bytes,
        okrNew(TEMPLATE_CLI(quarterOf(new Date())), "okr-new-keyboard.xlsx")
      )
    ).toEqual([]);
    expectStayedHome(visit);
  }, 240_000);

  test("a project name left empty: the form says so at the field, and nothing is made", async () => {
    const visit = await open("dark", NO_SAVE_DIALOG);
    const { page } = visit;
    await page.getByRole("tab", { name: "Templates" }).click();
    const panel = page.getByRole("tabpanel", { name: "Templates" });
    await panel.getByRole("button", { name: "Revenue Growth" }).click();
    let downloads = 0;
    page.on("download", () => downloads++);
    await panel.getByRole("button", { name: "Download .xlsx" }).click();
    await panel.getByText("Name the project the OKRs are for.").waitFor();
    await expect(
      page.evaluate(() => (document.activeElement as HTMLInputElement | null)?.tagName)
    ).resolves.toBe("INPUT");
    await expectLaidOut(page, "dark, form with an error");
    expect(downloads).toBe(0);
    expect(xlsxChunkRequests(visit)).toBe(0);
    expectStayedHome(visit);
  }, 120_000);

  test.each(["light", "dark"] as const)(
    "%s: while the file is made the form shows it; a chunk that does not arrive is an alert whose Retry makes the file",
    async (colorScheme) => {
      let release = () => undefined as void;
      const held = new Promise<void>((resolve) => (release = resolve));
      const visit = await open(colorScheme, NO_SAVE_DIALOG, 360, held);
      const { page } = visit;
      await page.getByRole("tab", { name: "Templates" }).click();
      const panel = page.getByRole("tabpanel", { name: "Templates" });
      await panel.getByRole("button", { name: "Revenue Growth" }).click();
      await fillTemplateForm(panel, quarterOf(new Date()));
      await panel.getByRole("button", { name: "Download .xlsx" }).click();
      await panel.getByRole("progressbar", { name: "Making the workbook" }).waitFor();
      await panel.getByText("Preparing the sheets…").waitFor();
      await expect(
        panel.getByRole("button", { name: "Download .xlsx" }).isDisabled()
      ).resolves.toBe(true);
      await expectLaidOut(page, `${colorScheme}, making the file`);
      const [download] = await Promise.all([page.waitForEvent("download"), release()]);
      expect(download.suggestedFilename()).toBe("okr-revenue-growth.xlsx");
      await panel.getByRole("status").filter({ hasText: "Workbook downloaded" }).waitFor();
      expectStayedHome(visit);

      // The connection drops as the chunk is fetched: said, with Retry, which makes the file.
      const failing = await open(colorScheme, NO_SAVE_DIALOG, 360, "fail-once");
      await failing.page.getByRole("tab", { name: "Templates" }).click();
      const form = failing.page.getByRole("tabpanel", { name: "Templates" });
      await form.getByRole("button", { name: "Revenue Growth" }).click();
      await fillTemplateForm(form, quarterOf(new Date()));
      await form.getByRole("button", { name: "Download .xlsx" }).click();
      const alert = form.getByRole("alert").filter({ hasText: "The workbook could not be saved" });
      await alert.waitFor();
      await expect(alert.textContent()).resolves.toMatch(
        /Its code \(xlsx\.[0-9a-f]+\.js\) did not arrive from the add-in's server\. Check the connection, then try again\./
      );
      await expectLaidOut(failing.page, `${colorScheme}, the xlsx chunk did not arrive`);
      const [again] = await Promise.all([
        failing.page.waitForEvent("download"),
        alert.getByRole("button", { name: "Retry" }).click(),
      ]);
      expect(again.suggestedFilename()).toBe("okr-revenue-growth.xlsx");
      await form.getByRole("status").filter({ hasText: "Workbook downloaded" }).waitFor();
      await expect(form.getByRole("alert").count()).resolves.toBe(0);
      expect(failing.blocked).toEqual([]);
      expect(failing.pageErrors).toEqual([]);
      // The browser reports the refused chunk; nothing else.
      expect(failing.consoleErrors).toEqual(["Failed to load resource: net::ERR_CONNECTION_RESET"]);
    },
    240_000
  );
});
