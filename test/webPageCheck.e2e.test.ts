/*
 * Issue 14: the page outside Excel checks a workbook chosen or dropped on it. The add-in is built
 * as `npm run build` makes it (development mode), served on 127.0.0.1 and opened in Debian's
 * Chromium with Microsoft's office.js (served from node_modules/@microsoft/office-js in place of
 * the CDN), which reports no host. Workbooks are made by the test: a person's sheet with a typed
 * score that is wrong (OKR010) and a workbook the xlsx host writes for a template with a target
 * equal to its baseline (OKR005); the unreadable files are a PDF, an encrypted workbook and a
 * truncated download. Each state is checked with axe (WCAG 2.2 AA) light and dark, at 360 px and
 * 1280 px, for horizontal overflow, and the flow once with the keyboard alone. Every request the
 * page makes is recorded: none leaves the page's origin but Office.js's own.
 */
import * as fs from "fs";
import type * as http from "http";
import type { AddressInfo } from "net";
import * as os from "os";
import * as path from "path";
import { chromium, type Browser, type BrowserContext, type Page } from "playwright-core";
import { xlsxFromSpec } from "../src/hosts/xlsx/charts";
import { instantiate, templateById } from "../src/okr/templates";
import { buildWorkbook } from "../src/sheets/build";
import { compoundFile } from "./fixtures/lint/make";
import {
  CHROMIUM,
  CHROMIUM_ARGS,
  describeInBrowser,
  expectAccessible,
  serve,
} from "./support/paneBrowser";
import { writeTeamSheet } from "./support/typedWorkbooks";

const REPO = path.join(__dirname, "..");
const OFFICE_CDN = "https://appsforoffice.microsoft.com/lib/1/hosted/";
const OFFICE_JS_DIST = path.join(REPO, "node_modules/@microsoft/office-js/dist");
// Office.js's own logging frame, which it opens 3 s after loading in any page.
const OFFICE_JS_TELEMETRY =
  "https://telemetryservice.firstpartyapps.oaspapps.com/telemetryservice/telemetryproxy.html";
const SCREENSHOTS = path.join(REPO, "test-results");
const WIDTHS = [360, 1280] as const;

// eslint-disable-next-line @typescript-eslint/no-require-imports -- CommonJS, shared with the .mjs scripts
const { buildPane } = require("../scripts/build-pane.cjs") as {
  buildPane: (outputPath: string) => Promise<unknown>;
};

interface Visit {
  page: Page;
  pageErrors: string[];
  /** Every request the page made (its URL and method), in order. */
  requests: { url: string; method: string; body: string | null }[];
}

/** A workbook to choose: its name and bytes. */
interface Workbook {
  name: string;
  bytes: Buffer;
}

describeInBrowser("the page outside Excel checks a workbook", () => {
  let outputPath: string;
  let server: http.Server;
  let origin: string;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  const made = fs.mkdtempSync(path.join(os.tmpdir(), "okr-web-check-"));
  let wrongScore: Workbook;
  let equalTarget: Workbook;
  const pdf: Workbook = {
    name: "minutes.pdf",
    bytes: Buffer.from("%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n", "latin1"),
  };
  const encrypted: Workbook = {
    name: "locked.xlsx",
    bytes: compoundFile(["EncryptionInfo", "EncryptedPackage"]),
  };
  let truncated: Workbook;

  beforeAll(async () => {
    outputPath = fs.mkdtempSync(path.join(os.tmpdir(), "okr-studio-web-check-"));
    await buildPane(outputPath);
    server = await serve(outputPath);
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
    const team = path.join(made, "team.xlsx");
    await writeTeamSheet(team, 0.9);
    wrongScore = { name: "team-scores.xlsx", bytes: fs.readFileSync(team) };
    const plan = instantiate(templateById("revenue-growth")!);
    const kr = plan.objectives[0].keyResults[0];
    kr.target = kr.baseline;
    equalTarget = {
      name: "revenue-plan.xlsx",
      bytes: Buffer.from(await xlsxFromSpec(buildWorkbook(plan))),
    };
    truncated = { name: "download.xlsx", bytes: equalTarget.bytes.subarray(0, 3000) };
  }, 240_000);

  afterAll(async () => {
    await Promise.all(contexts.map((context) => context.close()));
    await browser?.close();
    await new Promise((resolve) => (server ? server.close(resolve) : resolve(undefined)));
    if (outputPath) fs.rmSync(outputPath, { recursive: true, force: true });
    fs.rmSync(made, { recursive: true, force: true });
  }, 60_000);

  async function open(colorScheme: "light" | "dark", width: number = WIDTHS[0]): Promise<Visit> {
    const context = await browser.newContext({ colorScheme, viewport: { width, height: 900 } });
    contexts.push(context);
    const visit: Omit<Visit, "page"> = { pageErrors: [], requests: [] };
    // Office.js from the package in place of the CDN; anything else not local is refused.
    await context.route("**/*", async (route) => {
      const url = route.request().url();
      const officeFile = url.startsWith(OFFICE_CDN) ? url.slice(OFFICE_CDN.length) : null;
      if (url.startsWith(`${origin}/`)) await route.continue();
      else if (officeFile !== null && /^[\w.-]+\.js$/.test(officeFile))
        await route.fulfill({
          path: path.join(OFFICE_JS_DIST, officeFile),
          contentType: "text/javascript",
        });
      else await route.abort("blockedbyclient");
    });
    const page = await context.newPage();
    page.on("pageerror", (error) => visit.pageErrors.push(error.message));
    page.on("request", (request) =>
      visit.requests.push({
        url: request.url(),
        method: request.method(),
        body: request.postData(),
      })
    );
    await page.goto(`${origin}/taskpane.html`);
    await page.getByRole("heading", { level: 1, name: "OKR Studio" }).waitFor();
    await page.getByRole("tab", { name: "Check", exact: true }).click();
    await panel(page).getByRole("heading", { name: "Check a workbook" }).waitFor();
    return { page, ...visit };
  }

  const panel = (page: Page) => page.getByRole("tabpanel", { name: "Check" });
  /** The file check's live region: "Checking …", then "Checked <file>: …". */
  const status = (page: Page) =>
    panel(page)
      .getByRole("status")
      .filter({ hasText: /^Check(ed|ing) / });

  async function choose(page: Page, workbook: Workbook): Promise<void> {
    await panel(page)
      .locator('input[type="file"]')
      .setInputFiles({ name: workbook.name, mimeType: "", buffer: workbook.bytes });
  }

  /** Drops the workbook on the page as a browser does: dragover, then drop, with its DataTransfer. */
  async function drop(page: Page, workbook: Workbook, target = "body"): Promise<void> {
    await page.evaluate(
      ({ name, base64, selector }) => {
        const bytes = Uint8Array.from(atob(base64), (letter) => letter.charCodeAt(0));
        const transfer = new DataTransfer();
        transfer.items.add(new File([bytes], name));
        const element = document.querySelector(selector) ?? document.body;
        for (const type of ["dragenter", "dragover", "drop"])
          element.dispatchEvent(
            new DragEvent(type, { dataTransfer: transfer, bubbles: true, cancelable: true })
          );
      },
      { name: workbook.name, base64: workbook.bytes.toString("base64"), selector: target }
    );
  }

  async function expectChecked(page: Page, name: string, counts: RegExp): Promise<void> {
    await panel(page)
      .getByRole("status")
      .filter({ hasText: new RegExp(`^Checked ${name.replace(/\./g, "\\.")}: ${counts.source}`) })
      .waitFor({ timeout: 30_000 });
    await expect(panel(page).getByText(`File: ${name}`).isVisible()).resolves.toBe(true);
  }

  /** Opens a rule's group and returns its findings' text, one string per finding card. */
  async function openRule(page: Page, ruleId: string): Promise<string[]> {
    const button = panel(page).getByRole("button", { name: new RegExp(`^${ruleId} `) });
    if ((await button.getAttribute("aria-expanded")) !== "true") await button.click();
    const list = panel(page).getByRole("list", { name: new RegExp(`^${ruleId} `) });
    await list.waitFor();
    return list.getByRole("listitem").allTextContents();
  }

  async function alertText(page: Page): Promise<string> {
    const alert = panel(page).getByRole("alert");
    await alert.waitFor({ timeout: 30_000 });
    return (await alert.textContent()) ?? "";
  }

  async function noOverflow(page: Page, state: string): Promise<void> {
    const [scroll, client] = await page.evaluate(() => [
      document.documentElement.scrollWidth,
      document.documentElement.clientWidth,
    ]);
    expect(`${state}: ${scroll} px wide`).toBe(`${state}: ${client} px wide`);
  }

  test.each(["light", "dark"] as const)(
    "%s: choose a faulty workbook, see its findings with their cells' content, then drop another",
    async (colorScheme) => {
      const visit = await open(colorScheme);
      const { page } = visit;
      const choose_ = panel(page).getByRole("button", { name: "Choose an .xlsx file" });
      await expect(choose_.isVisible()).resolves.toBe(true);
      await expect(
        panel(page).locator('input[type="file"]').getAttribute("accept")
      ).resolves.toMatch(/^\.xlsx\b/);
      await expectAccessible(page, `no file yet, ${colorScheme}`);

      await choose(page, wrongScore);
      await expectChecked(page, wrongScore.name, /1 error\b/);
      // Errors first, the rule's group by role and name; the cell's content where Excel would select it.
      await panel(page)
        .getByRole("heading", { name: /^Errors \(1\)$/ })
        .waitFor();
      const okr010 = await openRule(page, "OKR010");
      expect(okr010).toHaveLength(1);
      expect(okr010[0]).toContain("Team!F2");
      expect(okr010[0]).toContain("Holds 0.9");
      expect(okr010[0]).toMatch(/recorded score 0\.90/i);
      // No dead "Go to" button: there is no workbook to select in.
      await expect(
        panel(page)
          .getByRole("button", { name: /^Go to / })
          .count()
      ).resolves.toBe(0);
      await expect(
        panel(page).getByText("This page never changes the file.").isVisible()
      ).resolves.toBe(true);
      // The scorecard summary of the file.
      await expect(
        panel(page).getByRole("heading", { level: 2, name: "Scorecard" }).isVisible()
      ).resolves.toBe(true);
      for (const width of WIDTHS) {
        await page.setViewportSize({ width, height: 900 });
        await noOverflow(page, `findings at ${width} px`);
        await expectAccessible(page, `findings, ${colorScheme}, ${width} px`);
      }
      await page.setViewportSize({ width: WIDTHS[0], height: 900 });
      fs.mkdirSync(SCREENSHOTS, { recursive: true });
      await page.screenshot({
        path: path.join(SCREENSHOTS, `web-check-${colorScheme}.png`),
        fullPage: true,
      });

      // A second file, dropped on the page, replaces the first.
      await drop(page, equalTarget);
      await expectChecked(page, equalTarget.name, /\d+ errors?\b/);
      await expect(panel(page).getByText(`File: ${wrongScore.name}`).count()).resolves.toBe(0);
      const okr005 = await openRule(page, "OKR005");
      expect(okr005.length).toBeGreaterThanOrEqual(1);
      expect(okr005[0]).toMatch(/'Revenue Growth Scorecard'!|[A-Z]+\d+/);
      expect(okr005[0]).toMatch(/Holds |Empty/);
      expect(visit.pageErrors).toEqual([]);
    },
    180_000
  );

  test.each(["light", "dark"] as const)(
    "%s: a PDF, an encrypted workbook and a truncated zip: okr lint's reasons, the last result kept",
    async (colorScheme) => {
      const { page, pageErrors } = await open(colorScheme);
      await choose(page, wrongScore);
      await expectChecked(page, wrongScore.name, /1 error\b/);
      for (const [workbook, reason] of [
        [pdf, "Not an .xlsx file (it is a PDF document)."],
        [
          encrypted,
          "It is password-protected (encrypted); save a copy without a password and check that.",
        ],
        [truncated, "The file is damaged or truncated (its zip directory is missing)."],
      ] as const) {
        await choose(page, workbook);
        const alert = await alertText(page);
        expect(alert).toContain(`Could not check ${workbook.name}`);
        expect(alert).toContain(reason);
        // The last good result stays, named.
        await expect(panel(page).getByText(`File: ${wrongScore.name}`).isVisible()).resolves.toBe(
          true
        );
        await expect(status(page).textContent()).resolves.toMatch(/^Checked team-scores\.xlsx:/);
        for (const width of WIDTHS) {
          await page.setViewportSize({ width, height: 900 });
          await noOverflow(page, `${workbook.name} at ${width} px`);
          await expectAccessible(page, `${workbook.name}, ${colorScheme}, ${width} px`);
        }
        await page.setViewportSize({ width: WIDTHS[0], height: 900 });
      }
      // Dropped, the same reason; a good file then clears the alert.
      await drop(page, pdf);
      await expect(alertText(page)).resolves.toContain("Not an .xlsx file (it is a PDF document).");
      await choose(page, equalTarget);
      await expectChecked(page, equalTarget.name, /\d+ errors?\b/);
      await expect(panel(page).getByRole("alert").count()).resolves.toBe(0);
      expect(pageErrors).toEqual([]);
    },
    180_000
  );

  test("by keyboard alone: to the Check tab, choose a file, open a rule's findings", async () => {
    const { page, pageErrors } = await open("light", 1280);
    // Start over from the top of the page, as a keyboard user does.
    await page.goto(`${origin}/taskpane.html`);
    await page.getByRole("tab", { name: "Functions", selected: true }).waitFor();
    const chosen = page.waitForEvent("filechooser", { timeout: 60_000 });
    const focused = () =>
      page.evaluate(() => {
        const element = document.activeElement;
        return element === null
          ? ""
          : `${element.getAttribute("role") ?? element.tagName.toLowerCase()}:${element.textContent?.trim() ?? ""}`;
      });
    async function tabTo(pattern: RegExp, limit = 40): Promise<void> {
      for (let i = 0; i < limit; i++) {
        if (pattern.test(await focused())) return;
        await page.keyboard.press("Tab");
      }
      throw new Error(`${pattern} never took the focus (last: ${await focused()})`);
    }
    await tabTo(/^tab:/);
    await page.keyboard.press("Home");
    await expect(focused()).resolves.toBe("tab:Check");
    await tabTo(/^button:Choose an \.xlsx file$/);
    // Enter on the button opens the browser's file dialog (the input's own), answered here. The
    // listener is set well before: Chromium hands the dialog over only once it is asked to.
    await page.keyboard.press("Enter");
    const chooser = await chosen;
    await chooser.setFiles({ name: wrongScore.name, mimeType: "", buffer: wrongScore.bytes });
    await expectChecked(page, wrongScore.name, /1 error\b/);
    await tabTo(/^button:OKR010/);
    await page.keyboard.press("Enter");
    const list = panel(page).getByRole("list", { name: /^OKR010 / });
    await list.waitFor();
    await expect(list.textContent()).resolves.toContain("Holds 0.9");
    expect(pageErrors).toEqual([]);
  }, 120_000);

  test("no request leaves the page's origin but Office.js's own, and none carries a file", async () => {
    const visit = await open("light");
    const { page } = visit;
    await choose(page, wrongScore);
    await expectChecked(page, wrongScore.name, /1 error\b/);
    await drop(page, equalTarget);
    await expectChecked(page, equalTarget.name, /\d+ errors?\b/);
    await choose(page, pdf);
    await alertText(page);
    // Office.js opens its logging frame 3 s after loading: wait for it, so it is seen and judged.
    await page.waitForTimeout(3500);
    const outside = visit.requests.filter(
      (request) => !request.url.startsWith(`${origin}/`) && !/^(data|blob):/.test(request.url)
    );
    const officeJs = (url: string) => url.startsWith(OFFICE_CDN) || url === OFFICE_JS_TELEMETRY;
    expect(outside.filter((request) => !officeJs(request.url))).toEqual([]);
    expect(outside.map((request) => request.url)).toContain(`${OFFICE_CDN}office.js`);
    // Nothing is sent: every request, to the origin or not, is a GET with no body.
    expect(
      visit.requests.filter((request) => request.method !== "GET" || request.body !== null)
    ).toEqual([]);
    // The file code came from the origin, on demand: the xlsx chunk, after the page had loaded.
    expect(visit.requests.some((request) => /\/xlsx\.[0-9a-f]+\.js$/.test(request.url))).toBe(true);
    expect(visit.pageErrors).toEqual([]);
  }, 120_000);
});
