// `npm run screenshots`: the task pane's screenshots in docs/taskpane.md (docs/pane/*.png), light
// theme, 350 px wide (Repair's, 360 px, light and dark). Builds the add-in with webpack (development mode) into a temporary folder,
// serves it on 127.0.0.1 and opens taskpane.html in Debian's chromium through playwright-core, as
// test/taskpane.e2e.test.ts does: office.js is Microsoft's (served from node_modules) outside Excel,
// a scripted one-liner for the start states, and in Excel the test's stand-in
// (test/support/officeStandIn.ts) whose Excel.run drives the recording fake of Excel
// (test/support/fakeExcel.ts), here holding an OKR workbook inserted by the Office.js host
// (src/hosts/excel insertWorkbook) with every formula's value as the memory host calculates it.
// Every other request is refused: nothing leaves the machine.
//
// FLOWS below is the list of states: a name, how a person reaches it (by accessible role and
// name, which is also how the script drives it) and the file. A new feature adds one entry. A flow
// whose controls are not in the pane yet is skipped with a printed line (with
// PANE_SCREENSHOTS_DEBUG=<folder>, the page it got stuck on is saved there). A PNG is written only when
// its bytes changed, so a second run on the same machine leaves git clean. Exit 0 when every core
// flow was captured, 1 when one failed, 2 when chromium is missing.
import console from "node:console";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:http";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { extname, join } from "node:path";
import { Buffer } from "node:buffer";
import process from "node:process";
import { build as esbuild } from "esbuild";
import { projectRoot, withTypeScript } from "./load-ts.mjs";

// The add-in as the e2e test builds it: webpack, development mode (scripts/build-pane.cjs).
const { buildPane } = createRequire(import.meta.url)("./build-pane.cjs");
const started = Date.now();
// Chromium, its flags and the static server (serve, below) as in test/support/paneBrowser.ts, not
// loaded from it: that module reads jest's `describe` as it loads (describeInBrowser), so outside
// jest loading it throws.
const CHROMIUM = "/usr/bin/chromium";
const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];
const OFFICE_CDN = "https://appsforoffice.microsoft.com/lib/1/hosted/";
const OFFICE_JS_URL = `${OFFICE_CDN}office.js`;
const OFFICE_JS_DIST = join(projectRoot, "node_modules/@microsoft/office-js/dist");
const TARGET = join(projectRoot, "docs", "pane");
const VIEWPORT = { width: 350, height: 700 };
/** The pane's clock: a Monday in the middle of the inserted plan's quarter (2026-Q1). */
const NOW = new Date("2026-02-16T09:00:00Z");
/** The same day as an Excel serial date, for the memory host's TODAY(). */
const TODAY_SERIAL = Math.round((Date.UTC(2026, 1, 16) - Date.UTC(1899, 11, 30)) / 86_400_000);
/** How long a flow waits for a control before it counts as not there. */
const WAIT = 10_000;

/** A control a flow needs is missing: the flow is skipped, not failed. */
class Missing extends Error {}

/** Waits for a locator; a timeout means the control is not (yet) in the pane. */
async function need(locator, what, timeout = WAIT) {
  try {
    await locator.first().waitFor({ timeout });
  } catch {
    throw new Missing(`no ${what}`);
  }
  return locator.first();
}

const tab = (page, name) => page.getByRole("tab", { name, exact: true });

async function openTab(page, name) {
  await (await need(tab(page, name), `tab "${name}"`)).click();
  await page.getByRole("tab", { name, exact: true, selected: true }).waitFor();
  return page.getByRole("tabpanel", { name });
}

/** Checks the workbook from the Check tab and waits for the grouped findings. */
async function runCheck(page) {
  const check = await openTab(page, "Check");
  await (
    await need(check.getByRole("button", { name: "Check this workbook" }), "Check button")
  ).click();
  await need(
    check.getByRole("heading", { level: 3, name: /^(Errors|Warnings|Info) \(\d+\)$/ }),
    "findings after the check",
    30_000
  );
  return check;
}

/** After the check of the damaged workbook, "Repair…": the structure region with the plan. */
async function repairConfirmation(page) {
  const check = await runCheck(page);
  const structure = await need(
    check.getByRole("region", { name: /^Workbook structure/ }),
    "structure findings"
  );
  await (await need(structure.getByRole("button", { name: "Repair…" }), "Repair… button")).click();
  await need(
    structure.getByRole("list", { name: "Cells Repair writes" }),
    "the cells Repair writes"
  );
  return structure;
}

/** "Repair" pressed: the report kept after the check it runs. */
async function repairReport(page) {
  const structure = await repairConfirmation(page);
  await structure.getByRole("button", { name: "Repair", exact: true }).click();
  const report = await need(
    page.getByRole("region", { name: "What Repair did" }),
    "the repair report",
    30_000
  );
  await structure.waitFor({ state: "detached", timeout: 30_000 });
  return report;
}

/**
 * The states, in the order of docs/taskpane.md. office: "outside" (Microsoft's office.js, no
 * Office around it), "never" (Office.onReady never settles), "failsOnce" (it fails, then reports
 * no host), "excel" (the stand-in over the fake's workbook: "plan", "damaged" or "empty"). core:
 * the pane had it before issue 9; its failure fails the script. width (px) and theme ("light" or
 * "dark": the browser's scheme and Office's theme) where a flow needs other than 350 and light.
 */
const FLOWS = [
  {
    name: "Starting",
    file: "loading.png",
    office: "never",
    core: true,
    how: 'Open the pane before Office is ready: a progress bar "Starting OKR Studio…".',
    reach: async (page) => {
      await need(page.getByRole("progressbar", { name: "Starting OKR Studio…" }), "spinner");
    },
  },
  {
    name: "Start failure with Retry",
    file: "start-failed.png",
    office: "failsOnce",
    core: true,
    how: 'Office.onReady fails: an alert "OKR Studio could not start" with a button "Retry".',
    reach: async (page) => {
      const alert = await need(page.getByRole("alert"), "alert");
      await need(alert.getByRole("button", { name: "Retry" }), "Retry button");
    },
  },
  {
    name: "Outside Excel: the functions' help",
    file: "outside-excel.png",
    office: "outside",
    core: true,
    how: 'taskpane.html in a browser: the note "This page is open outside Excel." and the tab "Functions", selected.',
    reach: async (page) => {
      await need(
        page.getByRole("tab", { name: "Functions", selected: true }),
        "Functions tab selected"
      );
    },
  },
  {
    name: "Outside Excel: the Check tab",
    file: "outside-excel-check.png",
    office: "outside",
    core: true,
    how: 'Tab "Check": the button "Choose an .xlsx file"; a file may also be dropped anywhere on the page.',
    reach: async (page) => {
      const check = await openTab(page, "Check");
      await need(check.getByRole("button", { name: "Choose an .xlsx file" }), "Choose button");
    },
  },
  {
    name: "Outside Excel: a chosen file checked",
    file: "outside-excel-file-checked.png",
    office: "outside",
    how: 'Choose a workbook (the revenue-growth template with a target equal to its baseline): "Checked revenue-plan.xlsx", the scorecard summary and the findings, each with its cell and what the cell holds.',
    reach: async (page, given) => {
      const check = await openTab(page, "Check");
      await need(check.getByRole("button", { name: "Choose an .xlsx file" }), "Choose button");
      await check.locator('input[type="file"]').setInputFiles({
        name: given.checkedFile.name,
        mimeType: "",
        buffer: Buffer.from(given.checkedFile.base64, "base64"),
      });
      await need(
        check.getByRole("status").filter({ hasText: /^Checked revenue-plan\.xlsx/ }),
        '"Checked revenue-plan.xlsx"',
        30_000
      );
      const rule = await need(check.getByRole("button", { name: /^OKR005 / }), "the OKR005 group");
      if ((await rule.getAttribute("aria-expanded")) !== "true") await rule.click();
      await need(check.getByRole("list", { name: /^OKR005 / }), "the OKR005 findings");
    },
  },
  {
    name: "Outside Excel: a workbook made",
    file: "outside-excel-made.png",
    office: "outside",
    // As in Firefox or Safari: no save dialog (showSaveFilePicker), so the file is a download.
    saveDialog: false,
    how: 'Tab "Templates", a template, fill "Project", press "Download .xlsx": "Workbook downloaded", with the file\'s name, size and sheets.',
    reach: async (page) => {
      const panel = await openTab(page, "Templates");
      await (
        await need(panel.getByRole("button", { name: "Revenue Growth" }), "Revenue Growth")
      ).click();
      const project = await need(panel.getByRole("textbox", { name: /^Project/ }), "Project field");
      await project.fill("Atlas Relaunch");
      await panel.getByRole("textbox", { name: "Owner" }).fill("Dana Lee");
      const [download] = await Promise.all([
        page.waitForEvent("download", { timeout: 30_000 }),
        (
          await need(panel.getByRole("button", { name: "Download .xlsx" }), "Download button")
        ).click(),
      ]);
      await download.delete();
      await need(
        panel.getByRole("status").filter({ hasText: "Workbook downloaded" }),
        '"Workbook downloaded"',
        30_000
      );
    },
  },
  {
    name: "In Excel: Functions",
    file: "functions.png",
    office: "excel",
    workbook: "plan",
    core: true,
    how: 'In Excel, tab "Functions": the six functions, each with a link "OKR.<NAME> help".',
    reach: async (page) => {
      const panel = await openTab(page, "Functions");
      await need(panel.getByRole("link", { name: "OKR.SCORE help" }), "OKR.SCORE help link");
    },
  },
  {
    name: "Check: grouped findings",
    file: "check.png",
    office: "excel",
    workbook: "plan",
    core: true,
    how: 'Tab "Check", button "Check this workbook": headings "Errors (n)", "Warnings (n)", "Info (n)", one collapsed button per rule.',
    reach: async (page) => {
      await runCheck(page);
    },
  },
  {
    name: "Check: a rule expanded",
    file: "check-rule-expanded.png",
    office: "excel",
    workbook: "plan",
    core: true,
    how: 'After the check, the rule\'s button (under a level-4 heading, e.g. "OKR014 … — n key results"): its cells, each a button "Go to <cell>".',
    reach: async (page) => {
      const check = await runCheck(page);
      const rules = check.getByRole("heading", { level: 4 }).getByRole("button");
      const stale = rules.filter({ hasText: /^OKR014/ });
      const rule = (await stale.count()) > 0 ? stale.first() : rules.first();
      await rule.click();
      await need(check.getByRole("button", { name: /^Go to / }), "Go to buttons");
      await rule.focus();
    },
  },
  {
    name: "Check: Repair confirmation",
    file: "repair-confirm.png",
    office: "excel",
    workbook: "damaged",
    width: 360,
    how: 'In a workbook where 0.8 was typed over a Score and 40 over a Current, after the check, the region "Workbook structure (2)", button "Repair…": what Repair writes, the typed values it keeps and where, Repair and Cancel. This picture is that region alone.',
    reach: (page) => repairConfirmation(page),
  },
  {
    name: "Check: Repair confirmation, dark",
    file: "repair-confirm-dark.png",
    office: "excel",
    workbook: "damaged",
    width: 360,
    theme: "dark",
    how: "The same, in Office's dark theme.",
    reach: (page) => repairConfirmation(page),
  },
  {
    name: "Check: what Repair did",
    file: "repair-report.png",
    office: "excel",
    workbook: "damaged",
    width: 360,
    how: 'Press "Repair": it writes, checks again, and the region "What Repair did" stays above the findings: the cells written, the typed values kept, each a "Go to" link, and "Dismiss the repair report". This picture is that region alone.',
    reach: (page) => repairReport(page),
  },
  {
    name: "Check: what Repair did, dark",
    file: "repair-report-dark.png",
    office: "excel",
    workbook: "damaged",
    width: 360,
    theme: "dark",
    how: "The same, in Office's dark theme.",
    reach: (page) => repairReport(page),
  },
  {
    name: "Scorecard summary",
    file: "scorecard.png",
    office: "excel",
    workbook: "plan",
    how: 'After the check, the region "Scorecard" above the findings: overall score and health, the list "Key results by status", each objective\'s score, at risk by pace, stale check-ins. This picture is that region alone.',
    reach: async (page) => {
      await runCheck(page);
      return need(page.getByRole("region", { name: "Scorecard" }), "scorecard summary");
    },
  },
  {
    name: "Empty workbook",
    file: "empty-workbook.png",
    office: "excel",
    workbook: "empty",
    how: 'In Excel with an empty workbook, button "Check this workbook": no OKR table, so the pane goes straight to the tab "Templates".',
    reach: async (page) => {
      const check = await openTab(page, "Check");
      await (
        await need(check.getByRole("button", { name: "Check this workbook" }), "Check button")
      ).click();
      await need(
        page.getByRole("tab", { name: "Templates", selected: true }),
        'tab "Templates" selected'
      );
      await need(page.getByRole("searchbox", { name: "Search templates" }), "Search templates box");
    },
  },
  {
    name: "Templates gallery",
    file: "templates.png",
    office: "excel",
    workbook: "plan",
    how: 'Tab "Templates": a search box "Search templates" and the catalogue grouped by category.',
    reach: async (page) => {
      const panel = await openTab(page, "Templates");
      await need(
        panel.getByRole("searchbox", { name: "Search templates" }),
        "Search templates box"
      );
    },
  },
  {
    name: "Templates: search",
    file: "templates-search.png",
    office: "excel",
    workbook: "plan",
    how: 'Type "vision" into "Search templates": only the matching templates, and a status line with the count.',
    reach: async (page) => {
      const panel = await openTab(page, "Templates");
      const search = await need(
        panel.getByRole("searchbox", { name: "Search templates" }),
        "Search templates box"
      );
      await search.fill("vision");
      await need(panel.getByRole("status").filter({ hasText: /match/ }), "match count");
    },
  },
  {
    name: "Template preview and insert form",
    file: "template-insert-form.png",
    office: "excel",
    workbook: "plan",
    how: 'A template\'s button (e.g. "Computer Vision…"): its objectives and key results, a button "Back to the templates" and the insert form (Project, Owner, Contributors, Formulas).',
    reach: async (page) => {
      const panel = await openTab(page, "Templates");
      const choice = await need(panel.getByRole("region").getByRole("button"), "a template button");
      await choice.click();
      await need(panel.getByRole("button", { name: "Back to the templates" }), "template preview");
      await need(panel.getByRole("textbox", { name: /^Project/ }), "Project field");
    },
  },
  {
    name: "Template inserted",
    file: "template-inserted.png",
    office: "excel",
    workbook: "empty",
    how: 'Fill "Project", press the form\'s Insert button: "Workbook inserted", with the sheets it made.',
    reach: async (page) => {
      const panel = await openTab(page, "Templates");
      await (
        await need(panel.getByRole("region").getByRole("button"), "a template button")
      ).click();
      const project = await need(panel.getByRole("textbox", { name: /^Project/ }), "Project field");
      await project.fill("Line inspection");
      await (await need(panel.getByRole("button", { name: /^Insert/ }), "Insert button")).click();
      await need(page.getByText("Workbook inserted"), '"Workbook inserted"', 30_000);
    },
  },
  {
    name: "From my own text",
    file: "import-text.png",
    office: "excel",
    workbook: "plan",
    how: 'Tab "From my own text": a text box "Your OKRs" for an OKR document.',
    reach: async (page) => {
      const panel = await openTab(page, "From my own text");
      await need(panel.getByRole("textbox", { name: /^Your OKRs/ }), "Your OKRs box");
    },
  },
  {
    name: "From my own text: parsed plan",
    file: "import-text-parsed.png",
    office: "excel",
    workbook: "plan",
    how: "Paste an objective and its key results into \"Your OKRs\": the parsed plan, each key result's reading and the parser's doubts.",
    reach: async (page) => {
      const panel = await openTab(page, "From my own text");
      const box = await need(panel.getByRole("textbox", { name: /^Your OKRs/ }), "Your OKRs box");
      await box.fill(
        [
          "Objective: Ship a reliable defect detector",
          "- Raise recall from 82% to 95%",
          "- Cut false alarms per shift from 40 to 10",
          "- Improve the labelling process",
        ].join("\n")
      );
      const read = panel.getByRole("button", { name: /^(Read|Parse|Preview)/ });
      if ((await read.count()) > 0) await read.first().click();
      await need(panel.getByRole("list"), "parsed key results");
    },
  },
  {
    name: "Check-in form",
    file: "check-in.png",
    office: "excel",
    workbook: "plan",
    how: 'Tab "Check-in": the workbook is read, then the form "Check-in" (Search key results, Key result, New value, Date, Confidence, Author, Note) under the scorecard.',
    reach: async (page) => {
      const panel = await openTab(page, "Check-in");
      const form = await need(
        panel.getByRole("form", { name: "Check-in" }),
        'form "Check-in"',
        30_000
      );
      await need(
        form.getByRole("searchbox", { name: "Search key results" }),
        "Search key results box"
      );
    },
  },
  {
    name: "Check-in recorded",
    file: "check-in-recorded.png",
    office: "excel",
    workbook: "plan",
    how: 'In the form "Check-in": choose a key result in "Key result", type "New value" and "Author", press "Save check-in": "Recorded the check-in of …", the scorecard updated, the check-in listed with "Correct" and "Withdraw" buttons.',
    reach: async (page) => {
      const panel = await openTab(page, "Check-in");
      const form = await need(
        panel.getByRole("form", { name: "Check-in" }),
        'form "Check-in"',
        30_000
      );
      const keyResult = await need(
        form.getByRole("combobox", { name: /^Key result/ }),
        "Key result list"
      );
      await keyResult.selectOption({ index: 1 });
      const value = await need(form.getByRole("textbox", { name: /^New value/ }), "New value box");
      await value.fill("90");
      await (
        await need(form.getByRole("textbox", { name: /^Author/ }), "Author box")
      ).fill("Dana Okafor");
      await (
        await need(form.getByRole("button", { name: "Save check-in" }), "Save check-in button")
      ).click();
      await need(
        form.getByRole("status").filter({ hasText: /^Recorded/ }),
        '"Recorded the check-in"',
        30_000
      );
    },
  },
];

const CONTENT_TYPES = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json",
  ".map": "application/json",
  ".png": "image/png",
  ".xml": "application/xml",
};

function serve(root) {
  const server = createServer((request, response) => {
    const file = join(root, decodeURIComponent(new URL(request.url ?? "/", "http://x").pathname));
    if (!file.startsWith(root) || !existsSync(file)) {
      response.writeHead(404).end();
      return;
    }
    try {
      const body = readFileSync(file);
      response.writeHead(200, {
        "Content-Type": CONTENT_TYPES[extname(file)] ?? "application/octet-stream",
      });
      response.end(body);
    } catch {
      response.writeHead(404).end();
    }
  });
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve(server)));
}

/**
 * office.js for the pane in Excel: the e2e test's stand-in (Office reports Excel, every ExcelApi
 * version), with a light Office theme, and Excel.run over a fake holding the workbook the page
 * was given in `window.okrScreenshotWorkbook` (set before any script runs).
 */
async function buildStandIn() {
  const contents = `
    import "./test/support/officeStandIn";
    import { FakeExcel } from "./test/support/fakeExcel";
    const page = window as unknown as Record<string, any>;
    const given = page.okrScreenshotWorkbook;
    const fake = new FakeExcel();
    for (const sheet of given.sheets)
      fake.sheets.push({
        ...sheet,
        cells: new Map(sheet.cells),
        columnWidths: new Map(sheet.columnWidths),
        hiddenColumns: new Set(sheet.hiddenColumns),
      });
    fake.tables.push(...given.tables);
    fake.names.push(...given.names);
    fake.activeSheet = given.activeSheet;
    page.okrExcel.fake = fake;
    page.Excel = { run: (batch: (context: unknown) => Promise<unknown>) => batch(fake.context) };
    page.Office.context.officeTheme.bodyBackgroundColor = page.okrScreenshotTheme ?? "#ffffff";
  `;
  const result = await esbuild({
    stdin: {
      contents,
      resolveDir: projectRoot,
      loader: "ts",
      sourcefile: "paneScreenshotsOffice.ts",
    },
    bundle: true,
    platform: "browser",
    format: "iife",
    write: false,
    logLevel: "warning",
  });
  return result.outputFiles[0].text;
}

/** A fake Excel workbook as JSON: its sheets (Maps and Sets as arrays), tables and names. */
function workbookJson(fake) {
  return {
    sheets: fake.sheets.map((sheet) => ({
      ...sheet,
      cells: [...sheet.cells.entries()],
      columnWidths: [...sheet.columnWidths.entries()],
      hiddenColumns: [...sheet.hiddenColumns],
    })),
    tables: fake.tables,
    names: fake.names,
    activeSheet: fake.activeSheet,
  };
}

/**
 * The "plan" workbook: the computer-vision template for 2026-Q1, inserted by the Office.js host
 * into the fake, each formula showing what Excel would calculate (the memory host, HyperFormula),
 * with current values on two key results and no check-in yet, so the check has findings of
 * several rules (stale key results among them).
 */
async function planWorkbook(load) {
  const { FakeExcel, parseAddress } = await load("test/support/fakeExcel.ts");
  const { insertWorkbook } = await load("src/hosts/excel/index.ts");
  const { loadWorkbook } = await load("src/hosts/memory/index.ts");
  const { templateById, instantiate } = await load("src/okr/templates/index.ts");
  const { buildWorkbook } = await load("src/sheets/build.ts");
  const { readPlan } = await load("src/sheets/read.ts");
  const { cellAddress } = await load("src/sheets/spec.ts");

  const plan = instantiate(templateById("computer-vision"), {
    project: "Line inspection",
    period: "2026-Q1",
    owner: "Dana Okafor",
    contributors: "Ari, Bo, Chen",
  });
  const spec = buildWorkbook(plan, { style: "portable" });
  const fake = new FakeExcel();
  await insertWorkbook(fake.context, spec, { isSetSupported: (set) => set === "ExcelApi" });
  const memory = loadWorkbook(spec, { today: TODAY_SERIAL });
  try {
    // Two current values typed into the plan, as a person would.
    const facts = readPlan(memory.snapshot());
    const keyResults = (facts.plan?.objectives ?? []).flatMap((objective) => objective.keyResults);
    const typed = [
      [keyResults[0], (kr) => (kr.target ?? 1) * 0.5 + (kr.baseline ?? 0) * 0.5],
      [keyResults[1], (kr) => kr.baseline ?? 0],
    ];
    for (const [keyResult, inUnits] of typed) {
      const cell = keyResult && facts.locations.keyResults[keyResult.id]?.fields.current;
      if (!cell || keyResult.type === "milestone") continue;
      // The sheet holds a percentage as a fraction with a percent format (86.5% is 0.865).
      const value = (kr) => (kr.unit === "%" ? inUnits(kr) / 100 : inUnits(kr));
      const { startRow, startColumn } = parseAddress(cell.address);
      const sheet = memory.engine.getSheetId(cell.sheet);
      memory.engine.setCellContents({ sheet, row: startRow, col: startColumn }, value(keyResult));
      const model = fake.cell(cell.sheet, cell.address);
      if (model) model.value = value(keyResult);
      else
        fake.sheet(cell.sheet).cells.set(`${startRow},${startColumn}`, {
          value: value(keyResult),
          formula: null,
          written: value(keyResult),
          quotePrefix: false,
          numberFormat: null,
          format: {},
        });
    }
    for (const sheet of fake.sheets)
      for (const [position, cell] of sheet.cells) {
        if (cell.formula === null) continue;
        const [row, column] = position.split(",").map(Number);
        cell.value = memory.value(sheet.name, cellAddress(row, column));
      }
  } finally {
    memory.dispose();
  }
  return workbookJson(fake);
}

/**
 * The "damaged" workbook: the "plan" workbook after a quarter of shared editing, with 0.8 typed over
 * the first key result's Score (Scorecard!K6) and 40 over the second's Current (Scorecard!I7),
 * where the builder wrote formulas: the check finds them (OKR021) and Repair restores them.
 */
function damagedWorkbook(plan) {
  const damaged = structuredClone(plan);
  const scorecard = damaged.sheets.find((sheet) => sheet.name === "Scorecard");
  for (const [position, value] of [
    ["5,10", 0.8],
    ["6,8", 40],
  ]) {
    const entry = scorecard.cells.find(([at]) => at === position);
    if (entry === undefined) throw new Error(`the plan workbook has no Scorecard cell ${position}`);
    entry[1] = { ...entry[1], formula: null, value, written: value };
  }
  return damaged;
}

/**
 * The file the page outside Excel checks: the xlsx host's workbook for the revenue-growth template
 * with its first key result's target equal to its baseline (OKR005), as test/webPageCheck.e2e makes it.
 */
async function checkedFile(load) {
  const { xlsxFromSpec } = await load("src/hosts/xlsx/charts.ts");
  const { templateById, instantiate } = await load("src/okr/templates/index.ts");
  const { buildWorkbook } = await load("src/sheets/build.ts");
  const plan = instantiate(templateById("revenue-growth"), {
    project: "Atlas Relaunch",
    period: "2026-Q1",
    owner: "Dana Lee",
    contributors: "Ana Ruiz, Bo Chen",
  });
  const keyResult = plan.objectives[0].keyResults[0];
  keyResult.target = keyResult.baseline;
  const bytes = await xlsxFromSpec(buildWorkbook(plan));
  return { name: "revenue-plan.xlsx", base64: Buffer.from(bytes).toString("base64") };
}

/** Writes `png` to docs/pane/`file` unless the file already holds exactly these bytes. */
function keep(file, png) {
  const target = join(TARGET, file);
  if (existsSync(target) && readFileSync(target).equals(png)) return "up to date";
  mkdirSync(TARGET, { recursive: true });
  writeFileSync(target, png);
  return "written";
}

async function main() {
  if (!existsSync(CHROMIUM)) {
    console.error(`screenshots: no chromium at ${CHROMIUM} (Debian: apt-get install chromium)`);
    return 2;
  }
  const { chromium } = await import("playwright-core");
  const work = mkdtempSync(join(tmpdir(), "okr-pane-screenshots-"));
  let server;
  let browser;
  try {
    const [workbooks, standIn] = await Promise.all([
      withTypeScript("pane-screenshots", async (load) => {
        const plan = await planWorkbook(load);
        return {
          checkedFile: await checkedFile(load),
          plan,
          damaged: damagedWorkbook(plan),
          empty: { sheets: [], tables: [], names: [], activeSheet: null },
        };
      }),
      buildStandIn(),
      buildPane(work),
    ]);
    console.log(
      `built the pane and the stand-in office.js (${((Date.now() - started) / 1000).toFixed(0)} s)`
    );
    server = await serve(work);
    const origin = `http://127.0.0.1:${server.address().port}`;
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });

    const OFFICE_SCRIPTS = {
      never: "window.Office = { onReady: () => new Promise(() => {}) };",
      failsOnce: `
        let calls = 0;
        window.Office = {
          onReady: () =>
            ++calls === 1
              ? Promise.reject(Object.assign(new Error("Office is not ready."), { code: "GeneralException" }))
              : Promise.resolve({ host: null, platform: null }),
        };`,
      excel: standIn,
    };

    let failed = 0;
    // `npm run screenshots -- check-in`: only the flows whose name or file contains a given word.
    const only = process.argv.slice(2).map((word) => word.toLowerCase());
    const chosen = FLOWS.filter(
      (flow) =>
        only.length === 0 ||
        only.some((word) => `${flow.name} ${flow.file}`.toLowerCase().includes(word))
    );
    for (const flow of chosen) {
      const viewport = { ...VIEWPORT, width: flow.width ?? VIEWPORT.width };
      const context = await browser.newContext({
        viewport,
        deviceScaleFactor: 1,
        colorScheme: flow.theme ?? "light",
        reducedMotion: "reduce",
        locale: "en-US",
        timezoneId: "UTC",
      });
      const problems = [];
      let page;
      try {
        await context.route("**/*", async (route) => {
          const url = route.request().url();
          const officeFile = url.startsWith(OFFICE_CDN) ? url.slice(OFFICE_CDN.length) : null;
          if (url.startsWith(`${origin}/`)) await route.continue();
          else if (url === OFFICE_JS_URL && flow.office !== "outside")
            await route.fulfill({
              body: OFFICE_SCRIPTS[flow.office],
              contentType: "text/javascript",
            });
          else if (
            officeFile !== null &&
            flow.office === "outside" &&
            /^[\w.-]+\.js$/.test(officeFile)
          )
            await route.fulfill({
              path: join(OFFICE_JS_DIST, officeFile),
              contentType: "text/javascript",
            });
          else await route.abort("blockedbyclient");
        });
        if (flow.saveDialog === false)
          await context.addInitScript(
            "delete window.showSaveFilePicker; delete Window.prototype.showSaveFilePicker;"
          );
        if (flow.office === "excel")
          await context.addInitScript(
            `window.okrScreenshotWorkbook = ${JSON.stringify(workbooks[flow.workbook])};` +
              (flow.theme === "dark" ? 'window.okrScreenshotTheme = "#262626";' : "") +
              // The same check-in Entry id each run (Repair's, newCheckInId): the same picture.
              (flow.workbook === "damaged"
                ? "crypto.getRandomValues = (bytes) => bytes.fill(7);"
                : "")
          );
        page = await context.newPage();
        page.on("pageerror", (error) => problems.push(error.message));
        await page.clock.setFixedTime(NOW);
        await page.goto(`${origin}/taskpane.html`);
        await need(page.getByRole("heading", { level: 1, name: "OKR Studio" }), "title");
        const part = await flow.reach(page, workbooks);
        // No hover left by the last click; fonts loaded and a frame painted after the last change.
        await page.mouse.move(0, 0);
        await page.evaluate("document.fonts.ready.then(() => new Promise(requestAnimationFrame))");
        if (problems.length > 0) throw new Error(`script errors: ${problems.join("; ")}`);
        const options = { animations: "disabled", caret: "hide" };
        // The pane is 350 px wide whatever overflows it: the picture shows what a person sees.
        const [width, height] = await page.evaluate(
          "[document.documentElement.scrollWidth, document.documentElement.scrollHeight]"
        );
        if (width > viewport.width)
          console.log(`${flow.name}: warning: the page is ${width} px wide, wider than the pane`);
        // A flow that returns a locator is pictured by that part alone; the others, the whole page.
        const png =
          part && typeof part.screenshot === "function"
            ? await part.screenshot(options)
            : await page.screenshot({
                ...options,
                fullPage: true,
                clip: { x: 0, y: 0, width: viewport.width, height },
              });
        console.log(`${flow.name}: docs/pane/${flow.file} ${keep(flow.file, png)}`);
      } catch (error) {
        const reason = error instanceof Error ? error.message.split("\n")[0] : String(error);
        // To see why: the page as it was, in a folder of your choice (never docs/).
        if (page && process.env.PANE_SCREENSHOTS_DEBUG)
          await page
            .screenshot({
              path: join(process.env.PANE_SCREENSHOTS_DEBUG, flow.file),
              fullPage: true,
            })
            .catch(() => undefined);
        if (error instanceof Missing && !flow.core) {
          console.log(`${flow.name}: skipped, not in the pane yet (${reason})`);
        } else {
          failed++;
          console.error(`${flow.name}: FAILED: ${reason}`);
        }
      } finally {
        await context.close();
      }
    }
    console.log(`done in ${((Date.now() - started) / 1000).toFixed(0)} s`);
    return failed > 0 ? 1 : 0;
  } finally {
    await browser?.close();
    await new Promise((resolve) => (server ? server.close(resolve) : resolve(undefined)));
    rmSync(work, { recursive: true, force: true });
  }
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error) => {
    console.error(`screenshots: ${error instanceof Error ? error.stack : String(error)}`);
    process.exitCode = 1;
  }
);
