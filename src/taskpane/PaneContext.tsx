import { createContext, useContext, useMemo, useSyncExternalStore, type ReactNode } from "react";
import type { PaneActions } from "./actions";
import type { PaneCommands } from "./session";
import type { PaneState, PaneStore } from "./store";

/**
 * How components reach the pane's state and actions: one provider at the root, hooks below it.
 * The actions come only from here (never from Office globals), so a feature runs unchanged on
 * Excel, outside Excel, and on a test's actions.
 */

interface PaneContextValue {
  store: PaneStore;
  /**
   * Null until the pane has started (Office answered) and the host's actions are known; or a
   * function that says which they are now. The entry passes the session's: the session sets its
   * actions before it marks the pane started, so any render that sees "started" finds them, even
   * one that React runs for the store's change before it renders the provider again.
   */
  actions: PaneActions | null | (() => PaneActions | null);
  /** What the pane does with the actions and the store together (the check's run). */
  commands: PaneCommands;
}

const PaneContext = createContext<PaneContextValue | null>(null);

export function PaneProvider({
  store,
  actions,
  commands,
  children,
}: PaneContextValue & { children: ReactNode }) {
  const value = useMemo(() => ({ store, actions, commands }), [store, actions, commands]);
  return <PaneContext.Provider value={value}>{children}</PaneContext.Provider>;
}

function usePaneContext(): PaneContextValue {
  const value = useContext(PaneContext);
  if (value === null) throw new Error("A pane component was rendered outside PaneProvider.");
  return value;
}

export function usePaneStore(): PaneStore {
  return usePaneContext().store;
}

/**
 * A part of the pane's state; the component renders again when it changes. `select` must return
 * a part of the state as it is (not a new object), as useSyncExternalStore compares by identity.
 */
export function usePaneState<T>(select: (state: PaneState) => T): T {
  const { store } = usePaneContext();
  return useSyncExternalStore(
    store.subscribe,
    () => select(store.getState()),
    () => select(store.getState())
  );
}

/** The host's actions; only features shown after the pane has started may ask for them. */
export function usePaneActions(): PaneActions {
  const actions = useStartedPaneActions();
  if (actions === null) throw new Error("The pane's actions are asked for before it started.");
  return actions;
}

/** The host's actions once the pane has started, else null: for parts shown before it too. */
export function useStartedPaneActions(): PaneActions | null {
  const given = usePaneContext().actions;
  return typeof given === "function" ? given() : given;
}

export function usePaneCommands(): PaneCommands {
  return usePaneContext().commands;
}
