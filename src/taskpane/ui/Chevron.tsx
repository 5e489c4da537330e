import { makeStyles, mergeClasses, tokens } from "@fluentui/react-components";

const useStyles = makeStyles({
  chevron: {
    flexShrink: 0,
    marginBlockStart: "2px",
    transitionProperty: "transform",
    transitionDuration: tokens.durationFaster,
    "@media (prefers-reduced-motion: reduce)": { transitionDuration: "0.01ms" },
  },
  open: { transform: "rotate(90deg)" },
});

/** A disclosure's chevron: it points right when closed and down when open. */
export function Chevron({ open, size = 16 }: { open: boolean; size?: number }) {
  const styles = useStyles();
  return (
    <svg
      aria-hidden="true"
      width={size}
      height={size}
      viewBox="0 0 16 16"
      className={mergeClasses(styles.chevron, open && styles.open)}
    >
      <path d="M6 3.5 10.5 8 6 12.5" fill="none" stroke="currentColor" strokeWidth="1.5" />
    </svg>
  );
}
