import { Button, makeStyles, tokens, useId } from "@fluentui/react-components";
import { Fragment, useState, type ReactNode } from "react";
import { formulaPieces, shortFormula } from "./formulaText";
import { Chevron } from "../ui/Chevron";

const useStyles = makeStyles({
  // A line of its own, the formula across the whole width and its button after it: beside it,
  // the button would leave a formula a third of the pane and three lines.
  row: {
    display: "block",
    minWidth: 0,
  },
  text: {
    minWidth: 0,
    overflowWrap: "anywhere",
  },
  toggle: {
    minWidth: 0,
    marginInlineStart: tokens.spacingHorizontalXS,
    verticalAlign: "baseline",
    height: "auto",
    paddingBlock: 0,
    paddingInline: tokens.spacingHorizontalXXS,
    fontFamily: tokens.fontFamilyBase,
    fontSize: tokens.fontSizeBase200,
    fontWeight: tokens.fontWeightRegular,
    columnGap: tokens.spacingHorizontalXXS,
    // A link's colour, on a card as on the page, light and dark.
    color: tokens.colorBrandForegroundLink,
    ":hover": { color: tokens.colorBrandForegroundLinkHover },
    ":hover:active": { color: tokens.colorBrandForegroundLinkPressed },
  },
});

/** A formula's text that wraps only between its tokens (a long token still wraps within). */
function Wrapped({ text }: { text: string }) {
  return (
    <>
      {formulaPieces(text).map((piece, index) => (
        <Fragment key={index}>
          {index > 0 && <wbr />}
          {piece}
        </Fragment>
      ))}
    </>
  );
}

/**
 * `lead` and then a formula: a long one on a line of its own, cut to its start (shortFormula, 60
 * characters, two lines at most at 360 px), with a button that shows it whole, and shown whole
 * it stays on a line of its own. Either wraps between tokens, never inside a reference. The
 * button's name says whose formula it is ("Whole formula of Scorecard!K6"); aria-expanded says
 * whether it is shown whole, and then its whole text is in the page, for a screen reader as for
 * the eye. A short formula is shown as it is.
 */
export function LongFormula({
  lead,
  formula,
  about,
}: {
  lead: ReactNode;
  formula: string;
  /** The cell or name the formula is for, as the line spells it: "Scorecard!K6". */
  about: string;
}) {
  const styles = useStyles();
  const textId = useId("okr-formula");
  const [whole, setWhole] = useState(false);
  const short = shortFormula(formula);
  if (short === formula)
    return (
      <span className={styles.text}>
        {lead}
        <Wrapped text={formula} />
      </span>
    );
  return (
    <>
      {lead}
      <span className={styles.row}>
        <span id={textId} className={styles.text}>
          <Wrapped text={whole ? formula : short} />
        </span>
        <Button
          appearance="transparent"
          size="small"
          className={styles.toggle}
          icon={<Chevron open={whole} size={12} />}
          aria-expanded={whole}
          aria-controls={textId}
          aria-label={`Whole formula of ${about}`}
          onClick={() => setWhole(!whole)}
        >
          Whole formula
        </Button>
      </span>
    </>
  );
}
