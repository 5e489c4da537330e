import {
  Body1,
  Button,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  MessageBarTitle,
  Text,
  makeStyles,
  tokens,
  useId,
} from "@fluentui/react-components";
import { useEffect, useMemo, useRef } from "react";
import { usePaneState, usePaneStore } from "../PaneContext";
import { usePaneStyles } from "../ui/styles";
import { repairReportFocused, setRepairReport } from "../store";
import { RepairLineList, type SelectCell } from "./RepairLines";
import {
  displacedLines,
  outcomeSummary,
  reportKeptLines,
  reportLines,
  reportWriteLines,
} from "./repairState";

const useStyles = makeStyles({
  bar: { minWidth: 0 },
  body: {
    display: "flex",
    flexDirection: "column",
    rowGap: tokens.spacingVerticalS,
    minWidth: 0,
  },
  summary: { margin: 0 },
  heading: {
    margin: 0,
    // The focus lands here when the report appears: shown as Fluent shows a focused control.
    ":focus-visible": {
      outlineWidth: tokens.strokeWidthThick,
      outlineStyle: "solid",
      outlineColor: tokens.colorStrokeFocus2,
      borderRadius: tokens.borderRadiusMedium,
    },
  },
});

/**
 * What the last Repair did, kept on screen after the check it runs (issue 13): the cells it wrote,
 * the typed values it kept and where, what it left alone, whatever else the plan reported, and
 * any cell a co-author wrote at the same moment that Repair put back ("displaced"). Each cell a
 * "Go to" link. A region of its own under a level-3 heading, which takes the focus when the report
 * first appears, and not again when the person comes back to the Check tab (the Repair button the person pressed is gone with the structure group); it stays until
 * the person dismisses it, checks again or starts another repair (store.ts).
 */
export function RepairReportView({
  onSelect,
  onDismissed,
}: {
  onSelect?: SelectCell;
  /** Where the focus goes once the report is dismissed (it was on the report). */
  onDismissed?: () => void;
}) {
  const styles = useStyles();
  const pane = usePaneStyles();
  const store = usePaneStore();
  const report = usePaneState((state) => state.repair);
  const headingId = useId("okr-repair-report");
  const heading = useRef<HTMLHeadingElement>(null);
  // Only when the report first appears: not each time the Check tab (and so this view) remounts.
  const focusPending = report?.focusPending ?? false;
  useEffect(() => {
    if (!focusPending || heading.current === null) return;
    heading.current.focus();
    repairReportFocused(store);
  }, [focusPending, store]);
  // The lines once per repair, not on each render (the focus flag and the next check re-render).
  const plan = report?.plan;
  const outcome = report?.outcome;
  const lines = useMemo(
    () =>
      plan === undefined || outcome === undefined
        ? null
        : {
            other: reportLines(plan),
            displaced: displacedLines({ plan, outcome }),
            writes: reportWriteLines({ plan, outcome }),
            kept: reportKeptLines({ plan, outcome }),
          },
    [plan, outcome]
  );
  if (report === null || lines === null) return null;
  const { other, displaced } = lines;
  return (
    <section className={pane.section} aria-labelledby={headingId}>
      <Text
        as="h3"
        weight="semibold"
        id={headingId}
        ref={heading}
        tabIndex={-1}
        className={styles.heading}
      >
        What Repair did
      </Text>
      <MessageBar
        intent={displaced.length > 0 ? "warning" : "success"}
        layout="multiline"
        className={styles.bar}
      >
        <MessageBarBody className={styles.body}>
          <MessageBarTitle>
            {displaced.length > 0 ? "Repaired, with cells put back" : "Repaired"}
          </MessageBarTitle>
          <Body1 as="p" className={styles.summary}>
            {outcomeSummary(report)}
          </Body1>
          <RepairLineList
            name="Written by someone else at the same moment"
            lines={displaced}
            noun={["line", "lines"]}
            sentences
            onSelect={onSelect}
          />
          <RepairLineList name="Cells Repair wrote" lines={lines.writes} code onSelect={onSelect} />
          <RepairLineList name="Typed values kept" lines={lines.kept} onSelect={onSelect} />
          <RepairLineList
            name="Left alone"
            lines={other.leftAlone}
            noun={["line", "lines"]}
            sentences
            onSelect={onSelect}
          />
          <RepairLineList
            name="Also in the plan"
            lines={other.also}
            noun={["line", "lines"]}
            sentences
            onSelect={onSelect}
          />
        </MessageBarBody>
        <MessageBarActions>
          <Button
            appearance="secondary"
            onClick={() => {
              setRepairReport(store, null);
              onDismissed?.();
            }}
          >
            Dismiss the repair report
          </Button>
        </MessageBarActions>
      </MessageBar>
    </section>
  );
}
