import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { readXlsx, writeXlsx } from "../../src/hosts/xlsx";
import { instantiate, templateById } from "../../src/okr/templates";
import { buildWorkbook } from "../../src/sheets/build";
import type { WorkbookSnapshot, WorkbookSpec } from "../../src/sheets/spec";

/**
 * LibreOffice, headless, for the interop suite and for the pictures in docs (docs/scorecard.png,
 * docs/dashboard.png): a fresh profile that recalculates on load, one conversion run for many
 * files, and the pictures themselves. `npm run picture` (scripts/scorecard-picture.mjs) writes
 * them with `renderSheetPicture`; test/interop.test.ts renders the same pictures into a temporary
 * folder and checks them, so no test writes into the project. Needs soffice, pdftotext and
 * pdftoppm (Debian: libreoffice-calc-nogui, poppler-utils). Nothing runs on import.
 */

/**
 * A fresh LibreOffice profile in `folder`, as a file URL for -env:UserInstallation. LibreOffice
 * keeps a file's cached results unless told to recalculate; the xlsx host writes none, but a
 * profile set to "always recalculate" (Tools ▸ Options ▸ Calc ▸ Formula ▸ Recalculation on file
 * load) makes the check independent of that.
 */
export function makeProfile(folder: string): string {
  const user = join(folder, "user");
  mkdirSync(user, { recursive: true });
  writeFileSync(
    join(user, "registrymodifications.xcu"),
    `<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
</oor:items>
`
  );
  return `file://${folder}`;
}

/** Converts `files` to `format` into `outdir` in one soffice run: its start-up is the slow part. */
export function convert(profile: string, format: string, outdir: string, files: string[]): void {
  const result = spawnSync(
    "soffice",
    [
      `-env:UserInstallation=${profile}`,
      "--headless",
      "--norestore",
      "--calc",
      "--convert-to",
      format,
      "--outdir",
      outdir,
      ...files,
    ],
    { encoding: "utf8", timeout: 600_000 }
  );
  if (result.status !== 0) {
    throw new Error(
      `soffice --convert-to ${format} failed (${result.error?.message ?? `exit ${result.status}`}): ${result.stderr}`
    );
  }
}

export interface SheetPicture {
  /** The PNG file's bytes. */
  png: Buffer;
  /** Where the PNG was written, inside the working folder. */
  path: string;
  /** The text of every page of the workbook's PDF, in order. */
  pages: string[];
  /** The sheet's (first) page, 1-based. */
  page: number;
  /** The PDF page's size in points. */
  pageWidth: number;
  pageHeight: number;
  /** The PNG's size in pixels. */
  width: number;
  height: number;
}

/** The pixel size of a PNG, from its IHDR chunk; throws when `bytes` is not a PNG. */
export function pngSize(bytes: Buffer): { width: number; height: number } {
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  if (bytes.length < 24 || !bytes.subarray(0, 8).equals(signature)) {
    throw new Error("not a PNG file");
  }
  if (bytes.subarray(12, 16).toString("latin1") !== "IHDR") throw new Error("a PNG without IHDR");
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

function run(command: string, args: string[]): string {
  const result = spawnSync(command, args, { encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
  if (result.status !== 0) {
    throw new Error(
      `${command} failed (${result.error?.message ?? `exit ${result.status}`}): ${result.stderr}`
    );
  }
  return result.stdout;
}

/** The sheets with a picture in docs, by the file name of their picture (without ".png"). */
export const PICTURE_SHEETS = { scorecard: "Scorecard", dashboard: "Dashboard" } as const;
export type PictureName = keyof typeof PICTURE_SHEETS;

/**
 * The lowest point of a PDF page where anything is drawn (text, lines, fills), in points from the
 * top: the page rendered in grey at a low resolution as a PGM image, read from the bottom up for
 * the first row that is not white.
 */
function drawnBottom(pdf: string, page: number, pageHeight: number): number {
  const dpi = 72;
  const result = spawnSync(
    "pdftoppm",
    ["-gray", "-r", String(dpi), "-f", String(page), "-l", String(page), "-singlefile", pdf],
    { maxBuffer: 64 * 1024 * 1024 }
  );
  if (result.status !== 0) throw new Error(`pdftoppm failed: ${result.stderr.toString()}`);
  const image = result.stdout;
  // Header: "P5", width, height, maximum value, each after whitespace, then one byte per pixel.
  const header = /^P5\s+(\d+)\s+(\d+)\s+(\d+)\s/.exec(image.subarray(0, 64).toString("latin1"));
  if (!header) throw new Error("pdftoppm -gray gave no PGM image");
  const [width, height, white] = [Number(header[1]), Number(header[2]), Number(header[3])];
  const pixels = image.subarray(header[0].length);
  for (let row = height - 1; row >= 0; row--)
    for (let column = 0; column < width; column++)
      if (pixels[row * width + column] < white) return Math.min(pageHeight, ((row + 1) * 72) / dpi);
  return 0;
}

/**
 * Renders one sheet of the completed Q4 2025 sample as LibreOffice prints it (landscape, fit to
 * width), its first page cropped to the sheet, at 110 dpi: the sheet whose title starts with its
 * name and a colon ("Scorecard: …", "Dashboard: …"). Everything is written inside `work` (an
 * existing, empty folder); the caller decides where the PNG goes.
 */
export async function renderSheetPicture(work: string, name: PictureName): Promise<SheetPicture> {
  const plan = instantiate(templateById("completed-cv-q4-2025")!);
  const spec = buildWorkbook(plan, { style: "portable" });
  const source = join(work, `${name}.xlsx`);
  // As `okr new` writes it: the rows with wrapped text at the heights the builder estimated.
  await writeXlsx(spec, source);
  const pdfFolder = join(work, `${name}-pdf`);
  mkdirSync(pdfFolder);
  convert(makeProfile(join(work, `${name}-profile`)), "pdf", pdfFolder, [source]);
  const pdf = join(pdfFolder, `${name}.pdf`);
  const pages = run("pdftotext", ["-layout", pdf, "-"])
    .split("\f")
    .map((text) => text.trim());
  const title = `${PICTURE_SHEETS[name]}:`;
  const page = pages.findIndex((text) => text.startsWith(title)) + 1;
  if (page === 0)
    throw new Error(`no page of the PDF starts with the ${PICTURE_SHEETS[name]}'s title`);

  // Crop the page's empty lower part: the picture is the sheet, not the paper.
  const words = run("pdftotext", ["-bbox", "-f", String(page), "-l", String(page), pdf, "-"]);
  const size = /<page width="([\d.]+)" height="([\d.]+)"/.exec(words);
  if (!size) throw new Error("pdftotext -bbox gave no page size");
  const [pageWidth, pageHeight] = [Number(size[1]), Number(size[2])];
  const top = Math.min(...[...words.matchAll(/yMin="([\d.]+)"/g)].map((match) => Number(match[1])));
  const bottom = Math.max(
    ...[...words.matchAll(/yMax="([\d.]+)"/g)].map((match) => Number(match[1]))
  );
  const dpi = 110;
  const from = Math.max(0, top - 24);
  // A chart's frame reaches below its last words: down to the lowest drawn point, if lower.
  const to = Math.min(pageHeight, Math.max(bottom, drawnBottom(pdf, page, pageHeight)) + 24);
  const png = join(work, name);
  run("pdftoppm", [
    "-png",
    "-r",
    String(dpi),
    "-singlefile",
    "-f",
    String(page),
    "-l",
    String(page),
    "-x",
    "0",
    "-y",
    String(Math.round((from * dpi) / 72)),
    "-W",
    String(Math.round((pageWidth * dpi) / 72)),
    "-H",
    String(Math.round(((to - from) * dpi) / 72)),
    pdf,
    png,
  ]);
  const bytes = readFileSync(`${png}.png`);
  return {
    png: bytes,
    path: `${png}.png`,
    pages,
    page,
    pageWidth,
    pageHeight,
    ...pngSize(bytes),
  };
}

/** The Scorecard's picture (docs/scorecard.png). */
export function renderScorecardPicture(work: string): Promise<SheetPicture> {
  return renderSheetPicture(work, "scorecard");
}

/**
 * `test`, or `test.skip` with a message when soffice is not installed, except under CI=true, where
 * LibreOffice must be there and the test runs (and fails without it): for one suite's LibreOffice
 * half. Called when a suite is defined, not on import.
 */
export function withLibreOffice(suite: string): typeof test {
  const onCi = process.env.CI === "true" || process.env.CI === "1";
  const hasSoffice =
    spawnSync("soffice", ["--version"], { encoding: "utf8", timeout: 60_000 }).status === 0;
  if (!hasSoffice && !onCi)
    console.warn(`The LibreOffice half of ${suite} is skipped: soffice is not installed.`);
  return hasSoffice || onCi ? test : test.skip;
}

/**
 * The workbook `spec` written by the xlsx host, opened, recalculated and saved again by
 * LibreOffice (headless, a fresh profile) in a temporary folder, and read back: what a colleague
 * with LibreOffice sees. The folder is removed afterwards.
 */
export async function recalculatedByLibreOffice(spec: WorkbookSpec): Promise<WorkbookSnapshot> {
  const work = mkdtempSync(join(tmpdir(), "okr-libreoffice-"));
  try {
    const [input, output] = [join(work, "in"), join(work, "out")];
    mkdirSync(input);
    mkdirSync(output);
    await writeXlsx(spec, join(input, "workbook.xlsx"));
    convert(makeProfile(join(work, "profile")), "xlsx", output, [join(input, "workbook.xlsx")]);
    return await readXlsx(join(output, "workbook.xlsx"));
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
