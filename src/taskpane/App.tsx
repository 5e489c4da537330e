import {
  Body1,
  Caption1,
  FluentProvider,
  Link,
  Subtitle2,
  Text,
  Title2,
  makeStyles,
  tokens,
  webDarkTheme,
  webLightTheme,
} from "@fluentui/react-components";
import type { Location } from "../okr/rules/types";
import type { HostName } from "./officeHost";
import type { ThemeMode } from "./theme";
import type { CheckState } from "./checkState";
import { WorkbookCheck } from "./WorkbookCheck";
import { NAMESPACE, WORKSHEET_FUNCTIONS, type WorksheetFunction } from "./worksheetFunctions";

export interface AppProps {
  themeMode: ThemeMode;
  /** The Office application hosting the pane, or null when the page is open in a plain browser. */
  host: HostName;
  /** The workbook check's state: the entry runs it, from the pane's button or the ribbon. */
  check: CheckState;
  /** Runs the check; absent outside Excel. */
  onValidate?: () => void;
  /** Selects a finding's cell in the workbook. */
  onSelect?: (location: Location) => Promise<void> | void;
}

const useStyles = makeStyles({
  root: {
    minHeight: "100vh",
    boxSizing: "border-box",
  },
  main: {
    display: "flex",
    flexDirection: "column",
    rowGap: tokens.spacingVerticalL,
    maxWidth: "40rem",
    paddingBlock: tokens.spacingVerticalXL,
    paddingInline: tokens.spacingHorizontalL,
  },
  header: {
    display: "flex",
    flexDirection: "column",
    rowGap: tokens.spacingVerticalS,
  },
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

export function App({ themeMode, host, check, onValidate, onSelect }: AppProps) {
  const styles = useStyles();
  return (
    <FluentProvider
      theme={themeMode === "dark" ? webDarkTheme : webLightTheme}
      className={styles.root}
      data-theme-mode={themeMode}
    >
      <main className={styles.main} aria-labelledby="okr-studio-title">
        <header className={styles.header}>
          <Title2 as="h1" id="okr-studio-title" className={styles.noMargin}>
            OKR Studio
          </Title2>
          <Body1>
            {host === null
              ? "This page is open outside Excel. Load the add-in in Excel to use the worksheet functions below."
              : "The worksheet functions are ready: type =OKR. in any cell."}
          </Body1>
        </header>
        <WorkbookCheck check={check} onValidate={onValidate} onSelect={onSelect} />
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
        <section className={styles.section} aria-labelledby="okr-studio-later">
          <Subtitle2 as="h2" id="okr-studio-later" className={styles.noMargin}>
            Coming later
          </Subtitle2>
          <Body1 as="p" className={styles.noMargin}>
            Templates and check-ins come in later versions of OKR Studio.
          </Body1>
        </section>
      </main>
    </FluentProvider>
  );
}
