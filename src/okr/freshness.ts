import type { PlanStatus } from "./model";
import { STALE_AFTER_DAYS } from "./thresholds";

/*
 * When a key result's check-ins have gone stale, and the small readings of recorded values that
 * the check (OKR014, OKR010) and the scorecard summary share, so that both always agree.
 */

/** A stale key result: whole days since its latest check-in, or since the period started. */
export interface Staleness {
  days: number;
  since: "check-in" | "period start";
}

/**
 * OKR014's rule: in an Active plan, a key result is stale when its latest check-in is more than
 * STALE_AFTER_DAYS days before `asOf`, or, with no check-in, when the period started more than
 * that long before. Null when it is not stale (or the plan is not Active).
 */
export function staleness(
  status: PlanStatus,
  lastCheckIn: number | null,
  periodStart: number | null,
  asOf: number
): Staleness | null {
  if (status !== "Active") return null;
  if (lastCheckIn !== null) {
    return asOf - lastCheckIn > STALE_AFTER_DAYS
      ? { days: Math.floor(asOf - lastCheckIn), since: "check-in" }
      : null;
  }
  if (periodStart !== null && asOf - periodStart > STALE_AFTER_DAYS) {
    return { days: Math.floor(asOf - periodStart), since: "period start" };
  }
  return null;
}

/** The latest dated check-in of each key result, by its id: one pass over the log. */
export function latestCheckIns(
  checkIns: readonly { date: number | null; keyResultId: string }[]
): Map<string, number> {
  const latest = new Map<string, number>();
  for (const checkIn of checkIns) {
    if (checkIn.date === null) continue;
    const last = latest.get(checkIn.keyResultId);
    if (last === undefined || checkIn.date > last) latest.set(checkIn.keyResultId, checkIn.date);
  }
  return latest;
}

/** A recorded score as the sheet shows it: a number, or a number stored as text; else null. */
export function recordedNumber(value: unknown): number | null {
  if (typeof value === "number" && Number.isFinite(value)) return value;
  if (typeof value === "string" && /^\s*-?\d+(\.\d+)?\s*$/.test(value)) return Number(value);
  return null;
}
