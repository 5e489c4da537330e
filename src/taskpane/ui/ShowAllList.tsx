import { Button } from "@fluentui/react-components";
import { useEffect, useRef, useState, type ReactNode } from "react";

/**
 * A list that shows its first `limit` items, then a button for the rest: a rule's 300 cells or a
 * column's 500 writes render `limit` items until someone asks for more. Once pressed, the button
 * goes and the focus goes on to the first item it showed (focusable from script only), not to
 * the page.
 */
export function ShowAllList<T>({
  items,
  limit,
  label,
  className,
  itemClassName,
  showAll: showAllText,
  size,
  children,
}: {
  items: readonly T[];
  limit: number;
  /** The list's accessible name. */
  label: string;
  className?: string;
  itemClassName?: string;
  /** The button's text: "Show all 300 cells of …". */
  showAll: string;
  size?: "small" | "medium";
  /** An item's content (its list item is this component's). */
  children: (item: T, index: number) => ReactNode;
}) {
  const [showAll, setShowAll] = useState(false);
  const firstMore = useRef<HTMLLIElement>(null);
  useEffect(() => {
    if (showAll) firstMore.current?.focus();
  }, [showAll]);
  const shown = showAll ? items : items.slice(0, limit);
  return (
    <>
      <ul className={className} aria-label={label}>
        {shown.map((item, index) => (
          <li
            key={index}
            ref={index === limit ? firstMore : undefined}
            tabIndex={index === limit ? -1 : undefined}
            className={itemClassName}
          >
            {children(item, index)}
          </li>
        ))}
      </ul>
      {shown.length < items.length && (
        <Button appearance="secondary" size={size} onClick={() => setShowAll(true)}>
          {showAllText}
        </Button>
      )}
    </>
  );
}
