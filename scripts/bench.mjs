// `npm run bench`: prints the project's performance figures, each with its ratio against a
// baseline measured in the same run. Benchmarks are TypeScript under bench/, bundled with esbuild.
import { build } from "esbuild";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { gzipSync } from "node:zlib";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const out = mkdtempSync(join(tmpdir(), "okr-bench-"));

async function load(entry) {
  const outfile = join(out, `${entry.replace(/\W/g, "_")}.mjs`);
  await build({
    entryPoints: [join(root, entry)],
    bundle: true,
    platform: "node",
    format: "esm",
    outfile,
    logLevel: "warning",
  });
  return import(pathToFileURL(outfile).href);
}

function bundleFigures() {
  const dist = join(root, "dist");
  if (!existsSync(join(dist, "taskpane.js")))
    return [{ name: "bundle bytes", value: "dist/ not built (run npm run build first)" }];
  const rows = [];
  for (const file of readdirSync(dist)
    .filter((name) => name.endsWith(".js"))
    .sort()) {
    const bytes = statSync(join(dist, file)).size;
    const gzip = gzipSync(readFileSync(join(dist, file))).length;
    rows.push({
      name: `bundle ${file}`,
      value: `${bytes.toLocaleString("en-US")} bytes (${gzip.toLocaleString("en-US")} gzipped)`,
    });
  }
  return rows;
}

try {
  const { runFunctionBenchmarks } = await load("bench/functions.bench.ts");
  const rows = [...runFunctionBenchmarks(), ...bundleFigures()];
  const width = Math.max(...rows.map((row) => row.name.length));
  console.log(
    `OKR Studio benchmarks (node ${process.version}, ${process.platform}/${process.arch})`
  );
  for (const row of rows) console.log(`  ${row.name.padEnd(width)}  ${row.value}`);
} finally {
  rmSync(out, { recursive: true, force: true });
}
