import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { readXlsx, writeXlsx } from "../src/hosts/xlsx";
import { instantiate, templates } from "../src/okr/templates";
import { buildWorkbook } from "../src/sheets/build";
import { readPlan } from "../src/sheets/read";

/**
 * The round trip through a real file: plan → spec → .xlsx (ExcelJS) → read back → readPlan gives
 * the same plan, for every template and both formula styles. The file is read as written, with
 * no program having calculated it.
 */
const dir = mkdtempSync(join(tmpdir(), "okr-xlsx-roundtrip-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// What the sheets hold of a plan: the Dashboard's quarterly targets and the document's reported
// scores are not read back (they are formulas' inputs there, not the plan's fields).
function held(plan: ReturnType<typeof instantiate>) {
  return {
    ...plan,
    objectives: plan.objectives.map(
      ({ recordedScore, quarterlyTargets, current, ...objective }) => {
        void recordedScore;
        void quarterlyTargets;
        void current;
        return {
          ...objective,
          notes: [],
          keyResults: objective.keyResults.map(
            ({ recordedScore: score, quarterlyTargets: targets, ...kr }) => {
              void score;
              void targets;
              return kr;
            }
          ),
        };
      }
    ),
  };
}

describe.each(
  templates.flatMap((template) =>
    (["portable", "functions"] as const).map((style) => [template.id, style, template] as const)
  )
)("%s (%s)", (id, style, template) => {
  test("plan → .xlsx → read back → the same plan", async () => {
    const plan = instantiate(template, { owner: "Dana Lee", contributors: "Ari, Bo" });
    const file = join(dir, `${id}-${style}.xlsx`);
    await writeXlsx(buildWorkbook(plan, { style }), file, { force: true });
    const read = readPlan(await readXlsx(file));
    expect(read.plan).not.toBeNull();
    expect(held(read.plan!)).toEqual(held(plan));
  });
});
