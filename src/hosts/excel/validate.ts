import { checkWorkbook, type CheckOptions, type Finding } from "../../okr/rules";
import { readWorkbookFacts } from "../../sheets/structure";
import { readWorkbook, type ReadOptions } from "./snapshot";

/**
 * Checks the open workbook against the framework's rules: the same read as any snapshot (two
 * syncs for a normal workbook), then the same reader and rules as `okr lint`. Read-only: it
 * queues no write of any kind, so the person's sheets are exactly as they were.
 */

export interface ValidateResult {
  /** Sorted by sheet, row and rule, as checkWorkbook gives them. */
  findings: Finding[];
  /** context.sync calls the read took. */
  syncs: number;
  /** Whether a table of objectives or key results was found (false: the findings are OKR000). */
  planFound: boolean;
}

export async function validateWorkbook(
  context: Excel.RequestContext,
  options: CheckOptions & ReadOptions = {}
): Promise<ValidateResult> {
  const { isSetSupported, ...checkOptions } = options;
  const { snapshot, syncs } = await readWorkbook(context, { isSetSupported });
  const facts = readWorkbookFacts(snapshot);
  return { findings: checkWorkbook(facts, checkOptions), syncs, planFound: facts.plan !== null };
}
