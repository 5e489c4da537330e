import {
  Button,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  MessageBarTitle,
} from "@fluentui/react-components";

/**
 * A failure shown where the person acted, announced at once: what failed, why (failureOf's reason),
 * Excel's own words when there are any, and Retry when trying again can help.
 */
export function FailureAlert({
  title,
  reason,
  detail = "",
  onRetry,
}: {
  title?: string;
  reason: string;
  detail?: string;
  onRetry?: () => void;
}) {
  return (
    <MessageBar intent="error" layout="multiline" role="alert">
      <MessageBarBody>
        {title !== undefined && <MessageBarTitle>{title}</MessageBarTitle>}
        {reason}
        {detail !== "" && ` Excel said: ${detail}`}
      </MessageBarBody>
      {onRetry !== undefined && (
        <MessageBarActions>
          <Button onClick={onRetry}>Retry</Button>
        </MessageBarActions>
      )}
    </MessageBar>
  );
}
