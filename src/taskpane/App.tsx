import {
  Body1,
  FluentProvider,
  Spinner,
  Title2,
  makeStyles,
  tokens,
  webLightTheme,
  type Theme,
} from "@fluentui/react-components";
import { useEffect, useState } from "react";
import { FEATURES } from "./features";
import { usePaneCommands, usePaneState, usePaneStore } from "./PaneContext";
import type { Capabilities } from "./actions";
import { ShellAlert } from "./ShellAlert";
import { setView } from "./store";
import type { ThemeMode } from "./theme";
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
  if (capabilities.host === "sheets")
    return "The functions are ready: type =OKR_ in any cell of this spreadsheet.";
  return capabilities.host === "excel"
    ? "The worksheet functions are ready: type =OKR. in any cell."
    : "This page is open outside Excel. Check an .xlsx file on the Check tab, or make a new workbook from a template or your own text: all in this page, with nothing sent anywhere. Load the add-in in Excel to use the functions and to record check-ins.";
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
    <ShellAlert title="OKR Studio could not start" reason={reason} onRetry={() => void start()} />
  );
}

let darkTheme: Theme | null = null;
let darkThemeLoading: Promise<Theme> | null = null;

/**
 * Fluent's dark theme, loaded on demand: most panes open light, and its tokens are a fifth of the
 * first load. The entry starts the load at once when the pane will open dark.
 */
export function loadDarkTheme(): Promise<Theme> {
  darkThemeLoading ??= import(/* webpackChunkName: "dark-theme" */ "./darkTheme").then(
    (module) => (darkTheme = module.webDarkTheme),
    (error: unknown) => {
      darkThemeLoading = null; // the next switch to dark tries again
      throw error;
    }
  );
  return darkThemeLoading;
}

/**
 * The theme to show for a mode, and the mode it really is: the light theme stays until the dark one
 * has loaded (a few milliseconds from the pane's own server), then the pane switches at once.
 */
function useFluentTheme(mode: ThemeMode): { theme: Theme; shown: ThemeMode } {
  const [, setLoaded] = useState(darkTheme !== null);
  useEffect(() => {
    if (mode !== "dark" || darkTheme !== null) return;
    let current = true;
    loadDarkTheme().then(
      () => current && setLoaded(true),
      () => undefined // stays light; a theme is not worth an error in the pane
    );
    return () => {
      current = false;
    };
  }, [mode]);
  return mode === "dark" && darkTheme !== null
    ? { theme: darkTheme, shown: "dark" }
    : { theme: webLightTheme, shown: "light" };
}

/** The pane's shell: theme, title, the start states, then the features. */
export function App() {
  const styles = useStyles();
  const mode = usePaneState((state) => state.theme);
  const start = usePaneState((state) => state.start);
  const { theme, shown } = useFluentTheme(mode);
  return (
    <FluentProvider theme={theme} className={styles.root} data-theme-mode={shown}>
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
