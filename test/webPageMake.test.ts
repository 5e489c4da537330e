import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { run } from "../src/cli/main";
import type { Plan } from "../src/okr/model";
import { templateById } from "../src/okr/templates";
import { buildWorkbook } from "../src/sheets/build";
import type { InsertProgress, WorkbookFile } from "../src/taskpane/actions";
import { saveWorkbook, type SavePlatform } from "../src/taskpane/file/saveWorkbook";
import { readText } from "../src/taskpane/importText/readText";
import { templatePlan } from "../src/taskpane/templates/gallery";
import {
  CUSTOM_PERIOD,
  initialFormValues,
  readForm,
  textPlan,
  workbookFileName,
  type InsertFormValues,
  type PlanHeader,
} from "../src/taskpane/templates/insertForm";
import { filledCells, workbookDifferences } from "./support/workbookCompare";

/*
 * "Make a workbook" outside Excel writes the file `okr new` writes: for the same plan and options,
 * the bytes the page's save path hands to the browser (the form read as the form reads it, the
 * plan made as the Templates and "From my own text" views make it, saveWorkbook with a platform
 * that records what is saved) and the file `okr new` writes (its `run`, as the command line gives
 * it) hold the same sheets, cells, formulas, formats and names, and the same package parts apart
 * from the time of writing. The browser itself is test/webPageMake.e2e.test.ts.
 */

/** A save dialog that records the bytes written, as the browser's would write them. */
function recordingPlatform(): SavePlatform & { written: Uint8Array[] } {
  const written: Uint8Array[] = [];
  return {
    written,
    showSaveFilePicker: async (options) => ({
      name: options.suggestedName,
      createWritable: async () => ({
        write: async (blob: Blob) => {
          written.push(new Uint8Array(await blob.arrayBuffer()));
        },
        close: async () => undefined,
        abort: async () => undefined,
      }),
    }),
    download: () => {
      throw new Error("the save dialog is there: no download");
    },
  };
}

const work = mkdtempSync(join(tmpdir(), "okr-web-make-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** `okr new` with these arguments, in this process; the file's bytes. */
async function okrNew(args: string[], out: string): Promise<Uint8Array> {
  const stderr: string[] = [];
  const code = await run(["new", ...args, "--out", join(work, out)], {
    stdout: () => undefined,
    stderr: (text) => stderr.push(text),
  });
  expect({ code, stderr: stderr.filter((line) => line.startsWith("okr:")) }).toEqual({
    code: 0,
    stderr: [],
  });
  return new Uint8Array(readFileSync(join(work, out)));
}

/** The page's save path for a filled form: the bytes written and what the pane is told. */
async function pageMakes(
  values: InsertFormValues,
  makePlan: (header: PlanHeader) => Plan,
  fileName: string
): Promise<{
  bytes: Uint8Array;
  file: WorkbookFile;
  steps: InsertProgress<WorkbookFile>[];
  sheets: string[];
}> {
  const reading = readForm(values);
  if (!reading.ok) throw new Error(`the form refused: ${JSON.stringify(reading.errors)}`);
  const platform = recordingPlatform();
  const steps: InsertProgress<WorkbookFile>[] = [];
  const spec = buildWorkbook(makePlan(reading.header), { style: reading.style });
  const file = await saveWorkbook(spec, fileName, (step) => steps.push(step), platform);
  expect(platform.written).toHaveLength(1);
  return {
    bytes: platform.written[0],
    file,
    steps,
    sheets: spec.sheets.map((sheet) => sheet.name),
  };
}

const form = (values: Partial<InsertFormValues>): InsertFormValues => ({
  ...initialFormValues(new Date(2026, 11, 1)),
  ...values,
});

describe("a template: the page's file is okr new's, cell by cell", () => {
  test.each([
    {
      template: "revenue-growth",
      values: form({
        project: "Atlas Relaunch",
        quarter: "2026-Q4",
        owner: "Dana Lee",
        contributors: "Ana Ruiz,  Bo Chen , ",
      }),
      cli: [
        "--project",
        "Atlas Relaunch",
        "--period",
        "2026-Q4",
        "--owner",
        "Dana Lee",
        "--contributors",
        "Ana Ruiz, Bo Chen",
      ],
    },
    {
      // OKR functions, a custom period, text in several scripts, no owner or contributors.
      template: "nlp-chatbot",
      values: form({
        project: "Café Ünïcode — 北京 support",
        quarter: CUSTOM_PERIOD,
        start: "2026-Q1",
        end: "2026-Q3",
        style: "functions",
      }),
      cli: ["--project", "Café Ünïcode — 北京 support", "--period", "Q1-Q3 2026"],
      style: "functions",
    },
    {
      // Text a spreadsheet would run if it were written as typed.
      template: "dashboard-example",
      values: form({
        project: "=1+1",
        quarter: "2027-Q1",
        owner: "@SUM(1,2)",
        contributors: "+cmd|' /C calc'!A0, -2+3",
      }),
      cli: [
        "--project",
        "=1+1",
        "--period",
        "2027-Q1",
        "--owner",
        "@SUM(1,2)",
        "--contributors",
        "+cmd|' /C calc'!A0, -2+3",
      ],
    },
  ])(
    "$template ($values.style)",
    async ({ template, values, cli, style }) => {
      const chosen = templateById(template)!;
      const page = await pageMakes(
        values,
        (header) => templatePlan(chosen, header),
        workbookFileName(chosen.id)
      );
      const written = await okrNew(
        ["--template", template, ...cli, "--style", style ?? "portable"],
        `${template}.xlsx`
      );
      expect(await workbookDifferences(page.bytes, written)).toEqual([]);
      // What was compared: a whole workbook, not an empty one.
      expect(await filledCells(page.bytes)).toBeGreaterThan(200);
      expect(page.file).toEqual({
        kind: "file",
        fileName: `okr-${template}.xlsx`,
        bytes: page.bytes.length,
        sheets: page.sheets,
        saved: "saved",
      });
      expect(page.sheets).toEqual(expect.arrayContaining(["OKR Plan", "Scorecard", "Dashboard"]));
      expect(page.steps.map((step) => step.step)).toEqual(["preparing", "writing", "done"]);
      expect(page.steps[2]).toEqual({ step: "done", result: page.file });
    },
    60_000
  );
});

const DOCUMENT = [
  "**Project:** Support Copilot",
  "**Period:** 2026-Q1",
  "**Owner:** Dana Lee",
  "**Contributors:** Ana Ruiz,  Bo Chen , Chen Wu",
  "",
  "## Objective 1: Make support answers instant",
  "",
  "**Key Results:**",
  "- Reduce average response time from 5 minutes to 30 seconds",
  "- Achieve 95% intent accuracy (Current: 82%)",
  "- Launch the help-center bot",
  "",
  "## Objective 2: Grow self-service",
  "1. Increase deflection rate from 20% to 60%",
  "2. Handle 10,000+ conversations per month",
].join("\n");

test("own text: the form left as the text filled it gives okr new --from's file", async () => {
  const { plan } = readText(DOCUMENT);
  if (plan === null) throw new Error("the document holds no plan");
  const values = initialFormValues(new Date(2026, 11, 1), plan);
  // The form starts from the document's own header.
  expect(values).toMatchObject({
    project: "Support Copilot",
    quarter: "2026-Q1",
    owner: "Dana Lee",
    contributors: "Ana Ruiz, Bo Chen, Chen Wu",
  });
  const page = await pageMakes(
    values,
    (header) => textPlan(plan, header),
    workbookFileName(values.project)
  );
  writeFileSync(join(work, "plan.md"), DOCUMENT);
  const written = await okrNew(["--from", join(work, "plan.md")], "from-text.xlsx");
  expect(await workbookDifferences(page.bytes, written)).toEqual([]);
  expect(await filledCells(page.bytes)).toBeGreaterThan(100);
  expect(page.file.fileName).toBe("okr-support-copilot.xlsx");
}, 60_000);

test("the comparison sees a difference: another project name is named at its cells", async () => {
  const chosen = templateById("revenue-growth")!;
  const page = await pageMakes(
    form({ project: "Atlas", quarter: "2026-Q4" }),
    (header) => templatePlan(chosen, header),
    "okr-revenue-growth.xlsx"
  );
  const written = await okrNew(
    ["--template", "revenue-growth", "--project", "Atlas 2", "--period", "2026-Q4"],
    "control.xlsx"
  );
  const differences = await workbookDifferences(page.bytes, written);
  expect(differences.length).toBeGreaterThan(0);
  expect(differences.some((line) => /^Scorecard!A\d+: .*Atlas.*\| .*Atlas 2/.test(line))).toBe(
    true
  );
}, 60_000);
