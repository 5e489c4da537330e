/** The error values a cell can show; the message is what Excel shows in the error indicator. */
export const ERROR_CODES = [
  "#VALUE!",
  "#N/A",
  "#NUM!",
  "#DIV/0!",
  "#NULL!",
  "#REF!",
  "#NAME?",
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

/**
 * An OKR input the engine cannot score. Its message is the reason a person needs, and is the same
 * text whether it surfaces in a cell (`#VALUE!` with this message) or as a thrown library error.
 */
export class OkrError extends Error {
  readonly code: ErrorCode;

  constructor(code: ErrorCode, message: string) {
    super(message);
    this.name = "OkrError";
    this.code = code;
  }
}

/** A value of the wrong kind or out of range: `#VALUE!`. */
export function invalidValue(message: string): OkrError {
  return new OkrError("#VALUE!", message);
}

/** Data that is needed but absent: `#N/A`. */
export function missingValue(message: string): OkrError {
  return new OkrError("#N/A", message);
}
