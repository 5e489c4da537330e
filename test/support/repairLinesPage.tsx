/*
 * A page built only by the repair browser test (taskpaneRepair.e2e.test.ts adds it to its own
 * webpack build; the add-in's build never sees it): one list of a repair's lines, long enough that
 * one group has more than LINES_SHOWN_PER_GROUP lines, so "Show all" can be pressed. Selecting a
 * cell records it in `window.okrTest.selected`.
 */
import { FluentProvider, webLightTheme } from "@fluentui/react-components";
import { createRoot } from "react-dom/client";
import type { Location } from "../../src/okr/rules/types";
import { RepairLineList } from "../../src/taskpane/check/RepairLines";
import type { RepairLine } from "../../src/taskpane/check/repairState";

const selected: Location[] = [];
(window as unknown as { okrTest: { selected: Location[] } }).okrTest = { selected };

/** 60 Scores (Scorecard K6–K65) and 3 Progress cells: two groups, the first over 50 lines. */
const lines: RepairLine[] = [
  ...Array.from({ length: 60 }, (_, index) => `K${index + 6}`),
  "J6",
  "J7",
  "J8",
].map((address) => {
  const cell = { sheet: "Scorecard", address };
  return { text: `Scorecard!${address}: the formula =1`, cells: [cell], key: cell };
});

const container = document.createElement("div");
document.body.append(container);
createRoot(container).render(
  <FluentProvider theme={webLightTheme}>
    <RepairLineList
      name="Cells Repair wrote"
      lines={lines}
      code
      onSelect={async (cell) => {
        selected.push(cell);
      }}
    />
  </FluentProvider>
);
