import type { WorkbookFile } from "../src/taskpane/actions";
import {
  downloadBlob,
  REVOKE_AFTER_MS,
  saveFile,
  XLSX_TYPE,
  type SaveFilePickerOptions,
  type SavePlatform,
} from "../src/taskpane/file/saveWorkbook";
import { fileSummary, sizeText, workbookFileName } from "../src/taskpane/templates/insertForm";

/*
 * Saving a workbook made outside Excel, with the browser's parts given by the test: the save
 * dialog (written, cancelled, refused, failing midway), the download link and its object URL,
 * the name suggested and what the pane then says. The bytes themselves: test/webPageMake.test.ts.
 */

const BYTES = new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2, 3]);

interface Recorded {
  platform: SavePlatform;
  suggested: SaveFilePickerOptions[];
  written: Uint8Array[];
  downloads: { bytes: Uint8Array; type: string; fileName: string }[];
  aborted: number;
  closed: number;
}

/** A platform whose dialog does `dialog` (returns a chosen name, or throws) and records the rest. */
function platformWith(
  dialog: ((options: SaveFilePickerOptions) => string) | null,
  writeFails = false
): Recorded {
  const recorded: Recorded = {
    suggested: [],
    written: [],
    downloads: [],
    aborted: 0,
    closed: 0,
    platform: {
      download: (blob, fileName) => {
        void blob
          .arrayBuffer()
          .then((buffer) =>
            recorded.downloads.push({ bytes: new Uint8Array(buffer), type: blob.type, fileName })
          );
      },
    },
  };
  if (dialog !== null)
    recorded.platform.showSaveFilePicker = async (options) => {
      recorded.suggested.push(options);
      const name = dialog(options);
      return {
        name,
        createWritable: async () => ({
          write: async (blob: Blob) => {
            if (writeFails)
              throw Object.assign(new Error("The disk is full."), { name: "QuotaExceededError" });
            recorded.written.push(new Uint8Array(await blob.arrayBuffer()));
          },
          close: async () => {
            recorded.closed++;
          },
          abort: async () => {
            recorded.aborted++;
          },
        }),
      };
    };
  return recorded;
}

const domError = (name: string) => Object.assign(new Error(name), { name });
const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe("saveFile", () => {
  test("the save dialog: the name suggested, .xlsx offered, the bytes written, the name chosen kept", async () => {
    const recorded = platformWith(() => "Q4 plan.xlsx");
    await expect(saveFile(BYTES, "okr-revenue-growth.xlsx", recorded.platform)).resolves.toEqual({
      fileName: "Q4 plan.xlsx",
      saved: "saved",
    });
    expect(recorded.suggested).toEqual([
      {
        suggestedName: "okr-revenue-growth.xlsx",
        types: [{ description: "Excel workbook", accept: { [XLSX_TYPE]: [".xlsx"] } }],
      },
    ]);
    expect(recorded.written).toEqual([BYTES]);
    expect(recorded.closed).toBe(1);
    expect(recorded.downloads).toEqual([]);
  });

  test("the dialog closed: no error, nothing written, nothing downloaded", async () => {
    const recorded = platformWith(() => {
      throw domError("AbortError");
    });
    await expect(saveFile(BYTES, "okr-x.xlsx", recorded.platform)).resolves.toEqual({
      fileName: "okr-x.xlsx",
      saved: "cancelled",
    });
    await settle();
    expect(recorded.written).toEqual([]);
    expect(recorded.downloads).toEqual([]);
  });

  test.each(["SecurityError", "NotAllowedError"])(
    "a dialog the browser refuses to open (%s): the file is downloaded instead",
    async (name) => {
      const recorded = platformWith(() => {
        throw domError(name);
      });
      await expect(saveFile(BYTES, "okr-x.xlsx", recorded.platform)).resolves.toEqual({
        fileName: "okr-x.xlsx",
        saved: "downloaded",
      });
      await settle();
      expect(recorded.downloads).toEqual([
        { bytes: BYTES, type: XLSX_TYPE, fileName: "okr-x.xlsx" },
      ]);
    }
  );

  test("another failure of the dialog is the save's failure, and nothing is downloaded", async () => {
    const recorded = platformWith(() => {
      throw new TypeError("showSaveFilePicker: bad options");
    });
    await expect(saveFile(BYTES, "okr-x.xlsx", recorded.platform)).rejects.toThrow("bad options");
    await settle();
    expect(recorded.downloads).toEqual([]);
  });

  test("a write that fails midway is aborted (the file keeps what it held) and reported", async () => {
    const recorded = platformWith(() => "okr-x.xlsx", true);
    await expect(saveFile(BYTES, "okr-x.xlsx", recorded.platform)).rejects.toThrow(
      "The disk is full."
    );
    expect(recorded.aborted).toBe(1);
    expect(recorded.closed).toBe(0);
  });

  test("no save dialog (Firefox, Safari, headless): downloaded as an .xlsx Blob", async () => {
    const recorded = platformWith(null);
    await expect(saveFile(BYTES, "okr-x.xlsx", recorded.platform)).resolves.toEqual({
      fileName: "okr-x.xlsx",
      saved: "downloaded",
    });
    await settle();
    expect(recorded.downloads).toEqual([{ bytes: BYTES, type: XLSX_TYPE, fileName: "okr-x.xlsx" }]);
  });
});

describe("downloadBlob", () => {
  function fakeEnvironment() {
    const events: string[] = [];
    const timers: { run: () => void; ms: number }[] = [];
    const link = {
      href: "",
      download: "",
      rel: "",
      hidden: false,
      click: () => events.push(`click ${link.href} as ${link.download}`),
      remove: () => events.push("removed"),
    };
    const env = {
      document: {
        createElement: (tag: string) => {
          events.push(`create ${tag}`);
          return link;
        },
        body: { append: () => events.push("appended") },
      } as unknown as Pick<Document, "createElement" | "body">,
      url: {
        createObjectURL: () => "blob:http://127.0.0.1/1234",
        revokeObjectURL: (url: string) => events.push(`revoke ${url}`),
      } as unknown as Pick<typeof URL, "createObjectURL" | "revokeObjectURL">,
      later: (run: () => void, ms: number) => timers.push({ run, ms }),
    };
    return { events, timers, link, env };
  }

  test("a hidden link is added, clicked and removed; the URL is revoked a minute later, not before", () => {
    const { events, timers, link, env } = fakeEnvironment();
    downloadBlob(new Blob([BYTES]), "okr-x.xlsx", env);
    expect(events).toEqual([
      "create a",
      "appended",
      "click blob:http://127.0.0.1/1234 as okr-x.xlsx",
      "removed",
    ]);
    expect(link).toMatchObject({ rel: "noopener", hidden: true });
    expect(timers.map((timer) => timer.ms)).toEqual([REVOKE_AFTER_MS]);
    timers[0].run();
    expect(events.at(-1)).toBe("revoke blob:http://127.0.0.1/1234");
  });

  test("a click that throws still revokes the URL", () => {
    const { events, timers, link, env } = fakeEnvironment();
    link.click = () => {
      throw new Error("blocked");
    };
    expect(() => downloadBlob(new Blob([BYTES]), "okr-x.xlsx", env)).toThrow("blocked");
    timers.forEach((timer) => timer.run());
    expect(events.at(-1)).toBe("revoke blob:http://127.0.0.1/1234");
  });
});

describe("the name suggested", () => {
  test.each([
    ["revenue-growth", "okr-revenue-growth.xlsx"],
    ["Support Copilot", "okr-support-copilot.xlsx"],
    ["Café Été 2026", "okr-cafe-ete-2026.xlsx"],
    ["../../etc/passwd", "okr-etc-passwd.xlsx"],
    [".hidden", "okr-hidden.xlsx"],
    ["C:\\Users\\ann\\plan", "okr-c-users-ann-plan.xlsx"],
    ["北京", "okr-workbook.xlsx"],
    ["", "okr-workbook.xlsx"],
    ["  --  ", "okr-workbook.xlsx"],
    ["=1+1", "okr-1-1.xlsx"],
    [`${"a".repeat(59)} b`, `okr-${"a".repeat(59)}.xlsx`],
    ["x".repeat(500), `okr-${"x".repeat(60)}.xlsx`],
  ])("%j → %s", (name, expected) => {
    expect(workbookFileName(name)).toBe(expected);
  });
});

describe("what the pane says of the file", () => {
  test.each([
    [0, "0 bytes"],
    [812, "812 bytes"],
    [1023, "1,023 bytes"],
    [1024, "1 KB"],
    [9_728, "9.5 KB"],
    [24_400, "24 KB"],
    [1_258_291, "1.2 MB"],
    [52_428_800, "50 MB"],
  ])("%d bytes: %s", (bytes, expected) => {
    expect(sizeText(bytes)).toBe(expected);
  });

  const file = (saved: WorkbookFile["saved"]): WorkbookFile => ({
    kind: "file",
    fileName: "okr-revenue-growth.xlsx",
    bytes: 24_400,
    sheets: ["OKR Plan", "Scorecard", "Dashboard"],
    saved,
  });

  test.each([
    [
      "saved",
      "portable",
      "Workbook saved",
      "Saved okr-revenue-growth.xlsx (24 KB), with 3 sheets: OKR Plan, Scorecard, Dashboard.",
      /Excel, LibreOffice Calc or Google Sheets/,
    ],
    [
      "downloaded",
      "portable",
      "Workbook downloaded",
      "Downloaded okr-revenue-growth.xlsx (24 KB), with 3 sheets: OKR Plan, Scorecard, Dashboard. It is in your browser's downloads.",
      /formulas compute in each of them/,
    ],
    [
      "downloaded",
      "functions",
      "Workbook downloaded",
      "Downloaded okr-revenue-growth.xlsx (24 KB), with 3 sheets: OKR Plan, Scorecard, Dashboard. It is in your browser's downloads.",
      /Excel with the OKR Studio add-in: its OKR functions need it/,
    ],
  ] as const)("%s, %s formulas", (saved, style, title, made, open) => {
    const summary = fileSummary(file(saved), style);
    expect(summary.title).toBe(title);
    expect(summary.made).toBe(made);
    expect(summary.open).toMatch(open);
  });

  test("cancelled: nothing was saved, and how to save it", () => {
    expect(fileSummary(file("cancelled"), "portable")).toEqual({
      title: "Nothing was saved",
      made: "The save dialog was closed, so no file was written. Choose Download .xlsx to save the workbook.",
      open: null,
    });
  });
});
