import { build } from "esbuild";
import { join } from "node:path";

/**
 * The okr command bundled by esbuild into `outfile`, to run in a real process (node outfile …).
 * Each suite bundles into its own temporary folder, not dist/: test/cliBin.test.ts rebuilds dist/
 * in its own worker, and two builds into one folder at once would race.
 */
export async function bundleOkrCommand(outfile: string): Promise<void> {
  await build({
    entryPoints: [join(__dirname, "..", "..", "src", "cli", "okr.ts")],
    bundle: true,
    platform: "node",
    target: "node18",
    format: "cjs",
    outfile,
    logLevel: "warning",
  });
}
