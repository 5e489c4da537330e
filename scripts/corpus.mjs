// `npm run corpus`: the key-result parser measured on the real-world corpus
// (test/fixtures/real/sentences.json): sentences scored, right on every field, per split (tune and
// held-out), wrong readings with confidence ≥ 0.5, right readings with confidence < 0.5, and the
// wrong count per field. How a reading is compared with its label (numbers, units) is said in
// bench/corpus.ts. `npm run corpus -- --tune-mistakes` also breaks the tune sentences down per
// sentence form and lists those read wrongly, and prints the tune figures alone (as does
// `--tune-only`), so that the held-out figures are not seen while the parser is being changed;
// held-out sentences are never listed, only counted.
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { projectRoot, withTypeScript } from "./load-ts.mjs";

const sentences = [
  "sentences.json",
  "sentences-held-out-2.json",
  "sentences-held-out-3.json",
  "sentences-held-out-4.json",
  "sentences-held-out-5.json",
  "sentences-held-out-6.json",
  "sentences-held-out-7.json",
  "sentences-held-out-8.json",
  "sentences-held-out-9.json",
  "sentences-held-out-10.json",
  "sentences-held-out-11.json",
  "sentences-held-out-12.json",
  "sentences-held-out-13.json",
  "sentences-held-out-14.json",
  "sentences-held-out-16.json",
  "sentences-held-out-17.json",
  "sentences-held-out-18.json",
]
  .map((file) => join(projectRoot, "test/fixtures/real", file))
  .filter((file) => existsSync(file))
  .flatMap((file) => JSON.parse(readFileSync(file, "utf8")));

await withTypeScript("corpus", async (load) => {
  const { corpusReport, tuneForms, tuneMistakes } = await load("bench/corpus.ts");
  const tuneOnly = process.argv.includes("--tune-mistakes") || process.argv.includes("--tune-only");
  for (const line of corpusReport(sentences, { tuneOnly })) console.log(line);
  if (process.argv.includes("--tune-mistakes")) {
    console.log("\nTune sentences per form:");
    for (const line of tuneForms(sentences)) console.log(line);
    console.log("");
    for (const line of tuneMistakes(sentences)) console.log(line);
  }
});
