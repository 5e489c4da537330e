import {
  Badge,
  Body1,
  Body1Strong,
  Button,
  Caption1,
  Link,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  Spinner,
  Subtitle2,
  Text,
  makeStyles,
  tokens,
  useId,
} from "@fluentui/react-components";
import { useState } from "react";
import type { Finding, Location, Severity } from "../okr/rules/types";
import {
  announcement,
  cellReference,
  countText,
  groupBySeverity,
  noPlanFinding,
  reasonOf,
  sentence,
  type CheckState,
  type SeverityGroup,
} from "./checkState";

export interface WorkbookCheckProps {
  check: CheckState;
  /** Runs the check; absent where there is no workbook to check (the pane outside Excel). */
  onValidate?: () => void;
  /** Selects a finding's cell in the workbook; a rejection is shown next to the findings. */
  onSelect?: (location: Location) => Promise<void> | void;
}

/**
 * A long list is cut per severity so the pane stays quick on a large plan; the rest is one click
 * away.
 */
export const FINDINGS_SHOWN = 100;

const BADGE_COLOR: Record<Severity, "danger" | "warning" | "informative"> = {
  error: "danger",
  warning: "warning",
  info: "informative",
};

const useStyles = makeStyles({
  section: {
    display: "flex",
    flexDirection: "column",
    rowGap: tokens.spacingVerticalS,
  },
  noMargin: {
    margin: 0,
  },
  actions: {
    display: "flex",
    alignItems: "center",
    flexWrap: "wrap",
    columnGap: tokens.spacingHorizontalM,
    rowGap: tokens.spacingVerticalXS,
  },
  note: {
    color: tokens.colorNeutralForeground2,
  },
  groups: {
    display: "flex",
    flexDirection: "column",
    rowGap: tokens.spacingVerticalL,
  },
  group: {
    display: "flex",
    flexDirection: "column",
    rowGap: tokens.spacingVerticalS,
  },
  list: {
    listStyleType: "none",
    margin: 0,
    padding: 0,
    display: "flex",
    flexDirection: "column",
    rowGap: tokens.spacingVerticalS,
  },
  item: {
    display: "flex",
    flexDirection: "column",
    rowGap: tokens.spacingVerticalXXS,
    paddingBlock: tokens.spacingVerticalS,
    paddingInline: tokens.spacingHorizontalM,
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: tokens.colorNeutralBackground2,
  },
  findingHead: {
    display: "flex",
    alignItems: "center",
    flexWrap: "wrap",
    columnGap: tokens.spacingHorizontalS,
  },
  cell: {
    fontFamily: tokens.fontFamilyMonospace,
    fontSize: tokens.fontSizeBase200,
  },
  message: {
    overflowWrap: "anywhere",
  },
  fix: {
    color: tokens.colorNeutralForeground2,
  },
});

function FindingEntry({
  finding,
  onSelect,
}: {
  finding: Finding;
  onSelect?: (location: Location) => void;
}) {
  const styles = useStyles();
  const messageId = useId("okr-finding");
  const { location } = finding;
  const reference = location === null ? null : cellReference(location);
  return (
    <li className={styles.item}>
      <div className={styles.findingHead}>
        <Badge appearance="tint" color={BADGE_COLOR[finding.severity]}>
          {finding.ruleId}
        </Badge>
        {location !== null && reference !== null && onSelect !== undefined ? (
          <Link
            as="button"
            className={styles.cell}
            aria-label={`Go to ${reference}`}
            aria-describedby={messageId}
            onClick={() => onSelect(location)}
          >
            {reference}
          </Link>
        ) : (
          reference !== null && <Caption1 className={styles.cell}>{reference}</Caption1>
        )}
      </div>
      <Body1 id={messageId} className={styles.message}>
        {sentence(finding.message)}
      </Body1>
      <Caption1 className={styles.fix}>Fix: {finding.fix}</Caption1>
    </li>
  );
}

function FindingGroup({
  group,
  onSelect,
}: {
  group: SeverityGroup;
  onSelect?: (location: Location) => void;
}) {
  const styles = useStyles();
  const headingId = useId("okr-findings");
  const [showAll, setShowAll] = useState(false);
  const shown = showAll ? group.findings : group.findings.slice(0, FINDINGS_SHOWN);
  const count = group.findings.length;
  return (
    <section className={styles.group} aria-labelledby={headingId}>
      <Text as="h3" weight="semibold" id={headingId} className={styles.noMargin}>
        {group.heading} ({count})
      </Text>
      <ul className={styles.list}>
        {shown.map((finding, index) => (
          <FindingEntry key={index} finding={finding} onSelect={onSelect} />
        ))}
      </ul>
      {shown.length < count && (
        <Button appearance="secondary" onClick={() => setShowAll(true)}>
          Show all {countText(group.severity, count)}
        </Button>
      )}
    </section>
  );
}

function CheckResult({
  check,
  onSelect,
}: {
  check: CheckState;
  onSelect?: (location: Location) => void;
}) {
  const styles = useStyles();
  if (check.status === "failed") {
    return (
      <MessageBar intent="error">
        <MessageBarBody>
          <MessageBarTitle>The check could not run</MessageBarTitle>
          {check.reason}
        </MessageBarBody>
      </MessageBar>
    );
  }
  if (check.status !== "done") return null;
  const noPlan = noPlanFinding(check);
  if (noPlan !== null) {
    return (
      <MessageBar intent="warning" layout="multiline">
        <MessageBarBody>
          <MessageBarTitle>No OKR table found</MessageBarTitle>
          {sentence(noPlan.message)} {noPlan.fix}
        </MessageBarBody>
      </MessageBar>
    );
  }
  if (check.findings.length === 0) {
    return (
      <MessageBar intent="success">
        <MessageBarBody>
          <MessageBarTitle>No problems found</MessageBarTitle>
          The objectives and key results follow every rule of the check.
        </MessageBarBody>
      </MessageBar>
    );
  }
  return (
    <div className={styles.groups}>
      {groupBySeverity(check.findings).map((group) => (
        <FindingGroup key={group.severity} group={group} onSelect={onSelect} />
      ))}
    </div>
  );
}

/** "Check this workbook": the button, a live summary, and the findings grouped by severity. */
export function WorkbookCheck({ check, onValidate, onSelect }: WorkbookCheckProps) {
  const styles = useStyles();
  const noteId = useId("okr-check-note");
  // Tied to the check it happened in: a new check's list starts without it.
  const [selectProblem, setSelectProblem] = useState<{ check: CheckState; message: string } | null>(
    null
  );
  const checking = check.status === "checking";

  const select =
    onSelect === undefined
      ? undefined
      : (location: Location) => {
          setSelectProblem(null);
          Promise.resolve()
            .then(() => onSelect(location))
            .catch((error: unknown) =>
              setSelectProblem({
                check,
                message: `Could not go to ${cellReference(location)}: ${reasonOf(error)} If the sheet was renamed or deleted, check the workbook again.`,
              })
            );
        };

  return (
    <section className={styles.section} aria-labelledby="okr-studio-check">
      <Subtitle2 as="h2" id="okr-studio-check" className={styles.noMargin}>
        Check this workbook
      </Subtitle2>
      <Body1 as="p" className={styles.noMargin}>
        Checks the objectives and key results against the framework&apos;s rules and points at the
        cells to fix. Nothing in the workbook is changed.
      </Body1>
      <div className={styles.actions}>
        <Button
          appearance="primary"
          disabled={onValidate === undefined}
          // Focusable while it runs, so the focus stays where the person left it.
          disabledFocusable={checking}
          aria-describedby={onValidate === undefined ? noteId : undefined}
          onClick={onValidate}
        >
          Check this workbook
        </Button>
        {checking && <Spinner size="tiny" aria-label="Checking" />}
        {onValidate === undefined && (
          <Caption1 id={noteId} className={styles.note}>
            Open in Excel to check a workbook.
          </Caption1>
        )}
      </div>
      <Body1Strong role="status" aria-live="polite" aria-atomic="true">
        {announcement(check)}
      </Body1Strong>
      {selectProblem?.check === check && (
        <MessageBar intent="error" layout="multiline">
          <MessageBarBody>{selectProblem.message}</MessageBarBody>
        </MessageBar>
      )}
      <CheckResult check={check} onSelect={select} />
    </section>
  );
}
