/*
 * Two people record a check-in into one workbook at the same moment (issue 9: concurrent
 * check-ins, nothing lost), end to end: two built task panes (taskpane.html, each in an iframe of
 * one page in Debian's Chromium) share one workbook in the recording fake of Excel. The page
 * (test/support/officeStandInSharedWorkbook.ts) holds the workbook and gives each pane its own
 * Excel client; each pane's office.js (officeStandInSharedPane.ts) runs the pane's Excel.run on
 * its client. A client's sync applies its commands at once, with no other client's in between, as
 * Excel applies one request; the test holds both clients and lets one sync go at a time, so it
 * decides the order of the two panes' requests, down to each read and write. Each order here makes
 * one pane write over the row the other has just written; the check-in writer's protocol
 * (src/hosts/excel/checkIn.ts; every order at the host level: checkInCoauthoring.test.ts) must
 * still end with both entries in the log.
 */
import HtmlWebpackPlugin from "html-webpack-plugin";
import type { FrameLocator, Page } from "playwright-core";
import { appendCheckIn } from "../src/hosts/excel/checkIn";
import { todaySerial } from "../src/okr/values";
import { checkInValidFormula } from "../src/sheets/build";
import { expectedScorecard } from "./support/expectedScorecard";
import type { RecordedCall } from "./support/fakeExcel";
import type { SharedWorkbookControl } from "./support/officeStandInSharedWorkbook";
import { describeInBrowser, expectAccessible } from "./support/paneBrowser";
import { startPane, type PaneServer } from "./support/paneWithStandIn";

/** Two 360-pixel panes side by side. */
const VIEWPORT = { width: 760, height: 900 };

type Person = "Ann" | "Bo";
const PEOPLE: readonly Person[] = ["Ann", "Bo"];

/** What each person records: different key results, so the scorecard shows both. */
const CHECK_INS: Record<
  Person,
  { keyResult: string; typed: string; logged: number; note: string }
> = {
  Ann: { keyResult: "O1.KR1", typed: "55", logged: 55, note: "From Ann's pane" },
  Bo: { keyResult: "O1.KR2", typed: "70", logged: 0.7, note: "From Bo's pane" },
};

/** The first row after the log's header: both panes read that the log ends above it. */
const FIRST_ROW = 2;

/** One sync of one pane, named for the failure message when it never comes. */
type Step = [Person, string];

interface Interleaving {
  name: string;
  /** Whose waiting sync goes next, from both panes' Save until both have read the workbook again. */
  schedule: Step[];
  /** The pane whose write lands on the other's new row; it writes the other's entry again below. */
  overwriter: Person;
  /** After this many steps, the other's entry is in no row (the overwriter has not written it again). */
  lostAfter: number;
}

const other = (person: Person): Person => (person === "Ann" ? "Bo" : "Ann");

/** appendCheckIn's three syncs, then the pane's read of the workbook again (readWorkbook: two). */
const read = (person: Person): Step => [person, "read where the log ends"];
const write = (person: Person): Step => [person, "write the row"];
const readBack = (person: Person): Step => [person, "read the row back"];
const readAgain = (person: Person): Step[] => [
  [person, "read the workbook again (1 of 2)"],
  [person, "read the workbook again (2 of 2)"],
];

const INTERLEAVINGS: Interleaving[] = [
  {
    name: "both read, Ann writes, Bo writes over her row, Ann reads back and reads the workbook, then Bo writes her entry again",
    schedule: [
      read("Ann"),
      read("Bo"),
      write("Ann"),
      write("Bo"),
      readBack("Ann"),
      ...readAgain("Ann"),
      readBack("Bo"),
      ...readAgain("Bo"),
    ],
    overwriter: "Bo",
    lostAfter: 4,
  },
  {
    name: "both read, Bo writes, reads back and reads the workbook (done), then Ann writes over his row and writes his entry again",
    schedule: [
      read("Ann"),
      read("Bo"),
      write("Bo"),
      readBack("Bo"),
      ...readAgain("Bo"),
      write("Ann"),
      readBack("Ann"),
      ...readAgain("Ann"),
    ],
    overwriter: "Ann",
    lostAfter: 7,
  },
];

/** The scorecard with both check-ins, from summarize over the same workbook made and read in node. */
const expectedScorecardWithBoth = () =>
  expectedScorecard(async (fake, options) => {
    for (const person of PEOPLE)
      await appendCheckIn(
        fake.context,
        {
          date: todaySerial(),
          keyResultId: CHECK_INS[person].keyResult,
          value: CHECK_INS[person].logged,
          author: person,
        },
        options
      );
  });

/** The page's control of the shared workbook: a global of the page, for page.evaluate. */
declare const okrCoauthoring: SharedWorkbookControl;

describeInBrowser("two panes recording check-ins into one workbook at once, in chromium", () => {
  let pane: PaneServer;
  let expected: Awaited<ReturnType<typeof expectedScorecard>>;

  beforeAll(async () => {
    pane = await startPane("coauthoring", {
      standIn: "officeStandInSharedPane",
      entry: {
        officeStandInSharedPane: "./test/support/officeStandInSharedPane.ts",
        officeStandInSharedWorkbook: "./test/support/officeStandInSharedWorkbook.ts",
      },
      plugins: [
        new HtmlWebpackPlugin({
          filename: "coauthoring.html",
          chunks: ["officeStandInSharedWorkbook"],
          templateContent:
            '<!doctype html><html lang="en"><head><meta charset="utf-8" />' +
            "<title>OKR Studio: two task panes, one workbook</title></head>" +
            '<body style="margin: 0; display: flex; gap: 8px"></body></html>',
        }),
      ],
    });
    expected = await expectedScorecardWithBoth();
  }, 240_000);

  afterAll(async () => {
    await pane?.close();
  });

  async function open() {
    const { context, page, errors } = await pane.open({
      page: "coauthoring.html",
      viewport: VIEWPORT,
    });
    const panes = Object.fromEntries(
      PEOPLE.map((person) => [person, page.frameLocator(`iframe[title="${person}'s task pane"]`)])
    ) as Record<Person, FrameLocator>;
    return { page, panes, errors, context };
  }

  /** Waits until `person`'s pane asks for its next sync, then lets that one sync go. */
  async function release(page: Page, [person, what]: Step): Promise<void> {
    const client = PEOPLE.indexOf(person);
    await page
      .waitForFunction((index) => okrCoauthoring.clients[index].parked, client, { timeout: 30_000 })
      .catch(() => {
        throw new Error(`${person}'s pane never asked to ${what}.`);
      });
    await page.evaluate((index) => okrCoauthoring.clients[index].release(), client);
  }

  const syncsOf = (page: Page) =>
    page.evaluate(() => okrCoauthoring.clients.map((client) => client.syncs));

  /** The log's first three rows (A:I), as a third client reads them. */
  const readLog = (page: Page) =>
    page.evaluate(
      (address) => okrCoauthoring.read("Check-ins", address),
      `A${FIRST_ROW}:I${FIRST_ROW + 2}`
    );

  /** What `person`'s pane says it recorded, once it says it. */
  async function recorded(pane: FrameLocator, person: Person): Promise<string> {
    const keyResult = CHECK_INS[person].keyResult.replace(".", "\\.");
    const message = pane.getByText(
      new RegExp(`^Recorded the check-in of ${keyResult} in Check-ins!A\\d+:P\\d+\\.$`)
    );
    await message.waitFor();
    return (await message.textContent()) ?? "";
  }

  describe.each(INTERLEAVINGS)("$name", (interleaving) => {
    const { overwriter, schedule } = interleaving;
    const overwritten = other(overwriter);
    /** What each pane says it recorded, after its own check-in and after the final read. */
    const said: Partial<Record<Person, string>> = {};

    test("both entries are in the Check-ins table, whole, in distinct rows; both scorecards show both after a read; syncs as documented", async () => {
      const { page, panes, errors, context } = await open();

      // Each pane on its Check-in tab, the workbook read once, the form filled in; nothing sent yet.
      for (const person of PEOPLE) {
        const pane = panes[person];
        await pane.getByRole("tab", { name: "Check-in" }).click();
        const form = pane.getByRole("form", { name: "Check-in" });
        await form
          .getByRole("combobox", { name: /^Key result/ })
          .selectOption(CHECK_INS[person].keyResult);
        await form.getByRole("textbox", { name: /^New value/ }).fill(CHECK_INS[person].typed);
        await form.getByRole("textbox", { name: "Author" }).fill(person);
        await form.getByRole("textbox", { name: "Note" }).fill(CHECK_INS[person].note);
      }
      const before = await syncsOf(page);
      await page.evaluate(() => okrCoauthoring.clients.forEach((client) => client.hold()));

      // Both save at the same moment: each pane's first sync waits for the test.
      for (const person of PEOPLE)
        await panes[person]
          .getByRole("form", { name: "Check-in" })
          .getByRole("button", { name: "Save check-in" })
          .click();

      for (const [index, step] of schedule.entries()) {
        await release(page, step);
        if (index + 1 === interleaving.lostAfter) {
          // The overwriter's entry is in the first row; the other's, for now, in none.
          const { values } = await readLog(page);
          expect(values.map((row) => [row[1], row[5]])).toEqual([
            [CHECK_INS[overwriter].keyResult, overwriter],
            ["", ""],
            ["", ""],
          ]);
        }
      }
      await expect(
        page.evaluate(() => okrCoauthoring.clients.map((client) => client.parked))
      ).resolves.toEqual([false, false]);

      for (const person of PEOPLE) said[person] = await recorded(panes[person], person);

      // The log: both entries, whole, in the two rows below the header; nothing after them.
      const { values, formulas } = await readLog(page);
      const inRow: Person[] = [overwriter, overwritten];
      inRow.forEach((person, index) => {
        expect({ row: FIRST_ROW + index, cells: values[index].slice(0, 8) }).toEqual({
          row: FIRST_ROW + index,
          cells: [
            todaySerial(),
            CHECK_INS[person].keyResult,
            CHECK_INS[person].logged,
            "",
            CHECK_INS[person].note,
            person,
            expect.stringMatching(/^[a-z0-9]+-[a-z0-9]{6}$/),
            "",
          ],
        });
        expect(formulas[index][8]).toBe(checkInValidFormula(FIRST_ROW - 1 + index));
      });
      const ids = { [overwriter]: values[0][6], [overwritten]: values[1][6] } as Record<
        Person,
        string
      >;
      expect(ids.Ann).not.toBe(ids.Bo);
      expect(values[2]).toEqual(values[2].map(() => ""));
      // The pane that wrote over the other's row says the row its entry is in.
      expect(said[overwriter]).toBe(
        `Recorded the check-in of ${CHECK_INS[overwriter].keyResult} in Check-ins!A${FIRST_ROW}:P${FIRST_ROW}.`
      );

      // Syncs: each pane three to record (read, write, read back) and two to read the workbook
      // again. With two panes the conflict costs no sync more: the overwriter writes the other's
      // entry again in its third request, with its read-back.
      const after = await syncsOf(page);
      expect(after.map((count, index) => count - before[index])).toEqual([5, 5]);
      const entriesWritten = await page.evaluate(
        (from) =>
          okrCoauthoring.clients.map((client, index) =>
            client.calls
              .filter(
                (call: RecordedCall) =>
                  call.request >= from[index] && call.method === "Range.values"
              )
              .map((call: RecordedCall) => ({
                request: call.request - from[index] + 1,
                entry: (call.args[0] as unknown[][])[0][6],
              }))
          ),
        before
      );
      const byPerson = Object.fromEntries(
        PEOPLE.map((person, index) => [person, entriesWritten[index]])
      ) as Record<Person, { request: number; entry: unknown }[]>;
      expect(byPerson[overwriter]).toEqual([
        { request: 2, entry: ids[overwriter] },
        { request: 3, entry: ids[overwritten] },
      ]);
      expect(byPerson[overwritten]).toEqual([{ request: 2, entry: ids[overwritten] }]);

      // Each pane reads the workbook again: both scorecards show both check-ins.
      for (const person of PEOPLE) {
        const pane = panes[person];
        await pane.getByRole("button", { name: "Read the workbook again" }).click();
        const reading = pane.getByRole("progressbar", { name: "Reading the workbook" });
        await reading.waitFor();
        for (const step of readAgain(person)) await release(page, step);
        await reading.waitFor({ state: "detached" });
        const scorecard = pane.getByRole("region", { name: "Scorecard" });
        await scorecard.getByText(expected.overall).waitFor();
        await scorecard.getByText(expected.stale).waitFor();
        await expect(
          scorecard
            .getByRole("list", { name: "Key results by status" })
            .getByRole("listitem")
            .allTextContents()
        ).resolves.toEqual(expected.counts);
        said[person] = await recorded(pane, person);
      }
      await expect(syncsOf(page)).resolves.toEqual(before.map((count) => count + 7));

      // Each pane lists the other's check-in under its key result, with Correct and Withdraw.
      for (const person of PEOPLE) {
        const form = panes[person].getByRole("form", { name: "Check-in" });
        const theirs = other(person);
        await form
          .getByRole("combobox", { name: /^Key result/ })
          .selectOption(CHECK_INS[theirs].keyResult);
        await form
          .getByRole("button", {
            name: new RegExp(`^Withdraw check-in of \\d{4}-\\d{2}-\\d{2}, .* by ${theirs}$`),
          })
          .waitFor();
      }
      await expectAccessible(page, `both recorded, ${overwriter} wrote over ${overwritten}'s row`);
      expect(errors).toEqual([]);
      await context.close();
    }, 120_000);

    // Each pane names the row the latest read finds its entry in (CheckInView.tsx, recordedAt):
    // the overwritten pane's entry was moved by the other pane, and a read of the workbook shows it.
    test("after a read of the workbook, each pane names the row its own check-in is in (the overwritten pane names the row it lost)", () => {
      expect(said).toEqual({
        [overwriter]: `Recorded the check-in of ${CHECK_INS[overwriter].keyResult} in Check-ins!A${FIRST_ROW}:P${FIRST_ROW}.`,
        [overwritten]: `Recorded the check-in of ${CHECK_INS[overwritten].keyResult} in Check-ins!A${FIRST_ROW + 1}:P${FIRST_ROW + 1}.`,
      });
    });
  });
});
