import { readFileSync } from "node:fs";
import { join } from "node:path";
import * as library from "../src/okr";

/*
 * The examples of docs/library.md are executed: each `call; // result` line of its first code
 * block is evaluated with the library in scope, and its result compared with the comment, so the
 * page cannot show a result the library does not give.
 */
const page = readFileSync(join(__dirname, "..", "docs", "library.md"), "utf8");
const block = /```js\n([\s\S]*?)```/.exec(page)?.[1] ?? "";
const examples = block
  .split("\n")
  .map((line) => /^(\w+\(.*\));\s*\/\/ (.*)$/.exec(line))
  .filter((match): match is RegExpExecArray => match !== null)
  .map((match) => [match[1], match[2]] as const);

function evaluate(expression: string): unknown {
  const names = Object.keys(library);
  const values = names.map((name) => (library as Record<string, unknown>)[name]);
  return new Function(...names, `return ${expression};`)(...values);
}

test("docs/library.md has examples to run", () => {
  expect(examples.length).toBeGreaterThanOrEqual(8);
});

test.each(examples)("%s gives %s", (expression, comment) => {
  const thrown = /^throws (\w+): "(.*)"$/.exec(comment);
  if (thrown) {
    let error: unknown;
    try {
      evaluate(expression);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).constructor.name).toBe(thrown[1]);
    expect((error as Error).message).toBe(thrown[2]);
    return;
  }
  // The comment is a JSON value, then optionally ": why" ("null: pending").
  const value = /^(".*?"|[^:]+)/.exec(comment)![1].trim();
  expect(evaluate(expression)).toEqual(JSON.parse(value));
});
