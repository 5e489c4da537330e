import type { KeyResult, Plan } from "../../src/okr/model";

const FRACTIONS = [0.2, 0.55, 0.7, 1.1, -0.1, 0.695, 0.4, null] as const;

/**
 * The plan with current values that walk through every band (below the baseline, Red, Yellow,
 * Green, beyond the target, the 0.695 rounding edge, pending), so no formula path is left out.
 */
export function withCurrents(plan: Plan): Plan {
  let n = 0;
  const current = (kr: KeyResult): KeyResult["current"] => {
    const fraction = FRACTIONS[n++ % FRACTIONS.length];
    if (fraction === null) return null;
    if (kr.type === "milestone") return fraction >= 0.7;
    if (kr.target === null) return null;
    if (kr.type === "maintain-above") return fraction >= 0.7 ? kr.target : kr.target * 0.9;
    if (kr.type === "maintain-below") return fraction >= 0.7 ? kr.target : kr.target * 1.1 + 1;
    const baseline = kr.baseline ?? 0;
    return Number((baseline + (kr.target - baseline) * fraction).toPrecision(12));
  };
  return {
    ...plan,
    objectives: plan.objectives.map((objective) => ({
      ...objective,
      keyResults: objective.keyResults.map((kr) => ({ ...kr, current: current(kr) })),
    })),
  };
}
