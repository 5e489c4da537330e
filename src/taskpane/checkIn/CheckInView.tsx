import {
  Body1,
  Button,
  Caption1,
  Field,
  Input,
  makeStyles,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  Radio,
  RadioGroup,
  Select,
  Spinner,
  Subtitle2,
  Textarea,
  tokens,
} from "@fluentui/react-components";
import { useEffect, useMemo, useRef, useState } from "react";
import type { Location } from "../../okr/rules/types";
import { summarize } from "../../okr/summary";
import { todaySerial } from "../../okr/values";
import type { CheckInEntry, WorkbookRead } from "../actions";
import { failureOf } from "../failure";
import { usePaneActions, usePaneState, usePaneStore } from "../PaneContext";
import { Scorecard } from "../scorecard/Scorecard";
import { setWorkbook } from "../store";
import { FailureAlert } from "../ui/FailureAlert";
import { usePaneStyles } from "../ui/styles";
import {
  browserStorage,
  checkDate,
  isoFromSerial,
  keyResultOptions,
  parseCheckInValue,
  periodOf,
  recentCheckIns,
  recordedAt,
  rememberAuthor,
  rememberedAuthor,
  searchKeyResults,
  takesCorrections,
  valueText,
  type KeyResultOption,
  type RecentCheckIn,
} from "./checkInForm";

/**
 * Recording a check-in: the plan from one read of the workbook (the store's last read, else one
 * readPlan), a form whose values are refused with a reason before anything is written, Save
 * through actions.appendCheckIn, then one read again so the scorecard follows at once. Correcting:
 * the chosen key result's recent check-ins, each with Correct (a new row naming the one it
 * replaces) and Withdraw (a new row that replaces it and has no value). Nothing is deleted.
 */

const useStyles = makeStyles({
  form: {
    display: "flex",
    flexDirection: "column",
    rowGap: tokens.spacingVerticalS,
    minWidth: 0,
  },
  // A native select is as wide as its longest option; in a narrow pane it must stay within it.
  select: { maxWidth: "100%", minWidth: 0 },
  selectElement: { maxWidth: "100%", textOverflow: "ellipsis" },
  valueField: { minWidth: 0 },
});

const CONFIDENCES = [1, 0.9, 0.8, 0.7, 0.6, 0.5, 0.4, 0.3, 0.2, 0.1, 0];

type Errors = Partial<Record<"keyResult" | "value" | "date" | "author", string>>;

/**
 * What a Save or Withdraw came to: what was done, its entry id and where the writer put it; or
 * why nothing was written.
 */
type Outcome =
  | { ok: true; done: string; id: string; written: Location }
  | { ok: false; reason: string; detail: string };

/**
 * A logged value as the key result shows it: the log holds a percentage as a fraction (0.9), the
 * plan in points (90%), so a percent key result's number is scaled before valueText formats it.
 */
function shownValue(value: unknown, option: KeyResultOption | null, locale?: string): string {
  if (value === null || value === "") return "no value";
  if (typeof value === "boolean") return value ? "done" : "not done";
  if (typeof value !== "number" || option === null) return String(value);
  const current = option.kind === "percent" ? value * 100 : value;
  return valueText({ ...option, current }, locale);
}

function describe(checkIn: RecentCheckIn, option: KeyResultOption | null, locale?: string): string {
  const day = checkIn.date === null ? "no date" : isoFromSerial(checkIn.date);
  return `${day}, ${checkIn.withdrawal ? "withdrawal" : shownValue(checkIn.value, option, locale)}${
    checkIn.author === "" ? "" : ` by ${checkIn.author}`
  }`;
}

export default function CheckInView() {
  const styles = useStyles();
  const pane = usePaneStyles();
  const store = usePaneStore();
  const actions = usePaneActions();
  const workbook = usePaneState((state) => state.workbook);
  const read = workbook.status === "read" ? workbook.read : null;
  const locale = typeof navigator === "undefined" ? undefined : navigator.language;
  const [reading, setReading] = useState(false);
  const [readProblem, setReadProblem] = useState<{ reason: string; detail: string } | null>(null);

  const readAgain = async (): Promise<WorkbookRead | null> => {
    setReading(true);
    setReadProblem(null);
    try {
      const next = await actions.readPlan();
      setWorkbook(store, next);
      return next;
    } catch (error) {
      setReadProblem(failureOf(error));
      return null;
    } finally {
      setReading(false);
    }
  };

  useEffect(() => {
    if (read === null && actions.capabilities.check.available) void readAgain();
    // Only on opening the view: later reads come from Save and the check.
  }, []);

  const plan = read?.facts.plan ?? null;
  const options = useMemo(
    () => (read === null || plan === null ? [] : keyResultOptions(plan, summarize(read.facts))),
    [read, plan]
  );
  const today = todaySerial();
  const [query, setQuery] = useState("");
  const [chosenId, setChosenId] = useState("");
  const [valueInput, setValueInput] = useState("");
  const [dateInput, setDateInput] = useState(isoFromSerial(today));
  const [confidence, setConfidence] = useState("");
  const [author, setAuthor] = useState(() => rememberedAuthor(browserStorage()));
  const [note, setNote] = useState("");
  const [replaces, setReplaces] = useState<RecentCheckIn | null>(null);
  const [errors, setErrors] = useState<Errors>({});
  const [saving, setSaving] = useState(false);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const recentHeading = useRef<HTMLHeadingElement>(null);
  const valueField = useRef<HTMLDivElement>(null);

  const found = useMemo(() => searchKeyResults(options, query), [options, query]);
  const chosen = options.find((option) => option.id === chosenId) ?? null;
  const period = plan === null ? null : periodOf(plan);
  const dateRule = checkDate(dateInput, period, today);
  const recent = read === null || chosen === null ? [] : recentCheckIns(read, chosen.id);
  const availability = actions.capabilities.checkIn;
  const corrections = read === null || takesCorrections(read);
  // The row the latest read finds the entry in: another person's pane may have moved it.
  const savedAt = outcome?.ok ? recordedAt(read, outcome.id, outcome.written) : null;

  // Correct moves the focus to the new value, where the correction is typed.
  useEffect(() => {
    if (replaces !== null) valueField.current?.querySelector("input")?.focus();
  }, [replaces]);

  const write = async (entry: CheckInEntry, done: string) => {
    if (!availability.available || actions.appendCheckIn === undefined) {
      setOutcome({
        ok: false,
        reason: availability.available
          ? "Recording check-ins is not available here."
          : availability.reason,
        detail: "",
      });
      return;
    }
    setSaving(true);
    setOutcome(null);
    try {
      const result = await actions.appendCheckIn(entry);
      rememberAuthor(browserStorage(), entry.author);
      setOutcome({ ok: true, done, id: result.id, written: result.location });
      setValueInput("");
      setNote("");
      setReplaces(null);
      await readAgain();
      // A withdrawn check-in leaves the list, and its button with it: the focus goes to the list's
      // heading, which stays, rather than to the page.
      if (entry.value === null) recentHeading.current?.focus();
    } catch (error) {
      setOutcome({ ok: false, ...failureOf(error) });
    } finally {
      setSaving(false);
    }
  };

  const save = () => {
    const next: Errors = {};
    if (chosen === null) next.keyResult = "Choose a key result.";
    const value = chosen === null ? null : parseCheckInValue(valueInput, chosen.kind, locale);
    if (value !== null && !value.ok) next.value = value.reason;
    if (!dateRule.ok) next.date = dateRule.reason;
    if (author.trim() === "") next.author = "Enter your name, so the team knows who measured it.";
    setErrors(next);
    if (
      Object.keys(next).length > 0 ||
      chosen === null ||
      value === null ||
      !value.ok ||
      !dateRule.ok
    ) {
      setOutcome({ ok: false, reason: "Correct the fields marked below.", detail: "" });
      return;
    }
    void write(
      {
        keyResultId: chosen.id,
        value: value.value,
        date: dateRule.value,
        confidence: confidence === "" ? null : Number(confidence),
        author: author.trim(),
        note: [note.trim(), dateRule.note ?? ""].filter((part) => part !== "").join(" "),
        replaces: replaces?.entry ?? null,
      },
      replaces === null
        ? `Recorded the check-in of ${chosen.id}`
        : `Recorded the correction of ${chosen.id}`
    );
  };

  const withdraw = (checkIn: RecentCheckIn) => {
    if (chosen === null) return;
    if (author.trim() === "") {
      setErrors({ author: "Enter your name, so the team knows who withdrew it." });
      return;
    }
    void write(
      {
        keyResultId: chosen.id,
        value: null,
        date: today,
        confidence: null,
        author: author.trim(),
        note: `Withdraws the check-in of ${describe(checkIn, chosen, locale)}.`,
        replaces: checkIn.entry,
      },
      `Withdrew the check-in of ${chosen.id}`
    );
  };

  return (
    <section className={pane.section} aria-labelledby="okr-studio-check-in">
      <Scorecard />
      <Subtitle2 as="h2" id="okr-studio-check-in" className={pane.noMargin}>
        Record a check-in
      </Subtitle2>
      {!availability.available && <Caption1>{availability.reason}</Caption1>}
      <div className={pane.row}>
        <Button
          disabled={!actions.capabilities.check.available}
          disabledFocusable={reading}
          onClick={() => void readAgain()}
        >
          Read the workbook again
        </Button>
        {reading && <Spinner size="tiny" aria-label="Reading the workbook" />}
      </div>
      {readProblem !== null && (
        // "Read the workbook again", just above, is the way to try again.
        <FailureAlert title="The workbook could not be read" {...readProblem} />
      )}
      {read !== null && plan === null && (
        <MessageBar intent="warning" layout="multiline">
          <MessageBarBody>
            <MessageBarTitle>No OKR table found</MessageBarTitle>
            This workbook has no key results to record a check-in for.
          </MessageBarBody>
        </MessageBar>
      )}
      {plan !== null && (
        <form
          className={styles.form}
          aria-label="Check-in"
          noValidate
          onSubmit={(event) => {
            event.preventDefault();
            save();
          }}
        >
          <Field label="Search key results">
            <Input type="search" value={query} onChange={(_, data) => setQuery(data.value)} />
          </Field>
          <Field
            label={`Key result (${found.length} of ${options.length})`}
            validationMessage={errors.keyResult}
            validationState={errors.keyResult === undefined ? "none" : "error"}
          >
            <Select
              className={styles.select}
              select={{ className: styles.selectElement }}
              value={chosenId}
              onChange={(_, data) => {
                setChosenId(data.value);
                setReplaces(null);
                setValueInput("");
              }}
            >
              <option value="">Choose a key result</option>
              {chosen !== null && !found.includes(chosen) && (
                <option value={chosen.id}>
                  {chosen.id} {chosen.text}
                </option>
              )}
              {found.map((option) => (
                <option key={option.id} value={option.id}>
                  {option.id} {option.text} — {option.objectiveTitle}; now{" "}
                  {valueText(option, locale)}
                  {option.status === null ? "" : `, ${option.status}`}
                </option>
              ))}
            </Select>
          </Field>
          {chosen !== null && (
            <Body1 as="p" className={pane.noMargin}>
              Objective {chosen.objectiveId}: {chosen.objectiveTitle}. Now{" "}
              {valueText(chosen, locale)}
              {chosen.status === null ? "" : `, status ${chosen.status}`}.
            </Body1>
          )}
          {replaces !== null && (
            <MessageBar intent="info" layout="multiline">
              <MessageBarBody>
                Correcting the check-in of {describe(replaces, chosen, locale)}: saving writes a new
                row that replaces it.
              </MessageBarBody>
              <Button onClick={() => setReplaces(null)}>Cancel correction</Button>
            </MessageBar>
          )}
          <div ref={valueField} className={styles.valueField}>
            {chosen?.kind === "done" ? (
              <Field
                label="New value"
                validationMessage={errors.value}
                validationState={errors.value === undefined ? "none" : "error"}
              >
                <RadioGroup value={valueInput} onChange={(_, data) => setValueInput(data.value)}>
                  <Radio value="done" label="Done" />
                  <Radio value="not done" label="Not done" />
                </RadioGroup>
              </Field>
            ) : (
              <Field
                label={
                  chosen?.kind === "percent"
                    ? "New value (%)"
                    : chosen?.unit
                      ? `New value (${chosen.unit})`
                      : "New value"
                }
                validationMessage={errors.value}
                validationState={errors.value === undefined ? "none" : "error"}
              >
                <Input
                  inputMode="decimal"
                  value={valueInput}
                  onChange={(_, data) => setValueInput(data.value)}
                />
              </Field>
            )}
          </div>
          <Field
            label="Date"
            validationMessage={
              errors.date ?? (dateRule.ok ? (dateRule.note ?? undefined) : undefined)
            }
            validationState={
              errors.date !== undefined
                ? "error"
                : dateRule.ok && dateRule.note
                  ? "warning"
                  : "none"
            }
          >
            <Input type="date" value={dateInput} onChange={(_, data) => setDateInput(data.value)} />
          </Field>
          <Field label="Confidence">
            <Select value={confidence} onChange={(_, data) => setConfidence(data.value)}>
              <option value="">Not given</option>
              {CONFIDENCES.map((level) => (
                <option key={level} value={String(level)}>
                  {Math.round(level * 100)}%
                </option>
              ))}
            </Select>
          </Field>
          <Field
            label="Author"
            validationMessage={errors.author}
            validationState={errors.author === undefined ? "none" : "error"}
          >
            <Input
              value={author}
              onChange={(_, data) => setAuthor(data.value)}
              autoComplete="name"
            />
          </Field>
          <Field label="Note">
            <Textarea value={note} onChange={(_, data) => setNote(data.value)} />
          </Field>
          <div className={pane.row}>
            <Button type="submit" appearance="primary" disabledFocusable={saving}>
              {replaces === null ? "Save check-in" : "Save correction"}
            </Button>
            {saving && <Spinner size="tiny" aria-label="Saving" />}
          </div>
          <div role="status" aria-live="polite">
            {outcome !== null && outcome.ok && savedAt !== null && (
              <Body1>
                {outcome.done} in {savedAt.sheet}!{savedAt.address}.
              </Body1>
            )}
          </div>
          {outcome !== null && !outcome.ok && (
            <FailureAlert
              title="Nothing was recorded"
              reason={outcome.reason}
              detail={outcome.detail}
            />
          )}
          {chosen !== null && (
            <section aria-labelledby="okr-studio-recent">
              <h3
                id="okr-studio-recent"
                className={pane.noMargin}
                ref={recentHeading}
                tabIndex={-1}
              >
                <Subtitle2>Recent check-ins of {chosen.id}</Subtitle2>
              </h3>
              {!corrections && (
                <Caption1 as="p" className={pane.noMargin}>
                  This workbook was made by an earlier OKR Studio: its check-ins have no Entry and
                  Replaces columns, so the pane can record new ones but cannot correct or withdraw
                  them. Edit a row on the Check-ins sheet itself, or insert a new workbook and copy
                  the check-ins into it.
                </Caption1>
              )}
              {recent.length === 0 ? (
                <Body1 as="p" className={pane.noMargin}>
                  None recorded from the pane yet.
                </Body1>
              ) : (
                <ul className={pane.bullets}>
                  {recent.map((checkIn) => (
                    <li key={checkIn.entry} className={pane.row}>
                      <Body1>
                        {describe(checkIn, chosen, locale)}
                        {checkIn.replaced ? " (replaced)" : ""}
                      </Body1>
                      {!checkIn.replaced && !checkIn.withdrawal && (
                        <>
                          <Button
                            size="small"
                            aria-label={`Correct check-in of ${describe(checkIn, chosen, locale)}`}
                            onClick={() => {
                              setReplaces(checkIn);
                              setValueInput(
                                typeof checkIn.value === "boolean"
                                  ? checkIn.value
                                    ? "done"
                                    : "not done"
                                  : ""
                              );
                            }}
                          >
                            Correct
                          </Button>
                          <Button
                            size="small"
                            aria-label={`Withdraw check-in of ${describe(checkIn, chosen, locale)}`}
                            onClick={() => withdraw(checkIn)}
                          >
                            Withdraw
                          </Button>
                        </>
                      )}
                    </li>
                  ))}
                </ul>
              )}
            </section>
          )}
        </form>
      )}
    </section>
  );
}
