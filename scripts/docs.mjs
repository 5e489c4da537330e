// `npm run docs`: writes every generated file (scripts/docs/index.ts lists them): the rules and
// template pages in docs/ and the functions' help pages. `npm run docs -- --check` writes nothing
// and exits 1 naming each stale file (test/docs.test.ts does the same check in npm test).
import { build } from "esbuild";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const check = process.argv.includes("--check");
mkdirSync(join(root, ".tmp"), { recursive: true });
const out = mkdtempSync(join(root, ".tmp", "docs-"));
try {
  const outfile = join(out, "docs.cjs");
  await build({
    entryPoints: [join(root, "scripts/docs/index.ts")],
    bundle: true,
    packages: "external",
    platform: "node",
    format: "cjs",
    outfile,
    logLevel: "warning",
  });
  const { generatedFiles, currentContent, withContent } = createRequire(import.meta.url)(outfile);
  let stale = 0;
  for (const file of generatedFiles()) {
    const path = join(root, file.path);
    const text = existsSync(path) ? readFileSync(path, "utf8") : undefined;
    if (currentContent(file, text) === file.content) continue;
    if (check) {
      console.error(`stale: ${file.path} (run npm run docs)`);
      stale += 1;
    } else {
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, withContent(file, text));
      console.log(`wrote ${file.path}${file.region ? ` (its ${file.region} part)` : ""}`);
    }
  }
  if (stale > 0) process.exitCode = 1;
} finally {
  rmSync(out, { recursive: true, force: true });
}
