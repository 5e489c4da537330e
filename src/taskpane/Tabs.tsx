import {
  createFocusOutlineStyle,
  makeStyles,
  mergeClasses,
  tokens,
} from "@fluentui/react-components";
import { useCallback, useEffect, useRef, useState, type KeyboardEvent } from "react";

/**
 * The pane's tabs: the WAI-ARIA tabs pattern (one tab in the Tab order, arrows, Home and End move
 * and select), drawn with Fluent's tokens like Fluent's TabList. Our own because TabList brings its
 * own focus-management machinery, which doubled the cost of the pane's navigation in the
 * first-load bundle.
 *
 * The tabs stay on one line: where the pane is too narrow for all of them (the five need about
 * 450 px; a task pane is often 320 to 360), the list scrolls sideways, and a side with tabs out of
 * view fades out under a chevron that scrolls on a click. The selected tab is scrolled into view.
 */

export interface TabItem<T extends string> {
  id: T;
  label: string;
}

/** The chevron's width: a tab scrolled into view clears it. */
const MORE_WIDTH = 28;
/** Room inside the scroll box for the focus outline, which Fluent draws 2 px outside the tab. */
const OUTLINE_ROOM = "2px";

const useStyles = makeStyles({
  bar: {
    position: "relative",
    minWidth: 0,
    margin: `calc(-1 * ${OUTLINE_ROOM})`,
  },
  list: {
    position: "relative",
    display: "flex",
    flexWrap: "nowrap",
    columnGap: tokens.spacingHorizontalXS,
    overflowX: "auto",
    overflowY: "hidden",
    overscrollBehaviorX: "contain",
    // The chevrons are the scroll bar: a bar under the tabs would take a line of its own.
    scrollbarWidth: "none",
    "::-webkit-scrollbar": { display: "none" },
    padding: OUTLINE_ROOM,
  },
  tab: {
    position: "relative",
    flexShrink: 0,
    whiteSpace: "nowrap",
    border: "none",
    background: "none",
    cursor: "pointer",
    color: tokens.colorNeutralForeground2,
    fontFamily: tokens.fontFamilyBase,
    fontSize: tokens.fontSizeBase300,
    lineHeight: tokens.lineHeightBase300,
    paddingBlock: tokens.spacingVerticalM,
    paddingInline: tokens.spacingHorizontalMNudge,
    borderRadius: tokens.borderRadiusMedium,
    ":hover": {
      color: tokens.colorNeutralForeground2Hover,
      backgroundColor: tokens.colorSubtleBackgroundHover,
    },
    ":active": {
      backgroundColor: tokens.colorSubtleBackgroundPressed,
    },
    // The selected tab's line; ::after is the focus outline's.
    "::before": {
      content: '""',
      position: "absolute",
      insetInline: tokens.spacingHorizontalMNudge,
      insetBlockEnd: 0,
      height: tokens.strokeWidthThicker,
      borderRadius: tokens.borderRadiusCircular,
    },
    ...createFocusOutlineStyle(),
  },
  selected: {
    color: tokens.colorNeutralForeground1,
    fontWeight: tokens.fontWeightSemibold,
    "::before": {
      backgroundColor: tokens.colorCompoundBrandStroke,
    },
    ":hover": {
      color: tokens.colorNeutralForeground1Hover,
    },
  },
  more: {
    position: "absolute",
    insetBlock: 0,
    width: `${MORE_WIDTH}px`,
    display: "flex",
    alignItems: "center",
    padding: 0,
    border: "none",
    backgroundColor: "transparent",
    cursor: "pointer",
    color: tokens.colorNeutralForeground2,
    ":hover": { color: tokens.colorNeutralForeground2Hover },
  },
  moreStart: {
    insetInlineStart: 0,
    justifyContent: "flex-start",
    backgroundImage: `linear-gradient(to left, transparent, ${tokens.colorNeutralBackground1} 45%)`,
  },
  moreEnd: {
    insetInlineEnd: 0,
    justifyContent: "flex-end",
    backgroundImage: `linear-gradient(to right, transparent, ${tokens.colorNeutralBackground1} 45%)`,
  },
});

export const tabId = (id: string) => `okr-tab-${id}`;
export const panelId = (id: string) => `okr-panel-${id}`;

type Side = "start" | "end";

/** Which sides of the list have tabs scrolled out of view. */
function hiddenSides(list: HTMLElement): Record<Side, boolean> {
  return {
    start: list.scrollLeft > 1,
    end: list.scrollLeft + list.clientWidth < list.scrollWidth - 1,
  };
}

/** Scrolls the list just enough for the tab to show whole, clear of the chevrons. */
function reveal(list: HTMLElement, tab: HTMLElement) {
  const start = tab.offsetLeft - MORE_WIDTH;
  const end = tab.offsetLeft + tab.offsetWidth + MORE_WIDTH - list.clientWidth;
  if (start < list.scrollLeft) list.scrollLeft = Math.max(0, start);
  else if (end > list.scrollLeft) list.scrollLeft = end;
}

/**
 * A mouse's way to the tabs out of view. Hidden from assistive technology and the Tab order: the
 * arrow keys reach every tab, and a screen reader lists them all.
 */
function More({ side, onClick }: { side: Side; onClick: () => void }) {
  const styles = useStyles();
  return (
    <button
      type="button"
      aria-hidden="true"
      tabIndex={-1}
      className={mergeClasses(styles.more, side === "start" ? styles.moreStart : styles.moreEnd)}
      // Keeps the focus on the tab it was on.
      onMouseDown={(event) => event.preventDefault()}
      onClick={onClick}
    >
      <svg width="16" height="16" viewBox="0 0 16 16">
        <path
          d={side === "start" ? "M10 3.5 5.5 8 10 12.5" : "M6 3.5 10.5 8 6 12.5"}
          fill="none"
          stroke="currentColor"
          strokeWidth="1.5"
        />
      </svg>
    </button>
  );
}

export function Tabs<T extends string>({
  items,
  selected,
  onSelect,
}: {
  items: readonly TabItem<T>[];
  selected: T;
  onSelect: (id: T) => void;
}) {
  const styles = useStyles();
  const list = useRef<HTMLDivElement>(null);
  const buttons = useRef(new Map<T, HTMLButtonElement>());
  const [hidden, setHidden] = useState<Record<Side, boolean>>({ start: false, end: false });

  const measure = useCallback(() => {
    if (list.current === null) return;
    const next = hiddenSides(list.current);
    setHidden((current) =>
      current.start === next.start && current.end === next.end ? current : next
    );
  }, []);

  // A narrower pane, or a web font that arrives late, changes what fits.
  useEffect(() => {
    measure();
    if (list.current === null || typeof ResizeObserver === "undefined") return;
    const observer = new ResizeObserver(measure);
    observer.observe(list.current);
    buttons.current.forEach((button) => observer.observe(button));
    return () => observer.disconnect();
  }, [measure, items]);

  useEffect(() => {
    const tab = buttons.current.get(selected);
    if (list.current !== null && tab !== undefined) reveal(list.current, tab);
  }, [selected]);

  const scroll = (side: Side) => {
    if (list.current === null) return;
    const distance = Math.max(list.current.clientWidth - 2 * MORE_WIDTH, MORE_WIDTH);
    list.current.scrollBy({
      left: side === "start" ? -distance : distance,
      behavior: matchMedia("(prefers-reduced-motion: reduce)").matches ? "auto" : "smooth",
    });
  };

  const move = (event: KeyboardEvent, index: number) => {
    const last = items.length - 1;
    const target =
      event.key === "ArrowRight" || event.key === "ArrowDown"
        ? index === last
          ? 0
          : index + 1
        : event.key === "ArrowLeft" || event.key === "ArrowUp"
          ? index === 0
            ? last
            : index - 1
          : event.key === "Home"
            ? 0
            : event.key === "End"
              ? last
              : null;
    if (target === null) return;
    event.preventDefault();
    const id = items[target].id;
    onSelect(id);
    buttons.current.get(id)?.focus();
  };

  return (
    <div className={styles.bar}>
      <div role="tablist" ref={list} className={styles.list} onScroll={measure}>
        {items.map(({ id, label }, index) => (
          <button
            key={id}
            ref={(element) => {
              if (element === null) buttons.current.delete(id);
              else buttons.current.set(id, element);
            }}
            type="button"
            role="tab"
            id={tabId(id)}
            aria-selected={id === selected}
            aria-controls={panelId(id)}
            tabIndex={id === selected ? 0 : -1}
            className={mergeClasses(styles.tab, id === selected && styles.selected)}
            onClick={() => onSelect(id)}
            onKeyDown={(event) => move(event, index)}
          >
            {label}
          </button>
        ))}
      </div>
      {hidden.start && <More side="start" onClick={() => scroll("start")} />}
      {hidden.end && <More side="end" onClick={() => scroll("end")} />}
    </div>
  );
}
