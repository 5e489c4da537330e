// `node scripts/bench-structure.mjs [key results]`: the structure check's rows of `npm run bench`
// alone (bench/structure.bench.ts), for a quick figure without the other benchmarks.
import { withTypeScript } from "./load-ts.mjs";

await withTypeScript("bench-structure", async (load) => {
  const { runStructureBenchmarks } = await load("bench/structure.bench.ts");
  const size = process.argv[2] === undefined ? undefined : Number(process.argv[2]);
  const rows = runStructureBenchmarks(size, (line) => console.error(line));
  const width = Math.max(...rows.map((row) => row.name.length));
  for (const row of rows) console.log(`  ${row.name.padEnd(width)}  ${row.value}`);
});
