// `npm run picture`: renders the pictures in docs, docs/scorecard.png (the README's) and
// docs/dashboard.png (docs/workbooks.md's): the Scorecard and Dashboard sheets of the completed
// Q4 2025 sample as LibreOffice prints them, and writes each only when it changed, so a run on the
// same LibreOffice leaves git clean. The rendering is test/support/scorecardPicture.ts, which the
// interop suite also runs (into a temporary folder). Needs soffice, pdftotext and
// pdftoppm (Debian: apt-get install libreoffice-calc-nogui poppler-utils). Exit 0 written or up
// to date, 2 when it could not render.
import { spawnSync } from "node:child_process";
import console from "node:console";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import process from "node:process";
import { projectRoot, withTypeScript } from "./load-ts.mjs";

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
    const { PICTURE_SHEETS, renderSheetPicture } = await load("test/support/scorecardPicture.ts");
    for (const name of Object.keys(PICTURE_SHEETS)) {
      const folder = join(work, name);
      mkdirSync(folder);
      const picture = await renderSheetPicture(folder, name);
      const target = join(projectRoot, "docs", `${name}.png`);
      const size = `${picture.width}×${picture.height} px, ${picture.png.length.toLocaleString("en-US")} bytes`;
      if (existsSync(target) && readFileSync(target).equals(picture.png)) {
        console.log(`docs/${name}.png is up to date (${size})`);
      } else {
        mkdirSync(dirname(target), { recursive: true });
        writeFileSync(target, picture.png);
        console.log(`wrote docs/${name}.png (${size})`);
      }
    }
  });
} catch (error) {
  console.error(`picture: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 2;
} finally {
  rmSync(work, { recursive: true, force: true });
}
