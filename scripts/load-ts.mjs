// Loads the project's TypeScript from a Node script: esbuild bundles the entry (packages left
// external) into a folder under the project's .tmp (ignored by git, and inside the project so the
// bundle's imports of packages such as exceljs resolve from node_modules), and it is required from
// there. Used by npm run docs, npm run bench and npm run picture.
import { build } from "esbuild";
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

export const projectRoot = join(dirname(fileURLToPath(import.meta.url)), "..");

/**
 * Calls `use(load)` where `load(entry)` bundles and requires a TypeScript module (its path relative
 * to the project), then removes the bundles, whatever `use` does.
 */
export async function withTypeScript(prefix, use) {
  mkdirSync(join(projectRoot, ".tmp"), { recursive: true });
  const out = mkdtempSync(join(projectRoot, ".tmp", `${prefix}-`));
  const load = async (entry) => {
    const outfile = join(out, `${entry.replace(/\W/g, "_")}.cjs`);
    await build({
      entryPoints: [join(projectRoot, entry)],
      bundle: true,
      packages: "external",
      platform: "node",
      format: "cjs",
      outfile,
      logLevel: "warning",
    });
    return createRequire(import.meta.url)(outfile);
  };
  try {
    return await use(load);
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}
