/**
 * Formulas as a person types them ("=MAXIFS(…)", "=OKR.SCORE(…)") and as an .xlsx file stores
 * them. The file format has no leading "=", names every function newer than Excel 2007 with an
 * `_xlfn.` prefix (without it Excel shows #NAME? until the cell is re-entered), and stores an
 * add-in's JavaScript function as `_xldudf_NAMESPACE_NAME`, which Excel binds to the add-in's
 * function when the add-in loads. String literals and quoted sheet names are left untouched.
 */

/** Worksheet functions added after Excel 2007 that the file format stores with `_xlfn.`. */
const FUTURE_FUNCTIONS = new Set([
  "AGGREGATE",
  "CEILING.MATH",
  "CONCAT",
  "DAYS",
  "FLOOR.MATH",
  "FORMULATEXT",
  "IFNA",
  "IFS",
  "ISFORMULA",
  "ISOWEEKNUM",
  "MAXIFS",
  "MINIFS",
  "MODE.SNGL",
  "NUMBERVALUE",
  "PERCENTILE.EXC",
  "PERCENTILE.INC",
  "QUARTILE.EXC",
  "QUARTILE.INC",
  "RANK.AVG",
  "RANK.EQ",
  "STDEV.P",
  "STDEV.S",
  "SWITCH",
  "TEXTJOIN",
  "VAR.P",
  "VAR.S",
  "XLOOKUP",
  "XMATCH",
]);

/**
 * Dynamic-array functions spill, which a file records with cell metadata this host does not
 * write; the spec's formulas are single-cell, so one of these is a builder mistake, said loudly.
 */
const SPILLING_FUNCTIONS = new Set([
  "FILTER",
  "LET",
  "LAMBDA",
  "RANDARRAY",
  "SEQUENCE",
  "SORT",
  "SORTBY",
  "UNIQUE",
]);

/** The add-in's namespace: `OKR.SCORE` is stored as `_xldudf_OKR_SCORE`. */
const NAMESPACE = "OKR";
const UDF_PREFIX = `_xldudf_${NAMESPACE}_`;

/** Applies `rewrite` to the parts of a formula outside "string literals" and 'sheet names'. */
function outsideQuotes(formula: string, rewrite: (code: string) => string): string {
  let result = "";
  let code = "";
  let index = 0;
  while (index < formula.length) {
    const quote = formula[index];
    if (quote !== '"' && quote !== "'") {
      code += quote;
      index += 1;
      continue;
    }
    // A quoted run ends at the next lone quote; a doubled quote is an escaped one.
    let end = index + 1;
    for (;;) {
      const next = formula.indexOf(quote, end);
      if (next === -1) {
        end = formula.length;
        break;
      }
      if (formula[next + 1] === quote) {
        end = next + 2;
        continue;
      }
      end = next + 1;
      break;
    }
    result += rewrite(code) + formula.slice(index, end);
    code = "";
    index = end;
  }
  return result + rewrite(code);
}

const FUNCTION_CALL = /(?<![A-Za-z0-9_.])([A-Za-z_][A-Za-z0-9_.]*)(\s*\()/g;

/** A quick test for any name worth a closer look, so most formulas skip the rewrite. */
const ANY_SPECIAL = new RegExp(
  `(?<![A-Za-z0-9_.])(?:${[...FUTURE_FUNCTIONS, ...SPILLING_FUNCTIONS]
    .map((name) => name.replace(/\./g, "\\."))
    .join("|")}|${NAMESPACE}\\.[A-Za-z0-9_.]+)\\s*\\(`,
  "i"
);

/** "=MAXIFS(A:A,B:B,1)" → "_xlfn.MAXIFS(A:A,B:B,1)"; "=OKR.SCORE(…)" → "_xldudf_OKR_SCORE(…)". */
export function toFileFormula(formula: string): string {
  if (!formula.startsWith("=")) {
    throw new Error(`a formula must start with "=": ${JSON.stringify(formula)}`);
  }
  const body = formula.slice(1);
  if (!ANY_SPECIAL.test(body)) return body;
  return outsideQuotes(body, (code) =>
    code.replace(FUNCTION_CALL, (call, name: string, open: string) => {
      const upper = name.toUpperCase();
      if (SPILLING_FUNCTIONS.has(upper)) {
        throw new Error(
          `${upper} spills into neighbouring cells, which the .xlsx writer does not support: ${formula}`
        );
      }
      if (FUTURE_FUNCTIONS.has(upper)) return `_xlfn.${upper}${open}`;
      if (upper.startsWith(`${NAMESPACE}.`)) return `${UDF_PREFIX}${upper.slice(4)}${open}`;
      return call;
    })
  );
}

const FILE_PREFIXES = /(?<![A-Za-z0-9_.])(?:_xlfn\._xlws\.|_xlfn\.|_xldudf_OKR_)/gi;

/** The inverse: a file's formula as a person reads it, with its "=". */
export function fromFileFormula(stored: string): string {
  const body = outsideQuotes(stored, (code) =>
    code.replace(FILE_PREFIXES, (prefix) =>
      prefix.toLowerCase() === UDF_PREFIX.toLowerCase() ? `${NAMESPACE}.` : ""
    )
  );
  return `=${body}`;
}
