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
import { usePaneState } from "../PaneContext";
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

function FunctionEntry({ fn }: { fn: WorksheetFunction }) {
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
        <Link href={fn.helpPage} target="_blank" rel="noopener noreferrer">
          {name} help
        </Link>
      </Caption1>
    </li>
  );
}

/**
 * The OKR worksheet functions: a card each, with an example and a link to its help page, named as
 * the pane's host spells them (OKR.SCORE in Excel, OKR_SCORE in Google Sheets).
 */
export function FunctionList() {
  const styles = useStyles();
  const pane = usePaneStyles();
  const host = usePaneState((state) =>
    state.start.status === "started" ? state.start.capabilities.host : null
  );
  const functions = worksheetFunctions(spellingOf(host));
  return (
    <section className={pane.section} aria-labelledby="okr-studio-functions">
      <Subtitle2 as="h2" id="okr-studio-functions" className={pane.noMargin}>
        Worksheet functions
      </Subtitle2>
      <ul className={mergeClasses(pane.cards, styles.list)}>
        {functions.map((fn) => (
          <FunctionEntry key={fn.id} fn={fn} />
        ))}
      </ul>
    </section>
  );
}
