/**
 * Counts the work a piece of code does on strings, for tests that prove linear time by counting
 * rather than timing (issue 12): every character a regular expression scans and every character a
 * string operation copies. While `measureWork` runs, `RegExp.prototype.exec` (which `test`,
 * `match`, `matchAll`, `replace` and `split` call once the built-in is replaced) and the copying
 * methods of `String.prototype` are wrapped; they are restored afterwards, whatever happens.
 *
 * What is counted:
 * - a regular expression's search from `lastIndex` (0 unless global or sticky): the characters up
 *   to the end of its match, or to the end of the text when it finds none; a sticky expression
 *   (as `split` uses, one position at a time) counts its match's length, at least 1;
 * - `slice`, `substring`, `substr`, `trim`, `trimStart`, `trimEnd`, `toLowerCase`, `toUpperCase`,
 *   `padStart`, `padEnd`, `repeat`, `concat`: the length of the string they return;
 * - `Array.prototype.join`: the length of the string it returns.
 *
 * A regular expression's backtracking inside one search is not visible here: a pattern that is
 * quadratic on its own (a leading `[\w]*` tried at every letter) is caught by reading it, not by
 * this meter. A loop that scans or copies the whole text once per item is.
 */
export interface Work {
  /** Characters scanned by regular expressions. */
  scanned: number;
  /** Characters copied into new strings. */
  copied: number;
  /** Both. */
  total: number;
}

type Method = (this: unknown, ...args: unknown[]) => unknown;

export function measureWork(run: () => void): Work {
  const work = { scanned: 0, copied: 0 };
  const restore: (() => void)[] = [];
  let inside = false;
  const wrap = <T extends object>(
    owner: T,
    name: string,
    count: (result: unknown, self: unknown, args: unknown[]) => void
  ) => {
    const original = (owner as Record<string, Method>)[name];
    const wrapped: Method = function (this: unknown, ...args: unknown[]) {
      const result = original.apply(this, args);
      // The counting itself uses strings; it is not counted.
      if (!inside) {
        inside = true;
        try {
          count(result, this, args);
        } finally {
          inside = false;
        }
      }
      return result;
    };
    Object.defineProperty(owner, name, { value: wrapped, configurable: true, writable: true });
    restore.push(() =>
      Object.defineProperty(owner, name, { value: original, configurable: true, writable: true })
    );
  };
  const copies = (result: unknown) => {
    if (typeof result === "string") work.copied += result.length;
  };
  const originalExec = RegExp.prototype.exec;
  try {
    // exec is wrapped by hand: it needs lastIndex from before the call.
    restore.push(() =>
      Object.defineProperty(RegExp.prototype, "exec", {
        value: originalExec,
        configurable: true,
        writable: true,
      })
    );
    Object.defineProperty(RegExp.prototype, "exec", {
      configurable: true,
      writable: true,
      value: function exec(this: RegExp, text: string) {
        const from = this.global || this.sticky ? this.lastIndex : 0;
        const match = originalExec.call(this, text);
        if (!inside) {
          const subject = String(text);
          if (this.sticky) work.scanned += Math.max(1, match ? match[0].length : 0);
          else if (match) work.scanned += Math.max(1, match.index + match[0].length - from);
          else work.scanned += Math.max(1, subject.length - from);
        }
        return match;
      },
    });
    for (const name of [
      "slice",
      "substring",
      "substr",
      "trim",
      "trimStart",
      "trimEnd",
      "toLowerCase",
      "toUpperCase",
      "padStart",
      "padEnd",
      "repeat",
      "concat",
    ])
      wrap(String.prototype, name, copies);
    wrap(Array.prototype, "join", copies);
    run();
  } finally {
    for (const undo of restore.reverse()) undo();
  }
  return { ...work, total: work.scanned + work.copied };
}
