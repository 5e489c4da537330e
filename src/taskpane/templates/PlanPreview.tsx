import { Body1, Caption1, makeStyles, tokens } from "@fluentui/react-components";
import type { Plan } from "../../okr/model";
import { usePaneStyles } from "../ui/styles";

const useStyles = makeStyles({
  objectives: {
    margin: 0,
    paddingInlineStart: tokens.spacingHorizontalL,
    display: "flex",
    flexDirection: "column",
    rowGap: tokens.spacingVerticalS,
  },
  objective: { margin: 0, fontWeight: tokens.fontWeightSemibold },
});

/** A plan's objectives and their key results, read-only, before anything is written. */
export function PlanPreview({ plan, label }: { plan: Plan; label: string }) {
  const styles = useStyles();
  const pane = usePaneStyles();
  return (
    <ol aria-label={label} className={styles.objectives}>
      {plan.objectives.map((objective) => (
        <li key={objective.id}>
          <Body1 as="p" className={styles.objective}>
            {objective.title}
          </Body1>
          <ul className={pane.bullets}>
            {objective.keyResults.map((keyResult) => (
              <li key={keyResult.id}>
                <Body1>{keyResult.text}</Body1>{" "}
                {keyResult.owner && <Caption1 className={pane.note}>({keyResult.owner})</Caption1>}
              </li>
            ))}
          </ul>
        </li>
      ))}
    </ol>
  );
}
