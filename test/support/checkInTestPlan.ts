import type { Plan } from "../../src/okr/model";

/** The check-in tests' plan, in the quarter of `today` (so today is inside its period). */
export function checkInTestPlan(today: Date): Plan {
  const quarter = Math.floor(today.getMonth() / 3) + 1;
  return {
    project: "Check-in",
    period: `${today.getFullYear()}-Q${quarter}`,
    owner: "Ann",
    contributors: [],
    status: "Active",
    alignment: null,
    objectives: [
      {
        id: "O1",
        title: "Delight customers",
        owner: "Ann",
        timeline: null,
        kind: "committed",
        notes: [],
        keyResults: [
          {
            id: "O1.KR1",
            text: "Grow users from 0 to 100",
            type: "increase",
            baseline: 0,
            target: 100,
            unit: null,
            current: 40,
            weight: 1,
            owner: null,
            notes: [],
          },
          {
            id: "O1.KR2",
            text: "Raise NPS share to 80%",
            type: "increase",
            baseline: 20,
            target: 80,
            unit: "%",
            current: 30,
            weight: 1,
            owner: null,
            notes: [],
          },
          {
            id: "O1.KR3",
            text: "Ship the runbook",
            type: "milestone",
            baseline: null,
            target: null,
            unit: null,
            current: null,
            weight: 1,
            owner: null,
            notes: [],
          },
        ],
      },
    ],
  };
}
