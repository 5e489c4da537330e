// `npm run picture`: renders the README's picture, docs/scorecard.png (the Scorecard sheet of the
// completed Q4 2025 sample as LibreOffice prints it), and writes it only when it changed, so a run
// on the same LibreOffice leaves git clean. The rendering is test/support/scorecardPicture.ts,
// which the interop suite also runs (into a temporary folder). Needs soffice, pdftotext and
// pdftoppm (Debian: apt-get install libreoffice-calc-nogui poppler-utils). Exit 0 written or up
// to date, 2 when it could not render.
import { spawnSync } from "node:child_process";
import console from "node:console";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import process from "node:process";
import { projectRoot, withTypeScript } from "./load-ts.mjs";

const target = join(projectRoot, "docs", "scorecard.png");

const missing = [
  ["soffice", ["--version"], "soffice (Debian package libreoffice-calc-nogui)"],
  ["pdftoppm", ["-v"], "pdftoppm (Debian package poppler-utils)"],
  ["pdftotext", ["-v"], "pdftotext (Debian package poppler-utils)"],
].filter(([command, args]) => spawnSync(command, args, { timeout: 60_000 }).status !== 0);
if (missing.length > 0) {
  console.error(`picture: ${missing.map(([, , name]) => name).join(", ")} not installed`);
  process.exit(2);
}

// LibreOffice works in the system's temporary folder.
const work = mkdtempSync(join(tmpdir(), "okr-picture-"));
try {
  await withTypeScript("picture", async (load) => {
    const { renderScorecardPicture } = await load("test/support/scorecardPicture.ts");
    const picture = await renderScorecardPicture(work);
    const size = `${picture.width}×${picture.height} px, ${picture.png.length.toLocaleString("en-US")} bytes`;
    if (existsSync(target) && readFileSync(target).equals(picture.png)) {
      console.log(`docs/scorecard.png is up to date (${size})`);
    } else {
      mkdirSync(dirname(target), { recursive: true });
      writeFileSync(target, picture.png);
      console.log(`wrote docs/scorecard.png (${size})`);
    }
  });
} catch (error) {
  console.error(`picture: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 2;
} finally {
  rmSync(work, { recursive: true, force: true });
}
