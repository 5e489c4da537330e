#!/usr/bin/env node
// The `okr` command. The CLI is built into dist/cli by `npm run build` (or `npm run build:lib`).
const path = require("node:path");
const fs = require("node:fs");

const built = path.join(__dirname, "..", "dist", "cli", "okr.cjs");
if (!fs.existsSync(built)) {
  process.stderr.write(
    "okr: not built yet: run `npm run build` (or `npm run build:lib`) in the okr-studio folder first\n"
  );
  process.exit(2);
}
require(built);
