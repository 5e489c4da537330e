import { Button, Link, Text, makeStyles, tokens, useId } from "@fluentui/react-components";
import { Fragment, useState, type ReactNode } from "react";
import type { Location } from "../../okr/rules/types";
import { failureOf } from "../failure";
import { Chevron } from "../ui/Chevron";
import { FailureAlert } from "../ui/FailureAlert";
import { ShowAllList } from "../ui/ShowAllList";
import { sentence } from "./checkState";
import { LongFormula } from "./LongFormula";
import {
  countOf,
  groupLines,
  LINES_SHOWN_FLAT,
  LINES_SHOWN_PER_GROUP,
  segmentsOf,
  type LineGroup,
  type RepairLine,
} from "./repairState";

/**
 * The lists of a repair, in the confirmation and in the report kept after it: each line with a
 * "Go to" link for each cell it names (as the findings have). A list of more than
 * LINES_SHOWN_FLAT lines is grouped by sheet and column, each group a button with its count that
 * shows LINES_SHOWN_PER_GROUP lines, then the rest on request: a repair of 500 cells renders a
 * few buttons, not 500 items.
 */

const useStyles = makeStyles({
  list: {
    // As wide as the panel, not as its widest line: a long line wraps or is cut, within the pane.
    alignSelf: "stretch",
    margin: 0,
    paddingInlineStart: tokens.spacingHorizontalL,
    display: "flex",
    flexDirection: "column",
    rowGap: tokens.spacingVerticalXXS,
    minWidth: 0,
  },
  groups: {
    listStyleType: "none",
    margin: 0,
    padding: 0,
    display: "flex",
    flexDirection: "column",
    rowGap: tokens.spacingVerticalXXS,
    minWidth: 0,
  },
  line: {
    overflowWrap: "anywhere",
    minWidth: 0,
  },
  code: {
    fontFamily: tokens.fontFamilyMonospace,
    fontSize: tokens.fontSizeBase200,
  },
  link: {
    fontFamily: tokens.fontFamilyMonospace,
    fontSize: tokens.fontSizeBase200,
    overflowWrap: "anywhere",
    textAlign: "start",
  },
  disclosure: {
    width: "100%",
    height: "auto",
    minWidth: 0,
    justifyContent: "flex-start",
    alignItems: "flex-start",
    textAlign: "start",
    fontWeight: tokens.fontWeightRegular,
    paddingBlock: tokens.spacingVerticalXS,
    paddingInline: tokens.spacingHorizontalXS,
    columnGap: tokens.spacingHorizontalXS,
  },
  panel: {
    display: "flex",
    flexDirection: "column",
    alignItems: "flex-start",
    rowGap: tokens.spacingVerticalXS,
    paddingInlineStart: tokens.spacingHorizontalM,
    paddingBlockEnd: tokens.spacingVerticalXS,
    minWidth: 0,
  },
  heading: { margin: 0, fontSize: tokens.fontSizeBase300 },
  block: {
    display: "flex",
    flexDirection: "column",
    rowGap: tokens.spacingVerticalXXS,
    minWidth: 0,
  },
});

/** Selecting a cell in the workbook; undefined where there is no workbook to select in. */
export type SelectCell = (cell: Location) => Promise<void>;

/** One line: its text, each cell it names a "Go to" link, each formula it holds cut to its start. */
function LineText({
  line,
  sentences,
  onSelect,
}: {
  line: RepairLine;
  sentences: boolean;
  onSelect?: (cell: Location) => void;
}) {
  const styles = useStyles();
  // The report's sentences hold no formulas of their own: they are shown as they are.
  const text = sentences ? sentence(line.text) : line.text;
  const formulas = sentences ? [] : (line.formulas ?? []);
  const linked = (part: string, key: string) =>
    segmentsOf({ ...line, text: part }).map((segment, index) =>
      "cell" in segment && onSelect !== undefined ? (
        <Link
          key={`${key}.${index}`}
          as="button"
          className={styles.link}
          aria-label={`Go to ${segment.text}`}
          onClick={() => onSelect(segment.cell)}
        >
          {segment.text}
        </Link>
      ) : (
        <Fragment key={`${key}.${index}`}>{segment.text}</Fragment>
      )
    );
  if (formulas.length === 0) return <>{linked(text, "text")}</>;
  const shown: ReactNode[] = [];
  let from = 0;
  formulas.forEach((formula, index) => {
    shown.push(
      <LongFormula
        key={index}
        lead={linked(text.slice(from, formula.at), `lead${index}`)}
        formula={formula.text}
        about={formula.about}
      />
    );
    from = formula.at + formula.text.length;
  });
  shown.push(...linked(text.slice(from), "rest"));
  return <>{shown}</>;
}

/** One sheet's column: a button with its count; open, its lines (the first 50, then the rest). */
function GroupEntry({
  group,
  listName,
  noun,
  code,
  sentences,
  onSelect,
}: {
  group: LineGroup;
  listName: string;
  noun: [string, string];
  code: boolean;
  sentences: boolean;
  onSelect?: (cell: Location) => void;
}) {
  const styles = useStyles();
  const panelId = useId("okr-repair-group");
  const [open, setOpen] = useState(false);
  const count = group.lines.length;
  return (
    <li>
      <Button
        appearance="subtle"
        size="small"
        className={styles.disclosure}
        icon={<Chevron open={open} />}
        aria-expanded={open}
        aria-controls={panelId}
        onClick={() => setOpen(!open)}
      >
        {group.label} — {countOf(count, ...noun)}
      </Button>
      {/* Rendered only when open: 500 cells cost nothing until someone asks for them. */}
      <div id={panelId} className={styles.panel} hidden={!open}>
        {open && (
          <>
            <ShowAllList
              items={group.lines}
              limit={LINES_SHOWN_PER_GROUP}
              label={`${listName}: ${group.label}`}
              className={styles.list}
              itemClassName={code ? `${styles.line} ${styles.code}` : styles.line}
              showAll={`Show all ${countOf(count, ...noun)} of ${group.label}`}
              size="small"
            >
              {(line) => <LineText line={line} sentences={sentences} onSelect={onSelect} />}
            </ShowAllList>
          </>
        )}
      </div>
    </li>
  );
}

/**
 * A list of a repair's lines under a level-4 heading that names it: flat when short, by sheet and
 * column when long. `code` shows the lines in the monospace of cell contents (the writes);
 * `sentences` capitalises each line and ends it with a full stop (the report's lines).
 */
export function RepairLineList({
  name,
  lines,
  noun = ["cell", "cells"],
  code = false,
  sentences = false,
  onSelect,
}: {
  name: string;
  lines: readonly RepairLine[];
  /** What a group counts: "cell", "line". */
  noun?: [string, string];
  code?: boolean;
  sentences?: boolean;
  onSelect?: SelectCell;
}) {
  const styles = useStyles();
  const headingId = useId("okr-repair-list");
  const [problem, setProblem] = useState<string | null>(null);
  if (lines.length === 0) return null;
  const select =
    onSelect === undefined
      ? undefined
      : (cell: Location) => {
          setProblem(null);
          onSelect(cell).catch((error: unknown) => {
            const { reason, detail } = failureOf(error);
            setProblem(
              `Could not go to ${cell.sheet}!${cell.address}. ${reason}${
                detail === "" ? "" : ` (${detail})`
              } If the sheet was renamed or deleted, check the workbook again.`
            );
          });
        };
  const flat = lines.length <= LINES_SHOWN_FLAT;
  return (
    <div className={styles.block}>
      <Text as="h4" weight="semibold" id={headingId} className={styles.heading}>
        {name}
        {flat ? "" : ` (${lines.length})`}
      </Text>
      {flat ? (
        <ul className={styles.list} aria-labelledby={headingId}>
          {lines.map((line, index) => (
            <li key={index} className={code ? `${styles.line} ${styles.code}` : styles.line}>
              <LineText line={line} sentences={sentences} onSelect={select} />
            </li>
          ))}
        </ul>
      ) : (
        <ul className={styles.groups} aria-labelledby={headingId}>
          {groupLines(lines).map((group) => (
            <GroupEntry
              key={group.label}
              group={group}
              listName={name}
              noun={group.label === "Other lines" ? ["line", "lines"] : noun}
              code={code}
              sentences={sentences}
              onSelect={select}
            />
          ))}
        </ul>
      )}
      {problem !== null && <FailureAlert reason={problem} />}
    </div>
  );
}
