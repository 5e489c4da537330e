/**
 * What went wrong, in a person's words: Office's error codes and the pane's own refusals made into
 * a reason and a detail. Shared by the start, the check, the insert and the check-in, and loaded
 * with the first paint (a failed start must be able to say why).
 */

/** An error's own text: its message, never "[object Object]" or an empty string. */
export function reasonOf(error: unknown): string {
  if (error instanceof Error && error.message.trim() !== "") return error.message;
  if (typeof error === "string" && error.trim() !== "") return error;
  return "Excel reported an error without a message.";
}

/** What Office's error codes mean for a person, and what to do. */
const PLAIN_WORDS: Record<string, string> = {
  InvalidOperationInCellEditMode:
    "Excel is editing a cell. Press Enter or Esc in the sheet, then try again.",
  ItemNotFound:
    "A sheet or cell the pane looked for is no longer in the workbook; it may have been renamed or deleted.",
  InvalidReference:
    "A sheet or cell the pane looked for is no longer in the workbook; it may have been renamed or deleted.",
  AccessDenied:
    "Excel did not let the add-in read this workbook; it may be protected or open read-only.",
  RequestPayloadSizeLimitExceeded: "The workbook is too large for Excel to send in one request.",
  ResponsePayloadSizeLimitExceeded: "The workbook is too large for Excel to send in one answer.",
  GeneralException: "Excel could not complete the request. Wait a moment, then try again.",
  ActivityLimitReached: "Excel is busy with other requests. Wait a moment, then try again.",
  RequestAborted: "Excel stopped the request before it finished. Try again.",
  ServiceNotAvailable: "Excel's service is not available right now. Try again in a moment.",
  ApiNotFound:
    "This version of Excel lacks a function the pane needs. Update Excel, or use Excel on the web.",
};

/** Office's error code: OfficeExtension.Error's `code`, or the "Code: message" prefix. */
function officeCode(error: unknown): string | null {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code === "string" && code !== "") return code;
  return /^([A-Z][A-Za-z]+):/.exec(reasonOf(error))?.[1] ?? null;
}

const BUGS = new Set(["TypeError", "ReferenceError", "RangeError", "SyntaxError"]);

/**
 * A failure in a person's words (`reason`) and Excel's own text (`detail`, empty when the reason
 * already is the whole text): an error from Excel says what happened and what to do; a refusal of
 * the pane's own (an ExcelApi version missing) is already in plain words.
 */
export function failureOf(error: unknown): { reason: string; detail: string } {
  const text = reasonOf(error);
  const code = officeCode(error);
  if (code !== null) {
    return { reason: PLAIN_WORDS[code] ?? "Excel could not finish the request.", detail: text };
  }
  if (error instanceof Error && BUGS.has(error.name)) {
    return { reason: "OKR Studio ran into a problem it did not expect.", detail: text };
  }
  return { reason: text, detail: "" };
}
