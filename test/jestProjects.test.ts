import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

/*
 * `npm run test:unit` runs every suite jest.config.js does not list as an integration suite: a
 * suite that bundles the okr command (test/support/bundleOkr.ts) and starts it in real processes
 * takes minutes, so it must be listed. Read from the config itself, as jest reads it.
 */
// eslint-disable-next-line @typescript-eslint/no-require-imports
const config = require("../jest.config.js") as {
  projects: { displayName: string; testPathIgnorePatterns?: string[] }[];
};

const unit = config.projects.find((project) => project.displayName === "unit")!;
const ignored = (unit.testPathIgnorePatterns ?? []).map((pattern) => new RegExp(pattern));
const isUnit = (name: string) => !ignored.some((pattern) => pattern.test(`/test/${name}`));

const bundling = readdirSync(__dirname)
  .filter((name) => /\.test\.tsx?$/.test(name))
  .filter((name) =>
    /from "\.\/support\/bundleOkr"/.test(readFileSync(join(__dirname, name), "utf8"))
  );

test("the suites that bundle the okr command are found", () => {
  expect(bundling).toEqual(expect.arrayContaining(["lintBin.test.ts", "rebuildContained.test.ts"]));
});

test.each(bundling)("%s, which bundles the okr command, is not a unit suite", (name) => {
  expect(isUnit(name)).toBe(false);
});

test.each(["jestProjects.test.ts", "cliWords.test.ts"])("%s is a unit suite", (name) => {
  expect(isUnit(name)).toBe(true);
});
