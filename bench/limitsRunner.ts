import { Workbook } from "exceljs";
import { lintFile } from "../src/cli/lint";

/**
 * One measurement in a fresh process, for bench/limits.bench.ts: `lint <file>` runs okr lint's
 * reading and checking of one file in this process (what each file's child does), `exceljs
 * <file>` ExcelJS reading the same file alone; either prints its time and the process's peak
 * resident memory as JSON.
 */
async function main(): Promise<void> {
  const [what, path] = process.argv.slice(2);
  const started = process.hrtime.bigint();
  let outcome = "";
  if (what === "lint") {
    const result = await lintFile(path, { asOf: 46_112 });
    outcome = result.error ?? `${result.findings.length} findings`;
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
