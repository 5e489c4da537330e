import { readWorkbook, type RequirementChecker } from "../src/hosts/excel";
import { NAMES_UNREAD } from "../src/hosts/excel/snapshot";
import { layoutMarkNames, MARK_NAMES, NAMES } from "../src/sheets/layout";
import { checkStructure } from "../src/sheets/structure";
import { readPlan } from "../src/sheets/read/reader";
import { FakeExcel } from "./support/fakeExcel";

/** An Excel that has every ExcelApi set up to `newest`, as Office's isSetSupported answers. */
function upTo(newest: string): RequirementChecker {
  const [major, minor] = newest.split(".").map(Number);
  return (set, version) => {
    const [vMajor, vMinor] = version.split(".").map(Number);
    return set === "ExcelApi" && (vMajor < major || (vMajor === major && vMinor <= minor));
  };
}

function workbookWithNames(foreign: number): FakeExcel {
  const fake = new FakeExcel();
  fake.seedSheet("Notes", [["x"]]);
  for (const { name, formula } of layoutMarkNames("portable")) fake.names.push({ name, formula });
  fake.names.push({ name: NAMES.redBelow.toLowerCase(), formula: "='OKR Plan'!$B$13" });
  for (let i = 0; i < foreign; i++) fake.names.push({ name: `Other${i}`, formula: "=#REF!" });
  return fake;
}

describe("readWorkbook reads only the builder's defined names, in the first sync", () => {
  test.each`
    foreign
    ${0}
    ${5_000}
  `(
    "with $foreign other names: the builder's names found, the same request whatever their number",
    async ({ foreign }: { foreign: number }) => {
      const fake = workbookWithNames(foreign);
      fake.apiVersion = "1.7";
      const { snapshot, syncs } = await readWorkbook(fake.context, { isSetSupported: upTo("1.7") });
      expect(syncs).toBe(2);
      expect(snapshot.namesUnread).toBeUndefined();
      // Found without case, as Excel finds names; absent ones are left out.
      expect(snapshot.names?.map((name) => name.name).sort()).toEqual(
        [MARK_NAMES.layout, MARK_NAMES.style, NAMES.redBelow.toLowerCase()].sort()
      );
      const lookups = fake.calls.filter(
        (call) => call.method === "NamedItemCollection.getItemOrNullObject"
      );
      expect(lookups.map((call) => call.args[0]).sort()).toEqual(
        [...Object.values(MARK_NAMES), ...Object.values(NAMES)].sort()
      );
      expect(lookups.every((call) => call.request === 0)).toBe(true);
      expect(fake.calls.some((call) => call.method === "NamedItemCollection.load")).toBe(false);
      // A fixed payload: the first request's response does not grow with the other names.
      expect(fake.requests[0].responseBytes).toBeLessThan(2_000);
    }
  );

  test.each`
    has
    ${"1.4"}
    ${"1.6"}
  `(
    "ExcelApi $has: no name formula asked for, the same two syncs, the structure check said once to need 1.7",
    async ({ has }: { has: string }) => {
      const fake = workbookWithNames(3);
      // The fake refuses NamedItem.formula below 1.7, as Excel does.
      fake.apiVersion = has;
      const { snapshot, syncs } = await readWorkbook(fake.context, { isSetSupported: upTo(has) });
      expect(syncs).toBe(2);
      expect(snapshot.names).toBeUndefined();
      expect(snapshot.namesUnread).toBe(NAMES_UNREAD);
      expect(fake.calls.filter((call) => /^NamedItem/.test(call.method))).toEqual([]);
      // A workbook that holds a plan: told once, as information.
      const withPlan = { ...readPlan(snapshot), plan: { objectives: [] } } as unknown as ReturnType<
        typeof readPlan
      >;
      expect(checkStructure(snapshot, withPlan)).toEqual([
        { ruleId: "OKR026", message: NAMES_UNREAD, location: null },
      ]);
      // A workbook with no plan and nothing of ours: nothing said.
      expect(checkStructure(snapshot, readPlan(snapshot))).toEqual([]);
    }
  );
});
