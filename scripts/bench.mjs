// `npm run bench`: prints the project's performance figures, each with its ratio against a
// baseline measured in the same run. Benchmarks are TypeScript under bench/, bundled with esbuild.
import { build } from "esbuild";
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
} from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { createRequire } from "node:module";
import { gzipSync } from "node:zlib";
import { cpus as cpus_, totalmem } from "node:os";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
// Inside the project, so the bundles' own imports of packages (exceljs, …) resolve from node_modules.
mkdirSync(join(root, ".tmp"), { recursive: true });
const out = mkdtempSync(join(root, ".tmp", "bench-"));

async function load(entry) {
  const outfile = join(out, `${entry.replace(/\W/g, "_")}.cjs`);
  await build({
    entryPoints: [join(root, entry)],
    bundle: true,
    packages: "external",
    platform: "node",
    format: "cjs",
    outfile,
    logLevel: "warning",
  });
  return createRequire(import.meta.url)(outfile);
}

// The bundles are content-hashed (taskpane.<hash>.js); functions.js, the stable copy the manifest
// names, is not counted twice. Rows are named without the hash so runs compare.
const HASHED_BUNDLE = /^([\w-]+)\.[0-9a-f]{8,}\.js$/;

function bundleFigures() {
  const dist = join(root, "dist");
  if (!existsSync(join(dist, "taskpane.html")))
    return [{ name: "bundle bytes", value: "dist/ not built (run npm run build first)" }];
  const rows = [];
  for (const file of readdirSync(dist)
    .filter((name) => HASHED_BUNDLE.test(name))
    .sort()) {
    const bytes = statSync(join(dist, file)).size;
    const gzip = gzipSync(readFileSync(join(dist, file))).length;
    rows.push({
      name: `bundle ${file.replace(HASHED_BUNDLE, "$1.js")}`,
      value: `${bytes.toLocaleString("en-US")} bytes (${gzip.toLocaleString("en-US")} gzipped)`,
    });
  }
  return rows;
}

try {
  const { runFunctionBenchmarks } = await load("bench/functions.bench.ts");
  const { runExcelBenchmarks } = await load("bench/excel.bench.ts");
  const { runXlsxBenchmarks } = await load("bench/xlsx.bench.ts");
  const { runLintBenchmarks } = await load("bench/lint.bench.ts");
  const rows = [
    ...runFunctionBenchmarks(),
    ...(await runExcelBenchmarks()),
    ...(await runXlsxBenchmarks()),
    ...(await runLintBenchmarks()),
    ...bundleFigures(),
  ];
  const width = Math.max(...rows.map((row) => row.name.length));
  const cpus = cpus_();
  console.log(
    `OKR Studio benchmarks (node ${process.version}, ${process.platform}/${process.arch}, ${cpus.length} × ${cpus[0]?.model.trim() ?? "unknown CPU"}, ${Math.round(totalmem() / 2 ** 30)} GiB)`
  );
  for (const row of rows) console.log(`  ${row.name.padEnd(width)}  ${row.value}`);
} finally {
  rmSync(out, { recursive: true, force: true });
}
