/*
 * The Office and Excel globals a stand-in office.js sets for one pane, when Excel is the recording
 * fake holding a workbook OKR Studio made: officeStandInPlan.ts (one pane, its own fake) and
 * officeStandInSharedPane.ts (one of two panes sharing a workbook) both set them here.
 */

export interface PaneOfficeOptions {
  /** The request context of the Excel client the pane's `Excel.run` drives. */
  context: Excel.RequestContext;
  /** Office answers `onReady` once this settles: the workbook is there before the pane reads it. */
  ready: Promise<unknown>;
  isSetSupported: (set: string, version?: string) => boolean;
  /** Office's theme; the pane follows it. */
  bodyBackgroundColor: string;
}

export function setPaneOffice(globals: Record<string, unknown>, options: PaneOfficeOptions): void {
  globals.Office = {
    onReady: async () => {
      await options.ready;
      return { host: "Excel", platform: "OfficeOnline" };
    },
    EventType: { OfficeThemeChanged: "officeThemeChanged" },
    context: {
      officeTheme: { bodyBackgroundColor: options.bodyBackgroundColor },
      requirements: { isSetSupported: options.isSetSupported },
      document: { addHandlerAsync: () => undefined },
    },
    actions: { associate: () => undefined },
    addin: { showAsTaskpane: async () => undefined },
  };
  globals.Excel = {
    run: <T>(batch: (context: Excel.RequestContext) => Promise<T>) => batch(options.context),
  };
}
