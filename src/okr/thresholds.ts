/**
 * The numbers and labels of the framework's scoring guide, defined once. Everything that scores,
 * labels or (later) generates formulas imports them from here.
 */

/** Scores are judged as a person sees them: rounded to this many decimals. */
export const DISPLAY_DECIMALS = 2;

/** Traffic-light bands: Red below 0.40, Yellow from 0.40 to below 0.70, Green from 0.70. */
export const RED_BELOW = 0.4;
export const GREEN_FROM = 0.7;

export const STATUS = {
  red: "Red",
  yellow: "Yellow",
  green: "Green",
  pending: "Pending",
} as const;
export type Status = (typeof STATUS)[keyof typeof STATUS];

/**
 * Plan health from the average score: below 0.5 Concerning, 0.5 to below 0.7 Below target,
 * 0.7 to 0.8 Ideal, above 0.8 to 0.9 Strong, above 0.9 Too easy.
 */
export const HEALTH_CONCERNING_BELOW = 0.5;
export const HEALTH_IDEAL_FROM = 0.7;
export const HEALTH_IDEAL_UP_TO = 0.8;
export const HEALTH_STRONG_UP_TO = 0.9;

export const HEALTH = {
  concerning: "Concerning",
  belowTarget: "Below target",
  ideal: "Ideal",
  strong: "Strong",
  tooEasy: "Too easy",
} as const;
export type Health = (typeof HEALTH)[keyof typeof HEALTH];

/** OKR kinds: a committed OKR is expected to reach 1.0; an aspirational one is a stretch. */
export const OKR_KINDS = ["aspirational", "committed"] as const;
export type OkrKind = (typeof OKR_KINDS)[number];

/** Pace: gap = expected − progress; gap ≤ 0 On track, up to 0.25 Behind, above 0.25 At risk. */
export const PACE_BEHIND_UP_TO = 0.25;

export const PACE = {
  onTrack: "On track",
  behind: "Behind",
  atRisk: "At risk",
} as const;
export type Pace = (typeof PACE)[keyof typeof PACE];

/**
 * A key result with no check-in for longer than this many days is stale (the monthly review
 * cadence): the check's OKR014, the summary, and the workbook's "Stale after (days)" cell.
 */
export const STALE_AFTER_DAYS = 31;

/**
 * A milestone's value in words (in any case, spaces collapsed): done counts as 1, not done as 0.
 * The engine, the generated formulas, the workbook reader, the importer and the task pane read
 * these lists and no others. TRUE / FALSE and the numbers 1 / 0 mean the same.
 */
export const MILESTONE_DONE_WORDS = ["done", "yes", "true", "complete", "completed"] as const;
export const MILESTONE_NOT_DONE_WORDS = ["not done", "no", "false", "not started"] as const;
/**
 * A milestone's value may also be a grade of partial credit, a number from 0 to 1 (0.6 for a
 * feature mostly shipped), as real scorecards grade deliverables by hand: its progress is that
 * number. A number outside 0–1 is an error with that reason.
 */
export const MILESTONE_GRADE = { min: 0, max: 1 } as const;

/**
 * How many objectives a plan, and key results an objective, should have (the framework's "3-5
 * objectives with 3-5 key results each"): the check's OKR001 and OKR002 and their texts.
 */
export const PER_LEVEL = { min: 3, max: 5 } as const;
