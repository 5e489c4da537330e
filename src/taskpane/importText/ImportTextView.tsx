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
  mergeClasses,
  tokens,
} from "@fluentui/react-components";
import { useState } from "react";
import type { KeyResult, Plan } from "../../okr/model";
import { KEY_RESULT_TYPES } from "../../okr/scoring";
import { InsertForm } from "../templates/InsertForm";
import { textPlan, workbookFileName } from "../templates/insertForm";
import { usePaneStyles } from "../ui/styles";
import { counted } from "../ui/wording";
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
  doubtful: {
    borderInlineStartWidth: tokens.strokeWidthThicker,
    borderInlineStartStyle: "solid",
    borderInlineStartColor: tokens.colorPaletteMarigoldBorderActive,
  },
  objective: { margin: 0, fontWeight: tokens.fontWeightSemibold },
  // The example keeps its lines, as it is to be typed.
  example: { whiteSpace: "pre-line" },
  fields: { display: "grid", gridTemplateColumns: "1fr 1fr", gap: tokens.spacingHorizontalS },
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
  const pane = usePaneStyles();
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
      className={pane.section}
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
        {(["baseline", "target"] as const).map((key) => (
          <Field
            key={key}
            label={key === "baseline" ? "Baseline" : "Target"}
            validationMessage={errors[key]}
          >
            <Input
              inputMode="decimal"
              value={edit[key]}
              onChange={(_, data) => set(key, data.value)}
            />
          </Field>
        ))}
      </div>
      <div className={pane.row}>
        <Button appearance="primary" onClick={save}>
          Save {keyResult.id}
        </Button>
        <Button onClick={onCancel}>Cancel</Button>
      </div>
    </div>
  );
}

/**
 * "From my own text": paste, read, fix the doubtful key results, insert (outside Excel: download
 * as an .xlsx file). Loaded on demand.
 */
export default function ImportTextView() {
  const styles = useStyles();
  const pane = usePaneStyles();
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
    <div className={pane.view}>
      <Body1 as="p" className={pane.noMargin}>
        Paste an OKR document, or one objective followed by its key results, one a line.
      </Body1>
      <Field
        label="Your OKRs"
        hint={{ className: styles.example, children: `For example:\n${EXAMPLE}` }}
      >
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
        <section className={pane.section} aria-labelledby="okr-text-plan">
          <Subtitle2 as="h2" id="okr-text-plan" className={pane.noMargin}>
            Your plan
          </Subtitle2>
          <Caption1 role="status" className={pane.note}>
            {counted(plan.objectives.length, "objective")},{" "}
            {counted(keyResults.length, "key result")};{" "}
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
              className={pane.section}
            >
              <Body1 as="h3" className={styles.objective}>
                {objective.id} {objective.title}
              </Body1>
              <ul className={pane.cards}>
                {objective.keyResults.map((keyResult) => {
                  const doubt = doubts.get(keyResult.id) ?? null;
                  return (
                    <li
                      key={keyResult.id}
                      className={mergeClasses(pane.card, doubt !== null && styles.doubtful)}
                    >
                      <Body1>
                        {keyResult.id}: {keyResult.text}
                      </Body1>
                      <Caption1 className={pane.note}>Reading: {readingOf(keyResult)}</Caption1>
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
          makePlan={(header) => textPlan(plan, header)}
          fileName={(header) => workbookFileName(header.project)}
        />
      )}
    </div>
  );
}
