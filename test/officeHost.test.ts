import { OfficeMockObject } from "office-addin-mock";
import { officeBackground, watchOfficeTheme, whenOfficeReady } from "../src/taskpane/officeHost";

/**
 * The task pane's only contact with Office globals, against office-addin-mock's Office object:
 * the host name, the theme colour and the theme-change event, and the plain-browser cases where
 * Office reports nothing or is not there at all.
 */
type Handler = (args: { officeTheme?: { bodyBackgroundColor?: string } }) => void;

async function installOffice(data: Record<string, unknown>): Promise<void> {
  const office = new OfficeMockObject(data);
  // The mock models Excel's proxy objects, whose properties need load() and sync(); the common
  // API's Office.context is plain data, so it is loaded up front.
  if ((data.context as { officeTheme?: unknown } | undefined)?.officeTheme) {
    office.load({ context: { officeTheme: { bodyBackgroundColor: true } } });
    await office.sync();
  }
  (globalThis as { Office?: unknown }).Office = office as unknown;
}

afterEach(() => {
  delete (globalThis as { Office?: unknown }).Office;
});

test("in Excel: the host's name, the theme's background, and theme changes are followed", async () => {
  const handlers: Handler[] = [];
  await installOffice({
    EventType: { OfficeThemeChanged: "officeThemeChanged" },
    context: {
      officeTheme: { bodyBackgroundColor: "#1f1f1f" },
      document: {
        addHandlerAsync(_type: string, handler: Handler) {
          handlers.push(handler);
        },
      },
    },
    onReady: async () => ({ host: "Excel", platform: "PC" }),
  });

  expect(await whenOfficeReady()).toBe("Excel");
  expect(officeBackground()).toBe("#1f1f1f");

  const seen: (string | null)[] = [];
  watchOfficeTheme((background) => seen.push(background));
  expect(handlers).toHaveLength(1);
  handlers[0]({ officeTheme: { bodyBackgroundColor: "#ffffff" } });
  handlers[0]({});
  expect(seen).toEqual(["#ffffff", null]);
});

test("a host without the theme-changed event keeps the theme it read at start", async () => {
  await installOffice({
    EventType: {},
    context: { officeTheme: { bodyBackgroundColor: "#ffffff" }, document: {} },
  });
  const seen: unknown[] = [];
  expect(() => watchOfficeTheme((background) => seen.push(background))).not.toThrow();
  expect(officeBackground()).toBe("#ffffff");
  expect(seen).toEqual([]);
});

test("in a plain browser Office.js reports no host and no theme", async () => {
  await installOffice({ context: {}, onReady: async () => ({ host: null, platform: null }) });
  expect(await whenOfficeReady()).toBeNull();
  expect(officeBackground()).toBeNull();
});

test("without Office.js at all nothing throws", async () => {
  expect(await whenOfficeReady()).toBeNull();
  expect(officeBackground()).toBeNull();
  expect(() => watchOfficeTheme(() => undefined)).not.toThrow();
});
