/*
 * office.js for one of the two panes of the co-authoring test page (officeStandInSharedWorkbook.ts,
 * the parent of this pane's iframe): the pane's Excel client is the parent's client named by
 * `?client=` in the pane's address. The fake lives in the parent's realm: the pane only calls it
 * and reads what it returns (arrays are checked with Array.isArray, which holds across realms).
 */
import type { SharedWorkbookControl } from "./officeStandInSharedWorkbook";
import { setPaneOffice } from "./officeStandInShared";

const shared = (window.parent as unknown as { okrCoauthoring?: SharedWorkbookControl })
  .okrCoauthoring;
const index = Number(new URLSearchParams(window.location.search).get("client"));
const client = shared?.clients[index];
if (shared === undefined || client === undefined)
  throw new Error(
    `This pane's office.js needs the co-authoring page as its parent and ?client=0 or 1 (got "${window.location.search}").`
  );

setPaneOffice(window as unknown as Record<string, unknown>, {
  context: client.context,
  ready: shared.ready,
  isSetSupported: shared.isSetSupported,
  bodyBackgroundColor: "#ffffff",
});
