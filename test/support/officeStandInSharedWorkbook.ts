/*
 * The page of the co-authoring test (test/taskpaneCoauthoring.e2e.test.ts): one workbook OKR
 * Studio made, in the recording fake of Excel, and two task panes (taskpane.html in iframes of
 * this origin), each with its own Excel client of that workbook. Each pane's stand-in office.js
 * (officeStandInSharedPane.ts) takes its client from this page, so both panes' requests reach the
 * one workbook, and each sync applies one client's commands at once with no other's in between:
 * Excel's own guarantee, which the check-in writer relies on. The test decides the order of the
 * two panes' syncs through `okrCoauthoring` (hold, then release one sync at a time).
 */
import { insertWorkbook } from "../../src/hosts/excel/insert";
import { buildWorkbook } from "../../src/sheets/build";
import { checkInTestPlan } from "./checkInTestPlan";
import { FakeExcel } from "./fakeExcel";

export interface SharedWorkbookControl {
  /** The people whose panes these are, in the order of `clients`. */
  people: readonly string[];
  /** Each pane's Excel client; the first is the fake that inserted the workbook. */
  clients: FakeExcel[];
  /** Settles once the workbook is inserted; Office answers the panes after it. */
  ready: Promise<void>;
  isSetSupported: (set: string) => boolean;
  /**
   * A range's values and formulas as a third client reads them (one sync of its own, so the
   * panes' clients, held or not, are not touched).
   */
  read: (sheet: string, address: string) => Promise<{ values: unknown[][]; formulas: unknown[][] }>;
}

const PEOPLE = ["Ann", "Bo"] as const;

const fake = new FakeExcel();
const isSetSupported = (set: string) => set === "ExcelApi";
const control: SharedWorkbookControl = {
  people: PEOPLE,
  clients: [fake, fake.client()],
  ready: insertWorkbook(fake.context, buildWorkbook(checkInTestPlan(new Date())), {
    isSetSupported,
  }).then(() => undefined),
  isSetSupported,
  read: async (sheet, address) => {
    const { context } = fake.client();
    const range = context.workbook.worksheets.getItem(sheet).getRange(address);
    range.load("values,formulas");
    await context.sync();
    return { values: range.values, formulas: range.formulas };
  },
};
(window as unknown as { okrCoauthoring: SharedWorkbookControl }).okrCoauthoring = control;

// The panes come after the control, so each pane's office.js finds its client.
PEOPLE.forEach((person, index) => {
  const frame = document.createElement("iframe");
  frame.title = `${person}'s task pane`;
  frame.src = `taskpane.html?client=${index}`;
  frame.style.cssText = "width: 360px; height: 880px; border: 1px solid #8a8a8a;";
  document.body.append(frame);
});
