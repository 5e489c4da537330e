import {
  createFocusOutlineStyle,
  makeStyles,
  mergeClasses,
  tokens,
} from "@fluentui/react-components";
import { useRef, type KeyboardEvent } from "react";

/**
 * The pane's tabs: the WAI-ARIA tabs pattern (one tab in the Tab order, arrows, Home and End move
 * and select), drawn with Fluent's tokens like Fluent's TabList. Kept to these few lines because
 * TabList brings its own focus-management machinery, which doubled the cost of the pane's
 * navigation in the first-load bundle.
 */

export interface TabItem<T extends string> {
  id: T;
  label: string;
}

const useStyles = makeStyles({
  list: {
    display: "flex",
    flexWrap: "wrap",
    columnGap: tokens.spacingHorizontalXS,
  },
  tab: {
    position: "relative",
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
    "::after": {
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
    "::after": {
      backgroundColor: tokens.colorCompoundBrandStroke,
    },
    ":hover": {
      color: tokens.colorNeutralForeground1Hover,
    },
  },
});

export const tabId = (id: string) => `okr-tab-${id}`;
export const panelId = (id: string) => `okr-panel-${id}`;

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
  const buttons = useRef(new Map<T, HTMLButtonElement>());

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
    <div role="tablist" className={styles.list}>
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
  );
}
