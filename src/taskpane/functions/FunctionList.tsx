import {
  Body1,
  Caption1,
  Link,
  Subtitle2,
  Text,
  makeStyles,
  mergeClasses,
  tokens,
} from "@fluentui/react-components";
import { useState } from "react";
import type { FunctionId } from "../../functions/descriptions";
import { reasonOf } from "../failure";
import { usePaneState, useStartedPaneActions } from "../PaneContext";
import { usePaneStyles } from "../ui/styles";
import { spellingOf, worksheetFunctions, type WorksheetFunction } from "./worksheetFunctions";

const useStyles = makeStyles({
  // Each card holds a heading, a sentence, an example and a link: a little more room between them.
  list: {
    rowGap: tokens.spacingVerticalM,
  },
  example: {
    fontFamily: tokens.fontFamilyMonospace,
    fontSize: tokens.fontSizeBase200,
    overflowWrap: "anywhere",
  },
});

/**
 * The link to a function's help: where the host opens the pages itself (Google Sheets: the
 * actions' openHelp, a dialog over the spreadsheet), a button-like link that asks it to, with a
 * failure said beside it; elsewhere a link to the page served beside the pane, in a new window.
 */
/** A function's card or help link, and the host's way of opening help pages, if it has one. */
interface FunctionProps {
  fn: WorksheetFunction;
  openHelp: ((id: FunctionId) => Promise<void>) | undefined;
}

function HelpLink({ fn, openHelp }: FunctionProps) {
  const pane = usePaneStyles();
  const [failure, setFailure] = useState<string | null>(null);
  const label = `${fn.name} help`;
  if (openHelp === undefined)
    return (
      <Link href={fn.helpPage} target="_blank" rel="noopener noreferrer">
        {label}
      </Link>
    );
  const open = () => {
    setFailure(null);
    openHelp(fn.id).catch((error: unknown) => setFailure(reasonOf(error)));
  };
  return (
    <>
      <Link onClick={open}>{label}</Link>
      <span role="status" className={pane.note}>
        {failure === null ? "" : ` Could not open the help: ${failure}`}
      </span>
    </>
  );
}

function FunctionEntry({ fn, openHelp }: FunctionProps) {
  const styles = useStyles();
  const pane = usePaneStyles();
  const { name } = fn;
  return (
    <li className={pane.card}>
      <Text as="h3" weight="semibold" className={pane.noMargin}>
        {name}
      </Text>
      <Body1>{fn.summary}</Body1>
      <Caption1>
        <code className={styles.example}>{fn.example}</code>{" "}
        <span className={pane.note}>gives {fn.gives}</span>
      </Caption1>
      <Caption1>
        <HelpLink fn={fn} openHelp={openHelp} />
      </Caption1>
    </li>
  );
}

/**
 * The OKR worksheet functions: a card each, with an example and a link to its help page, named as
 * the pane's host spells them (OKR.SCORE in Excel, OKR_SCORE in Google Sheets); where the host's
 * actions open the help themselves (openHelp), the link asks them to.
 */
export function FunctionList() {
  const styles = useStyles();
  const pane = usePaneStyles();
  const host = usePaneState((state) =>
    state.start.status === "started" ? state.start.capabilities.host : null
  );
  const functions = worksheetFunctions(spellingOf(host));
  const actions = useStartedPaneActions();
  const openHelp = actions?.openHelp?.bind(actions);
  return (
    <section className={pane.section} aria-labelledby="okr-studio-functions">
      <Subtitle2 as="h2" id="okr-studio-functions" className={pane.noMargin}>
        Worksheet functions
      </Subtitle2>
      <ul className={mergeClasses(pane.cards, styles.list)}>
        {functions.map((fn) => (
          <FunctionEntry key={fn.id} fn={fn} openHelp={openHelp} />
        ))}
      </ul>
    </section>
  );
}
