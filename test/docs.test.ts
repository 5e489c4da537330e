import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { generatedFiles } from "../scripts/docs/index";

// Every generated page is committed as the generator makes it: a change to the code that the page
// reports (a rule, a template, a function's description) without `npm run docs` fails here.
const root = join(__dirname, "..");

describe("generated files are up to date", () => {
  const files = generatedFiles();

  test("the generators produce files, each path once", () => {
    expect(files.length).toBeGreaterThan(0);
    expect(new Set(files.map((file) => file.path)).size).toBe(files.length);
  });

  test.each(files.map((file) => [file.path, file] as const))("%s", (path, file) => {
    const current = existsSync(join(root, path)) ? readFileSync(join(root, path), "utf8") : "";
    if (current !== file.content) {
      throw new Error(`${path} is stale: run \`npm run docs\` and commit the result`);
    }
  });
});
