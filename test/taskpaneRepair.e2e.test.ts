/*
 * Repair in Debian's Chromium, on the built taskpane.html with a stand-in office.js
 * (test/support/officeStandInRepair.ts) whose Excel.run drives the recording fake holding a
 * workbook OKR Studio made: a number typed over a Score is found, Repair… lists the cells it
 * writes, Repair writes them, and the check that runs again finds the structure clean. Build,
 * serve and open as test/taskpaneCheckIn.e2e.test.ts does.
 */
import * as fs from "fs";
import type * as http from "http";
import type { AddressInfo } from "net";
import * as os from "os";
import * as path from "path";
import { chromium, type Browser } from "playwright-core";
import {
  CHROMIUM,
  CHROMIUM_ARGS,
  describeInBrowser,
  expectAccessible,
  serve,
} from "./support/paneBrowser";

const OFFICE_JS_URL = "https://appsforoffice.microsoft.com/lib/1/hosted/office.js";
const VIEWPORT = { width: 360, height: 900 };

// eslint-disable-next-line @typescript-eslint/no-require-imports -- CommonJS, shared with the .mjs scripts
const { buildPane } = require("../scripts/build-pane.cjs") as {
  buildPane: (outputPath: string, options?: { entry?: Record<string, string> }) => Promise<unknown>;
};

describeInBrowser("repair in chromium", () => {
  let outputPath: string;
  let server: http.Server;
  let origin: string;
  let browser: Browser;
  let standIn: string;

  beforeAll(async () => {
    outputPath = fs.mkdtempSync(path.join(os.tmpdir(), "okr-studio-repair-e2e-"));
    await buildPane(outputPath, {
      entry: { officeStandInRepair: "./test/support/officeStandInRepair.ts" },
    });
    server = await serve(outputPath);
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
    const file = fs
      .readdirSync(outputPath)
      .find((name) => /^officeStandInRepair\..*js$/.test(name));
    standIn = fs.readFileSync(path.join(outputPath, file!), "utf8");
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await new Promise((resolve) => (server ? server.close(resolve) : resolve(undefined)));
    if (outputPath) fs.rmSync(outputPath, { recursive: true, force: true });
  });

  test("a number typed over a Score → Repair… → Repair → the check finds the structure clean", async () => {
    const context = await browser.newContext({ viewport: VIEWPORT });
    const errors: string[] = [];
    await context.route("**/*", async (route) => {
      const url = route.request().url();
      if (url.startsWith(`${origin}/`)) await route.continue();
      else if (url === OFFICE_JS_URL)
        await route.fulfill({ body: standIn, contentType: "text/javascript" });
      else await route.abort("blockedbyclient");
    });
    const page = await context.newPage();
    page.on("pageerror", (error) => errors.push(error.message));
    await page.goto(`${origin}/taskpane.html`);
    const excel = <T = unknown>(expression: string) =>
      page.evaluate(`window.okrExcel.${expression}`) as Promise<T>;
    try {
      await page.getByRole("tab", { name: "Check", selected: true }).waitFor();
      // A person types 0.8 over the Score of the first key result (Scorecard!K6).
      await page.waitForFunction(() =>
        Boolean(
          (
            window as unknown as { okrExcel: { fake: { cell(s: string, a: string): unknown } } }
          ).okrExcel.fake.cell("Scorecard", "K6")
        )
      );
      await page.evaluate(() => {
        const fake = (
          window as unknown as {
            okrExcel: {
              fake: { cell(s: string, a: string): { formula: unknown; value: unknown } };
            };
          }
        ).okrExcel.fake;
        const cell = fake.cell("Scorecard", "K6");
        cell.formula = null;
        cell.value = 0.8;
      });
      const check = page.getByRole("tabpanel", { name: "Check" });
      await check.getByRole("button", { name: "Check this workbook" }).click();
      const structure = check.getByRole("region", { name: /Workbook structure/ });
      await structure.waitFor();
      await expect(
        structure.getByRole("list", { name: "Cells of OKR021" }).textContent()
      ).resolves.toContain("Scorecard!K6");

      await structure.getByRole("button", { name: "Repair…" }).click();
      const writes = structure.getByRole("list", { name: "Cells Repair writes" });
      await writes.waitFor();
      const lines = await writes.getByRole("listitem").allTextContents();
      expect(lines).toEqual([
        expect.stringMatching(/^Scorecard!P6: the text "0\.8 was typed over K6/),
        expect.stringMatching(/^Scorecard!K6: the formula =/),
      ]);
      await expect(
        structure.getByRole("list", { name: "Typed values kept" }).textContent()
      ).resolves.toBe("0.8, typed over Scorecard!K6, is kept as a note in Scorecard!P6");
      await expectAccessible(page, "repair confirmation");

      const syncsBefore = await excel<number>("fake.syncs");
      await structure.getByRole("button", { name: "Repair", exact: true }).click();
      // Written, then checked again: the structure group is gone.
      await check
        .getByRole("region", { name: /Workbook structure/ })
        .waitFor({ state: "detached" });
      await expect(excel<string | null>("fake.cell('Scorecard', 'K6').formula")).resolves.toMatch(
        /^=/
      );
      await expect(excel<string>("fake.cell('Scorecard', 'P6').value")).resolves.toContain(
        "0.8 was typed over K6"
      );
      // Two syncs for the repair, then the check's read.
      expect((await excel<number>("fake.syncs")) - syncsBefore).toBeGreaterThanOrEqual(3);
      await expectAccessible(page, "after repair");
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  }, 120_000);
});
