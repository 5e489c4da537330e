/**
 * A stand-in for the CustomFunctions global that Excel's runtime provides, with the same shape:
 * `new CustomFunctions.Error(code, message?)` and the ErrorCode values Excel uses.
 */
export class FakeCustomFunctionError {
  readonly code: string;
  readonly message?: string;
  constructor(code: string, message?: string) {
    this.code = code;
    if (message !== undefined) this.message = message;
  }
}

export function installCustomFunctionsRuntime(): void {
  (globalThis as unknown as { CustomFunctions: unknown }).CustomFunctions = {
    Error: FakeCustomFunctionError,
    ErrorCode: {
      invalidValue: "#VALUE!",
      notAvailable: "#N/A",
      divisionByZero: "#DIV/0!",
      invalidNumber: "#NUM!",
      nullReference: "#NULL!",
      invalidName: "#NAME?",
      invalidReference: "#REF!",
    },
  };
}

/** Renders a result cell as a person reads it: the value, or "#CODE message". */
export function shown(cell: unknown): unknown {
  if (cell instanceof FakeCustomFunctionError)
    return cell.message ? `${cell.code} ${cell.message}` : cell.code;
  return cell;
}
