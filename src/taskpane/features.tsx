import { Spinner } from "@fluentui/react-components";
import { useEffect, useState, type ComponentType } from "react";
import { reasonOf } from "./failure";
import { ShellAlert } from "./ShellAlert";
import type { ViewId } from "./store";

/**
 * The pane's features, one folder each, in the order of their tabs. A new feature adds its folder,
 * its ViewId (store.ts) and a line here; the shell (App.tsx) needs no change.
 */
export interface Feature {
  id: ViewId;
  /** The tab's name. */
  label: string;
  View: ComponentType;
  /** Loads the view's code ahead of its first showing (the entry does so for the opening tab). */
  preload: () => Promise<unknown>;
}

/**
 * Why a view's code is missing, in a sentence: webpack's ChunkLoadError carries the file it asked
 * for (its message repeats it with a line break, so the file alone is said); anything else in the
 * error's own words.
 */
export function notFetched(error: unknown): string {
  const request = (error as { request?: unknown } | null)?.request;
  const file =
    typeof request === "string"
      ? request
          .replace(/[?#].*$/, "")
          .split("/")
          .pop()
      : null;
  return file
    ? `Its code (${file}) did not arrive from the add-in's server.`
    : `Its code did not arrive from the add-in's server: ${reasonOf(error)
        .replace(/\s+/g, " ")
        .replace(/[\s.]+$/, "")}.`;
}

type Loader = () => Promise<{ default: ComponentType }>;

/**
 * A feature whose code loads when its tab is first shown, or earlier through `preload` (its own
 * webpack chunk). Until then a spinner; if the chunk cannot be fetched, an alert with Retry (the
 * next try fetches it again), never a blank panel.
 */
function onDemand(load: Loader): Pick<Feature, "View" | "preload"> {
  let loaded: ComponentType | null = null;
  let loading: Promise<ComponentType> | null = null;
  const preload = () =>
    (loading ??= load().then(
      (module) => (loaded = module.default),
      (error: unknown) => {
        loading = null;
        throw error;
      }
    ));

  function OnDemand() {
    // Renders again once the code is there (`loaded` is module state, not React's).
    const [, setArrived] = useState(loaded !== null);
    const [failure, setFailure] = useState<string | null>(null);
    const [attempt, setAttempt] = useState(0);
    useEffect(() => {
      if (loaded !== null) return;
      let current = true;
      preload().then(
        () => current && setArrived(true),
        (error: unknown) => current && setFailure(notFetched(error))
      );
      return () => {
        current = false;
      };
    }, [attempt]);
    if (loaded !== null) {
      const View = loaded;
      return <View />;
    }
    if (failure !== null)
      return (
        <ShellAlert
          title="This part of OKR Studio could not load"
          reason={`${failure} Check the connection, then retry.`}
          onRetry={() => {
            setFailure(null);
            setAttempt((n) => n + 1);
          }}
        />
      );
    return <Spinner size="small" labelPosition="after" label="Loading…" />;
  }
  return { View: OnDemand, preload };
}

// Every view loads on demand, so the first paint (the title, "Starting OKR Studio…", the tabs)
// needs only React, Fluent's shell and the store; the first tab's code follows at once, in parallel
// with Office.onReady. test/bundleSize.test.ts holds the first load to 1.5× a bare Fluent page.
const CheckWithScorecard = onDemand(() =>
  import(/* webpackChunkName: "check" */ "./scorecard/CheckWithScorecard").then((module) => ({
    default: module.CheckWithScorecard,
  }))
);
const CheckIn = onDemand(() =>
  import(/* webpackChunkName: "checkIn" */ "./checkIn/CheckIn").then((module) => ({
    default: module.CheckIn,
  }))
);
const FunctionList = onDemand(() =>
  import(/* webpackChunkName: "functions-help" */ "./functions/FunctionList").then((module) => ({
    default: module.FunctionList,
  }))
);
const TemplatesView = onDemand(
  () => import(/* webpackChunkName: "templates" */ "./templates/TemplatesView")
);
const ImportTextView = onDemand(
  () => import(/* webpackChunkName: "importText" */ "./importText/ImportTextView")
);

export const FEATURES: readonly Feature[] = [
  { id: "check", label: "Check", ...CheckWithScorecard },
  { id: "checkIn", label: "Check-in", ...CheckIn },
  { id: "templates", label: "Templates", ...TemplatesView },
  { id: "importText", label: "From my own text", ...ImportTextView },
  { id: "functions", label: "Functions", ...FunctionList },
];
