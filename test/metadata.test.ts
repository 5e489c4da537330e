import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
// eslint-disable-next-line @typescript-eslint/no-require-imports -- the generator ships CommonJS without an ESM entry.
const { generateCustomFunctionsMetadata } = require("custom-functions-metadata");

/**
 * functions.json is generated from the JSDoc by the same generator the webpack plugin runs. This
 * golden copy makes a dropped, renamed or changed function fail CI: workbooks refer to the ids, and
 * Excel caches the metadata, so every change here must be deliberate (and bump the manifest
 * version). To accept a deliberate change: UPDATE_GOLDEN=1 npx jest test/metadata.test.ts
 */
const golden = join(__dirname, "golden", "functions-metadata.golden.json");

interface Metadata {
  functions: {
    id: string;
    name: string;
    helpUrl: string;
    parameters: { name: string; optional?: boolean }[];
    result: unknown;
  }[];
}

let generated: Metadata;

beforeAll(async () => {
  const { metadataJson, errors } = await generateCustomFunctionsMetadata(
    join(__dirname, "..", "src", "functions", "functions.ts"),
    true
  );
  expect(errors).toEqual([]);
  generated = JSON.parse(metadataJson);
  if (process.env.UPDATE_GOLDEN === "1")
    writeFileSync(golden, `${JSON.stringify(generated, null, 2)}\n`);
}, 60_000);

test("the generated metadata equals the golden copy", () => {
  expect(generated).toEqual(JSON.parse(readFileSync(golden, "utf8")));
});

test("the six permanent ids, each with its help page and its arguments in order", () => {
  const signatures = Object.fromEntries(
    generated.functions.map((fn) => [
      fn.id,
      fn.parameters.map((p) => (p.optional ? `[${p.name}]` : p.name)).join(", "),
    ])
  );
  expect(signatures).toEqual({
    SCORE: "baseline, target, actual, [type]",
    PROGRESS: "baseline, target, actual, [type]",
    STATUS: "score, [red_below], [green_from]",
    GRADE: "scores, [weights]",
    HEALTH: "average, [kind]",
    PACE: "baseline, target, actual, start, end, [as_of], [type]",
  });
  for (const fn of generated.functions) {
    expect(fn.name).toBe(fn.id);
    expect(fn.helpUrl).toBe(`https://localhost:3000/help/${fn.id.toLowerCase()}.html`);
  }
});

test("GRADE returns one value; the others spill", () => {
  const spills = Object.fromEntries(
    generated.functions.map((fn) => [fn.id, JSON.stringify(fn.result).includes("matrix")])
  );
  expect(spills).toEqual({
    SCORE: true,
    PROGRESS: true,
    STATUS: true,
    GRADE: false,
    HEALTH: true,
    PACE: true,
  });
});
