import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { currentContent, generatedFiles } from "../scripts/docs/index";

// Every generated page is committed as the generator makes it: a change to the code that the page
// reports (a rule, a template, a function's description) without `npm run docs` fails here.
const root = join(__dirname, "..");

describe("generated files are up to date", () => {
  const files = generatedFiles();

  test("the generators produce files, each path (and region) once", () => {
    expect(files.length).toBeGreaterThan(0);
    const keys = files.map((file) => `${file.path}#${file.region ?? ""}`);
    expect(new Set(keys).size).toBe(files.length);
  });

  const named = files.map(
    (file) => [file.region ? `${file.path} (${file.region})` : file.path, file] as const
  );
  test.each(named)("%s", (name, file) => {
    const path = join(root, file.path);
    const text = existsSync(path) ? readFileSync(path, "utf8") : undefined;
    if (currentContent(file, text) !== file.content) {
      throw new Error(`${name} is stale: run \`npm run docs\` and commit the result`);
    }
  });
});
