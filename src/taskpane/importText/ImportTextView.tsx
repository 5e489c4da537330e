import {
  Badge,
  Body1,
  Button,
  Caption1,
  Field,
  Input,
  MessageBar,
  MessageBarBody,
  Select,
  Subtitle2,
  Textarea,
  makeStyles,
  tokens,
} from "@fluentui/react-components";
import { useState } from "react";
import type { KeyResult, Plan } from "../../okr/model";
import { KEY_RESULT_TYPES } from "../../okr/scoring";
import { InsertForm } from "../templates/InsertForm";
import {
  doubtOf,
  editOf,
  readEdit,
  readingOf,
  readText,
  withKeyResult,
  type KeyResultEdit,
  type TextReading,
} from "./readText";

const useStyles = makeStyles({
  view: { display: "flex", flexDirection: "column", rowGap: tokens.spacingVerticalL },
  noMargin: { margin: 0 },
  section: { display: "flex", flexDirection: "column", rowGap: tokens.spacingVerticalS },
  list: {
    listStyleType: "none",
    margin: 0,
    padding: 0,
    display: "flex",
    flexDirection: "column",
    rowGap: tokens.spacingVerticalS,
  },
  item: {
    display: "flex",
    flexDirection: "column",
    rowGap: tokens.spacingVerticalXXS,
    paddingBlock: tokens.spacingVerticalS,
    paddingInline: tokens.spacingHorizontalM,
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: tokens.colorNeutralBackground2,
  },
  doubtful: {
    borderInlineStartWidth: tokens.strokeWidthThicker,
    borderInlineStartStyle: "solid",
    borderInlineStartColor: tokens.colorPaletteMarigoldBorderActive,
  },
  note: { color: tokens.colorNeutralForeground2 },
  objective: { margin: 0, fontWeight: tokens.fontWeightSemibold },
  fields: { display: "grid", gridTemplateColumns: "1fr 1fr", gap: tokens.spacingHorizontalS },
  buttons: { display: "flex", columnGap: tokens.spacingHorizontalS },
});

const EXAMPLE: string =
  "Grow the customer base\n- Reach 500 paying customers, up from 100\n- Make onboarding great";

function KeyResultEditor({
  keyResult,
  onSave,
  onCancel,
}: {
  keyResult: KeyResult;
  onSave: (fields: Pick<KeyResult, "type" | "baseline" | "target" | "unit">) => void;
  onCancel: () => void;
}) {
  const styles = useStyles();
  const [edit, setEdit] = useState<KeyResultEdit>(() => editOf(keyResult));
  const [errors, setErrors] = useState<Partial<Record<keyof KeyResultEdit, string>>>({});
  const set = (key: keyof KeyResultEdit, value: string) =>
    setEdit((current) => ({ ...current, [key]: value }));
  const save = () => {
    const reading = readEdit(edit);
    if (reading.ok) onSave(reading.fields);
    else setErrors(reading.errors);
  };
  return (
    <div
      role="group"
      aria-label={`Edit ${keyResult.id}`}
      className={styles.section}
      onKeyDown={(event) => {
        if (event.key === "Escape") onCancel();
      }}
    >
      <div className={styles.fields}>
        <Field label="Type" validationMessage={errors.type}>
          <Select value={edit.type} onChange={(_, data) => set("type", data.value)}>
            <option value="">Choose…</option>
            {KEY_RESULT_TYPES.map((type) => (
              <option key={type} value={type}>
                {type}
              </option>
            ))}
          </Select>
        </Field>
        <Field label="Unit">
          <Input value={edit.unit} onChange={(_, data) => set("unit", data.value)} />
        </Field>
        <Field label="Baseline" validationMessage={errors.baseline}>
          <Input
            inputMode="decimal"
            value={edit.baseline}
            onChange={(_, data) => set("baseline", data.value)}
          />
        </Field>
        <Field label="Target" validationMessage={errors.target}>
          <Input
            inputMode="decimal"
            value={edit.target}
            onChange={(_, data) => set("target", data.value)}
          />
        </Field>
      </div>
      <div className={styles.buttons}>
        <Button appearance="primary" onClick={save}>
          Save {keyResult.id}
        </Button>
        <Button onClick={onCancel}>Cancel</Button>
      </div>
    </div>
  );
}

/** "From my own text": paste, read, fix the doubtful key results, insert. Loaded on demand. */
export default function ImportTextView() {
  const styles = useStyles();
  const [text, setText] = useState("");
  const [reading, setReading] = useState<TextReading | null>(null);
  const [plan, setPlan] = useState<Plan | null>(null);
  const [edited, setEdited] = useState<ReadonlySet<string>>(new Set());
  const [editing, setEditing] = useState<string | null>(null);

  const read = () => {
    const result = readText(text);
    setReading(result);
    setPlan(result.plan);
    setEdited(new Set());
    setEditing(null);
  };

  const keyResults = plan?.objectives.flatMap((objective) => objective.keyResults) ?? [];
  const doubts = new Map(
    keyResults
      .filter((keyResult) => !edited.has(keyResult.id))
      .map((keyResult) => [keyResult.id, doubtOf(keyResult)] as const)
      .filter((entry): entry is [string, string] => entry[1] !== null)
  );

  return (
    <div className={styles.view}>
      <Body1 as="p" className={styles.noMargin}>
        Paste an OKR document, or one objective followed by its key results, one a line.
      </Body1>
      <Field label="Your OKRs" hint={`For example: ${EXAMPLE.replace(/\n/g, " / ")}`}>
        <Textarea
          resize="vertical"
          rows={8}
          value={text}
          onChange={(_, data) => setText(data.value)}
        />
      </Field>
      <div>
        <Button appearance="primary" onClick={read} disabled={text.trim() === ""}>
          Read the text
        </Button>
      </div>
      {reading !== null && plan === null && (
        <MessageBar intent="warning" layout="multiline" role="alert">
          <MessageBarBody>
            No objective with key results was found. Write the objective on the first line and one
            key result on each line below it.
          </MessageBarBody>
        </MessageBar>
      )}
      {plan !== null && (
        <section className={styles.section} aria-labelledby="okr-text-plan">
          <Subtitle2 as="h2" id="okr-text-plan" className={styles.noMargin}>
            Your plan
          </Subtitle2>
          <Caption1 role="status" className={styles.note}>
            {plan.objectives.length} {plan.objectives.length === 1 ? "objective" : "objectives"},{" "}
            {keyResults.length} key results;{" "}
            {doubts.size === 0
              ? "no doubts left."
              : `${doubts.size} to check (marked “Check this”).`}
          </Caption1>
          {reading !== null && reading.problems.length > 0 && (
            <MessageBar intent="warning" layout="multiline">
              <MessageBarBody>
                Some lines were not used:{" "}
                {reading.problems.map((p) => `line ${p.line}: ${p.message}`).join("; ")}.
              </MessageBarBody>
            </MessageBar>
          )}
          {plan.objectives.map((objective) => (
            <section
              key={objective.id}
              aria-label={`${objective.id} ${objective.title}`}
              className={styles.section}
            >
              <Body1 as="h3" className={styles.objective}>
                {objective.id} {objective.title}
              </Body1>
              <ul className={styles.list}>
                {objective.keyResults.map((keyResult) => {
                  const doubt = doubts.get(keyResult.id) ?? null;
                  return (
                    <li
                      key={keyResult.id}
                      className={doubt === null ? styles.item : `${styles.item} ${styles.doubtful}`}
                    >
                      <Body1>
                        {keyResult.id}: {keyResult.text}
                      </Body1>
                      <Caption1 className={styles.note}>Reading: {readingOf(keyResult)}</Caption1>
                      {doubt !== null && (
                        <div>
                          <Badge color="warning" appearance="tint">
                            Check this
                          </Badge>{" "}
                          <Caption1>{doubt}</Caption1>
                        </div>
                      )}
                      {edited.has(keyResult.id) && <Caption1>Edited by you.</Caption1>}
                      {editing === keyResult.id ? (
                        <KeyResultEditor
                          keyResult={keyResult}
                          onCancel={() => setEditing(null)}
                          onSave={(fields) => {
                            setPlan(withKeyResult(plan, keyResult.id, fields));
                            setEdited((current) => new Set(current).add(keyResult.id));
                            setEditing(null);
                          }}
                        />
                      ) : (
                        <div>
                          <Button size="small" onClick={() => setEditing(keyResult.id)}>
                            Edit {keyResult.id}
                          </Button>
                        </div>
                      )}
                    </li>
                  );
                })}
              </ul>
            </section>
          ))}
        </section>
      )}
      {plan !== null && (
        <InsertForm
          title="your plan"
          defaults={plan}
          makePlan={(header) => ({ ...plan, ...header })}
        />
      )}
    </div>
  );
}
