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

/** How a check is asked for. */
export interface CheckOptions {
  /**
   * A read made after this call, not one already under way: Repair asks for this, since a check
   * running when it finished may have read the workbook before Repair wrote. Runs after the
   * running check (the two never overlap); several such calls share that one next run.
   */
  fresh?: boolean;
}

/**
 * A run of the check that reports every step to `onChange` (checking, then done with the result,
 * or failed) and never rejects: a failure is a state the pane shows. A run asked for while one is
 * going (the ribbon button and the pane's button together) joins it instead of reading twice,
 * unless it asks for a fresh read: that one runs next.
 */
export function checkRunner(
  validate: Validate,
  onChange: (state: CheckState, result?: CheckResult) => void
): (options?: CheckOptions) => Promise<void> {
  let running: Promise<void> | null = null;
  let next: Promise<void> | null = null;
  const start = (): Promise<void> =>
    (async () => {
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
  return (options = {}) => {
    if (running === null) return (running = start());
    if (options.fresh !== true) return next ?? running;
    next ??= running.then(() => {
      next = null;
      return (running = start());
    });
    return next;
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
