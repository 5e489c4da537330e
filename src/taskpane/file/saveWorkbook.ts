import { xlsxFromSpec } from "../../hosts/xlsx/charts";
import type { WorkbookSpec } from "../../sheets/spec";
import type { InsertProgress, WorkbookFile } from "../actions";

/**
 * "Make a workbook" outside Excel: the spec written as .xlsx bytes in the page by the xlsx host
 * (`xlsxFromSpec`, what `okr new` writes), then saved as a new file: through the browser's save
 * dialog where there is one (`showSaveFilePicker`), else handed to its downloads (a Blob, an
 * object URL and a link with `download`). Nothing is sent anywhere and no existing file is
 * rewritten: the dialog writes only the file the person names (and asks before replacing one).
 *
 * Loaded on demand, in the `xlsx` chunk with ExcelJS, when a person asks for the file.
 */

export const XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/** How long a downloaded file's object URL is kept: the browser reads the Blob after the click. */
export const REVOKE_AFTER_MS = 60_000;

/** The parts of the File System Access API the save uses (Chromium's; absent elsewhere). */
export interface SaveFilePickerOptions {
  suggestedName: string;
  types: { description: string; accept: Record<string, string[]> }[];
}
export interface SaveFileHandle {
  name: string;
  createWritable(): Promise<{
    write(data: Blob): Promise<void>;
    close(): Promise<void>;
    abort(): Promise<void>;
  }>;
}

/** What saving needs from the browser, given by the page; tests give their own. */
export interface SavePlatform {
  showSaveFilePicker?: (options: SaveFilePickerOptions) => Promise<SaveFileHandle>;
  /** Hands a Blob to the browser's downloads under the given name. */
  download(blob: Blob, fileName: string): void;
}

/** The platform of the page it runs in: the save dialog when the browser has one. */
export function browserPlatform(): SavePlatform {
  const picker = (window as unknown as { showSaveFilePicker?: SavePlatform["showSaveFilePicker"] })
    .showSaveFilePicker;
  return {
    showSaveFilePicker: typeof picker === "function" ? picker.bind(window) : undefined,
    download: (blob, fileName) => downloadBlob(blob, fileName),
  };
}

/**
 * A Blob downloaded through a link with `download`: the link is added, clicked and removed at
 * once; the object URL is revoked a minute later (revoked at once, some browsers read nothing).
 */
export function downloadBlob(
  blob: Blob,
  fileName: string,
  env: {
    document: Pick<Document, "createElement" | "body">;
    url: Pick<typeof URL, "createObjectURL" | "revokeObjectURL">;
    later: (run: () => void, ms: number) => unknown;
  } = { document, url: URL, later: (run, ms) => setTimeout(run, ms) }
): void {
  const href = env.url.createObjectURL(blob);
  try {
    const link = env.document.createElement("a");
    link.href = href;
    link.download = fileName;
    link.rel = "noopener";
    link.hidden = true;
    env.document.body.append(link);
    link.click();
    link.remove();
  } finally {
    env.later(() => env.url.revokeObjectURL(href), REVOKE_AFTER_MS);
  }
}

function errorName(error: unknown): string | null {
  return typeof error === "object" && error !== null && "name" in error
    ? String((error as { name: unknown }).name)
    : null;
}

/**
 * Saves the bytes as a new file: the save dialog when there is one (a cancel is no error: nothing
 * is written), else a download. A dialog the browser refuses to open (the click's permission has
 * run out, or a policy forbids it) falls back to the download.
 */
export async function saveFile(
  bytes: Uint8Array,
  fileName: string,
  platform: SavePlatform
): Promise<Pick<WorkbookFile, "fileName" | "saved">> {
  const blob = new Blob([bytes as Uint8Array<ArrayBuffer>], { type: XLSX_TYPE });
  if (platform.showSaveFilePicker !== undefined) {
    let handle: SaveFileHandle | null = null;
    try {
      handle = await platform.showSaveFilePicker({
        suggestedName: fileName,
        types: [{ description: "Excel workbook", accept: { [XLSX_TYPE]: [".xlsx"] } }],
      });
    } catch (error) {
      const name = errorName(error);
      if (name === "AbortError") return { fileName, saved: "cancelled" };
      if (name !== "SecurityError" && name !== "NotAllowedError") throw error;
    }
    if (handle !== null) {
      const writable = await handle.createWritable();
      try {
        await writable.write(blob);
        await writable.close();
      } catch (error) {
        // Until close() the file keeps what it held before: aborting leaves it as it was.
        await writable.abort().catch(() => undefined);
        throw error;
      }
      return { fileName: handle.name, saved: "saved" };
    }
  }
  platform.download(blob, fileName);
  return { fileName, saved: "downloaded" };
}

/**
 * The page's insert: the spec as an .xlsx file, saved as a new file. Reports the same steps as
 * the Excel insert (preparing, writing: the bytes being made, done). A spec no workbook can hold
 * is refused by the xlsx host before anything is saved.
 */
export async function saveWorkbook(
  spec: WorkbookSpec,
  fileName: string,
  onProgress?: (progress: InsertProgress<WorkbookFile>) => void,
  platform: SavePlatform = browserPlatform()
): Promise<WorkbookFile> {
  const sheets = spec.sheets.map((sheet) => sheet.name);
  onProgress?.({ step: "preparing", sheets: sheets.length });
  onProgress?.({ step: "writing", sheets: sheets.length });
  const bytes = await xlsxFromSpec(spec);
  const saved = await saveFile(bytes, fileName, platform);
  const result: WorkbookFile = { kind: "file", ...saved, bytes: bytes.length, sheets };
  onProgress?.({ step: "done", result });
  return result;
}
