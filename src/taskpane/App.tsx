import {
  Body1,
  Button,
  FluentProvider,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  MessageBarTitle,
  Spinner,
  Title2,
  makeStyles,
  tokens,
  webDarkTheme,
  webLightTheme,
} from "@fluentui/react-components";
import { FEATURES } from "./features";
import { usePaneCommands, usePaneState, usePaneStore } from "./PaneContext";
import type { Capabilities } from "./actions";
import { setView } from "./store";
import { panelId, tabId, Tabs } from "./Tabs";

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
  noMargin: {
    margin: 0,
  },
  nav: {
    // The tabs carry their own inline padding; line the first one's label up with the text.
    marginInlineStart: `calc(-1 * ${tokens.spacingHorizontalMNudge})`,
  },
});

function hostNote(capabilities: Capabilities): string {
  return capabilities.host === "excel"
    ? "The worksheet functions are ready: type =OKR. in any cell."
    : "This page is open outside Excel. Read the worksheet functions' help here; load the add-in in Excel to check a workbook and use the functions.";
}

/** The features, one tab each; the selected one's view below. */
function Features() {
  const styles = useStyles();
  const store = usePaneStore();
  const view = usePaneState((state) => state.view);
  const feature = FEATURES.find((candidate) => candidate.id === view) ?? FEATURES[0];
  return (
    <>
      <nav aria-label="OKR Studio" className={styles.nav}>
        <Tabs items={FEATURES} selected={feature.id} onSelect={(id) => setView(store, id)} />
      </nav>
      <div role="tabpanel" id={panelId(feature.id)} aria-labelledby={tabId(feature.id)}>
        <feature.View />
      </div>
    </>
  );
}

function Starting() {
  return <Spinner size="small" labelPosition="after" label="Starting OKR Studio…" />;
}

function StartFailure({ reason }: { reason: string }) {
  const { start } = usePaneCommands();
  return (
    <MessageBar intent="error" layout="multiline" role="alert">
      <MessageBarBody>
        <MessageBarTitle>OKR Studio could not start</MessageBarTitle>
        {reason}
      </MessageBarBody>
      <MessageBarActions>
        <Button onClick={() => void start()}>Retry</Button>
      </MessageBarActions>
    </MessageBar>
  );
}

/** The pane's shell: theme, title, the start states, then the features. */
export function App() {
  const styles = useStyles();
  const theme = usePaneState((state) => state.theme);
  const start = usePaneState((state) => state.start);
  return (
    <FluentProvider
      theme={theme === "dark" ? webDarkTheme : webLightTheme}
      className={styles.root}
      data-theme-mode={theme}
    >
      <main
        className={styles.main}
        aria-labelledby="okr-studio-title"
        aria-busy={start.status === "loading"}
      >
        <header className={styles.header}>
          <Title2 as="h1" id="okr-studio-title" className={styles.noMargin}>
            OKR Studio
          </Title2>
          {start.status === "started" && (
            <Body1 as="p" className={styles.noMargin}>
              {hostNote(start.capabilities)}
            </Body1>
          )}
        </header>
        {start.status === "loading" && <Starting />}
        {start.status === "failed" && <StartFailure reason={start.reason} />}
        {start.status === "started" && <Features />}
      </main>
    </FluentProvider>
  );
}
