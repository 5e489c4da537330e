import type { InsertResult } from "../../hosts/excel/insert";
import {
  CHECK_IN_REQUIREMENTS,
  officeRequirements,
  REQUIREMENTS,
  type RequirementChecker,
} from "../../hosts/excel/requirements";
import { readWorkbook, select } from "../../hosts/excel/snapshot";
import type { Location } from "../../okr/rules/types";
import type { RepairPlan } from "../../sheets/repair";
import type { WorkbookSpec } from "../../sheets/spec";
import {
  AVAILABLE,
  refuse,
  unavailable,
  type Availability,
  type Capabilities,
  type CheckInEntry,
  type CheckInResult,
  type InsertProgress,
  type PaneActions,
  type RepairOutcome,
} from "../actions";

/**
 * The pane's actions in Excel: the only module of the pane that calls `Excel.run`. Each action
 * is one `Excel.run` over the Office.js host (src/hosts/excel); what is decided about OKRs (the
 * reader, the rules: readAndCheck.ts) runs on the snapshot afterwards, outside the batch. The
 * writer, the reader and the rules are loaded on demand, so the first paint does not wait for them.
 */

/** `Excel.run` with one callback, injectable so tests run the actions against a fake Excel. */
export type ExcelRun = <T>(batch: (context: Excel.RequestContext) => Promise<T>) => Promise<T>;

export interface ExcelActionsOptions {
  /** Defaults to Office's `Excel.run`. */
  run?: ExcelRun;
  /** Defaults to `Office.context.requirements.isSetSupported`. */
  isSetSupported?: RequirementChecker;
}

/** What an action needs of ExcelApi beyond 1.1, and what for, in a person's words. */
interface Need {
  version: string;
  feature: string;
}

/** Reading a sheet's used range by windows (getIntersectionOrNullObject): ExcelApi 1.4. */
const READ_NEEDS: Need[] = [{ version: "1.4", feature: "reading each sheet's cells" }];

/**
 * What the generated workbooks use: every requirement the Office.js host knows of. insertWorkbook
 * checks a spec's own needs again before it writes anything.
 */
const INSERT_NEEDS: Need[] = Object.values(REQUIREMENTS);

/**
 * Repair reads back the cells it writes and adds a missing name (names.add, getItemOrNullObject:
 * ExcelApi 1.4); setting an existing name's formula needs ExcelApi 1.7, asked only of a plan that
 * does (repairNeeds).
 */
const REPAIR_NEEDS: Need[] = [{ version: "1.4", feature: "reading back the cells it writes" }];

/** What writing this plan needs: 1.7 only when it sets an existing name's formula. */
export function repairNeeds(plan: RepairPlan): Need[] {
  return plan.names.some((name) => name.before !== null)
    ? [...REPAIR_NEEDS, { version: "1.7", feature: "restoring defined names" }]
    : REPAIR_NEEDS;
}

function compareVersions(a: string, b: string): number {
  const [aMajor, aMinor] = a.split(".").map(Number);
  const [bMajor, bMinor] = b.split(".").map(Number);
  return aMajor - bMajor || aMinor - bMinor;
}

const KNOWN_VERSIONS = Array.from({ length: 20 }, (_, i) => `1.${20 - i}`);

/**
 * Available, or a sentence naming the newest ExcelApi version missing, what needs it, and what this
 * Excel has: "Checking a workbook needs ExcelApi 1.4 (for reading each sheet's cells); this Excel
 * has ExcelApi 1.3. Update Excel, or use Excel on the web."
 */
export function requirementAvailability(
  what: string,
  needs: readonly Need[],
  isSetSupported: RequirementChecker
): Availability {
  const missing = needs
    .filter((need) => !isSetSupported("ExcelApi", need.version))
    .sort((a, b) => compareVersions(a.version, b.version));
  if (missing.length === 0) return AVAILABLE;
  const newest = missing[missing.length - 1];
  const has = KNOWN_VERSIONS.find((version) => isSetSupported("ExcelApi", version));
  const features = missing.map((need) => need.feature).join(", ");
  return unavailable(
    `${what} needs ExcelApi ${newest.version} (for ${features}); ` +
      (has === undefined
        ? "this Excel reports no ExcelApi support."
        : `this Excel has ExcelApi ${has}.`) +
      " Update Excel, or use Excel on the web."
  );
}

export function excelCapabilities(isSetSupported: RequirementChecker): Capabilities {
  return {
    host: "excel",
    check: requirementAvailability("Checking a workbook", READ_NEEDS, isSetSupported),
    insert: requirementAvailability("Inserting an OKR workbook", INSERT_NEEDS, isSetSupported),
    checkIn: requirementAvailability("Recording a check-in", CHECK_IN_REQUIREMENTS, isSetSupported),
    repair: requirementAvailability("Repairing a workbook", REPAIR_NEEDS, isSetSupported),
  };
}

export function createExcelActions(options: ExcelActionsOptions = {}): PaneActions<InsertResult> {
  const run: ExcelRun = options.run ?? ((batch) => Excel.run(batch));
  const isSetSupported = options.isSetSupported ?? officeRequirements;
  const capabilities = excelCapabilities(isSetSupported);

  // The reader and the rules are loaded on demand (a chunk of their own), while Excel reads.
  const readAndCheck = () => import("../readAndCheck");

  const readPlan = async () => {
    if (!capabilities.check.available) return refuse(capabilities.check);
    const loading = readAndCheck();
    const { snapshot, syncs } = await run((context) => readWorkbook(context, { isSetSupported }));
    return (await loading).readOf(snapshot, syncs);
  };

  return {
    capabilities,
    readPlan,
    async validate(checkOptions) {
      const read = await readPlan();
      return (await readAndCheck()).checkRead(read, checkOptions);
    },
    select(location: Location) {
      return run((context) => select(context, location));
    },
    async insertWorkbook(
      spec: WorkbookSpec,
      onProgress?: (progress: InsertProgress<InsertResult>) => void
    ): Promise<InsertResult> {
      const sheets = spec.sheets.length;
      onProgress?.({ step: "preparing", sheets });
      // Loaded on demand: the writer is not needed at first paint.
      const { insertWorkbook } = await import("../../hosts/excel/insert");
      onProgress?.({ step: "writing", sheets });
      const result = await run((context) => insertWorkbook(context, spec, { isSetSupported }));
      onProgress?.({ step: "done", result });
      return result;
    },
    async appendCheckIn(entry: CheckInEntry): Promise<CheckInResult> {
      if (!capabilities.checkIn.available) return refuse(capabilities.checkIn);
      // Loaded on demand with the check-in form: the co-authoring-safe writer (one read, one
      // write, one read-back; more only on a conflict).
      const { appendCheckIn, newCheckInId } = await import("../../hosts/excel/checkIn");
      const id = newCheckInId();
      const result = await run((context) =>
        appendCheckIn(
          context,
          {
            id,
            date: entry.date,
            keyResultId: entry.keyResultId,
            value: entry.value,
            confidence: entry.confidence,
            comment: entry.note,
            author: entry.author,
            replaces: entry.replaces,
          },
          { isSetSupported }
        )
      );
      return {
        id: result.id,
        location: { sheet: result.sheet, address: result.address },
        syncs: result.syncs,
      };
    },
    async repair(plan: RepairPlan): Promise<RepairOutcome> {
      if (capabilities.repair?.available !== true)
        return refuse(capabilities.repair ?? unavailable("Repair is not available here."));
      const needed = requirementAvailability(
        "Repairing this workbook",
        repairNeeds(plan),
        isSetSupported
      );
      if (!needed.available) return refuse(needed);
      // Loaded on demand: read back what the plan writes over, then write it (two syncs).
      const { writeRepair } = await import("../../hosts/excel/repair");
      return run((context) => writeRepair(context, plan, { isSetSupported }));
    },
  };
}
