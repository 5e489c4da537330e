// `npm run test:unit`: the unit suites only (jest.config.js lists what is not one: LibreOffice,
// Chromium, builds, the dev server, and the suites that drive real engines over whole workbooks),
// on both cores, with the property tests at a quarter of their runs (OKR_PROPERTY_RUNS_SCALE, see
// test/support/reach.ts). `npm test` runs everything in full. Extra arguments go to jest.
import { spawnSync } from "node:child_process";
import { createRequire } from "node:module";

const jest = createRequire(import.meta.url).resolve("jest/bin/jest");
const result = spawnSync(
  process.execPath,
  [jest, "--selectProjects", "unit", "--maxWorkers=2", ...process.argv.slice(2)],
  { stdio: "inherit", env: { ...process.env, OKR_PROPERTY_RUNS_SCALE: "0.25" } }
);
process.exit(result.status ?? 1);
