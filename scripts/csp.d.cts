// Types for csp.cjs, so the docs generator and the jest tests (TypeScript) can import it.

/** Where Office.js lives: https://appsforoffice.microsoft.com/lib/1/hosted/ */
export declare const OFFICE_JS_BASE: string;
/** The logging frame Office.js opens outside Office. */
export declare const OFFICE_JS_LOGGING_FRAME: string;
/** A CSP hash source for a script or style text: 'sha256-<base64 of its SHA-256>'. */
export declare function hashSource(text: string): string;
/** The policy of the task pane or of the help pages (the pane's as `npm run dev-server` serves it). */
export declare function contentSecurityPolicy(
  page: "pane" | "help",
  options?: { devServer?: boolean }
): string;
