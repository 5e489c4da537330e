/*
 * The Content-Security-Policy of every page the add-in serves (scripts/csp.cjs;
 * docs/taskpane.md#content-security-policy), in Debian's chromium through playwright-core. The
 * add-in is built as `npm run build` builds it (webpack, production) into a temp dir and served on
 * 127.0.0.1. Office.js is Microsoft's own, from node_modules/@microsoft/office-js, served at its CDN
 * URL, so it runs and loads what it loads: outside Office its O15 helper and, 3 s later, its logging
 * frame; with Excel's host information in the URL, Excel's host script and strings for the web,
 * Windows and the Mac (as far as a page without Excel gets: the handshake with Excel cannot happen
 * here). Every other request leaving the page's origin is refused and recorded. A script added
 * before any page's own records each `securitypolicyviolation` event, and the console and uncaught
 * errors are watched for "Content Security Policy"; a page fails on either. The control cases do
 * what the policy forbids on the same pages and see each caught, so the watch can fail.
 */
import * as fs from "fs";
import * as http from "http";
import type { AddressInfo } from "net";
import * as os from "os";
import * as path from "path";
import { chromium, type Browser, type BrowserContext, type Page } from "playwright-core";
import {
  contentSecurityPolicy,
  hashSource,
  OFFICE_JS_BASE,
  OFFICE_JS_LOGGING_FRAME,
} from "../scripts/csp.cjs";
import { xlsxFromSpec } from "../src/hosts/xlsx/charts";
import { instantiate, templateById } from "../src/okr/templates";
import { buildWorkbook } from "../src/sheets/build";
import { CHROMIUM, CHROMIUM_ARGS, describeInBrowser, serve } from "./support/paneBrowser";

const REPO = path.join(__dirname, "..");
const OFFICE_JS_DIST = path.join(REPO, "node_modules/@microsoft/office-js/dist");
const DOCS = path.join(REPO, "docs/taskpane.md");
const HELP_PAGES = fs
  .readdirSync(path.join(REPO, "src/help"))
  .filter((file) => file.endsWith(".html"))
  .sort();
const VIEWPORT = { width: 360, height: 900 };
// webLightTheme / webDarkTheme colorNeutralBackground1: Fluent UI's styles, inserted through the CSSOM.
const BACKGROUND = { light: "rgb(255, 255, 255)", dark: "rgb(41, 41, 41)" };

// eslint-disable-next-line @typescript-eslint/no-require-imports -- CommonJS, shared with the .mjs scripts
const { buildPane } = require("../scripts/build-pane.cjs") as {
  buildPane: (outputPath: string, options: { mode: "production" }) => Promise<unknown>;
};

/**
 * The policies docs/taskpane.md shows under "Content-Security-Policy": its ```text blocks in order
 * (the pane's, then the help pages'), one directive a line, joined as a meta tag holds them.
 */
function documentedPolicies(): { pane: string; help: string; devServerAddition: string } {
  const docs = fs.readFileSync(DOCS, "utf8");
  const start = docs.indexOf("\n## Content-Security-Policy\n");
  if (start < 0) throw new Error(`${DOCS} has no "## Content-Security-Policy" section`);
  const section = docs.slice(start + 1).split(/\n## /)[0];
  const blocks = [...section.matchAll(/```text\n([\s\S]*?)```/g)].map((match) =>
    match[1]
      .split("\n")
      .map((line) => line.trim())
      .filter((line) => line !== "")
      .join(" ")
  );
  const devServer = section.match(/`npm run dev-server` adds `([^`]+)`/);
  return { pane: blocks[0], help: blocks[1], devServerAddition: devServer?.[1] ?? "" };
}

describe("the policies", () => {
  test("docs/taskpane.md shows the ones scripts/csp.cjs makes, the dev server's addition too", () => {
    const documented = documentedPolicies();
    expect(documented.pane).toBe(contentSecurityPolicy("pane"));
    expect(documented.help).toBe(contentSecurityPolicy("help"));
    expect(contentSecurityPolicy("pane", { devServer: true })).toBe(
      `${contentSecurityPolicy("pane")}; ${documented.devServerAddition}`
    );
  });

  test("a hash source is the base64 SHA-256 of the text (the empty text's is the well-known one)", () => {
    expect(hashSource("")).toBe("'sha256-47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU='");
    expect(hashSource("display:none")).not.toBe(hashSource("display: none"));
  });

  test("no kind of page is allowed inline scripts, eval or 'unsafe-inline' styles", () => {
    for (const policy of [
      contentSecurityPolicy("pane"),
      contentSecurityPolicy("pane", { devServer: true }),
      contentSecurityPolicy("help"),
    ]) {
      expect(policy).not.toMatch(/'unsafe-inline'|'unsafe-eval'|'wasm-unsafe-eval'|\*|data:|blob:/);
      expect(policy).toMatch(/^default-src 'none'; /);
    }
  });

  test("an unknown kind of page has no policy", () => {
    expect(() => contentSecurityPolicy("manifest" as "pane")).toThrow(
      'no Content-Security-Policy for pages of kind "manifest"'
    );
  });
});

interface Violation {
  directive: string;
  blocked: string;
  source: string;
}

interface Visit {
  page: Page;
  /** Office.js's files served from the package, by their path under the CDN folder. */
  officeFiles: string[];
  /** Office.js's logging frame, each time it was asked for. */
  loggingFrames: string[];
  /** Requests leaving the page's origin other than Office.js's own, refused. */
  blocked: string[];
  /** Console messages and uncaught errors about the Content Security Policy. */
  cspMessages: string[];
  pageErrors: string[];
}

/** Records every securitypolicyviolation event of the page, before any of the page's own scripts runs. */
function recordViolations(): void {
  const seen: Violation[] = [];
  Object.defineProperty(window, "__cspViolations", { value: seen });
  document.addEventListener("securitypolicyviolation", (event) =>
    seen.push({
      directive: event.effectiveDirective,
      blocked: event.blockedURI,
      source: `${event.sourceFile}:${event.lineNumber}`,
    })
  );
}

const violationsOf = (page: Page) =>
  page.evaluate(() => (window as unknown as { __cspViolations: Violation[] }).__cspViolations);

/** Polls `condition` every 100 ms for up to `ms`; false when it never held. */
async function eventually(condition: () => boolean, ms: number): Promise<boolean> {
  for (const end = Date.now() + ms; Date.now() < end;) {
    if (condition()) return true;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return condition();
}

/** Excel's host information as Office puts it in the add-in's URL: host$platform$version$locale. */
const HOSTED = [
  ["Excel on the web", "Excel$Web$16.00$en-US$$$$0", "excel-web-16.00.js"],
  ["Excel on Windows", "Excel$Win32$16.01$en-US$$$$0", "excel-win32-16.01.js"],
  ["Excel on the Mac", "Excel$Mac$16.00$en-US$$$$0", "excel-mac-16.00.js"],
] as const;

describeInBrowser("Content-Security-Policy in chromium", () => {
  let outputPath: string;
  let server: http.Server;
  let origin: string;
  let browser: Browser;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    outputPath = fs.mkdtempSync(path.join(os.tmpdir(), "okr-studio-csp-"));
    await buildPane(outputPath, { mode: "production" });
    server = await serve(outputPath);
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  }, 180_000);

  afterAll(async () => {
    await Promise.all(contexts.map((context) => context.close()));
    await browser?.close();
    await new Promise((resolve) => (server ? server.close(resolve) : resolve(undefined)));
    if (outputPath) fs.rmSync(outputPath, { recursive: true, force: true });
  }, 60_000);

  async function open(file: string, colorScheme: "light" | "dark" = "light"): Promise<Visit> {
    const context = await browser.newContext({ colorScheme, viewport: VIEWPORT });
    contexts.push(context);
    const visit: Omit<Visit, "page"> = {
      officeFiles: [],
      loggingFrames: [],
      blocked: [],
      cspMessages: [],
      pageErrors: [],
    };
    await context.addInitScript(recordViolations);
    await context.route("**/*", async (route) => {
      const url = route.request().url();
      const officeFile = url.startsWith(OFFICE_JS_BASE)
        ? path.normalize(new URL(url).pathname.slice(new URL(OFFICE_JS_BASE).pathname.length))
        : null;
      const officePath = officeFile === null ? "" : path.join(OFFICE_JS_DIST, officeFile);
      if (url.startsWith(`${origin}/`)) {
        await route.continue();
      } else if (
        officeFile !== null &&
        officePath.startsWith(OFFICE_JS_DIST + path.sep) &&
        fs.existsSync(officePath)
      ) {
        visit.officeFiles.push(officeFile.split(path.sep).join("/"));
        await route.fulfill({ path: officePath, contentType: "text/javascript" });
      } else {
        // Office.js's logging frame is let through by the policy, and refused here: nothing leaves.
        if (url === OFFICE_JS_LOGGING_FRAME) visit.loggingFrames.push(url);
        else visit.blocked.push(url);
        await route.abort("blockedbyclient");
      }
    });
    const page = await context.newPage();
    const aboutCsp = /Content.Security.Policy/i;
    page.on("console", (message) => {
      if (aboutCsp.test(message.text())) visit.cspMessages.push(message.text());
    });
    page.on("pageerror", (error) => {
      visit.pageErrors.push(error.message);
      if (aboutCsp.test(error.message)) visit.cspMessages.push(error.message);
    });
    await page.goto(`${origin}/${file}`);
    // The same arrays: the route and the listeners keep filling them.
    return { page, ...visit };
  }

  /** The policy each page's meta tag holds, and whether it comes before every element it governs. */
  async function metaPolicy(page: Page): Promise<{ policies: string[]; first: boolean }> {
    return page.evaluate(() => {
      const metas = [...document.querySelectorAll("meta")].filter(
        (meta) => meta.httpEquiv.toLowerCase() === "content-security-policy"
      );
      const governed = document.querySelector("script, link, style, img, iframe, base, form");
      return {
        policies: metas.map((meta) => meta.content),
        first:
          metas.length > 0 &&
          (governed === null ||
            (metas[0].compareDocumentPosition(governed) & Node.DOCUMENT_POSITION_FOLLOWING) !== 0),
      };
    });
  }

  test("the build's HTML pages are the pane and the help pages, each tested below", () => {
    const html: string[] = [];
    const walk = (dir: string) => {
      for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
        const file = path.join(dir, entry.name);
        if (entry.isDirectory()) walk(file);
        else if (entry.name.endsWith(".html")) html.push(path.relative(outputPath, file));
      }
    };
    walk(outputPath);
    expect(html.sort()).toEqual(
      ["taskpane.html", ...HELP_PAGES.map((file) => `help/${file}`)].sort()
    );
  });

  /** A workbook the xlsx host writes for a template, for the Check tab outside Excel. */
  async function templateWorkbook(): Promise<Buffer> {
    const plan = instantiate(templateById("computer-vision")!);
    return Buffer.from(await xlsxFromSpec(buildWorkbook(plan)));
  }

  async function useEveryTab(page: Page): Promise<void> {
    const tab = async (name: string) => {
      await page.getByRole("tab", { name, exact: true }).click();
      return page.getByRole("tabpanel", { name });
    };
    await page.getByRole("tab", { name: "Functions", selected: true }).waitFor();
    await page.getByRole("link", { name: "OKR.SCORE help" }).waitFor();

    // Outside Excel the Check tab checks a chosen file: the xlsx chunk (ExcelJS, JSZip) runs
    // under the policy too.
    const check = await tab("Check");
    await check.locator('input[type="file"]').setInputFiles({
      name: "plan.xlsx",
      mimeType: "",
      buffer: await templateWorkbook(),
    });
    await check
      .getByRole("status")
      .filter({ hasText: /^Checked plan\.xlsx/ })
      .waitFor({ timeout: 30_000 });

    // And the template form makes a file (a download, as in browsers without a save dialog).
    await page.evaluate(() => {
      const global = window as unknown as Record<string, unknown>;
      delete global.showSaveFilePicker;
      delete (Window.prototype as unknown as Record<string, unknown>).showSaveFilePicker;
    });
    const templates = await tab("Templates");
    await templates.getByRole("searchbox", { name: "Search templates" }).fill("vision");
    await templates.getByRole("status").filter({ hasText: /match/ }).waitFor();
    await templates.getByRole("region").getByRole("button").first().click();
    await templates.getByRole("button", { name: "Back to the templates" }).waitFor();
    await templates.getByRole("textbox", { name: /^Project/ }).fill("Line inspection");
    await Promise.all([
      page.waitForEvent("download", { timeout: 30_000 }),
      templates.getByRole("button", { name: "Download .xlsx" }).click(),
    ]);
    await templates
      .getByRole("status")
      .filter({ hasText: "Workbook downloaded" })
      .waitFor({ timeout: 30_000 });

    const text = await tab("From my own text");
    await text
      .getByRole("textbox", { name: /^Your OKRs/ })
      .fill(
        [
          "Objective: Ship a reliable defect detector",
          "- Raise recall from 82% to 95%",
          "- Improve the labelling process",
        ].join("\n")
      );
    const read = text.getByRole("button", { name: /^(Read|Parse|Preview)/ });
    if ((await read.count()) > 0) await read.first().click();
    await text.getByRole("list").first().waitFor();

    await tab("Functions");
  }

  test.each(["light", "dark"] as const)(
    "%s: the pane outside Office, every tab used, Office.js's files and logging frame loaded: no violation",
    async (colorScheme) => {
      const visit = await open("taskpane.html", colorScheme);
      const { page } = visit;
      await expect(metaPolicy(page)).resolves.toEqual({
        policies: [documentedPolicies().pane],
        first: true,
      });
      await page.getByText("This page is open outside Excel.", { exact: false }).waitFor();
      await useEveryTab(page);
      // Fluent UI's styles applied (inserted through the CSSOM), and the pane's stylesheet.
      await expect(
        page
          .locator(`[data-theme-mode="${colorScheme}"]`)
          .evaluate((element) => getComputedStyle(element).backgroundColor)
      ).resolves.toBe(BACKGROUND[colorScheme]);
      await expect(page.evaluate(() => getComputedStyle(document.body).margin)).resolves.toBe(
        "0px"
      );
      // Office.js opens its logging frame 3 s after loading.
      await expect(eventually(() => visit.loggingFrames.length > 0, 15_000)).resolves.toBe(true);
      await page.waitForTimeout(500);

      await expect(violationsOf(page)).resolves.toEqual([]);
      expect(visit.cspMessages).toEqual([]);
      expect(visit.pageErrors).toEqual([]);
      expect(visit.officeFiles).toEqual(["office.js", "o15apptofilemappingtable.js"]);
      expect(visit.loggingFrames).toEqual([OFFICE_JS_LOGGING_FRAME]);
      expect(visit.blocked).toEqual([]);
    },
    180_000
  );

  test.each(HOSTED)(
    "the pane as %s starts it (Office.js's host script and strings): no violation",
    async (_host, hostInfo, hostScript) => {
      const visit = await open(`taskpane.html?_host_Info=${encodeURIComponent(hostInfo)}`);
      const { page } = visit;
      await page.getByRole("heading", { level: 1, name: "OKR Studio" }).waitFor();
      const loaded = ["office.js", hostScript, "en-us/office_strings.js"];
      await expect(
        eventually(() => loaded.every((file) => visit.officeFiles.includes(file)), 15_000)
      ).resolves.toBe(true);
      await page.waitForTimeout(1_000);

      await expect(violationsOf(page)).resolves.toEqual([]);
      expect(visit.cspMessages).toEqual([]);
      expect(visit.officeFiles.sort()).toEqual(loaded.sort());
      expect(visit.blocked).toEqual([]);
    },
    60_000
  );

  test.each(HELP_PAGES)(
    "help/%s: its policy, its stylesheet applied, no violation",
    async (file) => {
      const visit = await open(`help/${file}`);
      const { page } = visit;
      await expect(metaPolicy(page)).resolves.toEqual({
        policies: [documentedPolicies().help],
        first: true,
      });
      // help.css sets the body's margin to 0 (the browser's default is 8px).
      await expect(page.evaluate(() => getComputedStyle(document.body).margin)).resolves.toBe(
        "0px"
      );
      await page.waitForTimeout(300);
      await expect(violationsOf(page)).resolves.toEqual([]);
      expect(visit.cspMessages).toEqual([]);
      expect(visit.pageErrors).toEqual([]);
      expect(visit.officeFiles).toEqual([]);
      expect(visit.blocked).toEqual([]);
    },
    30_000
  );

  /**
   * What the policies forbid, done in a page (page.evaluate runs it as the page's own script
   * would): the directive that must refuse it, and a check, in the page, that it had no effect.
   */
  const FORBIDDEN: [what: string, directive: string, act: string, noEffect: string][] = [
    [
      "an inline script",
      "script-src-elem",
      'const s = document.createElement("script"); s.textContent = "window.__ran = 1"; document.head.append(s);',
      "window.__ran === undefined",
    ],
    [
      // Later, from a timer: the DevTools protocol lets the code it evaluates itself use eval.
      // Chromium says so by the EvalError it throws (uncaught here), not in the console.
      "eval",
      "script-src",
      'setTimeout(() => eval("window.__ran = 1")); await new Promise((r) => setTimeout(r, 50));',
      "window.__ran === undefined",
    ],
    [
      "a script from another origin",
      "script-src-elem",
      'const s = document.createElement("script"); s.src = "https://example.com/x.js"; document.head.append(s);',
      "true",
    ],
    [
      "a <style> with text",
      "style-src-elem",
      'const s = document.createElement("style"); s.textContent = "html { outline: 7px solid red }"; document.head.append(s);',
      'getComputedStyle(document.documentElement).outlineWidth !== "7px"',
    ],
    [
      "a style attribute",
      "style-src-attr",
      'document.documentElement.setAttribute("style", "outline: 7px solid red");',
      'getComputedStyle(document.documentElement).outlineWidth !== "7px"',
    ],
    [
      "an image from another origin",
      "img-src",
      'const i = new Image(); i.src = "https://example.com/x.png"; document.body.append(i);',
      "true",
    ],
    [
      "a request to another origin",
      "connect-src",
      'await fetch("https://example.com/data").catch(() => undefined);',
      "true",
    ],
    [
      "a frame from another origin",
      "frame-src",
      'const f = document.createElement("iframe"); f.src = "https://example.com/"; document.body.append(f);',
      "true",
    ],
    [
      "a <base> element",
      "base-uri",
      'const b = document.createElement("base"); b.href = "https://example.com/"; document.head.append(b);',
      "document.baseURI.startsWith(location.origin)",
    ],
  ];

  test.each(["taskpane.html", "help/index.html"])(
    "control: in %s, whatever the policy forbids is refused, and the violation seen",
    async (file) => {
      const visit = await open(file);
      const { page } = visit;
      await page.waitForLoadState("load");
      await page.waitForTimeout(300);
      await expect(violationsOf(page)).resolves.toEqual([]);
      for (const [what, directive, act, noEffect] of FORBIDDEN) {
        const before = (await violationsOf(page)).length;
        const consoleBefore = visit.cspMessages.length;
        await page.evaluate(`(async () => { ${act} })()`);
        await page.waitForTimeout(200);
        const seen = (await violationsOf(page)).slice(before);
        expect([what, seen.map((violation) => violation.directive)]).toEqual([what, [directive]]);
        expect([what, await page.evaluate(noEffect)]).toEqual([what, true]);
        // One message or more (a refused fetch is reported twice).
        expect([what, visit.cspMessages.length > consoleBefore]).toEqual([what, true]);
      }
      expect(visit.blocked).toEqual([]);
    },
    60_000
  );
});
