import {
  Body1,
  Caption1,
  Link,
  Subtitle2,
  Text,
  makeStyles,
  tokens,
} from "@fluentui/react-components";
import { NAMESPACE, WORKSHEET_FUNCTIONS, type WorksheetFunction } from "./worksheetFunctions";

const useStyles = makeStyles({
  section: {
    display: "flex",
    flexDirection: "column",
    rowGap: tokens.spacingVerticalS,
  },
  noMargin: {
    margin: 0,
  },
  list: {
    listStyleType: "none",
    margin: 0,
    padding: 0,
    display: "flex",
    flexDirection: "column",
    rowGap: tokens.spacingVerticalM,
  },
  item: {
    display: "flex",
    flexDirection: "column",
    rowGap: tokens.spacingVerticalXXS,
    paddingBlock: tokens.spacingVerticalS,
    paddingInline: tokens.spacingHorizontalM,
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: tokens.colorNeutralBackground2,
  },
  example: {
    fontFamily: tokens.fontFamilyMonospace,
    fontSize: tokens.fontSizeBase200,
    overflowWrap: "anywhere",
  },
  gives: {
    color: tokens.colorNeutralForeground2,
  },
});

function FunctionEntry({ fn }: { fn: WorksheetFunction }) {
  const styles = useStyles();
  const name = `${NAMESPACE}.${fn.id}`;
  return (
    <li className={styles.item}>
      <Text as="h3" weight="semibold" className={styles.noMargin}>
        {name}
      </Text>
      <Body1>{fn.summary}</Body1>
      <Caption1>
        <code className={styles.example}>{fn.example}</code>{" "}
        <span className={styles.gives}>gives {fn.gives}</span>
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
  return (
    <section className={styles.section} aria-labelledby="okr-studio-functions">
      <Subtitle2 as="h2" id="okr-studio-functions" className={styles.noMargin}>
        Worksheet functions
      </Subtitle2>
      <ul className={styles.list}>
        {WORKSHEET_FUNCTIONS.map((fn) => (
          <FunctionEntry key={fn.id} fn={fn} />
        ))}
      </ul>
    </section>
  );
}
