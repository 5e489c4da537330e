import { Workbook } from "exceljs";
import { rmSync } from "node:fs";
import { lintFile } from "../src/cli/lint";
import { runRebuild } from "../src/cli/rebuild";
import { readXlsx, writeXlsx } from "../src/hosts/xlsx";
import { planCarried, rebuildWorkbook } from "../src/sheets/rebuild";

/**
 * One measurement in a fresh process, for bench/limits.bench.ts: `lint <file>` runs okr lint's
 * reading and checking of one file in this process (what each file's child does), `rebuild
 * <file>` okr rebuild of it (what its child does: read, rebuild, report, write), `exceljs <file>`
 * ExcelJS reading the same file alone; each prints its time and the process's peak resident
 * memory as JSON. For rebuild, the outcome says what share of the time planCarried took (reading
 * the new workbook back to find where each plan field went), timed again on its own afterwards.
 */
async function main(): Promise<void> {
  const [what, path] = process.argv.slice(2);
  const started = process.hrtime.bigint();
  let outcome = "";
  if (what === "lint") {
    const result = await lintFile(path, { asOf: 46_112 });
    outcome = result.error ?? `${result.findings.length} findings`;
  } else if (what === "rebuild") {
    const out = `${path}.rebuilt.xlsx`;
    let stderr = "";
    const code = await runRebuild(
      path,
      { out, style: null, force: true, format: "json", maxCells: 1_500_000 },
      {
        stdout: () => undefined,
        stderr: (text) => (stderr += text),
        write: (spec, file, force) => writeXlsx(spec, file, { force }).then(() => 0),
      }
    );
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    rmSync(out, { force: true });
    outcome = `exit ${code}: ${stderr.trim()}`;
    if (code === 0) {
      // planCarried alone, on the same read and spec (outside the time measured above).
      const rebuilt = rebuildWorkbook(await readXlsx(path), "portable");
      const carriedStarted = process.hrtime.bigint();
      if (rebuilt.spec !== null) planCarried(rebuilt.read, rebuilt.spec);
      const carriedMs = Number(process.hrtime.bigint() - carriedStarted) / 1e6;
      outcome = `planCarried ${Math.round(carriedMs).toLocaleString("en-US")} ms, ${((100 * carriedMs) / ms).toFixed(1)}% of it`;
    }
    process.stdout.write(
      JSON.stringify({ ms, peakMb: process.resourceUsage().maxRSS / 1024, outcome }) + "\n"
    );
    return;
  } else {
    const workbook = new Workbook();
    await workbook.xlsx.readFile(path);
    outcome = `${workbook.worksheets.length} sheets`;
  }
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  process.stdout.write(
    JSON.stringify({ ms, peakMb: process.resourceUsage().maxRSS / 1024, outcome }) + "\n"
  );
}

void main();
