import { HEALTH, STATUS } from "../src/okr/thresholds";
import { instantiate, templates } from "../src/okr/templates";
import { HEALTH_CELL } from "../src/sheets/builders/scorecard";
import { buildWorkbook } from "../src/sheets/build";
import { SHEETS } from "../src/sheets/layout";

describe("formats apply only where they can match", () => {
  test.each(["portable", "functions"] as const)(
    "%s: the Scorecard's Health cell is coloured by the health verdicts, not the traffic lights",
    (style) => {
      for (const template of templates) {
        const card = buildWorkbook(instantiate(template), { style }).sheets.find(
          (sheet) => sheet.name === SHEETS.scorecard
        )!;
        const onHealth = card.conditionalFormats.filter(
          ({ range }) =>
            range.startRow <= HEALTH_CELL.row &&
            HEALTH_CELL.row <= range.endRow &&
            range.startColumn <= HEALTH_CELL.column &&
            HEALTH_CELL.column <= range.endColumn
        );
        const texts = onHealth.map((rule) => (rule.kind === "textEquals" ? rule.text : rule.kind));
        expect(texts.sort()).toEqual(Object.values(HEALTH).sort());
        expect(texts.some((text) => (Object.values(STATUS) as string[]).includes(text))).toBe(
          false
        );
      }
    }
  );
});
