import {
  ArraySize,
  CellError,
  EmptyValue,
  ErrorType,
  FunctionArgumentType,
  FunctionPlugin,
  type FunctionPluginDefinition,
  HyperFormula,
  type ImplementedFunctions,
  SimpleRangeValue,
} from "hyperformula";
import {
  aggregate,
  broadcast,
  broadcastSize,
  type CellConvention,
  gradeOfRanges,
  resultError,
} from "../../functions/broadcast";
import type { ErrorCode } from "../../okr/errors";
import {
  health as healthOf,
  pace as paceOf,
  progress as progressOf,
  score as scoreOf,
  status as statusOf,
} from "../../okr/scoring";
import { isEmpty } from "../../okr/values";

/*
 * The OKR.* worksheet functions as a HyperFormula function plugin, computed by the same engine
 * and the same range broadcasting (src/functions/broadcast.ts) as the Excel custom functions, so a
 * workbook evaluated here shows what Excel with the add-in shows.
 */

type Ast = Parameters<FunctionPlugin["evaluateAst"]>[0];
type State = Parameters<FunctionPlugin["evaluateAst"]>[1];
type Result = ReturnType<FunctionPlugin["evaluateAst"]>;
type CallAst = Ast & { args: Ast[] };

// HyperFormula's AstNodeType.EMPTY, which its package does not export: an argument left empty.
const isEmptyArgument = (argument: Ast) => (argument as { type?: unknown }).type === "EMPTY";

/** The functions, their arguments in order (as in src/functions/functions.ts) and how many are required. */
export const OKR_FUNCTIONS = {
  SCORE: { parameters: ["baseline", "target", "actual", "type"], required: 3 },
  PROGRESS: { parameters: ["baseline", "target", "actual", "type"], required: 3 },
  STATUS: { parameters: ["score", "red_below", "green_from"], required: 1 },
  GRADE: { parameters: ["scores", "weights"], required: 1 },
  HEALTH: { parameters: ["average", "kind"], required: 1 },
  PACE: {
    parameters: ["baseline", "target", "actual", "start", "end", "as_of", "type"],
    required: 5,
  },
} as const;

export type OkrFunctionId = keyof typeof OKR_FUNCTIONS;

/** The names formulas use: OKR.SCORE, … (HyperFormula accepts the dot, as in its own NORM.DIST). */
export const okrFunctionName = (id: OkrFunctionId) => `OKR.${id}`;

const ERROR_TYPES: Record<Exclude<ErrorCode, "#REF!" | "#NAME?">, ErrorType> = {
  "#VALUE!": ErrorType.VALUE,
  "#N/A": ErrorType.NA,
  "#NUM!": ErrorType.NUM,
  "#DIV/0!": ErrorType.DIV_BY_ZERO,
  // HyperFormula has no #NULL!; it can only arrive from Excel, never as an input here.
  "#NULL!": ErrorType.VALUE,
};

const ERROR_CODES: Partial<Record<ErrorType, ErrorCode>> = {
  [ErrorType.VALUE]: "#VALUE!",
  [ErrorType.NA]: "#N/A",
  [ErrorType.NUM]: "#NUM!",
  [ErrorType.DIV_BY_ZERO]: "#DIV/0!",
  [ErrorType.REF]: "#REF!",
  [ErrorType.NAME]: "#NAME?",
};

/** HyperFormula's side of the broadcasting: its CellError in and out, shown as Excel would. */
export const HYPERFORMULA_CELLS: CellConvention<CellError> = {
  // #CYCLE!, #SPILL!, #ERROR! and #LIC! have no Excel code the engine knows: #VALUE!, as in cells.ts.
  errorCodeOf: (value) =>
    value instanceof CellError ? (ERROR_CODES[value.type] ?? "#VALUE!") : null,
  error: (code, message) => {
    const shown = resultError(code, message);
    return new CellError(ERROR_TYPES[shown.code], shown.message);
  },
};

function parameters(id: OkrFunctionId) {
  const { parameters: names, required } = OKR_FUNCTIONS[id];
  // ANY: a range arrives whole (this plugin broadcasts, not HyperFormula), and an error value
  // arrives as a value, so that it affects only its own result cell, as in Excel.
  return names.map((_, index) => ({
    argumentType: FunctionArgumentType.ANY,
    ...(index >= required ? { optionalArg: true } : {}),
  }));
}

function metadata(id: OkrFunctionId, method: string, spills: boolean) {
  return {
    method,
    parameters: parameters(id),
    // Array expressions in arguments (G2:G9*100) are evaluated as arrays, as Excel 365 does.
    enableArrayArithmeticForArguments: true,
    ...(spills ? { sizeOfResultArrayMethod: "spillSize" } : {}),
  };
}

const IMPLEMENTED: ImplementedFunctions = {
  [okrFunctionName("SCORE")]: metadata("SCORE", "score", true),
  [okrFunctionName("PROGRESS")]: metadata("PROGRESS", "progress", true),
  [okrFunctionName("STATUS")]: metadata("STATUS", "status", true),
  [okrFunctionName("GRADE")]: metadata("GRADE", "grade", false),
  [okrFunctionName("HEALTH")]: metadata("HEALTH", "health", true),
  [okrFunctionName("PACE")]: metadata("PACE", "pace", true),
};

/** The translations HyperFormula needs to recognise the names (the same in every language). */
export const OKR_FUNCTION_TRANSLATIONS: Record<string, string> = Object.fromEntries(
  Object.keys(OKR_FUNCTIONS).map((id) => [
    okrFunctionName(id as OkrFunctionId),
    okrFunctionName(id as OkrFunctionId),
  ])
);

/**
 * Makes the names known to HyperFormula's languages. Languages are process-wide in HyperFormula;
 * a name only resolves in an instance that also has the plugin, so other instances are unaffected.
 */
export function registerOkrFunctionNames(): void {
  for (const code of HyperFormula.getRegisteredLanguagesCodes()) {
    HyperFormula.getLanguage(code).extendFunctions(OKR_FUNCTION_TRANSLATIONS);
  }
}

export interface OkrFunctionOptions {
  /** Excel serial of the day OKR.PACE judges on when as_of is empty; default: the clock. */
  today?: number;
}

/** The plugin class, for HyperFormula's `functionPlugins` option or `registerFunctionPlugin`. */
export function okrFunctionPlugin(options: OkrFunctionOptions = {}): FunctionPluginDefinition {
  const { today } = options;
  const paceOn = (...values: unknown[]) => {
    const [baseline, target, actual, start, end, asOf, type] = values;
    const day = isEmpty(asOf) && today !== undefined ? today : asOf;
    return paceOf(baseline, target, actual, start, end, day, type);
  };

  class OkrFunctions extends FunctionPlugin {
    static override implementedFunctions = IMPLEMENTED;

    score(ast: CallAst, state: State): Result {
      return this.cellwise(ast, state, "SCORE", scoreOf);
    }

    progress(ast: CallAst, state: State): Result {
      return this.cellwise(ast, state, "PROGRESS", progressOf);
    }

    status(ast: CallAst, state: State): Result {
      return this.cellwise(ast, state, "STATUS", statusOf);
    }

    health(ast: CallAst, state: State): Result {
      return this.cellwise(ast, state, "HEALTH", healthOf);
    }

    pace(ast: CallAst, state: State): Result {
      return this.cellwise(ast, state, "PACE", paceOn);
    }

    grade(ast: CallAst, state: State): Result {
      const named = this.namedArguments(ast, state, "GRADE");
      if (named instanceof CellError) return named;
      // As in Excel, weights are omitted only when the argument is (OKR.GRADE(A2:A5) or
      // OKR.GRADE(A2:A5,)); a reference to an empty cell is a weights range of the wrong shape.
      const weightsGiven = ast.args.length > 1 && !isEmptyArgument(ast.args[1]);
      return aggregate(
        named,
        (scoreCells, weightCells) =>
          gradeOfRanges(scoreCells, weightsGiven ? weightCells : undefined),
        HYPERFORMULA_CELLS
      );
    }

    /** The size HyperFormula reserves for the spill, known from the formula before evaluation. */
    spillSize(ast: CallAst, state: State): ArraySize {
      const sizes = ast.args.map((argument) => {
        const size = this.arraySizeForAst(argument, state);
        return { rows: size.height, columns: size.width };
      });
      const { rows, columns } = broadcastSize(sizes);
      return rows === 1 && columns === 1 ? ArraySize.scalar() : new ArraySize(columns, rows);
    }

    private cellwise(
      ast: CallAst,
      state: State,
      id: OkrFunctionId,
      compute: (...values: unknown[]) => number | string | null
    ): Result {
      const named = this.namedArguments(ast, state, id);
      if (named instanceof CellError) return named;
      const cells = broadcast(named, compute, HYPERFORMULA_CELLS);
      return cells.length === 1 && cells[0].length === 1
        ? cells[0][0]
        : SimpleRangeValue.onlyValues(cells);
    }

    /** Each argument as the engine reads it: a value, or rows of values for a range. */
    private namedArguments(
      ast: CallAst,
      state: State,
      id: OkrFunctionId
    ): [string, unknown][] | CellError {
      const { parameters: names, required } = OKR_FUNCTIONS[id];
      if (ast.args.length < required || ast.args.length > names.length) {
        const expected =
          required === names.length ? `${required}` : `${required} to ${names.length}`;
        return new CellError(
          ErrorType.NA,
          `${okrFunctionName(id)} takes ${expected} arguments; got ${ast.args.length}`
        );
      }
      return names.map((name, index) => [
        name,
        index < ast.args.length
          ? this.plain(this.evaluateAst(ast.args[index], state), state)
          : null,
      ]);
    }

    private plain(value: Result, state: State): unknown {
      if (value instanceof SimpleRangeValue) {
        return value.data.map((row) => row.map((cell) => this.plain(cell, state)));
      }
      if (value === EmptyValue) return null;
      // Unwraps HyperFormula's typed numbers (a date, a percentage) to the plain number.
      return this.coerceToType(value, { argumentType: FunctionArgumentType.ANY }, state);
    }
  }
  return OkrFunctions;
}
