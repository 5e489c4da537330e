import { Body1, Body1Strong, Button, makeStyles, tokens } from "@fluentui/react-components";
import { useId } from "react";

/*
 * The shell's alert: a failed start, a part of the pane that could not load. Drawn from the
 * shell's own parts, in the colours of Fluent's error message bar, rather than with MessageBar:
 * it is in the first load, where every kilobyte counts (test/bundleSize.test.ts), and it must show
 * even when nothing else can load.
 */

const useStyles = makeStyles({
  alert: {
    display: "flex",
    flexDirection: "column",
    rowGap: tokens.spacingVerticalS,
    padding: `${tokens.spacingVerticalM} ${tokens.spacingHorizontalM}`,
    backgroundColor: tokens.colorStatusDangerBackground1,
    color: tokens.colorNeutralForeground1,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorStatusDangerBorder1}`,
    borderRadius: tokens.borderRadiusMedium,
  },
  text: {
    margin: 0,
  },
});

export function ShellAlert({
  title,
  reason,
  onRetry,
}: {
  title: string;
  reason: string;
  onRetry: () => void;
}) {
  const styles = useStyles();
  const titleId = useId();
  return (
    <div role="alert" aria-labelledby={titleId} className={styles.alert}>
      <Body1Strong as="p" id={titleId} className={styles.text}>
        {title}
      </Body1Strong>
      <Body1 as="p" className={styles.text}>
        {reason}
      </Body1>
      <div>
        <Button onClick={onRetry}>Retry</Button>
      </div>
    </div>
  );
}
