import { latestCheckIns, recordedNumber, staleness } from "./freshness";
import type { KeyResult, Objective } from "./model";
import { periodDates, type PeriodDates } from "./period";
import type { KeyResultFacts, Location, WorkbookFacts } from "./rules/types";
import { grade, health, paceDetails, type PaceDetails, score, status } from "./scoring";
import {
  DISPLAY_DECIMALS,
  type Health,
  type OkrKind,
  PACE,
  STATUS,
  type Status,
} from "./thresholds";
import { roundTo, todaySerial, toDateSerial } from "./values";

/**
 * The scorecard summary of a workbook: what the task pane shows at its top after any read, from
 * the same facts the check reads (readPlan's result), so it costs no extra read. Pure and total
 * for any facts: the numbers are the engine's, computed from each key result's baseline, target,
 * current value and type, exactly as the workbook's formulas compute them; where the sheet shows a
 * different score, both are given (the check's OKR010 explains the difference).
 */

/** The status of a key result or objective whose score cannot be computed or whose cells show an error. */
export const SUMMARY_ERROR = "Error";

/** Red, Yellow, Green, Pending, or Error. */
export type SummaryStatus = Status | typeof SUMMARY_ERROR;

/** Every summary status, in the order the pane counts them. */
export const SUMMARY_STATUSES: readonly SummaryStatus[] = [
  STATUS.red,
  STATUS.yellow,
  STATUS.green,
  STATUS.pending,
  SUMMARY_ERROR,
];

export interface SummaryOptions {
  /** The day to judge pace and staleness on, an Excel serial number; default today. */
  asOf?: number;
}

/** Why a key result or objective is in error, and the cell that shows it where known. */
export interface SummaryError {
  message: string;
  location: Location | null;
}

export interface KeyResultSummary {
  id: string;
  objectiveId: string;
  text: string;
  /** The engine's score (0–1); null while pending or in error. */
  score: number | null;
  status: SummaryStatus;
  /**
   * The score the sheet shows, where it differs from the engine's at two decimals (or the engine
   * has none); null when they agree or the sheet shows no number.
   */
  recordedScore: number | null;
  /** Set when the status is Error. */
  error: SummaryError | null;
  /** Pace on `asOf` within the plan's period; null while pending, in error, or without period dates. */
  pace: PaceDetails | null;
  /** The date of the latest check-in with a date, an Excel serial; null when there is none. */
  lastCheckIn: number | null;
  /** The key result's row and cells, for going to them; null when the facts give none. */
  locations: KeyResultFacts | null;
}

export interface ObjectiveSummary {
  id: string;
  title: string;
  kind: OkrKind;
  /** The weighted mean of its key results' scores, pending ones left out; null when none is scored or in error. */
  score: number | null;
  status: SummaryStatus;
  /** A score the sheet states for the objective, where it differs from the engine's; else null. */
  recordedScore: number | null;
  /** Set when the status is Error: a key result in error, or weights that cannot be applied. */
  error: SummaryError | null;
  keyResultIds: string[];
  locations: { row: Location; fields: Partial<Record<string, Location>> } | null;
}

export interface PaceRisk {
  id: string;
  objectiveId: string;
  text: string;
  /** Share of the period elapsed on `asOf`, 0–1. */
  expected: number;
  /** Progress, unclamped. */
  progress: number;
  /** expected − progress, rounded to 2 decimals. */
  gap: number;
  /** The key result's Current cell (else its row). */
  location: Location | null;
}

export interface StaleKeyResult {
  id: string;
  objectiveId: string;
  text: string;
  /** The latest check-in's date; null when there has been none since the period started. */
  lastCheckIn: number | null;
  /** Whole days since the latest check-in, or since the period started when there is none. */
  days: number;
  /** The key result's Last Check-in cell (else Current, else its row), where OKR014 points. */
  location: Location | null;
}

export interface Summary {
  /** The day judged on. */
  asOf: number;
  /** The plan's period as dates; null when its period names none (then there is no pace). */
  period: PeriodDates | null;
  overall: {
    /**
     * The mean of the objectives' scores (pending objectives left out), as the Scorecard's
     * Overall score; null when none is scored or when an objective is in error.
     */
    score: number | null;
    health: Health | null;
    /** Committed when every objective is, as the Scorecard judges health. */
    kind: OkrKind;
    /** Set when an objective in error leaves the overall score uncomputed, as the workbook shows it. */
    error: SummaryError | null;
  };
  /** Key results per status. */
  counts: Record<SummaryStatus, number>;
  objectives: ObjectiveSummary[];
  keyResults: KeyResultSummary[];
  /** Key results whose pace is At risk (gap above the Behind limit), in plan order. */
  atRisk: PaceRisk[];
  /** Key results without a check-in for longer than the stale limit (OKR014), in plan order. */
  stale: StaleKeyResult[];
}

/** What Excel shows for an error value: #N/A, #DIV/0!, #VALUE!, #NAME?, … */
const ERROR_VALUE = /^#(?:N\/A|DIV\/0!|[A-Z_]+[!?])$/i;

function showsError(value: unknown): value is string {
  return typeof value === "string" && ERROR_VALUE.test(value.trim());
}

function sameAtDisplay(a: number, b: number): boolean {
  return roundTo(a, DISPLAY_DECIMALS) === roundTo(b, DISPLAY_DECIMALS);
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function key(location: Location): string {
  return `${location.sheet}!${location.address.toUpperCase()}`;
}

class Summarizer {
  /** Read problems by the cell they sit on. */
  private readonly problems = new Map<string, SummaryError>();
  /** The latest dated check-in per key-result id. */
  private readonly latest: Map<string, number>;

  constructor(
    private readonly facts: WorkbookFacts,
    private readonly asOf: number,
    private readonly period: PeriodDates | null
  ) {
    this.latest = latestCheckIns(facts.checkIns);
    for (const problem of facts.problems ?? []) {
      if (problem.location === null) continue;
      const where = key(problem.location);
      if (!this.problems.has(where))
        this.problems.set(where, { message: problem.message, location: problem.location });
    }
  }

  keyResult(kr: KeyResult, objective: Objective): KeyResultSummary {
    const locations = this.facts.locations.keyResults[kr.id] ?? null;
    const recorded = this.facts.recorded[kr.id];
    const cell = (...fields: string[]): Location | null => {
      if (!locations) return null;
      for (const field of fields) if (locations.fields[field]) return locations.fields[field]!;
      return locations.row;
    };

    let computed: number | null = null;
    let error: SummaryError | null = null;
    try {
      computed = score(kr.baseline, kr.target, kr.current, kr.type);
    } catch (thrown) {
      error = { message: messageOf(thrown), location: cell("score") };
    }
    error ??= this.cellProblem(locations);
    if (error === null) {
      for (const field of ["score", "status"] as const) {
        const shown = recorded?.[field];
        if (showsError(shown)) {
          error = { message: `${field} shows the error ${shown.trim()}`, location: cell(field) };
          break;
        }
      }
    }

    const engine = error === null ? computed : null;
    const shown = recordedNumber(recorded?.score) ?? kr.recordedScore ?? null;
    const recordedScore =
      shown !== null && (engine === null || !sameAtDisplay(shown, engine)) ? shown : null;
    const pace =
      engine !== null && this.period !== null
        ? paceDetails(
            kr.baseline,
            kr.target,
            kr.current,
            this.period.start,
            this.period.end,
            this.asOf,
            kr.type
          )
        : null;
    return {
      id: kr.id,
      objectiveId: objective.id,
      text: kr.text,
      score: engine,
      status: error === null ? status(engine) : SUMMARY_ERROR,
      recordedScore,
      error,
      pace,
      lastCheckIn: this.latest.get(kr.id) ?? null,
      locations,
    };
  }

  /** The first read problem on one of the key result's cells. */
  private cellProblem(locations: KeyResultFacts | null): SummaryError | null {
    if (!locations) return null;
    for (const place of [locations.row, ...Object.values(locations.fields)]) {
      const problem = place ? this.problems.get(key(place)) : undefined;
      if (problem) return problem;
    }
    return null;
  }

  objective(objective: Objective, keyResults: KeyResultSummary[]): ObjectiveSummary {
    const locations = this.facts.locations.objectives[objective.id] ?? null;
    const failed = keyResults.find((kr) => kr.error !== null);
    let score: number | null = null;
    let error: SummaryError | null = failed
      ? { message: `${failed.id}: ${failed.error!.message}`, location: failed.error!.location }
      : null;
    if (error === null) {
      try {
        score = grade(
          keyResults.map((kr) => kr.score),
          objective.keyResults.map((kr) => kr.weight)
        );
      } catch (thrown) {
        error = {
          message: messageOf(thrown),
          location: locations?.fields.score ?? locations?.row ?? null,
        };
      }
    }
    const stated = objective.recordedScore ?? null;
    return {
      id: objective.id,
      title: objective.title,
      kind: objective.kind,
      score,
      status: error === null ? status(score) : SUMMARY_ERROR,
      recordedScore:
        stated !== null && (score === null || !sameAtDisplay(stated, score)) ? stated : null,
      error,
      keyResultIds: keyResults.map((kr) => kr.id),
      locations,
    };
  }

  /** OKR014's rule (src/okr/freshness.ts), so the summary and the check agree. */
  stale(kr: KeyResultSummary): StaleKeyResult | null {
    const plan = this.facts.plan;
    if (plan === null) return null;
    const stale = staleness(plan.status, kr.lastCheckIn, this.period?.start ?? null, this.asOf);
    if (stale === null) return null;
    const fields = kr.locations?.fields;
    return {
      id: kr.id,
      objectiveId: kr.objectiveId,
      text: kr.text,
      lastCheckIn: kr.lastCheckIn,
      days: stale.days,
      location: fields?.lastCheckIn ?? fields?.current ?? kr.locations?.row ?? null,
    };
  }
}

/**
 * The scorecard summary of what readPlan found: the overall score and health, the count of key
 * results per status (Red, Yellow, Green, Pending, Error), each objective's and key result's score
 * and status, the key results At risk by pace, and the stale ones. `null` when the facts hold no
 * plan. Throws an OkrError only for an `asOf` that is not a date.
 */
export function summarize(facts: WorkbookFacts, options: SummaryOptions = {}): Summary | null {
  const plan = facts.plan;
  if (plan === null) return null;
  const asOf = options.asOf === undefined ? todaySerial() : toDateSerial("asOf", options.asOf);
  const period = periodDates(plan.period);
  const summarizer = new Summarizer(facts, asOf, period);

  const keyResults: KeyResultSummary[] = [];
  const objectives = plan.objectives.map((objective) => {
    const own = objective.keyResults.map((kr) => summarizer.keyResult(kr, objective));
    keyResults.push(...own);
    return summarizer.objective(objective, own);
  });

  const kind: OkrKind =
    objectives.length > 0 && objectives.every((objective) => objective.kind === "committed")
      ? "committed"
      : "aspirational";
  const failed = objectives.find((objective) => objective.error !== null);
  const overallScore = failed ? null : grade(objectives.map((objective) => objective.score));
  const counts = Object.fromEntries(SUMMARY_STATUSES.map((label) => [label, 0])) as Record<
    SummaryStatus,
    number
  >;
  for (const kr of keyResults) counts[kr.status] += 1;

  return {
    asOf,
    period,
    overall: {
      score: overallScore,
      health: health(overallScore, kind),
      kind,
      error: failed
        ? { message: `${failed.id}: ${failed.error!.message}`, location: failed.error!.location }
        : null,
    },
    counts,
    objectives,
    keyResults,
    atRisk: keyResults.flatMap((kr) =>
      kr.pace?.pace === PACE.atRisk
        ? [
            {
              id: kr.id,
              objectiveId: kr.objectiveId,
              text: kr.text,
              expected: kr.pace.expected,
              progress: kr.pace.progress,
              gap: kr.pace.gap,
              location: kr.locations?.fields.current ?? kr.locations?.row ?? null,
            },
          ]
        : []
    ),
    stale: keyResults.flatMap((kr) => summarizer.stale(kr) ?? []),
  };
}
