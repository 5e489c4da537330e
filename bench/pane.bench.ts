import type { AddressInfo } from "net";
import * as path from "path";
import { chromium, type Browser } from "playwright-core";
import { compareFirstLoads, FIRST_LOAD_BUDGET, type FirstLoad } from "../test/support/bundleSize";
import { CHROMIUM, CHROMIUM_ARGS, serve } from "../test/support/paneBrowser";

/**
 * The task pane's weight and first paint (issue 9): the JavaScript its page loads first, gzipped,
 * against a bare Fluent page built with the same webpack settings; and, in Debian's Chromium, the
 * time from navigation to the first rendered heading on both pages (the median of alternating
 * runs). The pane's page loads office.js first, as in Excel; here it is Microsoft's file from the
 * npm package, served locally, so the figure has no network in it.
 */

const OFFICE_CDN = "https://appsforoffice.microsoft.com/lib/1/hosted/";
// Resolved, not joined to __dirname: `npm run bench` runs this file from a bundle under .tmp.
const OFFICE_JS_DIST = path.dirname(require.resolve("@microsoft/office-js/dist/office.js"));
const RUNS = 15;
const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KiB`;

/** Records, before any script runs, when the first <h1> is in the document. */
const FIRST_HEADING = `
  new MutationObserver((_, observer) => {
    if (document.querySelector("h1")) {
      window.okrFirstHeading = performance.now();
      observer.disconnect();
    }
  }).observe(document, { childList: true, subtree: true });
`;

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
};

async function firstHeadingTimes(
  browser: Browser,
  pages: { name: string; url: string }[]
): Promise<Map<string, number[]>> {
  const times = new Map(pages.map((page) => [page.name, [] as number[]]));
  for (let run = 0; run < RUNS; run++) {
    for (const { name, url } of run % 2 === 0 ? pages : [...pages].reverse()) {
      const context = await browser.newContext({ viewport: { width: 350, height: 700 } });
      await context.route("**/*", async (route) => {
        const requested = route.request().url();
        const officeFile = requested.startsWith(OFFICE_CDN)
          ? requested.slice(OFFICE_CDN.length)
          : null;
        if (requested.startsWith("http://127.0.0.1:")) await route.continue();
        else if (officeFile !== null && /^[\w.-]+\.js$/.test(officeFile))
          await route.fulfill({
            path: path.join(OFFICE_JS_DIST, officeFile),
            contentType: "text/javascript",
          });
        else await route.abort("blockedbyclient");
      });
      await context.addInitScript(FIRST_HEADING);
      const page = await context.newPage();
      await page.goto(url);
      await page.waitForFunction(() => "okrFirstHeading" in window);
      times
        .get(name)!
        .push(
          await page.evaluate(
            () => (window as unknown as { okrFirstHeading: number }).okrFirstHeading
          )
        );
      await context.close();
    }
  }
  return times;
}

const loadRow = (name: string, load: FirstLoad) => ({
  name,
  value: `${load.gzip.toLocaleString("en-US")} bytes gzipped (${load.bytes.toLocaleString("en-US")} bytes; ${load.scripts
    .map((script) => `${script.file.replace(/\.[0-9a-f]{8,}\.js$/, ".js")} ${kb(script.gzip)}`)
    .join(", ")})`,
});

export async function runPaneBenchmarks(): Promise<{ name: string; value: string }[]> {
  const built = await compareFirstLoads();
  try {
    const rows = [
      loadRow("pane first load (taskpane.html's scripts)", built.pane),
      loadRow("bare Fluent page first load (baseline)", built.bare),
      {
        name: "pane first load / bare page",
        value: `${built.ratio.toFixed(2)}× (budget ${FIRST_LOAD_BUDGET}×)`,
      },
    ];
    const servers = [await serve(built.paneDir), await serve(built.bareDir)];
    const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
    try {
      const origin = (index: number) =>
        `http://127.0.0.1:${(servers[index].address() as AddressInfo).port}`;
      const times = await firstHeadingTimes(browser, [
        { name: "pane", url: `${origin(0)}/taskpane.html` },
        { name: "bare", url: `${origin(1)}/bare.html` },
      ]);
      const pane = median(times.get("pane")!);
      const bare = median(times.get("bare")!);
      rows.push(
        {
          name: "pane: navigation → first heading (Chromium, median)",
          value: `${pane.toFixed(0)} ms over ${RUNS} runs (office.js from disk first, as in Excel)`,
        },
        {
          name: "bare page: navigation → first heading (baseline)",
          value: `${bare.toFixed(0)} ms over ${RUNS} runs`,
        },
        { name: "pane first heading / bare page", value: `${(pane / bare).toFixed(2)}×` }
      );
    } finally {
      await browser.close();
      await Promise.all(servers.map((server) => new Promise((resolve) => server.close(resolve))));
    }
    return rows;
  } finally {
    built.dispose();
  }
}
