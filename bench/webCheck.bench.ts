import * as fs from "fs";
import type { AddressInfo } from "net";
import * as os from "os";
import * as path from "path";
import { chromium } from "playwright-core";
import { run } from "../src/cli/main";
import { writeXlsx } from "../src/hosts/xlsx";
import { buildWorkbook } from "../src/sheets/build";
import {
  FIRST_LOAD_BEFORE_FILES,
  FIRST_LOAD_GROWTH_ALLOWED,
  firstLoad,
  namedChunk,
} from "../test/support/bundleSize";
import { planWithKeyResults } from "../test/support/fakeExcel";
import { CHROMIUM, CHROMIUM_ARGS, serve } from "../test/support/paneBrowser";

/**
 * The page outside Excel checking files (issue 14), side by side: the pane's first load inside
 * Excel at bbc1c66 (recorded, before the page read files) and now; the on-demand xlsx chunk; and
 * a 2,000-key-result workbook (written by the xlsx host) checked in the page, in Debian's
 * Chromium, from choosing the file to the findings shown, against `okr lint` on the same file
 * in-process, both measured in this run, in turn.
 */

const KEY_RESULTS = 2000;
const ROUNDS = 3;
const OFFICE_CDN = "https://appsforoffice.microsoft.com/lib/1/hosted/";
// Resolved, not joined to __dirname: `npm run bench` runs this file from a bundle under .tmp.
const OFFICE_JS_DIST = path.dirname(require.resolve("@microsoft/office-js/dist/office.js"));

// eslint-disable-next-line @typescript-eslint/no-require-imports -- CommonJS, shared with the .mjs scripts
const { buildPane } = require("../scripts/build-pane.cjs") as {
  buildPane: (outputPath: string, options: { mode: "production" }) => Promise<unknown>;
};

const median = (values: number[]) => [...values].sort((a, b) => a - b)[values.length >> 1];
const format = (n: number, digits = 0) =>
  n.toLocaleString("en-US", { maximumFractionDigits: digits, minimumFractionDigits: digits });
const bytes = (n: number) => `${format(n)} bytes`;

export async function runWebCheckBenchmarks(): Promise<{ name: string; value: string }[]> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "okr-web-check-bench-"));
  const built = path.join(dir, "pane");
  try {
    await buildPane(built, { mode: "production" });
    const load = firstLoad(built, "taskpane.html");
    const chunk = namedChunk(built, "xlsx");
    const growth = load.gzip - FIRST_LOAD_BEFORE_FILES.gzip;
    const rows = [
      {
        name: `pane first load in Excel at ${FIRST_LOAD_BEFORE_FILES.commit} (recorded)`,
        value: `${bytes(FIRST_LOAD_BEFORE_FILES.gzip)} gzipped`,
      },
      {
        name: "pane first load in Excel now",
        value: `${bytes(load.gzip)} gzipped (${growth >= 0 ? "+" : ""}${format(growth)}; at most +${FIRST_LOAD_GROWTH_ALLOWED})`,
      },
      {
        name: "xlsx chunk (on demand, outside Excel)",
        value:
          chunk === null
            ? "missing"
            : `${bytes(chunk.gzip)} gzipped (${bytes(chunk.bytes)}; ExcelJS, JSZip, the file reader)`,
      },
    ];

    // Setup, not measured: the xlsx host writing the plan takes a few seconds.
    const file = path.join(dir, "plan-2000.xlsx");
    await writeXlsx(buildWorkbook(planWithKeyResults(KEY_RESULTS)), file);
    const content = fs.readFileSync(file);
    const server = await serve(built);
    const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
    try {
      const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
      await context.route("**/*", async (route) => {
        const url = route.request().url();
        const officeFile = url.startsWith(OFFICE_CDN) ? url.slice(OFFICE_CDN.length) : null;
        if (url.startsWith("http://127.0.0.1:")) await route.continue();
        else if (officeFile !== null && /^[\w.-]+\.js$/.test(officeFile))
          await route.fulfill({
            path: path.join(OFFICE_JS_DIST, officeFile),
            contentType: "text/javascript",
          });
        else await route.abort("blockedbyclient");
      });
      const page = await context.newPage();
      await page.goto(`http://127.0.0.1:${(server.address() as AddressInfo).port}/taskpane.html`);
      await page.getByRole("tab", { name: "Check", exact: true }).click();
      const input = page.locator('input[type="file"]');
      await input.waitFor({ state: "attached" });
      let round = 0;
      /** Choose → "Checked <name>: …" in the live region (the findings rendered with it). */
      const inPage = async () => {
        const name = `plan-${round++}.xlsx`;
        const started = await page.evaluate(() => performance.now());
        await input.setInputFiles({ name, mimeType: "", buffer: content });
        await page.waitForFunction(
          (expected) =>
            Array.from(document.querySelectorAll('[role="status"]')).some((element) =>
              element.textContent?.startsWith(`Checked ${expected}:`)
            ),
          name,
          { timeout: 120_000, polling: 20 }
        );
        return (await page.evaluate(() => performance.now())) - started;
      };
      const silent = { stdout: () => undefined, stderr: () => undefined };
      const lint = async () => {
        const started = performance.now();
        await run(["lint", file], silent);
        return performance.now() - started;
      };
      // The first page check also fetches the xlsx chunk (from this machine): its own row.
      const first = await inPage();
      await lint();
      const times = { page: [] as number[], lint: [] as number[] };
      for (let i = 0; i < ROUNDS; i++) {
        times.page.push(await inPage());
        times.lint.push(await lint());
      }
      const pageTime = median(times.page);
      const lintTime = median(times.lint);
      rows.push(
        {
          name: `page: check ${format(KEY_RESULTS)} key results, choose → findings (Chromium)`,
          value: `${format(pageTime)} ms median of ${ROUNDS} (the first, loading the xlsx chunk: ${format(first)} ms)`,
        },
        {
          name: `okr lint on the same file (baseline, in-process)`,
          value: `${format(lintTime)} ms median of ${ROUNDS}; page/lint ${format(pageTime / lintTime, 2)}×`,
        }
      );
    } finally {
      await browser.close();
      await new Promise((resolve) => server.close(resolve));
    }
    return rows;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
