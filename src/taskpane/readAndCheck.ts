import { checkWorkbook } from "../okr/rules/check";
import type { CheckOptions } from "../okr/rules/types";
import { newCheckInId } from "../sheets/checkInId";
import { planRepair, type RepairPlan } from "../sheets/repair";
import { readWorkbookFacts } from "../sheets/structure";
import type { WorkbookSnapshot } from "../sheets/spec";
import type { CheckResult, WorkbookRead } from "./actions";

/**
 * "Read the plan, then check it": what every host's actions do with a snapshot once they have one
 * (the same reader and rules as `okr lint`). The actions load this module on demand, with
 * `import()`, so the reader and the rules stay out of the code the pane needs at first paint.
 */

/** What the reader makes of a snapshot: the shared first half of every check. */
export function readOf(snapshot: WorkbookSnapshot, syncs: number): WorkbookRead {
  return { snapshot, facts: readWorkbookFacts(snapshot), syncs };
}

/** The check of a read: the rules' findings, with no further read. */
export function checkRead(read: WorkbookRead, options: CheckOptions = {}): CheckResult {
  return {
    findings: checkWorkbook(read.facts, options),
    planFound: read.facts.plan !== null,
    read,
  };
}

/**
 * The repair plan of a check (issue 13), from the structure findings of its read: `today` dates a
 * check-in made from a value typed over Current; `moveCheckIns` only once the person confirmed it;
 * `restoreFormulas` (people's formulas over computed cells) only once the person ticked it.
 */
export function repairPlanOf(
  read: WorkbookRead,
  options: { today: number; moveCheckIns?: boolean; restoreFormulas?: boolean }
): RepairPlan {
  // Entry ids as the check-in writer makes them: unique across co-authors repairing at once.
  return planRepair(read.snapshot, read.facts.structure ?? [], { ...options, newId: newCheckInId });
}
