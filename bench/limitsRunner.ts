import { Workbook } from "exceljs";
import { rmSync } from "node:fs";
import { lintFile } from "../src/cli/lint";
import { runRebuild } from "../src/cli/rebuild";
import { writeXlsx } from "../src/hosts/xlsx";
import { planCarried, rebuildWorkbook } from "../src/sheets/rebuild";

/**
 * One measurement in a fresh process, for bench/limits.bench.ts: `lint <file>` runs okr lint's
 * reading and checking of one file in this process (what each file's child does), `rebuild
 * <file>` okr rebuild of it (what its child does: read, rebuild, report, write), `exceljs <file>`
 * ExcelJS reading the same file alone; each prints its time and the process's peak resident
 * memory as JSON. For rebuild, the outcome says what share of the time planCarried took (reading
 * the new workbook back to find where each plan field went), timed within the same rebuild. Times
 * are wall time, from the start of the work to its end.
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
    // planCarried timed within this one rebuild (one read, one rebuild), on its own data.
    let carriedMs = 0;
    const timedCarried: typeof planCarried = (read, spec) => {
      const carriedStarted = process.hrtime.bigint();
      const carried = planCarried(read, spec);
      carriedMs += Number(process.hrtime.bigint() - carriedStarted) / 1e6;
      return carried;
    };
    const code = await runRebuild(
      path,
      { out, style: null, force: true, format: "json", maxCells: 1_500_000 },
      {
        stdout: () => undefined,
        stderr: (text) => (stderr += text),
        write: (spec, file, force) => writeXlsx(spec, file, { force }).then(() => 0),
        rebuild: (snapshot, style) => rebuildWorkbook(snapshot, style, timedCarried),
      }
    );
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    rmSync(out, { force: true });
    outcome =
      code === 0
        ? `planCarried ${Math.round(carriedMs).toLocaleString("en-US")} ms, ${((100 * carriedMs) / ms).toFixed(1)}% of it`
        : `exit ${code}: ${stderr.trim()}`;
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
