// `npm run docs`: writes every generated file (scripts/docs/index.ts lists them): the rules and
// template pages in docs/ and the functions' help pages. `npm run docs -- --check` writes nothing
// and exits 1 naming each stale file (test/docs.test.ts does the same check in npm test).
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { projectRoot, withTypeScript } from "./load-ts.mjs";

const check = process.argv.includes("--check");
await withTypeScript("docs", async (load) => {
  const { generatedFiles, currentContent, withContent } = await load("scripts/docs/index.ts");
  let stale = 0;
  for (const file of generatedFiles()) {
    const path = join(projectRoot, file.path);
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
});
