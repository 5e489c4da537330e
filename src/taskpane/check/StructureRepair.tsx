import {
  Badge,
  Body1,
  Button,
  Caption1,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  Spinner,
  Text,
  makeStyles,
  tokens,
  useId,
} from "@fluentui/react-components";
import { useState } from "react";
import type { Finding } from "../../okr/rules/types";
import type { RepairPlan } from "../../sheets/repair";
import { failureOf } from "../failure";
import { usePaneActions, usePaneCommands, usePaneState } from "../PaneContext";
import { FailureAlert } from "../ui/FailureAlert";
import { usePaneStyles } from "../ui/styles";
import { sentence } from "./checkState";
import { excelToday, keptLine, leftAlone, planSummary, writeLine } from "./repairState";

const useStyles = makeStyles({
  list: {
    margin: 0,
    paddingInlineStart: tokens.spacingHorizontalL,
    display: "flex",
    flexDirection: "column",
    rowGap: tokens.spacingVerticalXXS,
  },
  cell: {
    fontFamily: tokens.fontFamilyMonospace,
    fontSize: tokens.fontSizeBase200,
    overflowWrap: "anywhere",
  },
  actions: {
    display: "flex",
    alignItems: "center",
    flexWrap: "wrap",
    columnGap: tokens.spacingHorizontalM,
    rowGap: tokens.spacingVerticalXS,
  },
});

type RepairStep =
  | { step: "idle" }
  | { step: "planning" }
  | { step: "confirming"; plan: RepairPlan }
  | { step: "writing"; plan: RepairPlan }
  | { step: "failed"; reason: string; detail: string };

/** One structure finding with each of its cells: what it holds now, what the builder writes. */
function StructureEntry({ finding }: { finding: Finding }) {
  const styles = useStyles();
  const pane = usePaneStyles();
  return (
    <li className={pane.card}>
      <span>
        <Badge appearance="tint" color="warning">
          {finding.ruleId}
        </Badge>{" "}
        <Body1>{sentence(finding.message)}</Body1>
      </span>
      {(finding.cells ?? []).length > 0 && (
        <ul className={styles.list} aria-label={`Cells of ${finding.ruleId}`}>
          {(finding.cells ?? []).map((cell) => (
            <li key={`${cell.sheet}!${cell.address}`} className={styles.cell}>
              {cell.sheet}!{cell.address}
              {cell.expected !== null ? `: should hold ${cell.expected}` : ""}
            </li>
          ))}
        </ul>
      )}
    </li>
  );
}

/**
 * The structure findings (OKR021–OKR027) in a group of their own, with Repair: "Repair…" shows
 * exactly the cells it will write and where typed values are kept; "Repair" writes them (Excel
 * only) and checks again; "Cancel" writes nothing.
 */
export function StructureRepair({ findings }: { findings: Finding[] }) {
  const styles = useStyles();
  const pane = usePaneStyles();
  const headingId = useId("okr-structure");
  const noteId = useId("okr-repair-note");
  const actions = usePaneActions();
  const { runCheck } = usePaneCommands();
  const workbook = usePaneState((state) => state.workbook);
  const [state, setState] = useState<RepairStep>({ step: "idle" });
  const availability = actions.capabilities.repair ?? {
    available: false,
    reason: "Repair is available in Excel only.",
  };
  const canRepair = availability.available && actions.repair !== undefined;

  // Check-ins outside the log are moved only from their own button: a separate confirmation.
  const outside = findings.some((finding) => finding.ruleId === "OKR023");
  const prepare = async (moveCheckIns: boolean) => {
    if (workbook.status !== "read") return;
    setState({ step: "planning" });
    try {
      const { repairPlanOf } = await import("../readAndCheck");
      setState({
        step: "confirming",
        plan: repairPlanOf(workbook.read, { today: excelToday(), moveCheckIns }),
      });
    } catch (error) {
      setState({ step: "failed", ...failureOf(error) });
    }
  };
  const confirm = async (plan: RepairPlan) => {
    setState({ step: "writing", plan });
    try {
      await actions.repair!(plan);
      setState({ step: "idle" });
      await runCheck();
    } catch (error) {
      setState({ step: "failed", ...failureOf(error) });
    }
  };

  return (
    <section className={pane.section} aria-labelledby={headingId}>
      <Text as="h3" weight="semibold" id={headingId} className={pane.noMargin}>
        Workbook structure ({findings.length})
      </Text>
      <ul className={pane.cards} aria-label="Structure findings">
        {findings.map((finding, index) => (
          <StructureEntry key={index} finding={finding} />
        ))}
      </ul>
      <div className={styles.actions}>
        <Button
          appearance="secondary"
          disabled={!canRepair || workbook.status !== "read"}
          disabledFocusable={state.step === "planning" || state.step === "writing"}
          aria-describedby={canRepair ? undefined : noteId}
          onClick={() => void prepare(false)}
        >
          Repair…
        </Button>
        {outside && (
          <Button
            appearance="secondary"
            disabled={!canRepair || workbook.status !== "read"}
            disabledFocusable={state.step === "planning" || state.step === "writing"}
            aria-describedby={canRepair ? undefined : noteId}
            onClick={() => void prepare(true)}
          >
            Repair and move check-ins into the log…
          </Button>
        )}
        {!canRepair && !availability.available && (
          <Caption1 id={noteId} className={pane.note}>
            {availability.reason}
          </Caption1>
        )}
      </div>
      {(state.step === "confirming" || state.step === "writing") && (
        <MessageBar intent="info" layout="multiline">
          <MessageBarBody>
            <MessageBarTitle>Repair</MessageBarTitle>
            <Body1 as="p">{planSummary(state.plan)}</Body1>
            {(state.plan.writes.length > 0 || state.plan.names.length > 0) && (
              <ul className={styles.list} aria-label="Cells Repair writes">
                {state.plan.writes.map((write) => (
                  <li key={`${write.sheet}!${write.address}`} className={styles.cell}>
                    {writeLine(write)}
                  </li>
                ))}
                {state.plan.names.map((name) => (
                  <li key={name.name} className={styles.cell}>
                    the name {name.name}: {name.formula}
                  </li>
                ))}
              </ul>
            )}
            {state.plan.kept.length > 0 && (
              <ul className={styles.list} aria-label="Typed values kept">
                {state.plan.kept.map((kept) => (
                  <li key={kept.from}>{keptLine(kept)}</li>
                ))}
              </ul>
            )}
            {leftAlone(state.plan).length > 0 && (
              <ul className={styles.list} aria-label="Left alone">
                {leftAlone(state.plan).map((line) => (
                  <li key={line}>{sentence(line)}</li>
                ))}
              </ul>
            )}
            <div className={styles.actions}>
              <Button
                appearance="primary"
                disabled={state.plan.writes.length === 0 && state.plan.names.length === 0}
                disabledFocusable={state.step === "writing"}
                onClick={() => void confirm(state.plan)}
              >
                Repair
              </Button>
              <Button
                appearance="secondary"
                disabledFocusable={state.step === "writing"}
                onClick={() => setState({ step: "idle" })}
              >
                Cancel
              </Button>
              {state.step === "writing" && <Spinner size="tiny" aria-label="Repairing" />}
            </div>
          </MessageBarBody>
        </MessageBar>
      )}
      {state.step === "failed" && (
        <FailureAlert title="Repair could not finish" reason={state.reason} detail={state.detail} />
      )}
    </section>
  );
}
