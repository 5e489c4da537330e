import type { KeyResult, Objective, Plan } from "../src/okr/model";
import {
  checkWorkbook,
  isActivity,
  RULES,
  STRUCTURE_RULE_IDS,
  type StructureFinding,
  type WorkbookFacts,
} from "../src/okr/rules";
import { instantiate, templateById, templates } from "../src/okr/templates";
import { evaluateWorkbook } from "../src/hosts/memory";
import { buildWorkbook } from "../src/sheets/build";
import { readPlan } from "../src/sheets/read";
import { factsOf as facts } from "./support/facts";

/**
 * Each rule firing and not firing, on facts made from small plans the way readPlan would report
 * them (key results on Scorecard rows 6…, objectives below), then every catalogue template as
 * OKR Studio builds it: no errors, and exactly the warnings the framework's own text earns.
 */

const AS_OF = 46_100; // 2026-03-20

function kr(id: string, text: string, fields: Partial<KeyResult> = {}): KeyResult {
  return {
    id,
    text,
    type: "increase",
    baseline: 10,
    target: 20,
    unit: "%",
    current: null,
    weight: 1,
    owner: "Owner",
    notes: [],
    ...fields,
  };
}

function objective(
  id: string,
  keyResults: KeyResult[],
  fields: Partial<Objective> = {}
): Objective {
  return {
    id,
    title: `Objective ${id}`,
    owner: "Owner",
    timeline: "Q1 2026",
    kind: "aspirational",
    notes: [],
    keyResults,
    ...fields,
  };
}

/** Three objectives of three key results each: clean by every rule. */
function cleanPlan(): Plan {
  const objectives = [1, 2, 3].map((o) =>
    objective(
      `O${o}`,
      [1, 2, 3].map((k) => kr(`O${o}.KR${k}`, `Increase metric ${o}.${k} from 10% to 20%`)),
      { title: `Grow outcome ${o}` }
    )
  );
  return {
    project: "P",
    period: "2026-Q1",
    owner: "Owner",
    contributors: [],
    status: "Draft",
    alignment: null,
    objectives,
  };
}

const ids = (plan: Plan | null, extra: Partial<WorkbookFacts> = {}) =>
  checkWorkbook(facts(plan, extra), { asOf: AS_OF }).map((f) => f.ruleId);

function edit(change: (plan: Plan) => void): Plan {
  const plan = cleanPlan();
  change(plan);
  return plan;
}

test("the clean plan has no findings at all", () => {
  expect(ids(cleanPlan())).toEqual([]);
});

test("every rule has an id, a severity, a title, its framework source and a fix", () => {
  expect(RULES.map((rule) => rule.id)).toEqual(
    Array.from({ length: 30 }, (_, i) => `OKR${String(i).padStart(3, "0")}`)
  );
  // The structure rules are marked in the catalogue, which the pane and the rules page read.
  expect(STRUCTURE_RULE_IDS).toEqual(
    Array.from({ length: 9 }, (_, i) => `OKR${String(i + 21).padStart(3, "0")}`)
  );
  for (const rule of RULES) {
    expect(rule.title.length).toBeGreaterThan(5);
    expect(rule.source.length).toBeGreaterThan(10);
    expect(rule.fix.length).toBeGreaterThan(10);
  }
});

describe("each rule fires where it should, and only there", () => {
  const cases: [string, Plan | null, Partial<WorkbookFacts>, string[]][] = [
    ["OKR000 no OKR structure", null, {}, ["OKR000"]],
    ["OKR001 two objectives", edit((p) => p.objectives.pop()), {}, ["OKR001"]],
    [
      "OKR001 six objectives",
      edit((p) =>
        p.objectives.push(
          ...["O4", "O5", "O6"].map((id) =>
            objective(
              id,
              cleanPlan().objectives[0].keyResults.map((k) => ({
                ...k,
                id: k.id.replace("O1", id),
                text: `${k.text} (${id})`,
              })),
              { title: `Outcome ${id}` }
            )
          )
        )
      ),
      {},
      ["OKR001"],
    ],
    ["OKR002 two key results", edit((p) => p.objectives[0].keyResults.pop()), {}, ["OKR002"]],
    [
      "OKR003 no numeric target",
      edit((p) =>
        Object.assign(p.objectives[0].keyResults[0], { type: null, target: null, baseline: null })
      ),
      {},
      ["OKR003"],
    ],
    [
      "OKR003 not for a milestone",
      edit((p) =>
        Object.assign(p.objectives[0].keyResults[0], {
          type: "milestone",
          target: null,
          baseline: null,
        })
      ),
      {},
      [],
    ],
    [
      "OKR004 no baseline",
      edit((p) => Object.assign(p.objectives[0].keyResults[0], { baseline: null })),
      {},
      ["OKR004"],
    ],
    [
      "OKR004 not for maintain-above",
      edit((p) =>
        Object.assign(p.objectives[0].keyResults[0], { type: "maintain-above", baseline: null })
      ),
      {},
      [],
    ],
    [
      "OKR005 target equals baseline",
      edit((p) => Object.assign(p.objectives[0].keyResults[0], { baseline: 20 })),
      {},
      ["OKR005"],
    ],
    [
      "OKR006 reduce but the target is above",
      edit((p) =>
        Object.assign(p.objectives[0].keyResults[0], { text: "Reduce churn from 10% to 20%" })
      ),
      {},
      ["OKR006"],
    ],
    [
      "OKR006 not for a measured reduction",
      edit((p) =>
        Object.assign(p.objectives[0].keyResults[0], {
          text: "Reduce costs by 20%",
          baseline: 0,
          unit: "% reduction",
        })
      ),
      {},
      [],
    ],
    [
      "OKR007 an activity",
      edit((p) =>
        Object.assign(p.objectives[0].keyResults[0], {
          text: "Attend 10 training sessions",
          unit: "training sessions",
        })
      ),
      {},
      ["OKR007"],
    ],
    [
      "OKR008 no owner",
      edit((p) => ((p.objectives[0].owner = null), (p.objectives[0].keyResults[0].owner = null))),
      {},
      ["OKR008"],
    ],
    [
      "OKR008 not when every key result names its owner",
      edit((p) => (p.objectives[0].owner = null)),
      {},
      [],
    ],
    [
      "OKR009 no period or timeline",
      edit((p) => ((p.period = ""), (p.objectives[0].timeline = null))),
      {},
      ["OKR009"],
    ],
    [
      "OKR009 not when the plan has a period",
      edit((p) => (p.objectives[0].timeline = null)),
      {},
      [],
    ],
    [
      "OKR010 recorded score differs",
      edit((p) => (p.objectives[0].keyResults[0].current = 15)),
      { recorded: { "O1.KR1": { score: 0.9, formulas: {} } } },
      ["OKR010"],
    ],
    [
      "OKR010 not when the recorded score agrees",
      edit((p) => (p.objectives[0].keyResults[0].current = 15)),
      { recorded: { "O1.KR1": { score: 0.5, status: "Yellow", formulas: {} } } },
      [],
    ],
    [
      "OKR010 an objective's reported score",
      edit(
        (p) => ((p.objectives[0].keyResults[0].current = 15), (p.objectives[0].recordedScore = 0.8))
      ),
      {},
      ["OKR010"],
    ],
    [
      "OKR011 status does not match",
      edit((p) => (p.objectives[0].keyResults[0].current = 15)),
      { recorded: { "O1.KR1": { score: 0.5, status: "Green", formulas: {} } } },
      ["OKR011"],
    ],
    [
      "OKR011 a traffic-light emoji is read",
      edit((p) => (p.objectives[0].keyResults[0].current = 15)),
      { recorded: { "O1.KR1": { score: 0.5, status: "🟡", formulas: {} } } },
      [],
    ],
    [
      "OKR012 score outside 0–1",
      edit((p) => (p.objectives[0].keyResults[0].current = 15)),
      { recorded: { "O1.KR1": { score: 96, formulas: {} } } },
      ["OKR012"],
    ],
    [
      "OKR013 too easy",
      edit((p) => p.objectives.forEach((o) => o.keyResults.forEach((k) => (k.current = 20)))),
      {},
      ["OKR013"],
    ],
    [
      "OKR013 not for committed OKRs",
      edit((p) =>
        p.objectives.forEach(
          (o) => ((o.kind = "committed"), o.keyResults.forEach((k) => (k.current = 20)))
        )
      ),
      {},
      [],
    ],
    [
      "OKR013 concerning",
      edit((p) => p.objectives.forEach((o) => o.keyResults.forEach((k) => (k.current = 11)))),
      {},
      ["OKR013"],
    ],
    [
      "OKR013 not when ideal",
      edit((p) => p.objectives.forEach((o) => o.keyResults.forEach((k) => (k.current = 17.5)))),
      {},
      [],
    ],
    [
      "OKR014 stale: last check-in 50 days ago",
      edit((p) => ((p.status = "Active"), (p.objectives = p.objectives.slice(0, 3)))),
      {
        checkIns: cleanPlan().objectives.flatMap((o) =>
          o.keyResults.map((k, i) => ({
            date: k.id === "O1.KR1" ? AS_OF - 50 : AS_OF - i,
            keyResultId: k.id,
            value: 15,
            location: { sheet: "Check-ins", address: "A2" },
          }))
        ),
      },
      ["OKR014"],
    ],
    ["OKR014 not when the plan is a draft", edit(() => undefined), {}, []],
    [
      "OKR015 pending at close",
      edit(
        (p) => (
          (p.status = "Completed"),
          p.objectives.forEach((o) => o.keyResults.forEach((k) => (k.current = 18))),
          (p.objectives[1].keyResults[2].current = null)
        )
      ),
      {},
      ["OKR015"],
    ],
    [
      "OKR016 duplicate key-result id",
      edit((p) => (p.objectives[0].keyResults[1].id = "O1.KR1")),
      {},
      ["OKR016"],
    ],
    [
      "OKR016 duplicate objective title",
      edit((p) => (p.objectives[1].title = p.objectives[0].title)),
      {},
      ["OKR016"],
    ],
    [
      "OKR017 AI objective without quality",
      edit((p) => (p.objectives[0].title = "Launch a chatbot for support")),
      {},
      ["OKR017"],
    ],
    [
      "OKR017 not when a key result measures accuracy",
      edit(
        (p) => (
          (p.objectives[0].title = "Launch a chatbot"),
          (p.objectives[0].keyResults[0].text = "Increase intent accuracy from 10% to 20%")
        )
      ),
      {},
      [],
    ],
    [
      "OKR019 a cell the reader could not make sense of",
      cleanPlan(),
      {
        problems: [
          {
            location: { sheet: "Scorecard", address: "H7" },
            message: 'target is not a number: "abc"',
          },
        ],
      },
      ["OKR019"],
    ],
    [
      "OKR020 an increase whose target is below its baseline: the key result, and its objective",
      edit((p) =>
        Object.assign(p.objectives[0].keyResults[0], {
          text: "Metric 1.1 at 5%",
          baseline: 10,
          target: 5,
        })
      ),
      {},
      ["OKR020", "OKR020"],
    ],
    [
      "OKR020 a current value that is not a number (TRUE on an increase)",
      edit((p) => (p.objectives[1].keyResults[0].current = true)),
      {},
      ["OKR020", "OKR020"],
    ],
    [
      "OKR020 a milestone's value that is neither done nor not done",
      edit((p) =>
        Object.assign(p.objectives[2].keyResults[1], {
          text: "Feature store in production",
          type: "milestone",
          baseline: null,
          target: null,
          unit: null,
          current: 5,
        })
      ),
      {},
      ["OKR020", "OKR020"],
    ],
    [
      "OKR020 a Score cell that shows an error though the numbers give a score",
      edit((p) => (p.objectives[0].keyResults[0].current = 15)),
      { recorded: { "O1.KR1": { score: "#REF!", formulas: {}, errors: { score: "#REF!" } } } },
      ["OKR020", "OKR020"],
    ],
    [
      "OKR020 an objective's Score cell that shows an error",
      cleanPlan(),
      { objectiveErrors: { O2: "#N/A" } },
      ["OKR020"],
    ],
    [
      "OKR020 not for the error OKR005 tells (target equals baseline), at the key result alone",
      edit((p) => Object.assign(p.objectives[0].keyResults[0], { baseline: 20 })),
      {},
      ["OKR005"],
    ],
    [
      "OKR018 objective outside the alignment chain",
      edit((p) => (p.alignment = { company: "C", businessUnit: "B", project: "Grow outcome 1" })),
      {},
      ["OKR018", "OKR018"],
    ],
  ];

  test.each(cases)("%s", (_name, plan, extra, expected) => {
    expect(ids(plan, extra)).toEqual(expected);
  });

  test("OKR014 for a key result never checked in, once the period is a month old", () => {
    const plan = edit((p) => (p.status = "Active"));
    const all = checkWorkbook(facts(plan), { asOf: AS_OF });
    expect(all.filter((f) => f.ruleId === "OKR014")).toHaveLength(9);
    expect(all[0].message).toBe(
      'O1.KR1 "Increase metric 1.1 from 10% to 20%": no check-in since the period started 77 days ago'
    );
  });
});

describe("findings", () => {
  test("name the key result, point at the cell, and carry the fix", () => {
    const plan = edit((p) => Object.assign(p.objectives[1].keyResults[2], { baseline: 20 }));
    expect(checkWorkbook(facts(plan), { asOf: AS_OF })).toEqual([
      {
        ruleId: "OKR005",
        severity: "error",
        message: 'O2.KR3 "Increase metric 2.3 from 10% to 20%": target equals baseline (20%)',
        location: { sheet: "Scorecard", address: "H11" },
        fix: RULES.find((rule) => rule.id === "OKR005")!.fix,
      },
    ]);
  });

  test("are sorted by sheet, row and rule, whatever order they were found in", () => {
    const plan = edit((p) => {
      p.objectives[2].owner = null;
      p.objectives[2].keyResults[0].owner = null;
      Object.assign(p.objectives[0].keyResults[1], {
        baseline: null,
        text: "Deploy chatbot",
        type: null,
        target: null,
      });
    });
    const found = checkWorkbook(facts(plan), { asOf: AS_OF }).map(
      (f) => `${f.location?.sheet}!${f.location?.address} ${f.ruleId}`
    );
    expect(found).toEqual(["Scorecard!H7 OKR003", "Scorecard!C7 OKR007", "Scorecard!C20 OKR008"]);
  });

  test("an error score is told at its cell with the engine's reason, and the averages say they left it out", () => {
    const plan = edit((p) => {
      p.objectives.forEach((o) => o.keyResults.forEach((k) => (k.current = 20)));
      Object.assign(p.objectives[0].keyResults[1], { text: "Metric 1.2 at 5%", target: 5 });
    });
    const found = checkWorkbook(
      facts(plan, {
        recorded: {
          "O1.KR2": {
            score: "#VALUE!",
            formulas: {},
            errors: { score: "#VALUE!", status: "#VALUE!" },
          },
        },
      }),
      { asOf: AS_OF }
    ).map((f) => [f.ruleId, f.location?.address, f.message]);
    expect(found).toEqual([
      [
        "OKR013",
        "B3",
        "the plan's average score is 1.00 (leaving out O1, whose score is an error): above 0.9 on aspirational OKRs, the goals are too easy",
      ],
      [
        "OKR020",
        "K7",
        'O1.KR2 "Metric 1.2 at 5%": its score is an error, #VALUE! (Score and Status show #VALUE!): type is increase but target (5) is below baseline (10)',
      ],
      [
        "OKR020",
        "F18",
        'O1 "Grow outcome 1": its score is an error, because the score of O1.KR2 is; its other key results give 1.00; the plan\'s average leaves it out',
      ],
    ]);
  });

  test("filter by rule and by severity", () => {
    const plan = edit((p) => {
      p.objectives.pop();
      Object.assign(p.objectives[0].keyResults[0], { baseline: 20 });
    });
    expect(
      checkWorkbook(facts(plan), { asOf: AS_OF, rules: ["okr001"] }).map((f) => f.ruleId)
    ).toEqual(["OKR001"]);
    expect(
      checkWorkbook(facts(plan), { asOf: AS_OF, minSeverity: "error" }).map((f) => f.ruleId)
    ).toEqual(["OKR005"]);
  });

  test("structure findings keep their cells and names, and filter like the others", () => {
    const cell = {
      sheet: "Scorecard",
      address: "K6",
      expected: "=IF(1,2,3)",
      current: { value: 0.8, formula: null },
    };
    const name = { name: "OKR_RED_BELOW", expected: "='OKR Plan'!$B$13", current: "=#REF!" };
    const structure: StructureFinding[] = [
      {
        ruleId: "OKR021",
        message: "typed",
        location: { sheet: "Scorecard", address: "K6" },
        cells: [cell],
      },
      { ruleId: "OKR022", message: "name", location: null, names: [name] },
      { ruleId: "OKR026", message: "newer", location: null },
    ];
    const found = checkWorkbook(facts(cleanPlan(), { structure: [...structure] }), {
      asOf: AS_OF,
      rules: ["OKR021", "OKR022", "OKR026"],
    });
    expect(found.map((f) => [f.ruleId, f.severity, f.cells, f.names])).toEqual([
      ["OKR022", "error", undefined, [name]],
      ["OKR026", "info", undefined, undefined],
      ["OKR021", "error", [cell], undefined],
    ]);
    expect(
      checkWorkbook(facts(cleanPlan(), { structure: [...structure] }), {
        asOf: AS_OF,
        minSeverity: "warning",
      }).some((f) => f.ruleId === "OKR026")
    ).toBe(false);
  });

  test("OKR000 says which headers were looked for", () => {
    const [finding] = checkWorkbook(
      facts(null, { lookedFor: ["Key Result + Target", "Objective + Score"] })
    );
    expect(finding.message).toBe(
      "no table of objectives or key results found; looked for a header row with Key Result + Target; or Objective + Score"
    );
  });
});

describe("activity, not outcome: the framework's own examples", () => {
  test.each([
    ["Deploy chatbot", true],
    ["Attend 10 training sessions", true],
    ["Complete 4 A/B tests comparing model versions", true],
    ["Handle 70% of inquiries", false],
    ["Deploy model to production handling 10,000+ predictions/day", false],
    ["Implement automated bias detection for 100% of models pre-deployment", false],
    ["Reduce average response time from 5 minutes to 30 seconds", false],
    ["Launch 3 new AI-powered features with > 80% user adoption", false],
  ])("%s → %p", (text, expected) => {
    expect(isActivity(text).activity).toBe(expected);
  });
});

describe("the completed Q4 2025 sample, as the document reports it", () => {
  const plan = instantiate(templateById("completed-cv-q4-2025")!);
  const found = checkWorkbook(
    facts(plan, {
      recorded: Object.fromEntries(
        plan.objectives[0].keyResults.map((k) => [
          k.id,
          { score: k.recordedScore, status: null, formulas: {} },
        ])
      ),
    }),
    { asOf: AS_OF }
  );

  test("its false-positive key result and its overall score are inconsistent with the numbers (OKR010), and say why", () => {
    expect(found.filter((f) => f.ruleId === "OKR010").map((f) => f.message)).toEqual([
      'O1.KR3 "Reduce false positive rate to < 5%": recorded score 0.69 (typed, not a formula) differs from 0.79 computed from baseline 12%, target 5% and current 6.5%: (6.5 − 12) / (5 − 12) = 0.79',
      'O1 "Launch computer vision defect detection system in production": recorded score 0.75 differs from 0.73, the weighted mean of its key results\' scores (O1.KR1 1.00, O1.KR2 0.81, O1.KR3 0.79, O1.KR4 0.33)',
    ]);
  });
});

describe("every catalogue template, as OKR Studio builds it, has no errors", () => {
  // The warnings the framework's own text earns: sets of one or two objectives (OKR001), key
  // results with no stated baseline (OKR004), activity wording (OKR007), AI objectives whose key
  // results measure volume but not quality (OKR017).
  const earned: Record<string, string[]> = {
    "predictive-analytics": ["OKR001", "OKR004", "OKR004", "OKR004", "OKR007"],
    "nlp-chatbot": ["OKR001", "OKR004", "OKR004", "OKR007", "OKR017"],
    "computer-vision": ["OKR001", "OKR004", "OKR004", "OKR007", "OKR007", "OKR017"],
    "ai-platform": ["OKR001", "OKR004", "OKR004", "OKR004", "OKR004", "OKR007"],
    "generative-ai": ["OKR001", "OKR004", "OKR004", "OKR004", "OKR004", "OKR007", "OKR017"],
    "copilot-studio": ["OKR001", "OKR004", "OKR004", "OKR004", "OKR004", "OKR007"],
    "d365-contact-center": ["OKR004", "OKR004", "OKR004", "OKR004", "OKR007", "OKR007"],
    "copilot-studio-d365": ["OKR001", "OKR004", "OKR007"],
    "revenue-growth": ["OKR001"],
    "cost-reduction": ["OKR001"],
    "customer-experience": ["OKR001"],
    "innovation-capabilities": ["OKR001", "OKR004", "OKR004", "OKR007", "OKR007"],
    "data-science-team": ["OKR001", "OKR004", "OKR004", "OKR007"],
    "mlops-platform-team": ["OKR001", "OKR004", "OKR004"],
    "product-business-team": ["OKR001", "OKR004", "OKR004"],
    "completed-cv-q4-2025": ["OKR001", "OKR007"],
    "alignment-example": ["OKR001", "OKR004", "OKR004"],
    "dashboard-example": ["OKR001", "OKR004", "OKR004", "OKR004", "OKR017"],
  };

  test.each(templates.map((template) => [template.id, template] as const))("%s", (id, template) => {
    const read = readPlan(evaluateWorkbook(buildWorkbook(instantiate(template)), { today: AS_OF }));
    const found = checkWorkbook(read, { asOf: AS_OF });
    expect(found.filter((f) => f.severity === "error")).toEqual([]);
    expect(found.map((f) => f.ruleId).sort()).toEqual(earned[id]);
  });
});
