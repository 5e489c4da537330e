/*
 * The task pane in a real browser: builds the add-in with webpack (development mode) into a temp
 * dir, serves it on 127.0.0.1 and loads taskpane.html in Debian's chromium through playwright-core.
 * Office.js is served from node_modules/@microsoft/office-js in place of Microsoft's CDN; every
 * other non-local request is blocked and recorded, so the test also proves the pane needs no network.
 * Outside Excel there are no findings to show, so the test's build adds one page of its own,
 * findings.html (test/support/findingsPage.tsx): the real App with host actions the test drives.
 * The add-in's build has no such page and the pane no demo switch.
 */
import * as fs from "fs";
import * as http from "http";
import type { AddressInfo } from "net";
import * as os from "os";
import * as path from "path";
import { chromium, type Browser, type BrowserContext, type Page } from "playwright-core";
import HtmlWebpackPlugin from "html-webpack-plugin";
import webpack, { type Configuration } from "webpack";
import { FIXTURE_FINDINGS } from "./support/findingsFixture";
import type { FindingsPageControl } from "./support/findingsPage";

const REPO = path.join(__dirname, "..");
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

// Locally a missing chromium skips the suite (nothing to drive); in CI it must run, so it fails there.
const describeInBrowser = fs.existsSync(CHROMIUM) || process.env.CI ? describe : describe.skip;

const CONTENT_TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json",
  ".map": "application/json",
  ".png": "image/png",
  ".xml": "application/xml",
};

function serve(root: string): Promise<http.Server> {
  const server = http.createServer((request, response) => {
    const file = path.join(
      root,
      decodeURIComponent(new URL(request.url ?? "/", "http://x").pathname)
    );
    if (!file.startsWith(root) || !fs.existsSync(file) || !fs.statSync(file).isFile()) {
      response.writeHead(404).end();
      return;
    }
    response.writeHead(200, {
      "Content-Type": CONTENT_TYPES[path.extname(file)] ?? "application/octet-stream",
    });
    fs.createReadStream(file).pipe(response);
  });
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve(server)));
}

async function build(outputPath: string): Promise<void> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- the config is CommonJS, as webpack-cli loads it
  const makeConfig = require("../webpack.config.js") as (
    env: Record<string, unknown>,
    argv: { mode: string }
  ) => Promise<Configuration>;
  const config = await makeConfig({}, { mode: "development" });
  config.mode = "development";
  config.output = { ...config.output, path: outputPath };
  // The test's own page, beside the add-in's files (see the note at the top).
  config.entry = {
    ...(config.entry as Record<string, unknown>),
    findings: "./test/support/findingsPage.tsx",
  } as Configuration["entry"];
  config.plugins = [
    ...(config.plugins ?? []),
    new HtmlWebpackPlugin({
      filename: "findings.html",
      title: "OKR Studio findings (test page)",
      chunks: ["findings"],
    }),
  ];
  const compiler = webpack(config);
  const stats = await new Promise<webpack.Stats>((resolve, reject) =>
    compiler.run((error, result) => (error || !result ? reject(error) : resolve(result)))
  );
  await new Promise((resolve) => compiler.close(resolve));
  if (stats.hasErrors()) {
    throw new Error(stats.toString("errors-only"));
  }
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

  afterAll(async () => {
    await Promise.all(contexts.map((context) => context.close()));
    await browser?.close();
    await new Promise((resolve) => (server ? server.close(resolve) : resolve(undefined)));
    if (outputPath) fs.rmSync(outputPath, { recursive: true, force: true });
  });

  async function open(
    file: string,
    colorScheme: "light" | "dark",
    officeJs: "served" | "unreachable" = "served"
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
      if (url.startsWith(`${origin}/`)) {
        await route.continue();
      } else if (officeFile !== null && officeJs === "served" && /^[\w.-]+\.js$/.test(officeFile)) {
        visit.officeFiles.push(officeFile);
        await route.fulfill({
          path: path.join(OFFICE_JS_DIST, officeFile),
          contentType: "text/javascript",
        });
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

  test.each(["light", "dark"] as const)(
    "%s: renders the empty state with working help links and no errors or network",
    async (colorScheme) => {
      const visit = await open("taskpane.html", colorScheme);
      const { page } = visit;

      // The pane renders once Office.onReady resolves.
      await page.getByRole("heading", { level: 1, name: "OKR Studio" }).waitFor();
      await expect(page.getByRole("main").count()).resolves.toBe(1);
      // Office.js outside Office reports no host, so the pane says where it is.
      await expect(
        page.getByText("This page is open outside Excel.", { exact: false }).isVisible()
      ).resolves.toBe(true);
      // The one button is the check, disabled here, with the reason next to it and as its description.
      await expect(
        page.getByRole("heading", { level: 2, name: "Check this workbook" }).isVisible()
      ).resolves.toBe(true);
      await expect(page.getByRole("button").count()).resolves.toBe(1);
      const checkButton = page.getByRole("button", { name: "Check this workbook" });
      await expect(checkButton.isDisabled()).resolves.toBe(true);
      const note = page.getByText("Open in Excel to check a workbook.");
      await expect(note.isVisible()).resolves.toBe(true);
      await expect(checkButton.getAttribute("aria-describedby")).resolves.toBe(
        await note.getAttribute("id")
      );
      await expect(page.getByRole("status").textContent()).resolves.toBe("");

      for (const id of FUNCTION_IDS) {
        await expect(
          page.getByRole("heading", { level: 3, name: `OKR.${id}` }).isVisible()
        ).resolves.toBe(true);
        const link = page.getByRole("link", { name: `OKR.${id} help` });
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
    "%s: the findings list (test page): checking, the grouped findings, cells that select",
    async (colorScheme) => {
      const visit = await open("findings.html", colorScheme);
      const { page } = visit;
      const status = page.getByRole("status");
      const checkButton = page.getByRole("button", { name: "Check this workbook" });
      await page.getByRole("heading", { level: 1, name: "OKR Studio" }).waitFor();
      await expect(checkButton.isEnabled()).resolves.toBe(true);
      await expect(page.getByText("Open in Excel", { exact: false }).count()).resolves.toBe(0);

      await checkButton.click();
      await page.getByText("Checking the workbook…").waitFor();
      // Focusable but inert while the check runs.
      await expect(checkButton.getAttribute("aria-disabled")).resolves.toBe("true");
      await expect(page.getByRole("progressbar", { name: "Checking" }).isVisible()).resolves.toBe(
        true
      );
      await page.evaluate(() =>
        (window as unknown as { okrTest: FindingsPageControl }).okrTest.finish()
      );

      await page.getByRole("heading", { level: 3, name: "Errors (2)" }).waitFor();
      await expect(status.textContent()).resolves.toBe("Checked: 2 errors, 3 warnings, 1 info.");
      const check = page.getByRole("region", { name: "Check this workbook" });
      const headings = await check.getByRole("heading", { level: 3 }).allTextContents();
      expect(headings).toEqual(["Errors (2)", "Warnings (3)", "Info (1)"]);
      await expect(check.getByRole("listitem").count()).resolves.toBe(FIXTURE_FINDINGS.length);
      const cellButtons = check.getByRole("button", { name: /^Go to / });
      await expect(cellButtons.allTextContents()).resolves.toEqual([
        "Scorecard!K7",
        "Scorecard!L7",
        "'OKR Plan'!B3",
        "Scorecard!G8",
        "Scorecard!C13:E13",
      ]);

      const selected = () =>
        page.evaluate(
          () => (window as unknown as { okrTest: FindingsPageControl }).okrTest.selected
        );
      await check.getByRole("button", { name: "Go to Scorecard!K7" }).click();
      await expect(selected()).resolves.toEqual([{ sheet: "Scorecard", address: "K7" }]);
      // By keyboard too: the cell buttons are real buttons.
      await check.getByRole("button", { name: "Go to 'OKR Plan'!B3" }).focus();
      await page.keyboard.press("Enter");
      await expect(selected()).resolves.toEqual([
        { sheet: "Scorecard", address: "K7" },
        { sheet: "OKR Plan", address: "B3" },
      ]);

      fs.mkdirSync(SCREENSHOTS, { recursive: true });
      await page.screenshot({
        path: path.join(SCREENSHOTS, `taskpane-findings-${colorScheme}.png`),
        fullPage: true,
      });

      // A cell Excel cannot select (its sheet was deleted since the check) says so in the pane.
      await page.evaluate(() => {
        (window as unknown as { okrTest: FindingsPageControl }).okrTest.failSelect =
          "ItemNotFound: The requested resource doesn't exist.";
      });
      await check.getByRole("button", { name: "Go to Scorecard!G8" }).click();
      await page
        .getByText(
          "Could not go to Scorecard!G8: ItemNotFound: The requested resource doesn't exist.",
          { exact: false }
        )
        .waitFor();

      await expect(providerBackground(page)).resolves.toBe(BACKGROUND[colorScheme]);
      expect(visit.pageErrors).toEqual([]);
      expect(visit.consoleErrors).toEqual([]);
      expect(visit.blocked).toEqual([]);
      expect(visit.officeFiles).toEqual([]);
    },
    60_000
  );

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
