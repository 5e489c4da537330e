// Emits the domain (src/okr) as a Node library: dist/lib/index.cjs (require), index.mjs (import)
// and type declarations, which package.json "exports" points to; and the `okr` command,
// dist/cli/okr.cjs, which bin/okr.cjs runs.
import { build } from "esbuild";
import { execFileSync } from "node:child_process";
import { rmSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const outdir = join(root, "dist", "lib");
const clidir = join(root, "dist", "cli");
rmSync(outdir, { recursive: true, force: true });
rmSync(clidir, { recursive: true, force: true });

const common = {
  entryPoints: [join(root, "src/okr/index.ts")],
  bundle: true,
  platform: "node",
  target: "node18",
  sourcemap: true,
  logLevel: "warning",
};
await build({ ...common, format: "cjs", outfile: join(outdir, "index.cjs") });
await build({ ...common, format: "esm", outfile: join(outdir, "index.mjs") });
await build({
  ...common,
  entryPoints: [join(root, "src/cli/okr.ts")],
  format: "cjs",
  outfile: join(clidir, "okr.cjs"),
});

const tsc = createRequire(import.meta.url).resolve("typescript/bin/tsc");
execFileSync(process.execPath, [tsc, "-p", join(root, "tsconfig.lib.json")], { stdio: "inherit" });
console.log(`library written to ${outdir}, okr command to ${clidir}`);
