/*
 * Repair in Debian's Chromium, on the built taskpane.html with a stand-in office.js
 * (test/support/officeStandInRepair.ts) whose Excel.run drives the recording fake holding a
 * workbook OKR Studio made: numbers typed over a Score and a Current are found, Repair… lists the
 * cells it writes, Repair writes them, the check that runs again finds the structure clean, and
 * what Repair did stays on screen until dismissed or checked again. In light and dark, each state
 * checked with axe (WCAG 2.2 AA) and for horizontal overflow at 360 px; and once by keyboard only.
 * Built, served and opened by test/support/paneWithStandIn.ts.
 */
import HtmlWebpackPlugin from "html-webpack-plugin";
import type { Locator, Page } from "playwright-core";
import { describeInBrowser, expectAccessible } from "./support/paneBrowser";
import { startPane, type PaneServer } from "./support/paneWithStandIn";

const VIEWPORT = { width: 360, height: 900 };

/** Presses Tab (or Shift+Tab) until `target` has the focus: the keyboard's way to a control. */
async function tabTo(
  page: Page,
  target: Locator,
  key: "Tab" | "Shift+Tab",
  limit: number
): Promise<void> {
  for (let presses = 0; presses <= limit; presses++) {
    if (await target.evaluate((element) => element === document.activeElement)) return;
    if (presses < limit) await page.keyboard.press(key);
  }
  const now = await page.evaluate(
    () => document.activeElement?.textContent?.trim().slice(0, 60) ?? "body"
  );
  throw new Error(
    `${limit} presses of ${key} did not reach ${String(target)}; focus is on "${now}".`
  );
}

/** Numbers typed over every key result's Progress and Score (Scorecard J and K): how many rows. */
function typeOverProgressAndScores(page: Page): Promise<number> {
  return page.evaluate(() => {
    const fake = (
      window as unknown as {
        okrExcel: {
          fake: { cell(s: string, a: string): { formula: unknown; value: unknown } | undefined };
        };
      }
    ).okrExcel.fake;
    let row = 6;
    for (; typeof fake.cell("Scorecard", `J${row}`)?.formula === "string"; row++)
      for (const column of ["J", "K"]) {
        const cell = fake.cell("Scorecard", `${column}${row}`)!;
        cell.formula = null;
        cell.value = 0.5;
      }
    return row - 6;
  });
}

describeInBrowser("repair in chromium", () => {
  let pane: PaneServer;

  beforeAll(async () => {
    pane = await startPane("repair", {
      standIn: "officeStandInRepair",
      entry: {
        officeStandInRepair: "./test/support/officeStandInRepair.ts",
        repairLines: "./test/support/repairLinesPage.tsx",
      },
      // One long list of a repair's lines on a page of its own (test/support/repairLinesPage.tsx).
      plugins: [
        new HtmlWebpackPlugin({
          filename: "repair-lines.html",
          chunks: ["repairLines"],
          templateContent:
            '<!doctype html><html lang="en"><head><meta charset="utf-8" />' +
            "<title>Repair lines (test page)</title></head><body></body></html>",
        }),
      ],
    });
  }, 240_000);

  afterAll(async () => {
    await pane?.close();
  });

  /**
   * The pane in Excel over the fake's workbook, in Office's light or dark theme: the workbook of
   * one set, or of the whole catalogue (18 sets) when `catalogue`.
   */
  async function open(theme: "light" | "dark", { catalogue = false } = {}) {
    const { context, page, errors } = await pane.open({
      page: "taskpane.html",
      viewport: VIEWPORT,
      colorScheme: theme,
      init: [
        theme === "dark" ? 'window.okrStandInTheme = "#262626";' : "",
        catalogue ? "window.okrStandInCatalogue = true;" : "",
      ].join(""),
    });
    await page.locator(`[data-theme-mode="${theme}"]`).waitFor();
    const excel = <T = unknown>(expression: string) =>
      page.evaluate(`window.okrExcel.${expression}`) as Promise<T>;
    await page.getByRole("tab", { name: "Check", selected: true }).waitFor();
    // A person types 0.8 over the Score of the first key result (Scorecard!K6) and 40 over the
    // Current of the second (Scorecard!I7).
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
      for (const [address, value] of [
        ["K6", 0.8],
        ["I7", 40],
      ] as const) {
        const cell = fake.cell("Scorecard", address);
        cell.formula = null;
        cell.value = value;
      }
    });
    return { context, page, errors, excel, check: page.getByRole("tabpanel", { name: "Check" }) };
  }

  /** Nothing wider than the pane: no horizontal scrolling at 360 px. */
  const pageWidth = (page: Page) =>
    page.evaluate(() => document.documentElement.scrollWidth) as Promise<number>;

  test.each(["light", "dark"] as const)(
    "%s: typed values over a Score and a Current → Repair… → Repair → check clean, the report kept",
    async (theme) => {
      const { context, page, errors, excel, check } = await open(theme);
      try {
        await check.getByRole("button", { name: "Check this workbook" }).click();
        const structure = check.getByRole("region", { name: /Workbook structure/ });
        await structure.waitFor();
        // One finding per column: the Score's and the Current's.
        const cells = (
          await structure.getByRole("list", { name: "Cells of OKR021" }).allTextContents()
        ).join(" ");
        expect(cells).toContain("Scorecard!K6");
        expect(cells).toContain("Scorecard!I7");

        await structure.getByRole("button", { name: "Repair…" }).click();
        const writes = structure.getByRole("list", { name: "Cells Repair writes" });
        await writes.waitFor();
        const lines = await writes.getByRole("listitem").allTextContents();
        expect(lines).toEqual(
          expect.arrayContaining([
            expect.stringMatching(/^Scorecard!P6: the text "0\.8 was typed over K6/),
            expect.stringMatching(/^Scorecard!K6: the formula =/),
            expect.stringMatching(/^Scorecard!I7: the formula =/),
          ])
        );
        const kept = await structure
          .getByRole("list", { name: "Typed values kept" })
          .getByRole("listitem")
          .allTextContents();
        expect(kept).toEqual([
          "0.8, typed over Scorecard!K6, is kept as a note in Scorecard!P6",
          expect.stringMatching(
            /^40, typed over Scorecard!I7, becomes a check-in of O\d+\.KR\d+ dated today \(Check-ins!A\d+\)$/
          ),
        ]);
        await expectAccessible(page, `repair confirmation, ${theme}`);
        expect(await pageWidth(page)).toBeLessThanOrEqual(VIEWPORT.width);

        const syncsBefore = await excel<number>("fake.syncs");
        await structure.getByRole("button", { name: "Repair", exact: true }).click();
        // Written, then checked again: the structure group is gone, the report stays.
        await check
          .getByRole("region", { name: /Workbook structure/ })
          .waitFor({ state: "detached" });
        await expect(check.getByRole("status").textContent()).resolves.toMatch(/^Checked/);
        const report = check.getByRole("region", { name: "What Repair did" });
        await expect(report.isVisible()).resolves.toBe(true);
        await expect(report.textContent()).resolves.toContain(
          `Repair wrote ${lines.length} cells. The workbook was checked again.`
        );
        await expect(
          report.getByRole("list", { name: "Cells Repair wrote" }).getByRole("listitem").count()
        ).resolves.toBe(lines.length);
        await expect(
          report.getByRole("list", { name: "Typed values kept" }).getByRole("listitem").count()
        ).resolves.toBe(2);
        await expect(excel<string | null>("fake.cell('Scorecard', 'K6').formula")).resolves.toMatch(
          /^=/
        );
        await expect(excel<string>("fake.cell('Scorecard', 'P6').value")).resolves.toContain(
          "0.8 was typed over K6"
        );
        const repairAndCheck = (await excel<number>("fake.syncs")) - syncsBefore;
        await expectAccessible(page, `repair report after the check, ${theme}`);
        expect(await pageWidth(page)).toBeLessThanOrEqual(VIEWPORT.width);

        // Its cells are links, as the findings' are: the note Repair wrote is one click away.
        await report
          .getByRole("list", { name: "Typed values kept" })
          .getByRole("button", { name: "Go to Scorecard!P6" })
          .click();
        await expect(excel("fake.selection")).resolves.toEqual({
          sheet: "Scorecard",
          address: "P6",
        });

        // Checking again ends the report.
        const syncsBeforeCheck = await excel<number>("fake.syncs");
        await check.getByRole("button", { name: "Check this workbook" }).click();
        await report.waitFor({ state: "detached" });
        await check
          .getByRole("status")
          .filter({ hasText: /^Checked/ })
          .waitFor();
        // Exactly two syncs for the repair (no co-author wrote meanwhile), then one check's read:
        // as many syncs as this check of the same workbook took.
        const checkSyncs = (await excel<number>("fake.syncs")) - syncsBeforeCheck;
        expect(checkSyncs).toBeGreaterThan(0);
        expect(repairAndCheck).toBe(2 + checkSyncs);
        expect(errors).toEqual([]);
      } finally {
        await context.close();
      }
    },
    120_000
  );

  /**
   * Where a control is, in pixels from the top of a part of the pane (the Check tab, the structure
   * group): how far the person scrolls to find it, whatever has been scrolled already.
   */
  const depth = async (check: Locator, control: Locator) => {
    const panel = await check.elementHandle();
    return control.evaluate(
      (element, tab) => element.getBoundingClientRect().top - tab!.getBoundingClientRect().top,
      panel
    );
  };

  /**
   * How far below the structure group's heading Repair… may be at 360 px, for the whole Score
   * and Progress columns typed over on the catalogue's 18 sets (102 key results). Before the formulas went on one line and a
   * finding's cells were grouped it was 60,473 px (the Check tab: 62,880 px, the scorecard's
   * summary above it included), each cell's formula shown whole; 5,084 px with the Score column
   * alone typed over.
   */
  const DEPTH_BOUND = 800;

  test.each(["light", "dark"] as const)(
    "%s: a big plan's Score and Progress columns typed over: Repair… and Repair near the top; each long formula on a line of its own, shown whole on request by keyboard",
    async (theme) => {
      const { context, page, errors, check } = await open(theme, { catalogue: true });
      try {
        // Numbers typed over every key result's Score (Scorecard K), and its Progress (J), whose
        // formula is longer than a line of the pane.
        const rows = await typeOverProgressAndScores(page);
        // The catalogue's key results: a company's plan, not a team's.
        expect(rows).toBeGreaterThan(40);
        await check.getByRole("button", { name: "Check this workbook" }).click();
        const structure = check.getByRole("region", { name: /Workbook structure/ });
        await structure.waitFor();
        const repairOpen = structure.getByRole("button", { name: "Repair…" });
        // Below the scorecard's summary (one line an objective), then the structure group.
        const openAt = await depth(structure, repairOpen);
        console.log(
          `${theme}: Repair… ${Math.round(openAt)} px below the structure group's heading, ${Math.round(await depth(check, repairOpen))} px down the Check tab`
        );
        expect(openAt).toBeLessThan(DEPTH_BOUND);
        await expectAccessible(page, `a big plan's structure findings, ${theme}`);
        expect(await pageWidth(page)).toBeLessThanOrEqual(VIEWPORT.width);

        // A finding's cells: one closed group for the column, opened by keyboard.
        const group = structure.getByRole("button", {
          name: `Scorecard, column J — ${rows} cells`,
        });
        await tabTo(page, group, "Tab", 20);
        await page.keyboard.press("Enter");
        const column = structure.getByRole("list", {
          name: "Cells of OKR021: Scorecard, column J",
        });
        await expect(column.getByRole("listitem").count()).resolves.toBe(Math.min(rows, 50));
        // Each long formula on a line of its own, cut to 60 characters: two lines at most at
        // 360 px (a line is 20 px), not a paragraph. Measured on the text its button shows whole.
        const first = column.getByRole("listitem").first();
        const whole = first.getByRole("button", { name: "Whole formula of Scorecard!J6" });
        const formulaHeight = await page
          .locator(`[id="${(await whole.getAttribute("aria-controls"))!}"]`)
          .evaluate((text) => text.getBoundingClientRect().height);
        expect(formulaHeight).toBeGreaterThan(0);
        expect(formulaHeight).toBeLessThanOrEqual(40);
        await tabTo(page, whole, "Tab", 5);
        await expect(whole.getAttribute("aria-expanded")).resolves.toBe("false");
        const shortText = (await first.textContent())!;
        expect(shortText).toMatch(/^Scorecard!J6: should hold =.*…Whole formula$/);
        expect(shortText.length).toBeLessThan(120);
        await page.keyboard.press("Enter");
        await expect(whole.getAttribute("aria-expanded")).resolves.toBe("true");
        const wholeText = (await first.textContent())!;
        // The whole formula, in the page (for a screen reader too): longer, the same start.
        expect(wholeText).not.toContain("…");
        expect(wholeText.length).toBeGreaterThan(shortText.length);
        expect(wholeText.startsWith(shortText.slice(0, shortText.indexOf("…")))).toBe(true);
        const controlled = await whole.getAttribute("aria-controls");
        await expect(page.locator(`[id="${controlled}"]`).textContent()).resolves.toBe(
          wholeText.replace(/^Scorecard!J6: should hold /, "").replace(/Whole formula$/, "")
        );
        await expectAccessible(page, `a formula shown whole, ${theme}`);
        expect(await pageWidth(page)).toBeLessThanOrEqual(VIEWPORT.width);
        await page.keyboard.press("Space");
        await expect(whole.getAttribute("aria-expanded")).resolves.toBe("false");
        await expect(first.textContent()).resolves.toBe(shortText);

        // The group closed again, as a person leaves it before Repair….
        await group.click();
        await expect(group.getAttribute("aria-expanded")).resolves.toBe("false");
        await repairOpen.click();
        const confirm = structure.getByRole("button", { name: "Repair", exact: true });
        await confirm.waitFor();
        // The confirmation opens under Repair…: its cells by column, its Repair a screen below at most.
        const confirmAt = (await depth(structure, confirm)) - (await depth(structure, repairOpen));
        console.log(`${theme}: Repair (confirm) ${Math.round(confirmAt)} px below Repair…`);
        expect(confirmAt).toBeLessThan(DEPTH_BOUND);
        await expectAccessible(page, `a big plan's repair confirmation, ${theme}`);
        expect(await pageWidth(page)).toBeLessThanOrEqual(VIEWPORT.width);
        expect(errors).toEqual([]);
      } finally {
        await context.close();
      }
    },
    180_000
  );

  test("a long repair: the cells grouped by sheet and column, each group opened on demand, at 360 px", async () => {
    const { context, page, errors, check } = await open("light");
    try {
      const rows = await typeOverProgressAndScores(page);
      expect(rows).toBeGreaterThanOrEqual(4);
      await check.getByRole("button", { name: "Check this workbook" }).click();
      const structure = check.getByRole("region", { name: /Workbook structure/ });
      await structure.getByRole("button", { name: "Repair…" }).click();
      const writes = structure.getByRole("list", { name: /^Cells Repair writes \(\d+\)$/ });
      await writes.waitFor();
      // One button per sheet and column, closed: no cell rendered until one is opened.
      const groups = writes.getByRole("button", { expanded: false });
      const labels = await groups.allTextContents();
      expect(labels).toEqual(
        expect.arrayContaining([
          `Scorecard, column J — ${rows} cells`,
          `Scorecard, column K — ${rows} cells`,
        ])
      );
      await expect(writes.getByRole("listitem").count()).resolves.toBe(labels.length);
      await writes.getByRole("button", { name: `Scorecard, column J — ${rows} cells` }).click();
      const column = structure.getByRole("list", {
        name: "Cells Repair writes: Scorecard, column J",
      });
      await expect(column.getByRole("listitem").count()).resolves.toBe(rows);
      await expectAccessible(page, "a long repair, one group open");
      expect(await pageWidth(page)).toBeLessThanOrEqual(VIEWPORT.width);

      await structure.getByRole("button", { name: "Repair", exact: true }).click();
      const report = check.getByRole("region", { name: "What Repair did" });
      await report.waitFor();
      await check
        .getByRole("region", { name: /Workbook structure/ })
        .waitFor({ state: "detached" });
      await expect(
        report
          .getByRole("list", { name: /^Cells Repair wrote \(\d+\)$/ })
          .getByRole("button", {
            expanded: false,
          })
          .count()
      ).resolves.toBe(labels.length);
      await expectAccessible(page, "a long repair's report");
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  }, 120_000);

  test("a group of more than 50 lines: opened, then Show all, by keyboard; the focus goes on to line 51", async () => {
    const { context, page, errors } = await pane.open({
      page: "repair-lines.html",
      viewport: VIEWPORT,
    });
    try {
      const group = page.getByRole("button", { name: "Scorecard, column K — 60 cells" });
      await tabTo(page, group, "Tab", 5);
      await expect(group.getAttribute("aria-expanded")).resolves.toBe("false");
      await page.keyboard.press("Enter");
      await expect(group.getAttribute("aria-expanded")).resolves.toBe("true");
      const items = page
        .getByRole("list", { name: "Cells Repair wrote: Scorecard, column K" })
        .getByRole("listitem");
      await expect(items.count()).resolves.toBe(50);
      const showAll = page.getByRole("button", {
        name: "Show all 60 cells of Scorecard, column K",
      });
      await tabTo(page, showAll, "Tab", 60);
      await page.keyboard.press("Enter");
      await expect(items.count()).resolves.toBe(60);
      await expect(showAll.count()).resolves.toBe(0);
      // The button is gone: the focus is on the first line it showed, not dropped to the page.
      await expect(
        page.evaluate(() => document.activeElement?.textContent ?? document.activeElement?.tagName)
      ).resolves.toBe("Scorecard!K56: the formula =1");
      // And Tab goes on from there: its link.
      await page.keyboard.press("Tab");
      await page.keyboard.press("Enter");
      await expect(page.evaluate("window.okrTest.selected")).resolves.toEqual([
        { sheet: "Scorecard", address: "K56" },
      ]);
      // The other group, closed, is untouched.
      await expect(
        page
          .getByRole("button", { name: "Scorecard, column J — 3 cells" })
          .getAttribute("aria-expanded")
      ).resolves.toBe("false");
      await expectAccessible(page, "a group shown in full");
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  }, 120_000);

  test("keyboard only: open Repair, read the list, confirm, dismiss the report", async () => {
    const { context, page, errors, check } = await open("light");
    const focusedIs = (locator: Locator) =>
      locator.evaluate((element) => element === document.activeElement);
    try {
      const checkButton = check.getByRole("button", { name: "Check this workbook" });
      await tabTo(page, checkButton, "Tab", 40);
      await page.keyboard.press("Enter");
      const structure = check.getByRole("region", { name: /Workbook structure/ });
      await structure.waitFor();

      // Repair…: the confirmation takes the focus, so it is read from its title on.
      const repairOpen = structure.getByRole("button", { name: "Repair…" });
      await tabTo(page, repairOpen, "Tab", 10);
      await page.keyboard.press("Enter");
      const confirmation = structure.getByRole("group", { name: "Repair" });
      await confirmation.waitFor();
      await page.waitForFunction(() =>
        document.activeElement?.classList.contains("fui-MessageBar")
      );
      // The list, link by link: Tab goes through each cell Repair writes, in order.
      const writes = structure.getByRole("list", { name: "Cells Repair writes" });
      const links = writes.getByRole("button", { name: /^Go to / });
      const names: string[] = [];
      for (let index = 0; index < (await links.count()); index++) {
        await page.keyboard.press("Tab");
        await expect(focusedIs(links.nth(index))).resolves.toBe(true);
        names.push((await links.nth(index).getAttribute("aria-label"))!);
      }
      expect(names).toEqual(
        expect.arrayContaining(["Go to Scorecard!K6", "Go to Scorecard!P6", "Go to Scorecard!I7"])
      );

      // Confirm: the report takes the focus once the check has run again.
      await tabTo(page, structure.getByRole("button", { name: "Repair", exact: true }), "Tab", 20);
      await page.keyboard.press("Enter");
      const report = check.getByRole("region", { name: "What Repair did" });
      await report.waitFor();
      await check
        .getByRole("region", { name: /Workbook structure/ })
        .waitFor({ state: "detached" });
      await expect(
        focusedIs(report.getByRole("heading", { level: 3, name: "What Repair did" }))
      ).resolves.toBe(true);

      // Another tab and back: the view remounts, the report is still there, and the focus stays
      // on the tab the person chose, not pulled to the report's heading again.
      await page.keyboard.press("Shift+Tab");
      const checkTab = page.getByRole("tab", { name: "Check", exact: true });
      await tabTo(page, checkTab, "Shift+Tab", 60);
      await page.keyboard.press("ArrowRight");
      await page.keyboard.press("Enter");
      await page.getByRole("tab", { name: "Check-in", selected: true }).waitFor();
      await page.keyboard.press("ArrowLeft");
      await page.keyboard.press("Enter");
      await page.getByRole("tab", { name: "Check", selected: true }).waitFor();
      await report.waitFor();
      await expect(focusedIs(checkTab)).resolves.toBe(true);
      await expect(
        focusedIs(report.getByRole("heading", { level: 3, name: "What Repair did" }))
      ).resolves.toBe(false);
      await tabTo(page, checkButton, "Tab", 10);

      // Dismiss: the report goes, and the focus is back on Check this workbook.
      await tabTo(
        page,
        report.getByRole("button", { name: "Dismiss the repair report" }),
        "Tab",
        30
      );
      await page.keyboard.press("Enter");
      await report.waitFor({ state: "detached" });
      await expect(focusedIs(checkButton)).resolves.toBe(true);
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  }, 120_000);
});
