import { importPlan } from "../src/okr/import";
import { parseKeyResult } from "../src/okr/parser";
import { measureWork } from "./support/workMeter";

/*
 * Linear time on hostile input (issue 12), proved by counting work, not by timing: the characters
 * the parser's regular expressions scan and its string operations copy (test/support/workMeter.ts)
 * on inputs ten (and a hundred) times larger. Linear work grows tenfold per step (a little less,
 * as fixed costs are shared); quadratic work grows a hundredfold. The first two tests show that
 * the meter does see quadratic work, so the others can fail.
 */

/** Work per size, and the growth from each size to the next. */
function growth(make: (size: number) => string, run: (text: string) => void, sizes: number[]) {
  const work = sizes.map((size) => {
    const text = make(size);
    return measureWork(() => run(text)).total;
  });
  return work.slice(1).map((amount, i) => amount / work[i]);
}

/** Each step is 10x the input: linear work grows at most ~10x (1.3 allows for constant terms). */
const NEAR_LINEAR = 10 * 1.3;

describe("the meter sees quadratic work", () => {
  test("a loop that rebuilds the text once per item grows a hundredfold per tenfold input", () => {
    const rebuild = (text: string) => {
      let rest = text;
      for (let at = rest.indexOf("("); at >= 0; at = rest.indexOf("("))
        rest = `${rest.slice(0, at)} ${rest.slice(at + 1)}`;
    };
    const steps = growth((size) => "(x) ".repeat(size), rebuild, [100, 1_000, 10_000]);
    for (const step of steps) expect(step).toBeGreaterThan(50);
  });
});

describe("the meter sees a whole-text scan per item", () => {
  test("a regular expression run over the whole text once per item grows a hundredfold", () => {
    const rescan = (text: string) => {
      for (let at = text.indexOf("("); at >= 0; at = text.indexOf("(", at + 1)) /\)\s*$/.test(text);
    };
    const steps = growth((size) => "(x) ".repeat(size), rescan, [100, 1_000, 10_000]);
    for (const step of steps) expect(step).toBeGreaterThan(50);
  });
});

describe("parseKeyResult does work linear in its input", () => {
  const inputs: [string, (size: number) => string][] = [
    ["parentheses with from/to", (size) => `Reach 5 teams ${"(from 1 to 2) ".repeat(size)}`],
    ["a run of letters", (size) => "a".repeat(size * 10)],
    ["a run of digits", (size) => "1".repeat(size * 10)],
    ["a long noun before 'to'", (size) => `Reduce ${"x".repeat(size * 10)} to 5`],
    ["many numbers", (size) => "Reach 5 teams ".repeat(size)],
    ["many conditions", (size) => `No errors ${"for 5 days ".repeat(size)}`],
    ["many changes", (size) => "Reduce cost by 5% ".repeat(size)],
    ["many from/to pairs", (size) => "from 1 to 2 ".repeat(size)],
    ["many names with numbers", (size) => "tier 1 or ".repeat(size)],
    ["hyphenated capitals", (size) => `${"A-".repeat(size * 5)} 1.5`],
    ["open parentheses", (size) => "(".repeat(size * 10)],
    ["emphasis markers", (size) => " _a".repeat(size * 3)],
    ["references", (size) => "a#1 ".repeat(size * 3)],
    ["one long current value", (size) => `Reach 5 (Current: ${"1 ".repeat(size * 2)})`],
  ];
  test("the case of issue 12, one line of (Current: 1) repeated: 1k, 10k, 100k parentheses", () => {
    // 35 s at 1 MB before: parentheticals rebuilt the text once per parenthesis.
    const make = (size: number) => "(Current: 1) ".repeat(size);
    const steps = growth(make, (text) => parseKeyResult(text), [1_000, 10_000, 100_000]);
    for (const step of steps) expect(step).toBeLessThan(NEAR_LINEAR);
  });

  test.each(inputs)("%s: 300, 3k", (_name, make) => {
    const steps = growth(make, (text) => parseKeyResult(text), [300, 3_000]);
    for (const step of steps) expect(step).toBeLessThan(NEAR_LINEAR);
  });
});

describe("importPlan does work linear in its input", () => {
  const inputs: [string, (size: number) => string][] = [
    ["many key results", (size) => `## Objective 1: A\n${"- [ ] Reach 5 teams\n".repeat(size)}`],
    ["many objectives", (size) => "## Objective: A\n- Reach 5 teams\n".repeat(size)],
    [
      "one long key-result line",
      (size) => `## Objective 1: A\n- ${"(Current: 1) ".repeat(size)}\n`,
    ],
    [
      "one item wrapped over many lines",
      (size) => `## Objective 1: A\n- Reach\n${"  5 teams\n".repeat(size)}`,
    ],
    [
      "a long table",
      (size) => `| Objective | Key result |\n|---|---|\n${"| A | Reach 5 teams |\n".repeat(size)}`,
    ],
    [
      "many Key Results headings",
      (size) => `## Objective: A\n${"#### Key Results\n".repeat(size)}`,
    ],
  ];
  test.each(inputs)("%s: 100, 1k", (_name, make) => {
    const steps = growth(make, (text) => importPlan(text), [100, 1_000]);
    for (const step of steps) expect(step).toBeLessThan(NEAR_LINEAR);
  });
});
