import { Body1, Button, Caption1, makeStyles, Subtitle2, tokens } from "@fluentui/react-components";
import { useMemo, useState } from "react";
import type { Location } from "../../okr/rules/types";
import { summarize, SUMMARY_STATUSES, type Summary, type SummaryStatus } from "../../okr/summary";
import { DISPLAY_DECIMALS } from "../../okr/thresholds";
import { isoFromSerial, roundTo, todaySerial } from "../../okr/values";
import { sheetReference } from "../../sheets/spec";
import type { WorkbookRead } from "../actions";
import { failureOf } from "../failure";
import { usePaneActions, usePaneState } from "../PaneContext";
import { usePaneStyles } from "../ui/styles";
import { counted } from "../ui/wording";

/**
 * The scorecard summary at the top of the pane: computed by the engine (summarize) from the
 * workbook's last read in the store (the check's, or the check-in's read after writing), so it
 * costs no request of its own and follows every new read at once. Status is told in words, never
 * by colour alone.
 */

const useStyles = makeStyles({
  section: {
    display: "flex",
    flexDirection: "column",
    rowGap: tokens.spacingVerticalXS,
    paddingBottom: tokens.spacingVerticalM,
    borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
  },
  counts: {
    display: "flex",
    flexWrap: "wrap",
    columnGap: tokens.spacingHorizontalM,
    margin: 0,
    padding: 0,
    listStyleType: "none",
  },
  item: {
    display: "flex",
    flexWrap: "wrap",
    alignItems: "baseline",
    columnGap: tokens.spacingHorizontalS,
  },
});

function scoreText(score: number | null): string {
  return score === null ? "no score" : roundTo(score, DISPLAY_DECIMALS).toFixed(DISPLAY_DECIMALS);
}

/** The summary of a read, or null when it found no plan. */
export function summaryOf(read: WorkbookRead, asOf: number = todaySerial()): Summary | null {
  return summarize(read.facts, { asOf });
}

function GoTo({
  name,
  location,
  onSelect,
}: {
  name: string;
  location: Location | null;
  onSelect?: (location: Location) => void;
}) {
  if (location === null || onSelect === undefined) return null;
  return (
    <Button size="small" appearance="subtle" aria-label={name} onClick={() => onSelect(location)}>
      Go to
    </Button>
  );
}

export function SummaryView({
  summary,
  onSelect,
  problem,
}: {
  summary: Summary;
  onSelect?: (location: Location) => void;
  problem?: string | null;
}) {
  const styles = useStyles();
  const pane = usePaneStyles();
  const { overall, counts } = summary;
  const statuses = SUMMARY_STATUSES.filter(
    (status: SummaryStatus) => status !== "Error" || counts.Error > 0
  );
  return (
    <section className={styles.section} aria-labelledby="okr-studio-scorecard">
      <Subtitle2 as="h2" id="okr-studio-scorecard" className={pane.noMargin}>
        Scorecard
      </Subtitle2>
      <Body1 as="p" className={pane.noMargin}>
        Overall score {scoreText(overall.score)}
        {overall.health !== null && <>, health {overall.health}</>}
        {overall.error !== null && <> (error: {overall.error.message})</>}
      </Body1>
      <ul className={styles.counts} aria-label="Key results by status">
        {statuses.map((status) => (
          <li key={status}>
            <Body1>
              {status}: {counts[status]}
            </Body1>
          </li>
        ))}
      </ul>
      <Subtitle2 as="h3" className={pane.noMargin}>
        Objectives
      </Subtitle2>
      <ul className={pane.bullets} aria-label="Objectives">
        {summary.objectives.map((objective) => (
          <li key={objective.id} className={styles.item}>
            <Body1>
              {objective.id} {objective.title}: {scoreText(objective.score)} ({objective.status})
              {objective.error !== null && <> — {objective.error.message}</>}
            </Body1>
            <GoTo
              name={`Go to objective ${objective.id}`}
              location={objective.error?.location ?? objective.locations?.row ?? null}
              onSelect={onSelect}
            />
          </li>
        ))}
      </ul>
      {summary.keyResults.some((keyResult) => keyResult.status === "Error") && (
        <>
          <Subtitle2 as="h3" className={pane.noMargin}>
            Key results in error
          </Subtitle2>
          <ul className={pane.bullets} aria-label="Key results in error">
            {summary.keyResults
              .filter((keyResult) => keyResult.status === "Error")
              .map((keyResult) => (
                <li key={keyResult.id} className={styles.item}>
                  <Body1>
                    {keyResult.id} Error:{" "}
                    {keyResult.error?.message ?? "its score cannot be computed"}
                  </Body1>
                  <GoTo
                    name={`Go to error of ${keyResult.id}`}
                    location={keyResult.error?.location ?? keyResult.locations?.row ?? null}
                    onSelect={onSelect}
                  />
                </li>
              ))}
          </ul>
        </>
      )}
      <Subtitle2 as="h3" className={pane.noMargin}>
        At risk by pace: {summary.atRisk.length}
      </Subtitle2>
      {summary.atRisk.length > 0 && (
        <ul className={pane.bullets} aria-label="At risk by pace">
          {summary.atRisk.map((risk) => (
            <li key={risk.id} className={styles.item}>
              <Body1>
                {risk.id} At risk: {Math.round(risk.progress * 100)}% done,{" "}
                {Math.round(risk.expected * 100)}% expected
              </Body1>
              <GoTo
                name={`Go to at-risk ${risk.id}`}
                location={risk.location}
                onSelect={onSelect}
              />
            </li>
          ))}
        </ul>
      )}
      <Subtitle2 as="h3" className={pane.noMargin}>
        Stale check-ins: {summary.stale.length}
      </Subtitle2>
      {summary.stale.length > 0 && (
        <ul className={pane.bullets} aria-label="Stale check-ins">
          {summary.stale.map((stale) => (
            <li key={stale.id} className={styles.item}>
              <Body1>
                {stale.id} Stale: {counted(stale.days, "day")}
                {stale.lastCheckIn === null
                  ? " without a check-in"
                  : ` since ${isoFromSerial(stale.lastCheckIn)}`}
              </Body1>
              <GoTo
                name={`Go to stale ${stale.id}`}
                location={stale.location}
                onSelect={onSelect}
              />
            </li>
          ))}
        </ul>
      )}
      {problem != null && <Caption1 role="alert">{problem}</Caption1>}
    </section>
  );
}

/** The summary of the store's last read; nothing before a read or when the read found no plan. */
export default function ScorecardSummary() {
  const workbook = usePaneState((state) => state.workbook);
  const actions = usePaneActions();
  const [problem, setProblem] = useState<string | null>(null);
  const read = workbook.status === "read" ? workbook.read : null;
  const summary = useMemo(() => (read === null ? null : summaryOf(read)), [read]);
  if (summary === null) return null;
  const onSelect = actions.capabilities.check.available
    ? (location: Location) => {
        setProblem(null);
        actions.select(location).catch((error: unknown) => {
          const { reason, detail } = failureOf(error);
          setProblem(
            `Could not go to ${sheetReference(location.sheet)}!${location.address}. ${reason}${
              detail === "" ? "" : ` (${detail})`
            }`
          );
        });
      }
    : undefined;
  return <SummaryView summary={summary} onSelect={onSelect} problem={problem} />;
}
