import type { Summary } from "../src/okr/summary";
import { createBrowserActions } from "../src/taskpane/browserActions";
import { SummaryView } from "../src/taskpane/scorecard/ScorecardSummary";
import { paneMarkup, textOf } from "./support/paneMarkup";

/** The scorecard summary's markup in each state: numbers as summarize gives them, status in words. */

function summary(overrides: Partial<Summary> = {}): Summary {
  return {
    asOf: 46356,
    period: null,
    overall: { score: 0.28, health: "Concerning", kind: "committed", error: null },
    counts: { Red: 1, Yellow: 1, Green: 0, Pending: 1, Error: 0 },
    objectives: [
      {
        id: "O1",
        title: "Delight customers",
        kind: "committed",
        score: 0.2833,
        status: "Red",
        recordedScore: null,
        error: null,
        keyResultIds: ["O1.KR1"],
        locations: { row: { sheet: "Scorecard", address: "A12" }, fields: {} },
      },
    ],
    keyResults: [],
    atRisk: [
      {
        id: "O1.KR1",
        objectiveId: "O1",
        text: "Grow",
        expected: 0.66,
        progress: 0.4,
        gap: 0.26,
        location: { sheet: "Scorecard", address: "J6" },
      },
    ],
    stale: [
      {
        id: "O1.KR2",
        objectiveId: "O1",
        text: "NPS",
        lastCheckIn: null,
        days: 60,
        location: { sheet: "Scorecard", address: "O7" },
      },
      {
        id: "O1.KR3",
        objectiveId: "O1",
        text: "Runbook",
        lastCheckIn: 46300,
        days: 56,
        location: { sheet: "Scorecard", address: "O8" },
      },
    ],
    ...overrides,
  };
}

const render = (value: Summary, selectable = true) =>
  paneMarkup(<SummaryView summary={value} onSelect={selectable ? () => undefined : undefined} />, {
    actions: createBrowserActions(),
  });

const goToNames = (html: string) =>
  [...html.matchAll(/<button[^>]*aria-label="([^"]+)"[^>]*>Go to<\/button>/g)].map(
    (match) => match[1]
  );

describe("the scorecard summary", () => {
  test("overall score and health, counts by status in words, objectives, at risk and stale, each with its own Go to", () => {
    const html = render(summary());
    expect(textOf(html)).toBe(
      [
        "Scorecard Overall score 0.28, health Concerning",
        "Red: 1 Yellow: 1 Green: 0 Pending: 1",
        "Objectives O1 Delight customers: 0.28 (Red) Go to",
        "At risk by pace: 1 O1.KR1 At risk: 40% done, 66% expected Go to",
        "Stale check-ins: 2 O1.KR2 Stale: 60 days without a check-in Go to",
        "O1.KR3 Stale: 56 days since 2026-10-05 Go to",
      ].join(" ")
    );
    const names = goToNames(html);
    expect(names).toEqual([
      "Go to objective O1",
      "Go to at-risk O1.KR1",
      "Go to stale O1.KR2",
      "Go to stale O1.KR3",
    ]);
    expect(new Set(names).size).toBe(names.length);
    expect(html).toMatch(/<h2[^>]*>Scorecard<\/h2>/);
    expect(html).toMatch(/<ul[^>]*aria-label="Key results by status"/);
  });

  test("a key result whose cells show an error is shown as an error, and counted", () => {
    const html = render(
      summary({
        overall: {
          score: null,
          health: null,
          kind: "committed",
          error: { message: "O1 is in error", location: null },
        },
        counts: { Red: 0, Yellow: 1, Green: 0, Pending: 1, Error: 1 },
        keyResults: [
          {
            id: "O1.KR2",
            objectiveId: "O1",
            text: "NPS",
            score: null,
            status: "Error",
            recordedScore: null,
            error: {
              message: "Current shows #DIV/0!",
              location: { sheet: "Scorecard", address: "H7" },
            },
            pace: null,
            lastCheckIn: null,
            locations: null,
          },
        ],
        atRisk: [],
        stale: [],
      })
    );
    const text = textOf(html);
    expect(text).toContain("Overall score no score (error: O1 is in error)");
    expect(text).toContain("Error: 1");
    expect(text).toContain("Key results in error O1.KR2 Error: Current shows #DIV/0! Go to");
    expect(goToNames(html)).toContain("Go to error of O1.KR2");
    expect(text).toContain("At risk by pace: 0");
    expect(text).toContain("Stale check-ins: 0");
  });

  test("one day is a day, not days", () => {
    const [stale] = summary().stale;
    const text = textOf(render(summary({ stale: [{ ...stale, days: 1 }] })));
    expect(text).toContain("O1.KR2 Stale: 1 day without a check-in");
  });

  test("without a way to select cells (outside Excel): the same summary, no Go to", () => {
    const html = render(summary(), false);
    expect(goToNames(html)).toEqual([]);
    expect(textOf(html)).toContain("Overall score 0.28");
  });
});
