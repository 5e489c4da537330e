import { makeStyles, tokens } from "@fluentui/react-components";

/**
 * The layout the feature views share, said once: a view's parts, a section, lists of cards, the
 * secondary text. A view adds its own classes for what only it has.
 */
export const usePaneStyles = makeStyles({
  /** A view's parts, a line of space apart. */
  view: { display: "flex", flexDirection: "column", rowGap: tokens.spacingVerticalL },
  /** A heading and what belongs under it. */
  section: { display: "flex", flexDirection: "column", rowGap: tokens.spacingVerticalS },
  noMargin: { margin: 0 },
  /** Secondary text: a note, a fix, what an example gives. */
  note: { color: tokens.colorNeutralForeground2 },
  /** A list of cards (findings, key results, functions): no bullets. */
  cards: {
    listStyleType: "none",
    margin: 0,
    padding: 0,
    display: "flex",
    flexDirection: "column",
    rowGap: tokens.spacingVerticalS,
  },
  /** One card of such a list. */
  card: {
    display: "flex",
    flexDirection: "column",
    rowGap: tokens.spacingVerticalXXS,
    paddingBlock: tokens.spacingVerticalS,
    paddingInline: tokens.spacingHorizontalM,
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: tokens.colorNeutralBackground2,
  },
  /** A bulleted list, indented under its heading. */
  bullets: { margin: 0, paddingInlineStart: tokens.spacingHorizontalL },
  /** Controls side by side, wrapping in a narrow pane. */
  row: {
    display: "flex",
    flexWrap: "wrap",
    alignItems: "center",
    columnGap: tokens.spacingHorizontalS,
  },
});
