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
import { usePaneStyles } from "../ui/styles";
import { NAMESPACE, WORKSHEET_FUNCTIONS, type WorksheetFunction } from "./worksheetFunctions";

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
  const name = `${NAMESPACE}.${fn.id}`;
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

/** The OKR.* worksheet functions: a card each, with an example and a link to its help page. */
export function FunctionList() {
  const styles = useStyles();
  const pane = usePaneStyles();
  return (
    <section className={pane.section} aria-labelledby="okr-studio-functions">
      <Subtitle2 as="h2" id="okr-studio-functions" className={pane.noMargin}>
        Worksheet functions
      </Subtitle2>
      <ul className={mergeClasses(pane.cards, styles.list)}>
        {WORKSHEET_FUNCTIONS.map((fn) => (
          <FunctionEntry key={fn.id} fn={fn} />
        ))}
      </ul>
    </section>
  );
}
