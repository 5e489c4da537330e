/*
 * The scorecard summary and the check-in flow in Debian's Chromium, on the built taskpane.html with
 * a stand-in office.js (test/support/officeStandInPlan.ts) whose Excel.run drives the recording
 * fake holding a workbook OKR Studio made. Built, served and opened by
 * test/support/paneWithStandIn.ts.
 */
import type { Locator, Page } from "playwright-core";
import { expectedScorecard } from "./support/expectedScorecard";
import { FakeExcel } from "./support/fakeExcel";
import { describeInBrowser, expectAccessible } from "./support/paneBrowser";
import { startPane, type PaneServer } from "./support/paneWithStandIn";

const SETS = "fake.calls.filter((call) => call.kind === 'set').length";
const VIEWPORT = { width: 360, height: 900 };

/** Presses Tab (or Shift+Tab) until `target` has the focus: the keyboard's way to a control. */
async function tabTo(
  page: Page,
  target: Locator,
  key: "Tab" | "Shift+Tab",
  limit = 15
): Promise<void> {
  for (let presses = 0; presses <= limit; presses++) {
    if (await target.evaluate((element) => element === document.activeElement)) return;
    if (presses < limit) await page.keyboard.press(key);
  }
  throw new Error(
    `${limit} presses of ${key} did not reach ${target}; focus is on ${await focused(page)}.`
  );
}

/** The focused element, as a person would name it: its role or tag and its accessible text. */
function focused(page: Page): Promise<string> {
  return page.evaluate(() => {
    const element = document.activeElement;
    if (element === null || element === document.body) return "body";
    const label = (element as HTMLInputElement).labels?.[0]?.textContent?.trim();
    const name =
      element.getAttribute("aria-label") ?? label ?? element.textContent?.trim().slice(0, 60) ?? "";
    return `${element.getAttribute("role") ?? element.tagName.toLowerCase()} "${name}"`;
  });
}

describeInBrowser("check-in and scorecard in chromium", () => {
  let pane: PaneServer;

  beforeAll(async () => {
    pane = await startPane("checkin", {
      standIn: "officeStandInPlan",
      entry: { officeStandInPlan: "./test/support/officeStandInPlan.ts" },
    });
  }, 240_000);

  afterAll(async () => {
    await pane?.close();
  });

  async function open(colorScheme: "light" | "dark") {
    const { context, page, errors } = await pane.open({
      page: "taskpane.html",
      viewport: VIEWPORT,
      colorScheme,
      // Office's theme, which the pane follows: dark for the dark run.
      init: `window.okrStandInTheme = ${JSON.stringify(colorScheme === "dark" ? "#262626" : "#ffffff")};`,
    });
    const excel = <T = unknown>(expression: string) =>
      page.evaluate(`window.okrExcel.${expression}`) as Promise<T>;
    return { page, errors, excel, context };
  }

  /** Where the focus is once a withdrawal is recorded and the list read again, by colour scheme. */
  const focusAfterWithdraw: Record<string, string> = {};

  test.each(["light", "dark"] as const)(
    "%s: read → summary as summarize gives it; a check-in by keyboard (row in the fake, summary changes); correct it; a refused value",
    async (colorScheme) => {
      const expected = await expectedScorecard();
      const { page, errors, excel, context } = await open(colorScheme);
      await page.locator(`[data-theme-mode="${colorScheme}"]`).waitFor();
      await page.getByRole("tab", { name: "Check", selected: true }).waitFor();

      // The check reads the workbook once; the summary comes from that read, no request more.
      const check = page.getByRole("tabpanel", { name: "Check" });
      await check.getByRole("button", { name: "Check this workbook" }).click();
      const scorecard = check.getByRole("region", { name: "Scorecard" });
      await scorecard.getByText(expected.overall).waitFor();
      const afterCheck = await excel<number>("fake.syncs");
      // Cells written so far: the workbook's insert, before the pane started.
      const setsBefore = await excel<number>(SETS);
      const counts = await scorecard
        .getByRole("list", { name: "Key results by status" })
        .getByRole("listitem")
        .allTextContents();
      expect(counts).toEqual(expected.counts);
      await expect(excel<number>("fake.syncs")).resolves.toBe(afterCheck);
      await expect(
        scorecard.getByRole("button", { name: "Go to stale O1.KR1" }).count()
      ).resolves.toBe(1);
      await expectAccessible(page, `summary, ${colorScheme}`);
      // Go to selects the key result's cell.
      await scorecard.getByRole("button", { name: "Go to stale O1.KR2" }).click();
      await page.waitForFunction(() =>
        Boolean((window as unknown as { okrExcel: { fake: FakeExcel } }).okrExcel.fake.selection)
      );
      await expect(excel("fake.selection")).resolves.toEqual({ sheet: "Scorecard", address: "O7" });

      // The check-in, by keyboard only: the Check-in tab by arrows, then Tab through the form.
      await page.getByRole("tab", { name: "Check", selected: true }).focus();
      await page.keyboard.press("ArrowRight");
      const pane = page.getByRole("tabpanel", { name: "Check-in" });
      const form = pane.getByRole("form", { name: "Check-in" });
      await form.waitFor();
      const search = form.getByRole("searchbox", { name: "Search key results" });
      await search.focus();
      await page.keyboard.type("users");
      await page.keyboard.press("Tab");
      await page.keyboard.press("ArrowDown");
      await expect(form.getByText("Objective O1: Delight customers. Now 40").count()).resolves.toBe(
        1
      );
      await page.keyboard.press("Tab");
      await page.keyboard.type("fifty");
      await page.keyboard.press("Enter");
      // A refused value: the reason in the form, nothing written.
      await form.getByText('"fifty" is not a number. Type a number such as 1,234.5.').waitFor();
      await expect(excel<number>(SETS)).resolves.toBe(setsBefore);
      await expectAccessible(page, `refused value, ${colorScheme}`);

      await form.getByRole("textbox", { name: "New value" }).focus();
      await page.keyboard.press("Control+A");
      await page.keyboard.type("55");
      await form.getByRole("textbox", { name: "Author" }).focus();
      await page.keyboard.type("Ann");
      await page.keyboard.press("Tab");
      await page.keyboard.type("Launch week");
      await page.keyboard.press("Tab");
      const beforeSave = await excel<number>("fake.syncs");
      await page.keyboard.press("Enter");
      await pane.getByText(/^Recorded the check-in of O1\.KR1 in Check-ins!A2:P2\.$/).waitFor();
      // The summary followed at once: O1.KR1 is no longer stale.
      await pane
        .getByRole("region", { name: "Scorecard" })
        .getByText("Stale check-ins: 2")
        .waitFor();
      // Three syncs to record (read where the log ends, write, read back), two to read it again.
      await expect(excel<number>("fake.syncs")).resolves.toBe(beforeSave + 5);
      await expectAccessible(page, `check-in recorded, ${colorScheme}`);

      // Correct it, by keyboard: Tab from Save to the check-in's Correct, Enter; the focus stays in
      // the form. Back by Shift+Tab to the value, type, Tab to Save correction, Space.
      const save = form.getByRole("button", { name: "Save check-in" });
      await expect(focused(page)).resolves.toBe('button "Save check-in"');
      await tabTo(
        page,
        pane.getByRole("button", { name: /^Correct check-in of .*, 55 by Ann$/ }),
        "Tab"
      );
      await page.keyboard.press("Enter");
      await form
        .getByText(/^Correcting the check-in of .*, 55 by Ann: saving writes a new row/)
        .waitFor();
      // The focus goes to the new value, where the correction is typed.
      await expect(focused(page)).resolves.toBe('input "New value"');
      await page.keyboard.type("57");
      await tabTo(page, form.getByRole("button", { name: "Save correction" }), "Tab");
      await page.keyboard.press("Space");
      await pane.getByText(/^Recorded the correction of O1\.KR1 in Check-ins!A3:P3\.$/).waitFor();
      // The focus stays on the form's Save button, which saves check-ins again.
      await save.waitFor();
      await expect(focused(page)).resolves.toBe('button "Save check-in"');
      await expectAccessible(page, `corrected, ${colorScheme}`);
      // The rows the fake holds: the check-in, then its correction naming it; nothing deleted.
      const rows = await page.evaluate(async () => {
        const { context } = (window as unknown as { okrExcel: { fake: FakeExcel } }).okrExcel.fake;
        const range = context.workbook.worksheets.getItem("Check-ins").getRange("B2:H3");
        range.load("values");
        await context.sync();
        return range.values;
      });
      expect(rows.map((row) => row.slice(0, 4))).toEqual([
        ["O1.KR1", 55, "", "Launch week"],
        ["O1.KR1", 57, "", ""],
      ]);
      expect(rows[1][6]).toBe(rows[0][5]);
      expect(String(rows[0][5])).toMatch(/^[a-z0-9]+-[a-z0-9]{6}$/);

      // A date in the future is refused in the form; nothing is written.
      const sets = await excel<number>(SETS);
      await form.getByRole("textbox", { name: "New value" }).fill("60");
      await form.getByLabel("Date").fill("2099-01-01");
      await form.getByRole("button", { name: "Save check-in" }).click();
      await form
        .getByText(
          "2099-01-01 is in the future; a check-in records what was measured, up to today."
        )
        .waitFor();
      await expect(excel<number>(SETS)).resolves.toBe(sets);

      // Withdraw the correction, by keyboard: Tab from Save to its Withdraw, Enter. One more row,
      // replacing it, with no value; the list is empty again.
      await tabTo(
        page,
        pane.getByRole("button", { name: /^Withdraw check-in of .*, 57 by Ann$/ }),
        "Tab"
      );
      await page.keyboard.press("Enter");
      await pane.getByText(/^Withdrew the check-in of O1\.KR1 in Check-ins!A4:P4\.$/).waitFor();
      await pane.getByText("None recorded from the pane yet.").waitFor();
      focusAfterWithdraw[colorScheme] = await focused(page);
      await expectAccessible(page, `withdrawn, ${colorScheme}`);
      expect(errors).toEqual([]);
      await context.close();
    },
    120_000
  );

  // Withdraw has the focus when pressed; the withdrawn entry then leaves the list, and the button
  // with it: the focus goes to the list's heading, which stays, not to the page.
  test.each(["light", "dark"])(
    "%s: after Withdraw the focus is on the recent check-ins' heading, not lost to the page",
    (scheme) => expect(focusAfterWithdraw[scheme]).toBe('h3 "Recent check-ins of O1.KR1"')
  );
});
