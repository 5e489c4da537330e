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
import { useMemo, useRef, useState } from "react";
import type { Finding, Location, Severity } from "../../okr/rules/types";
import { usePaneActions, usePaneCommands, usePaneState } from "../PaneContext";
import {
  announcement,
  cellReference,
  goToNames,
  groupBySeverity,
  noPlanFinding,
  sentence,
  subjectCount,
  type CheckState,
  type RuleGroup,
  type SeverityGroup,
} from "./checkState";
import { failureOf } from "../failure";
import { Chevron } from "../ui/Chevron";
import { FailureAlert } from "../ui/FailureAlert";
import { ShowAllList } from "../ui/ShowAllList";
import { usePaneStyles } from "../ui/styles";
import { structureFindingsOf } from "./repairState";
import { RepairReportView } from "./RepairReport";
import { StructureRepair } from "./StructureRepair";

/** A rule's list is cut at this many cells so the pane stays quick; the rest is one click away. */
export const FINDINGS_SHOWN = 100;

const BADGE_COLOR: Record<Severity, "danger" | "warning" | "informative"> = {
  error: "danger",
  warning: "warning",
  info: "informative",
};

const useStyles = makeStyles({
  actions: {
    display: "flex",
    alignItems: "center",
    flexWrap: "wrap",
    columnGap: tokens.spacingHorizontalM,
    rowGap: tokens.spacingVerticalXS,
  },
  groups: {
    display: "flex",
    flexDirection: "column",
    rowGap: tokens.spacingVerticalL,
  },
  group: {
    display: "flex",
    flexDirection: "column",
    rowGap: tokens.spacingVerticalXS,
  },
  rules: {
    listStyleType: "none",
    margin: 0,
    padding: 0,
    display: "flex",
    flexDirection: "column",
    rowGap: tokens.spacingVerticalXS,
  },
  disclosure: {
    width: "100%",
    height: "auto",
    justifyContent: "flex-start",
    alignItems: "flex-start",
    textAlign: "start",
    fontWeight: tokens.fontWeightRegular,
    paddingBlock: tokens.spacingVerticalS,
    paddingInline: tokens.spacingHorizontalS,
    columnGap: tokens.spacingHorizontalS,
  },
  ruleHeader: {
    display: "flex",
    alignItems: "center",
    flexWrap: "wrap",
    columnGap: tokens.spacingHorizontalS,
    rowGap: tokens.spacingVerticalXXS,
  },
  panel: {
    display: "flex",
    flexDirection: "column",
    rowGap: tokens.spacingVerticalS,
    paddingBlockEnd: tokens.spacingVerticalS,
    paddingInlineStart: tokens.spacingHorizontalXXL,
  },
  cell: {
    fontFamily: tokens.fontFamilyMonospace,
    fontSize: tokens.fontSizeBase200,
    alignSelf: "flex-start",
  },
  message: {
    overflowWrap: "anywhere",
  },
  content: {
    fontFamily: tokens.fontFamilyMonospace,
    fontSize: tokens.fontSizeBase200,
    overflowWrap: "anywhere",
    whiteSpace: "pre-wrap",
  },
});

/** Selecting a finding's cell; a refusal is shown under that finding, where the focus is. */
type Select = (finding: Finding, location: Location) => void;

/**
 * What a finding's cell holds, in words ("Holds =B7/C7 (shows 0.85)"), where there is no workbook
 * to select it in (the page outside Excel); null when there is nothing to say.
 */
export type ContentOf = (location: Location) => string | null;

interface SelectProblem {
  finding: Finding;
  message: string;
}

function FindingEntry({
  finding,
  goToName,
  groupFix,
  problem,
  onSelect,
  contentOf,
}: {
  finding: Finding;
  goToName: string | null;
  groupFix: string;
  problem: string | null;
  onSelect?: Select;
  contentOf?: ContentOf;
}) {
  const styles = useStyles();
  const pane = usePaneStyles();
  const messageId = useId("okr-finding");
  const { location } = finding;
  const content = location === null || contentOf === undefined ? null : contentOf(location);
  return (
    <>
      {location !== null &&
        (onSelect !== undefined && goToName !== null ? (
          <Link
            as="button"
            className={styles.cell}
            aria-label={goToName}
            aria-describedby={messageId}
            onClick={() => onSelect(finding, location)}
          >
            {cellReference(location)}
          </Link>
        ) : (
          <Caption1 className={styles.cell}>{cellReference(location)}</Caption1>
        ))}
      {content !== null && <Caption1 className={styles.content}>{content}</Caption1>}
      <Body1 id={messageId} className={styles.message}>
        {sentence(finding.message)}
      </Body1>
      {finding.fix !== groupFix && <Caption1 className={pane.note}>Fix: {finding.fix}</Caption1>}
      {problem !== null && <FailureAlert reason={problem} />}
    </>
  );
}

/** One rule: a disclosure button with its title and count; open, its fix and its cells. */
function RuleEntry({
  rule,
  names,
  problem,
  onSelect,
  contentOf,
}: {
  rule: RuleGroup;
  names: Map<Finding, string | null>;
  problem: SelectProblem | null;
  onSelect?: Select;
  contentOf?: ContentOf;
}) {
  const styles = useStyles();
  const pane = usePaneStyles();
  const panelId = useId("okr-rule");
  const [open, setOpen] = useState(false);
  const count = rule.findings.length;
  return (
    <li>
      <h4 className={pane.noMargin}>
        <Button
          appearance="subtle"
          className={styles.disclosure}
          icon={<Chevron open={open} />}
          aria-expanded={open}
          aria-controls={panelId}
          onClick={() => setOpen(!open)}
        >
          <span className={styles.ruleHeader}>
            <Badge appearance="tint" color={BADGE_COLOR[rule.severity]}>
              {rule.ruleId}
            </Badge>
            <span>
              {rule.title} — {subjectCount(rule.ruleId, count)}
            </span>
          </span>
        </Button>
      </h4>
      {/* Rendered only when open: 300 cells cost nothing until someone asks for them. */}
      <div id={panelId} className={styles.panel} hidden={!open}>
        {open && (
          <>
            <Caption1 className={pane.note}>Fix: {rule.fix}</Caption1>
            <ShowAllList
              items={rule.findings}
              limit={FINDINGS_SHOWN}
              label={`${rule.ruleId} ${rule.title}`}
              className={pane.cards}
              itemClassName={pane.card}
              showAll={`Show all ${subjectCount(rule.ruleId, count)} for ${rule.ruleId}`}
            >
              {(finding) => (
                <FindingEntry
                  finding={finding}
                  goToName={names.get(finding) ?? null}
                  groupFix={rule.fix}
                  problem={problem?.finding === finding ? problem.message : null}
                  onSelect={onSelect}
                  contentOf={contentOf}
                />
              )}
            </ShowAllList>
          </>
        )}
      </div>
    </li>
  );
}

function SeveritySection({
  group,
  names,
  problem,
  onSelect,
  contentOf,
}: {
  group: SeverityGroup;
  names: Map<Finding, string | null>;
  problem: SelectProblem | null;
  onSelect?: Select;
  contentOf?: ContentOf;
}) {
  const styles = useStyles();
  const pane = usePaneStyles();
  const headingId = useId("okr-findings");
  return (
    <section className={styles.group} aria-labelledby={headingId}>
      <Text as="h3" weight="semibold" id={headingId} className={pane.noMargin}>
        {group.heading} ({group.findings.length})
      </Text>
      <ul className={styles.rules}>
        {group.rules.map((rule) => (
          <RuleEntry
            key={rule.ruleId}
            rule={rule}
            names={names}
            problem={problem}
            onSelect={onSelect}
            contentOf={contentOf}
          />
        ))}
      </ul>
    </section>
  );
}

function Findings({
  findings,
  onSelect,
  contentOf,
}: {
  findings: Finding[];
  onSelect?: (location: Location) => Promise<void>;
  contentOf?: ContentOf;
}) {
  const styles = useStyles();
  const groups = useMemo(() => groupBySeverity(findings), [findings]);
  const names = useMemo(() => {
    const list = goToNames(findings);
    return new Map(findings.map((finding, index) => [finding, list[index]]));
  }, [findings]);
  // Kept per list: a new check's findings are new objects, so an old problem is never shown.
  const [problem, setProblem] = useState<SelectProblem | null>(null);
  const select: Select | undefined =
    onSelect === undefined
      ? undefined
      : (finding, location) => {
          setProblem(null);
          onSelect(location).catch((error: unknown) => {
            const { reason, detail } = failureOf(error);
            setProblem({
              finding,
              message: `Could not go to ${cellReference(location)}. ${reason}${
                detail === "" ? "" : ` (${detail})`
              } If the sheet was renamed or deleted, check the workbook again.`,
            });
          });
        };
  return (
    <div className={styles.groups}>
      {groups.map((group) => (
        <SeveritySection
          key={group.severity}
          group={group}
          names={names}
          problem={problem}
          onSelect={select}
          contentOf={contentOf}
        />
      ))}
    </div>
  );
}

/**
 * A finished check's result: no plan, no problems, or Repair (when structure findings call for it)
 * and the findings. `contentOf`, where the cells cannot be selected, shows what each cell holds.
 */
export function CheckResult({
  check,
  onSelect,
  contentOf,
}: {
  check: CheckState;
  onSelect?: (location: Location) => Promise<void>;
  contentOf?: ContentOf;
}) {
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
      <MessageBar intent="success" layout="multiline">
        <MessageBarBody>
          <MessageBarTitle>No problems found</MessageBarTitle>
          The objectives and key results follow every rule of the check.
        </MessageBarBody>
      </MessageBar>
    );
  }
  const structure = structureFindingsOf(check.findings);
  return (
    <>
      {structure.length > 0 && <StructureRepair findings={structure} />}
      <Findings findings={check.findings} onSelect={onSelect} contentOf={contentOf} />
    </>
  );
}

/**
 * "Check this workbook": the button, a live summary, a failure where the focus is (with Retry),
 * and the findings by severity, then by rule, expandable to the cells.
 */
export function WorkbookCheck() {
  const styles = useStyles();
  const pane = usePaneStyles();
  const noteId = useId("okr-check-note");
  const check = usePaneState((state) => state.check);
  const actions = usePaneActions();
  const { runCheck } = usePaneCommands();
  const availability = actions.capabilities.check;
  const checking = check.status === "checking";
  const run = () => void runCheck();
  const checkButton = useRef<HTMLButtonElement>(null);
  const select = availability.available
    ? (location: Location) => actions.select(location)
    : undefined;

  return (
    <section className={pane.section} aria-labelledby="okr-studio-check">
      <Subtitle2 as="h2" id="okr-studio-check" className={pane.noMargin}>
        Check this workbook
      </Subtitle2>
      <Body1 as="p" className={pane.noMargin}>
        Checks the objectives and key results against the framework&apos;s rules and points at the
        cells to fix. Nothing in the workbook is changed.
      </Body1>
      <div className={styles.actions}>
        <Button
          ref={checkButton}
          appearance="primary"
          disabled={!availability.available}
          // Focusable while it runs, so the focus stays where the person left it.
          disabledFocusable={checking}
          aria-describedby={availability.available ? undefined : noteId}
          onClick={run}
        >
          Check this workbook
        </Button>
        {checking && <Spinner size="tiny" aria-label="Checking" />}
        {!availability.available && (
          <Caption1 id={noteId} className={pane.note}>
            {availability.reason}
          </Caption1>
        )}
      </div>
      {check.status === "failed" && (
        // Right under the button the person pressed.
        <FailureAlert
          title="The check could not run"
          reason={check.reason}
          detail={check.detail}
          onRetry={run}
        />
      )}
      <Body1Strong role="status" aria-live="polite" aria-atomic="true">
        {announcement(check)}
      </Body1Strong>
      {/* What the last Repair did: kept here through the check Repair runs after writing. */}
      <RepairReportView onSelect={select} onDismissed={() => checkButton.current?.focus()} />
      <CheckResult check={check} onSelect={select} />
    </section>
  );
}
