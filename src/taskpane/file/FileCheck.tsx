import {
  Body1,
  Body1Strong,
  Button,
  Caption1,
  MessageBar,
  MessageBarBody,
  Spinner,
  Subtitle2,
  makeStyles,
  mergeClasses,
  tokens,
  useId,
} from "@fluentui/react-components";
import { useCallback, useEffect, useRef, useState, type DragEvent } from "react";
import type { ChosenFile, CheckResult as Checked } from "../actions";
import { CheckResult, type ContentOf } from "../check/WorkbookCheck";
import { usePaneActions, usePaneState, usePaneStore } from "../PaneContext";
import { Scorecard } from "../scorecard/Scorecard";
import { FailureAlert } from "../ui/FailureAlert";
import { usePaneStyles } from "../ui/styles";
import { cellContent } from "./cellContent";
import { fileChecked, fileCheckedText, FILE_REFUSED_TITLE, refusalOf } from "./fileCheckState";

/**
 * The Check tab in the page outside Excel: a file chosen with the button (a real file input) or
 * dropped on the page is read and checked in the page (PaneActions.openFile), and its findings are
 * shown as in Excel, each with the content of its cell, since there is no workbook to select it
 * in. A file that cannot be read is an alert with okr lint's reason; the last result stays.
 */

const useStyles = makeStyles({
  actions: {
    display: "flex",
    alignItems: "center",
    flexWrap: "wrap",
    columnGap: tokens.spacingHorizontalM,
    rowGap: tokens.spacingVerticalXS,
  },
  dropZone: {
    display: "flex",
    flexDirection: "column",
    alignItems: "flex-start",
    rowGap: tokens.spacingVerticalS,
    padding: tokens.spacingHorizontalL,
    borderRadius: tokens.borderRadiusMedium,
    border: `${tokens.strokeWidthThick} dashed ${tokens.colorNeutralStroke1}`,
  },
  dragging: {
    border: `${tokens.strokeWidthThick} dashed ${tokens.colorBrandStroke1}`,
    backgroundColor: tokens.colorBrandBackground2,
  },
  fileName: {
    overflowWrap: "anywhere",
  },
});

/** Whether a drag carries files (not text or a link dragged from the page). */
function carriesFiles(transfer: DataTransfer | null): boolean {
  return transfer !== null && Array.from(transfer.types).includes("Files");
}

export function FileCheck() {
  const styles = useStyles();
  const pane = usePaneStyles();
  const store = usePaneStore();
  const actions = usePaneActions();
  const check = usePaneState((state) => state.check);
  const workbook = usePaneState((state) => state.workbook);
  const input = useRef<HTMLInputElement>(null);
  const hintId = useId("okr-file-hint");
  const [reading, setReading] = useState<string | null>(null);
  const [refusal, setRefusal] = useState<{ file: string; reason: string } | null>(null);
  const [dragging, setDragging] = useState(false);
  // The latest file chosen wins: a slower read of an earlier one is not shown over it.
  const latest = useRef(0);

  const read =
    workbook.status === "read" && workbook.read.file !== undefined ? workbook.read : null;
  const contentOf: ContentOf | undefined =
    read === null ? undefined : (location) => cellContent(read.snapshot, location);

  const open = useCallback(
    async (file: ChosenFile) => {
      const mine = ++latest.current;
      setRefusal(null);
      setReading(file.name);
      let result: Checked;
      try {
        result = await actions.openFile!(file);
      } catch (error) {
        if (mine === latest.current) {
          setReading(null);
          setRefusal({ file: file.name, reason: refusalOf(error) });
        }
        return;
      }
      if (mine !== latest.current) return;
      setReading(null);
      fileChecked(store, result);
    },
    [actions, store]
  );

  const openDropped = useCallback(
    (transfer: DataTransfer | null) => {
      const files = transfer === null ? [] : Array.from(transfer.files);
      if (files.length === 0) return;
      if (files.length > 1) {
        setRefusal({ file: `${files.length} files`, reason: "drop one workbook at a time" });
        return;
      }
      void open(files[0]);
    },
    [open]
  );

  // Anywhere on the page while this tab shows: a file dropped outside the zone is checked too,
  // never opened by the browser in place of the page.
  useEffect(() => {
    const over = (event: globalThis.DragEvent) => {
      if (!carriesFiles(event.dataTransfer)) return;
      event.preventDefault();
      if (event.dataTransfer !== null) event.dataTransfer.dropEffect = "copy";
    };
    const drop = (event: globalThis.DragEvent) => {
      if (!carriesFiles(event.dataTransfer)) return;
      event.preventDefault();
      setDragging(false);
      openDropped(event.dataTransfer);
    };
    window.addEventListener("dragover", over);
    window.addEventListener("drop", drop);
    return () => {
      window.removeEventListener("dragover", over);
      window.removeEventListener("drop", drop);
    };
  }, [openDropped]);

  const dragEnter = (event: DragEvent) => {
    if (carriesFiles(event.dataTransfer)) setDragging(true);
  };
  const dragLeave = (event: DragEvent) => {
    // Leaving for a child of the zone is not leaving it.
    if (!event.currentTarget.contains(event.relatedTarget as Node | null)) setDragging(false);
  };

  const status =
    reading !== null
      ? `Checking ${reading}…`
      : read === null
        ? ""
        : fileCheckedText(read.file ?? "", check);

  return (
    <>
      <section className={pane.section} aria-labelledby="okr-studio-file-check">
        <Subtitle2 as="h2" id="okr-studio-file-check" className={pane.noMargin}>
          Check a workbook
        </Subtitle2>
        <Body1 as="p" className={pane.noMargin}>
          Choose an .xlsx file, or drop it on this page, to check its objectives and key results
          against the framework&apos;s rules, as <code>okr lint</code> does. The file is read here,
          in your browser: it is never changed and never sent anywhere.
        </Body1>
        <div
          className={mergeClasses(styles.dropZone, dragging && styles.dragging)}
          onDragEnter={dragEnter}
          onDragLeave={dragLeave}
        >
          <div className={styles.actions}>
            <Button
              appearance="primary"
              aria-describedby={hintId}
              disabledFocusable={reading !== null}
              onClick={() => input.current?.click()}
            >
              Choose an .xlsx file
            </Button>
            {reading !== null && <Spinner size="tiny" aria-label="Checking" />}
          </div>
          <Caption1 id={hintId} className={pane.note}>
            Or drop an .xlsx file here. The check runs on this computer.
          </Caption1>
          <input
            ref={input}
            type="file"
            accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            aria-label="Choose an .xlsx file"
            hidden
            tabIndex={-1}
            onChange={(event) => {
              const file = event.currentTarget.files?.[0];
              // Cleared, so choosing the same file again checks it again.
              event.currentTarget.value = "";
              if (file !== undefined) void open(file);
            }}
          />
        </div>
        {refusal !== null && (
          <FailureAlert
            title={`${FILE_REFUSED_TITLE} ${refusal.file}`}
            reason={refusalText(refusal.reason)}
          />
        )}
        <Body1Strong role="status" aria-live="polite" aria-atomic="true">
          {status}
        </Body1Strong>
        {read !== null && (
          <Body1 as="p" className={mergeClasses(pane.noMargin, styles.fileName)}>
            File: {read.file}
          </Body1>
        )}
      </section>
      {read !== null && (
        <>
          <Scorecard />
          <section className={pane.section} aria-labelledby="okr-studio-file-findings">
            <Subtitle2 as="h2" id="okr-studio-file-findings" className={pane.noMargin}>
              Findings
            </Subtitle2>
            <MessageBar intent="info" layout="multiline">
              <MessageBarBody>
                This page never changes the file. To repair it, open it in Excel with the OKR Studio
                add-in, or run <code>okr rebuild</code>, which writes a repaired copy.
              </MessageBarBody>
            </MessageBar>
            <CheckResult check={check} contentOf={contentOf} />
          </section>
        </>
      )}
    </>
  );
}

/** The reason as a sentence: capitalised, with a full stop. */
function refusalText(reason: string): string {
  const text = reason.trim();
  return `${text[0]?.toLocaleUpperCase("en-US") ?? ""}${text.slice(1)}${/[.!?]$/.test(text) ? "" : "."}`;
}
