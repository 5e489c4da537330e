/*
 * A stand-in office.js for the browser test (taskpane.e2e.test.ts builds it as an extra entry and
 * serves it in place of Microsoft's office.js): Office reports Excel, with a dark Office theme and
 * every ExcelApi version, and `Excel.run` runs the pane's batches against the recording fake of
 * Excel (test/support/fakeExcel.ts), which holds a small OKR table. So the real taskpane.html,
 * with its real Excel actions, runs as in Excel; the test reads the fake through `window.okrExcel`.
 */
import { FakeExcel } from "./fakeExcel";

type Command = (event: { completed: () => void }) => Promise<void>;
type ThemeHandler = (args: { officeTheme: { bodyBackgroundColor: string } }) => void;

export interface OfficeStandInControl {
  fake: FakeExcel;
  /** Runs a ribbon button's command as Office would; resolves when it calls completed(). */
  press: (name: string) => Promise<void>;
  /** Switches the Office theme (OfficeThemeChanged). */
  setTheme: (bodyBackgroundColor: string) => void;
  /** Times the pane asked Office to show it. */
  shown: number;
}

const fake = new FakeExcel();
fake.seedSheet("Notes", [["Groceries"]]);
fake.seedSheet("OKRs", [
  ["Objective", "Key Result", "Baseline", "Target", "Current", "Owner"],
  ["Grow the customer base", "Reach 500 paying customers", 100, 500, 240, "Ana"],
  ["Grow the customer base", "Cut churn to 2%", null, 2, 3, "Ben"],
  ["Grow the customer base", "Attend 10 trade fairs", 0, 10, 4, "Cy"],
]);

const commands = new Map<string, Command>();
const themeHandlers: ThemeHandler[] = [];
const theme = { bodyBackgroundColor: "#262626" };

const control: OfficeStandInControl = {
  fake,
  press: (name) =>
    new Promise((resolve, reject) => {
      const command = commands.get(name);
      if (command === undefined) reject(new Error(`no command ${name}`));
      else void command({ completed: () => resolve() });
    }),
  setTheme: (bodyBackgroundColor) => {
    theme.bodyBackgroundColor = bodyBackgroundColor;
    for (const handler of themeHandlers) handler({ officeTheme: { bodyBackgroundColor } });
  },
  shown: 0,
};

const globals = window as unknown as Record<string, unknown>;
globals.okrExcel = control;
globals.Office = {
  onReady: async () => ({ host: "Excel", platform: "OfficeOnline" }),
  EventType: { OfficeThemeChanged: "officeThemeChanged" },
  context: {
    officeTheme: theme,
    requirements: { isSetSupported: (set: string) => set === "ExcelApi" },
    document: {
      addHandlerAsync: (_type: string, handler: ThemeHandler) => themeHandlers.push(handler),
    },
  },
  actions: { associate: (name: string, command: Command) => commands.set(name, command) },
  addin: {
    showAsTaskpane: async () => {
      control.shown++;
    },
  },
};
globals.Excel = {
  run: <T>(batch: (context: Excel.RequestContext) => Promise<T>) => batch(fake.context),
};
