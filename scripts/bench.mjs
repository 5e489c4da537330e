// `npm run bench`: prints the project's performance figures, each with its ratio against a
// baseline measured in the same run. Benchmarks are TypeScript under bench/, bundled with esbuild.
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { cpus as cpus_, totalmem } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { projectRoot, withTypeScript } from "./load-ts.mjs";

const root = projectRoot;

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

await withTypeScript("bench", async (load) => {
  const { runFunctionBenchmarks } = await load("bench/functions.bench.ts");
  const { runExcelBenchmarks } = await load("bench/excel.bench.ts");
  const { runXlsxBenchmarks } = await load("bench/xlsx.bench.ts");
  const { runLintBenchmarks } = await load("bench/lint.bench.ts");
  const { runStructureBenchmarks } = await load("bench/structure.bench.ts");
  const { runLimitsBenchmarks } = await load("bench/limits.bench.ts");
  const { runPaneBenchmarks } = await load("bench/pane.bench.ts");
  const { runWebCheckBenchmarks } = await load("bench/webCheck.bench.ts");
  const { runSheetsBenchmarks } = await load("bench/sheets.bench.ts");
  const rows = [
    ...runFunctionBenchmarks(),
    ...(await runExcelBenchmarks()),
    ...(await runXlsxBenchmarks()),
    ...(await runLintBenchmarks()),
    ...runStructureBenchmarks(),
    ...(await runLimitsBenchmarks()),
    ...(await runPaneBenchmarks()),
    ...(await runWebCheckBenchmarks()),
    ...runSheetsBenchmarks(),
    ...bundleFigures(),
  ];
  const width = Math.max(...rows.map((row) => row.name.length));
  const cpus = cpus_();
  console.log(
    `OKR Studio benchmarks (node ${process.version}, ${process.platform}/${process.arch}, ${cpus.length} × ${cpus[0]?.model.trim() ?? "unknown CPU"}, ${Math.round(totalmem() / 2 ** 30)} GiB)`
  );
  for (const row of rows) console.log(`  ${row.name.padEnd(width)}  ${row.value}`);
});
