// The Content-Security-Policy of every page the add-in serves, in one place: webpack.config.js puts
// the pane's in taskpane.html, scripts/docs/help.ts writes the help pages' into src/help/*.html,
// and test/csp.e2e.test.ts loads each built page in Chromium with the real office.js and fails on
// any violation. docs/taskpane.md#content-security-policy says why each source is there.
// CommonJS, like webpack.config.js, so the config, the docs generator and the tests can load it.
const { createHash } = require("crypto");

/** Where Office.js lives; it loads every script of its own (host files, strings) from beside itself. */
const OFFICE_JS_BASE = "https://appsforoffice.microsoft.com/lib/1/hosted/";

/**
 * Office.js's logging frame: outside Office (no host information, as in a plain browser tab),
 * o15apptofilemappingtable.js appends this iframe to the page's head 3 s after loading, with
 * setAttribute("style", "display:none").
 */
const OFFICE_JS_LOGGING_FRAME =
  "https://telemetryservice.firstpartyapps.oaspapps.com/telemetryservice/telemetryproxy.html";

/** A CSP hash source for a script or style text: 'sha256-<base64 of its SHA-256>'. */
function hashSource(text) {
  return `'sha256-${createHash("sha256").update(text, "utf8").digest("base64")}'`;
}

/**
 * The task pane's directives. Fluent UI's style engine (Griffel) appends empty <style> elements
 * and fills them through the CSSOM (insertRule), which CSP does not govern: the hash of the empty
 * text admits those elements and no <style> with text in it. The one style attribute admitted is
 * Office.js's "display:none" on its logging frame ('unsafe-hashes' lets a hash cover an attribute).
 */
const PANE_DIRECTIVES = [
  ["default-src", "'none'"],
  ["script-src", "'self'", OFFICE_JS_BASE],
  ["style-src", "'self'", "'unsafe-hashes'", hashSource(""), hashSource("display:none")],
  ["img-src", "'self'"],
  ["frame-src", OFFICE_JS_LOGGING_FRAME],
  ["base-uri", "'none'"],
  ["form-action", "'none'"],
  ["object-src", "'none'"],
];

/** The help pages are static HTML with one stylesheet: no script, no image, nothing from outside. */
const HELP_DIRECTIVES = [
  ["default-src", "'none'"],
  ["style-src", "'self'"],
  ["base-uri", "'none'"],
  ["form-action", "'none'"],
  ["object-src", "'none'"],
];

/**
 * `npm run dev-server` only: its live-reload client talks to the server over a WebSocket to the
 * page's own host ('self' covers ws: and wss: there) and fetches hot updates' manifests.
 */
const DEV_SERVER_DIRECTIVES = [["connect-src", "'self'"]];

/** Directives as a policy's text: "name source source; name source". */
function policyText(directives) {
  return directives.map((directive) => directive.join(" ")).join("; ");
}

/**
 * The policy of one kind of page.
 * @param {"pane" | "help"} page
 * @param {{ devServer?: boolean }} [options] devServer: the pane as `npm run dev-server` serves it
 * @returns {string}
 */
function contentSecurityPolicy(page, options = {}) {
  if (page === "help") return policyText(HELP_DIRECTIVES);
  if (page !== "pane") throw new Error(`no Content-Security-Policy for pages of kind "${page}"`);
  return policyText(
    options.devServer ? [...PANE_DIRECTIVES, ...DEV_SERVER_DIRECTIVES] : PANE_DIRECTIVES
  );
}

module.exports = {
  OFFICE_JS_BASE,
  OFFICE_JS_LOGGING_FRAME,
  hashSource,
  contentSecurityPolicy,
};
