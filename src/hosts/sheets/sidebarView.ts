/**
 * Which tab the Sheets sidebar opens on. The menu's show functions (index.ts) serve Sidebar.html
 * with one tiny script put in at the top of its head, setting a global the sidebar's entry
 * (src/taskpane/sheets/index.tsx) reads before it renders; the entry accepts only the pane's own
 * view names (isViewId in src/taskpane/store.ts). The page is the built, minified bundle, so no
 * template scriptlet is used over it ("<?" may occur in the bundle), and no person's text enters
 * the page: the view is one of the menu's, checked here again to be a plain word.
 */

/** The global the sidebar's entry reads: `window.OKR_STUDIO_VIEW = "checkIn"`. */
export const SIDEBAR_VIEW_GLOBAL = "OKR_STUDIO_VIEW";

/** A view name as it may enter the page: a plain word, nothing that could end the script. */
const VIEW_NAME = /^[A-Za-z]{1,32}$/;

/**
 * The sidebar's HTML with the view to open on: its script right after `<head>` (so the page keeps
 * its doctype first and stays in standards mode), before the bundle runs.
 */
export function sidebarWithView(html: string, view: string): string {
  if (!VIEW_NAME.test(view)) throw new Error(`Not a view of the sidebar: ${JSON.stringify(view)}.`);
  const script = `<script>window.${SIDEBAR_VIEW_GLOBAL}=${JSON.stringify(view)};</script>`;
  const head = /<head>/i.exec(html);
  if (head === null) return script + html;
  const at = head.index + head[0].length;
  return `${html.slice(0, at)}\n${script}${html.slice(at)}`;
}
