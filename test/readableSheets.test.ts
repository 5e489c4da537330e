import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { writeXlsx } from "../src/hosts/xlsx";
import { instantiate, templates } from "../src/okr/templates";
import { buildWorkbook } from "../src/sheets/build";
import { SHEETS } from "../src/sheets/layout";
import type { ChartSpec, FormulaStyle } from "../src/sheets/spec";
import { withCurrents } from "./support/plans";
import { convert, makeProfile } from "./support/scorecardPicture";

/**
 * Readable in a program that does not fit rows to their text. Every template, in both formula
 * styles, is written by the xlsx host and printed to PDF by LibreOffice (headless), every sheet of
 * it; poppler's `pdftotext -bbox` then gives each word's box on its page, and no two boxes may
 * overlap. Wrapped text in a row too low for it, or text running into the next cell, prints words
 * over other words. This checks what LibreOffice draws, not the builder's own height estimate.
 * The Dashboard's native charts are printed too: each one's title, and its axis titles inside it,
 * are in the PDF's text.
 *
 * Needs soffice and pdftotext (Debian: libreoffice-calc-nogui, poppler-utils); skipped with a
 * message without them, except under CI=true, where it must run.
 */

const onCi = process.env.CI === "true" || process.env.CI === "1";
const available = (command: string, args: string[]) =>
  spawnSync(command, args, { encoding: "utf8", timeout: 60_000 }).status === 0;
const missing = [
  ...(available("soffice", ["--version"]) ? [] : ["soffice (libreoffice-calc-nogui)"]),
  ...(available("pdftotext", ["-v"]) ? [] : ["pdftotext (poppler-utils)"]),
];
if (missing.length > 0 && !onCi)
  console.warn(`Readable-sheets suite skipped: ${missing.join(" and ")} not installed.`);
const suite = missing.length === 0 || onCi ? describe : describe.skip;

interface Word {
  page: number;
  text: string;
  xMin: number;
  yMin: number;
  xMax: number;
  yMax: number;
}

/** Every word of a PDF with its box, as `pdftotext -bbox` gives it. */
function wordsOf(pdf: string): Word[] {
  const result = spawnSync("pdftotext", ["-bbox", pdf, "-"], {
    encoding: "utf8",
    maxBuffer: 256 * 1024 * 1024,
  });
  if (result.status !== 0) throw new Error(`pdftotext ${pdf}: ${result.stderr}`);
  const words: Word[] = [];
  let page = 0;
  for (const line of result.stdout.split("\n")) {
    if (line.includes("<page ")) page += 1;
    const word =
      /<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*)<\/word>/.exec(
        line
      );
    if (word)
      words.push({
        page,
        text: word[5],
        xMin: Number(word[1]),
        yMin: Number(word[2]),
        xMax: Number(word[3]),
        yMax: Number(word[4]),
      });
  }
  return words;
}

/**
 * Pairs of words on one page whose boxes overlap by more than `slack` points both ways: a glyph's
 * box is a little taller than its line, so lines set at the font's own spacing touch.
 */
function overlapping(words: Word[], slack = 1): string[] {
  const found: string[] = [];
  const byPage = new Map<number, Word[]>();
  for (const word of words) byPage.set(word.page, [...(byPage.get(word.page) ?? []), word]);
  for (const [page, onPage] of byPage) {
    const sorted = [...onPage].sort((a, b) => a.yMin - b.yMin);
    for (let i = 0; i < sorted.length; i++)
      for (let j = i + 1; j < sorted.length && sorted[j].yMin < sorted[i].yMax - slack; j++) {
        const [a, b] = [sorted[i], sorted[j]];
        const across = Math.min(a.xMax, b.xMax) - Math.max(a.xMin, b.xMin);
        const down = Math.min(a.yMax, b.yMax) - Math.max(a.yMin, b.yMin);
        if (across > slack && down > slack)
          found.push(`page ${page}: "${a.text}" and "${b.text}" at y ${a.yMin.toFixed(1)}`);
      }
  }
  return found;
}

/** Words on one line of a page (the same top, give or take half a point), left to right. */
function lineOf(words: Word[], word: Word): Word[] {
  return words
    .filter(
      (other) =>
        other.page === word.page &&
        Math.abs(other.yMin - word.yMin) < 0.5 &&
        other.xMax - other.xMin >= other.yMax - other.yMin - 1
    )
    .sort((a, b) => a.xMin - b.xMin);
}

/** Where `text` is printed as consecutive words of one line, left to right: their boxes. */
function printed(words: Word[], text: string): Word[][] {
  const wanted = text.split(" ");
  const found: Word[][] = [];
  for (const word of words) {
    if (word.text !== wanted[0]) continue;
    const line = lineOf(words, word);
    const start = line.indexOf(word);
    const run = line.slice(start, start + wanted.length);
    if (run.map((each) => each.text).join(" ") === text) found.push(run);
  }
  return found;
}

/**
 * What LibreOffice printed of a chart: the page its title is on (null when it is on none, or on
 * more than one), and below that title (and above the next chart's, `below`), the value axis'
 * title (the words set upright, read bottom to top) and, right of it, the category axis' title.
 */
function chartPrint(
  words: Word[],
  chart: ChartSpec,
  next: ChartSpec | undefined
): { page: number | null; valueAxis: string; categoryAxis: boolean } {
  const titles = printed(words, chart.title);
  if (titles.length !== 1) return { page: null, valueAxis: "", categoryAxis: false };
  const [title] = titles;
  const page = title[0].page;
  const top = title[0].yMin;
  const nextTitle = next && printed(words, next.title).find((run) => run[0].page === page);
  const bottom = nextTitle ? nextTitle[0].yMin : Infinity;
  const inBand = words.filter(
    (word) => word.page === page && word.yMin > top + 1 && word.yMax < bottom
  );
  // Set upright: taller than wide, in the column of the tallest such word (a digit is taller than
  // wide too, but not in that column).
  const tall = inBand.filter((word) => word.yMax - word.yMin > word.xMax - word.xMin + 1);
  const tallest = tall.reduce<Word | null>(
    (found, word) =>
      found === null || word.yMax - word.yMin > found.yMax - found.yMin ? word : found,
    null
  );
  const upright = tall
    .filter(
      (word) =>
        tallest !== null &&
        Math.abs(word.xMin - tallest.xMin) < 0.5 &&
        Math.abs(word.xMax - tallest.xMax) < 0.5
    )
    .sort((a, b) => b.yMax - a.yMax);
  const left = upright.length > 0 ? Math.max(...upright.map((word) => word.xMax)) : Infinity;
  return {
    page,
    valueAxis: upright.map((word) => word.text).join(" "),
    categoryAxis:
      printed(
        inBand.filter((word) => word.xMin > left),
        chart.axes.category
      ).length > 0,
  };
}

const styles: FormulaStyle[] = ["portable", "functions"];
const cases = templates.flatMap((template) =>
  styles.map((style) => ({
    file: `${template.id}.${style}`,
    spec: buildWorkbook(withCurrents(instantiate(template)), { style }),
  }))
);

/**
 * The checks' own control: a workbook without the builder's row heights must fail the first, and
 * without its charts (`charts`, which it had) the second.
 */
const unfitted = (() => {
  const spec = buildWorkbook(withCurrents(instantiate(templates[0])), { style: "portable" });
  return {
    file: "unfitted",
    spec: {
      ...spec,
      sheets: spec.sheets.map((sheet) => ({ ...sheet, rows: [], charts: [] })),
    },
    charts: spec.sheets.find((sheet) => sheet.name === SHEETS.dashboard)?.charts ?? [],
  };
})();

suite("LibreOffice prints every sheet of every template with no text over other text", () => {
  const work = mkdtempSync(join(tmpdir(), "okr-readable-"));
  const words = new Map<string, Word[]>();

  beforeAll(async () => {
    if (missing.length > 0) throw new Error(`CI=true but ${missing.join(" and ")} missing`);
    const [input, output] = [join(work, "in"), join(work, "out")];
    mkdirSync(input);
    mkdirSync(output);
    const files: string[] = [];
    for (const { file, spec } of [...cases, unfitted]) {
      files.push(join(input, `${file}.xlsx`));
      await writeXlsx(spec, files[files.length - 1]);
    }
    const started = Date.now();
    convert(makeProfile(join(work, "profile")), "pdf", output, files);
    for (const { file } of [...cases, unfitted])
      words.set(file, wordsOf(join(output, `${file}.pdf`)));
    console.info(
      `Readable sheets: ${cases.length + 1} workbooks (every sheet) printed to PDF and read in ${((Date.now() - started) / 1000).toFixed(1)} s.`
    );
  }, 900_000);

  afterAll(() => rmSync(work, { recursive: true, force: true }));

  test.each(cases.map(({ file }) => [file]))("%s", (file) => {
    const found = words.get(file)!;
    // Every sheet printed: the five titles or headers are there.
    expect(found.length).toBeGreaterThan(100);
    expect(overlapping(found)).toEqual([]);
  });

  test.each(cases.map(({ file, spec }) => [file, spec] as const))(
    "%s: the Dashboard's charts printed with their titles and axis titles",
    (file, spec) => {
      const charts = spec.sheets.find((sheet) => sheet.name === SHEETS.dashboard)?.charts ?? [];
      expect(charts.length).toBeGreaterThan(0);
      const found = words.get(file)!;
      const prints = charts.map((chart, index) => chartPrint(found, chart, charts[index + 1]));
      expect(prints).toEqual(
        charts.map((chart) => ({
          page: prints[0].page,
          valueAxis: chart.axes.value,
          categoryAxis: true,
        }))
      );
      // On the Dashboard's page: its title is there.
      expect(found.some((word) => word.page === prints[0].page && word.text === "Dashboard:")).toBe(
        true
      );
    }
  );

  test("the control: the same sheets without the builder's row heights print text over text", () => {
    expect(overlapping(words.get(unfitted.file)!).length).toBeGreaterThan(0);
  });

  test("the control: without the charts, no chart title or axis title is found", () => {
    const found = words.get(unfitted.file)!;
    const charts = unfitted.charts;
    expect(charts.map((chart, index) => chartPrint(found, chart, charts[index + 1]))).toEqual(
      charts.map(() => ({ page: null, valueAxis: "", categoryAxis: false }))
    );
  });
});
