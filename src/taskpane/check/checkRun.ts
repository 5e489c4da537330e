import type { CheckResult } from "../actions";
import type { CheckState } from "../store";
import { failureOf } from "../failure";

/**
 * A check's run and the ribbon command. Loaded with the pane's first paint (the session and the
 * ribbon button need them before any view), so nothing here imports the rule catalogue or the
 * reader: the words for findings live in checkState.ts, with the check's view.
 */

/** The ribbon button's ExecuteFunction name in manifest.xml; the entry registers it. */
export const VALIDATE_COMMAND = "validateWorkbook";

/** What a check needs from the host (PaneActions.validate). */
export type Validate = () => Promise<CheckResult>;

/**
 * A run of the check that reports every step to `onChange` (checking, then done with the result,
 * or failed) and never rejects: a failure is a state the pane shows. A run asked for while one is
 * going (the ribbon button and the pane's button together) joins it instead of reading twice.
 */
export function checkRunner(
  validate: Validate,
  onChange: (state: CheckState, result?: CheckResult) => void
): () => Promise<void> {
  let running: Promise<void> | null = null;
  return () => {
    running ??= (async () => {
      onChange({ status: "checking" });
      try {
        const result = await validate();
        onChange(
          { status: "done", findings: result.findings, planFound: result.planFound },
          result
        );
      } catch (error) {
        onChange({ status: "failed", ...failureOf(error) });
      } finally {
        running = null;
      }
    })();
    return running;
  };
}

/**
 * The ribbon button's command: opens the pane so the person sees the check run, then runs it. The
 * check runs even when the pane cannot open (its result waits there); that refusal is rethrown
 * after the check, for the caller to report.
 */
export function ribbonCheck(
  showPane: () => Promise<unknown>,
  runCheck: () => Promise<void>
): () => Promise<void> {
  return async () => {
    try {
      await showPane();
    } finally {
      await runCheck();
    }
  };
}
