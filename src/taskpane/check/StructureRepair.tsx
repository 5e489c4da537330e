import {
  Badge,
  Body1,
  Button,
  Caption1,
  Checkbox,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  Spinner,
  Text,
  makeStyles,
  tokens,
  useId,
} from "@fluentui/react-components";
import { useEffect, useMemo, useRef, useState } from "react";
import type { Finding } from "../../okr/rules/types";
import type { RepairPlan } from "../../sheets/repair";
import { failureOf } from "../failure";
import { usePaneActions, usePaneCommands, usePaneState, usePaneStore } from "../PaneContext";
import { setRepairReport } from "../store";
import { FailureAlert } from "../ui/FailureAlert";
import { usePaneStyles } from "../ui/styles";
import { sentence } from "./checkState";
import { FindingCells } from "./FindingCells";
import { RepairLineList, type SelectCell } from "./RepairLines";
import {
  excelToday,
  keptLines,
  personalFormulaLines,
  planSummary,
  type RepairLine,
  planWrites,
  reportLines,
  writeLines,
} from "./repairState";

const useStyles = makeStyles({
  confirmation: { minWidth: 0 },
  body: {
    display: "flex",
    flexDirection: "column",
    rowGap: tokens.spacingVerticalS,
    minWidth: 0,
  },
  summary: { margin: 0 },
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
  | { step: "confirming"; plan: RepairPlan; moveCheckIns: boolean }
  | { step: "writing"; plan: RepairPlan }
  | { step: "failed"; reason: string; detail: string };

/** One structure finding with each of its cells: what it holds now, what the builder writes. */
function StructureEntry({ finding }: { finding: Finding }) {
  const pane = usePaneStyles();
  return (
    <li className={pane.card}>
      <span>
        <Badge appearance="tint" color="warning">
          {finding.ruleId}
        </Badge>{" "}
        <Body1>{sentence(finding.message)}</Body1>
      </span>
      <FindingCells finding={finding} />
    </li>
  );
}

/**
 * What Repair will do, before it does it: how many cells and names it writes, each cell (grouped
 * by sheet and column when there are many), where typed values are kept, what it leaves alone
 * and whatever else the plan reports; then Repair and Cancel. It takes the focus when it opens,
 * so a screen reader reads it and the keyboard goes on from there.
 */
export function RepairConfirmation({
  plan,
  writing,
  onConfirm,
  onCancel,
  onSelect,
  personal,
}: {
  plan: RepairPlan;
  writing: boolean;
  onConfirm: () => void;
  onCancel: () => void;
  onSelect?: SelectCell;
  /**
   * The cells where a person wrote another formula over a computed cell (OKR028), listed apart,
   * and whether the user ticked restoring them too (unticked: left as they are).
   */
  personal?: {
    lines: readonly RepairLine[];
    restore: boolean;
    onRestore: (restore: boolean) => void;
  };
}) {
  const styles = useStyles();
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    box.current?.focus();
  }, [plan]);
  // Once per plan, not on each render (the Repair button's state re-renders).
  const other = useMemo(() => reportLines(plan), [plan]);
  const writes = useMemo(() => writeLines(plan), [plan]);
  const kept = useMemo(() => keptLines(plan), [plan]);
  return (
    <MessageBar
      ref={box}
      tabIndex={-1}
      intent="info"
      layout="multiline"
      className={styles.confirmation}
    >
      <MessageBarBody className={styles.body}>
        <MessageBarTitle>Repair</MessageBarTitle>
        <Body1 as="p" className={styles.summary}>
          {planSummary(plan)}
        </Body1>
        <RepairLineList name="Cells Repair writes" lines={writes} code onSelect={onSelect} />
        <RepairLineList name="Typed values kept" lines={kept} onSelect={onSelect} />
        {personal !== undefined && personal.lines.length > 0 && (
          <>
            <RepairLineList
              name="Formulas people wrote over computed cells"
              lines={personal.lines}
              code
              onSelect={onSelect}
            />
            <Checkbox
              checked={personal.restore}
              disabled={writing}
              onChange={(_, data) => personal.onRestore(data.checked === true)}
              label={`Also restore OKR Studio's formula in ${personal.lines.length === 1 ? "this cell" : `these ${personal.lines.length} cells`} (each person's formula is kept as a note beside it)`}
            />
          </>
        )}
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
        <div className={styles.actions}>
          <Button
            appearance="primary"
            disabled={!planWrites(plan)}
            disabledFocusable={writing}
            onClick={onConfirm}
          >
            Repair
          </Button>
          <Button appearance="secondary" disabledFocusable={writing} onClick={onCancel}>
            Cancel
          </Button>
          {writing && <Spinner size="tiny" aria-label="Repairing" />}
        </div>
      </MessageBarBody>
    </MessageBar>
  );
}

/**
 * The structure findings (OKR021–OKR029) in a group of their own, with Repair: "Repair…" shows
 * exactly the rows and columns it inserts, the cells it will write and where typed values are
 * kept, and apart, unticked, the cells where a person wrote another formula (OKR028) with "Also
 * restore …"; "Repair" writes them (Excel only) and checks again; "Cancel" writes nothing.
 */
export function StructureRepair({ findings }: { findings: Finding[] }) {
  const styles = useStyles();
  const pane = usePaneStyles();
  const headingId = useId("okr-structure");
  const noteId = useId("okr-repair-note");
  const actions = usePaneActions();
  const { runCheck } = usePaneCommands();
  const workbook = usePaneState((state) => state.workbook);
  const store = usePaneStore();
  const [state, setState] = useState<RepairStep>({ step: "idle" });
  const availability = actions.capabilities.repair ?? {
    available: false,
    reason: "Repair is available in Excel only.",
  };
  const canRepair = availability.available && actions.repair !== undefined;
  const canSelect = actions.capabilities.check.available;

  // Check-ins outside the log are moved only from their own button: a separate confirmation.
  const outside = findings.some((finding) => finding.ruleId === "OKR023");
  // People's formulas over computed cells (OKR028) are written over only when ticked.
  const personal = useMemo(() => personalFormulaLines(findings), [findings]);
  const [restoreFormulas, setRestoreFormulas] = useState(false);
  const prepare = async (moveCheckIns: boolean, restore = restoreFormulas) => {
    if (workbook.status !== "read") return;
    // Another repair: the last one's report goes.
    setRepairReport(store, null);
    setState({ step: "planning" });
    try {
      const { repairPlanOf } = await import("../readAndCheck");
      setState({
        step: "confirming",
        moveCheckIns,
        plan: repairPlanOf(workbook.read, {
          today: excelToday(),
          moveCheckIns,
          restoreFormulas: restore,
        }),
      });
    } catch (error) {
      setState({ step: "failed", ...failureOf(error) });
    }
  };
  const confirm = async (plan: RepairPlan) => {
    setState({ step: "writing", plan });
    try {
      const outcome = await actions.repair!(plan);
      // Kept on screen through the check that follows (WorkbookCheck shows it).
      setRepairReport(store, { plan, outcome });
      setState({ step: "idle" });
      // A fresh read: a check already running (the ribbon's) may have read before Repair wrote.
      await runCheck({ fresh: true });
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
        <RepairConfirmation
          plan={state.plan}
          writing={state.step === "writing"}
          onConfirm={() => void confirm(state.plan)}
          onCancel={() => setState({ step: "idle" })}
          onSelect={canSelect ? (cell) => actions.select(cell) : undefined}
          personal={
            state.step === "confirming"
              ? {
                  lines: personal,
                  restore: restoreFormulas,
                  onRestore: (restore) => {
                    setRestoreFormulas(restore);
                    void prepare(state.moveCheckIns, restore);
                  },
                }
              : { lines: personal, restore: restoreFormulas, onRestore: () => undefined }
          }
        />
      )}
      {state.step === "failed" && (
        <FailureAlert title="Repair could not finish" reason={state.reason} detail={state.detail} />
      )}
    </section>
  );
}
