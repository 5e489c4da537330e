import {
  Body1,
  Button,
  Field,
  Input,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  ProgressBar,
  Radio,
  RadioGroup,
  Select,
  Subtitle2,
  makeStyles,
  tokens,
} from "@fluentui/react-components";
import { useId, useRef, useState, type FormEvent } from "react";
import type { Plan } from "../../okr/model";
import { buildWorkbook } from "../../sheets/build";
import type { FormulaStyle } from "../../sheets/spec";
import type { InsertProgress, WorkbookFile } from "../actions";
import { failureOf } from "../failure";
import { usePaneActions } from "../PaneContext";
import { FailureAlert } from "../ui/FailureAlert";
import { usePaneStyles } from "../ui/styles";
import {
  CUSTOM_PERIOD,
  fileSummary,
  initialFormValues,
  insertSummary,
  quarterLabel,
  quarterOptions,
  readForm,
  type InsertFormField,
  type InsertFormValues,
  type PlanHeader,
} from "./insertForm";

const useStyles = makeStyles({
  form: {
    display: "flex",
    flexDirection: "column",
    rowGap: tokens.spacingVerticalM,
  },
  row: { display: "flex", columnGap: tokens.spacingHorizontalM, flexWrap: "wrap" },
  // The longest option ("Custom: choose the first and last quarter") is wider than a 350 px pane:
  // the list keeps to the form's width and the chosen label is cut with an ellipsis instead.
  period: { minWidth: 0, maxWidth: "100%" },
  periodList: { minWidth: 0, maxWidth: "100%", textOverflow: "ellipsis" },
});

type Run =
  | { status: "idle" }
  | { status: "running"; progress: InsertProgress | null }
  | { status: "done"; made: string; renamed: string[] }
  | { status: "saved"; file: WorkbookFile; style: FormulaStyle }
  | { status: "failed"; reason: string; detail: string };

function progressText(progress: InsertProgress | null, toFile: boolean): string {
  if (progress === null || progress.step === "preparing") return "Preparing the sheets…";
  if (progress.step === "writing")
    return toFile
      ? `Writing ${progress.sheets} sheets into an .xlsx file…`
      : `Writing ${progress.sheets} sheets into the workbook…`;
  return "Finishing…";
}

/**
 * The insert form both ways in share (a template, the person's own text): the plan's header, the
 * period, the formula style; Insert builds the workbook and writes it through the pane's actions.
 * Outside Excel the same workbook becomes a new .xlsx file to save: the button says Download
 * .xlsx, and the result names the file, its size, its sheets and how to open it.
 */
export function InsertForm({
  title,
  defaults,
  makePlan,
  fileName,
}: {
  /** What is inserted, for the form's heading: the template's title, or "your plan". */
  title: string;
  defaults?: Partial<Plan>;
  makePlan: (header: PlanHeader) => Plan;
  /** The file name to suggest outside Excel: "okr-revenue-growth.xlsx". */
  fileName: (header: PlanHeader) => string;
}) {
  const styles = useStyles();
  const pane = usePaneStyles();
  const actions = usePaneActions();
  const headingId = useId();
  const [today] = useState(() => new Date());
  const [values, setValues] = useState<InsertFormValues>(() => initialFormValues(today, defaults));
  const [errors, setErrors] = useState<Partial<Record<InsertFormField, string>>>({});
  const [run, setRun] = useState<Run>({ status: "idle" });
  const fields = useRef(new Map<InsertFormField, HTMLElement>());
  const quarters = quarterOptions(today);
  const insert = actions.capabilities.insert;
  const toFile = actions.capabilities.host === "browser";

  const set = <K extends keyof InsertFormValues>(key: K, value: InsertFormValues[K]) =>
    setValues((current) => ({ ...current, [key]: value }));
  const refOf = (field: InsertFormField) => (element: HTMLElement | null) => {
    if (element === null) fields.current.delete(field);
    else fields.current.set(field, element);
  };

  async function submit(event?: FormEvent) {
    event?.preventDefault();
    const reading = readForm(values);
    if (!reading.ok) {
      setErrors(reading.errors);
      const first = (Object.keys(reading.errors) as InsertFormField[])[0];
      fields.current.get(first)?.focus();
      return;
    }
    setErrors({});
    setRun({ status: "running", progress: null });
    try {
      const spec = buildWorkbook(makePlan(reading.header), { style: reading.style });
      const result = await actions.insertWorkbook(
        spec,
        (progress) => setRun({ status: "running", progress }),
        { fileName: fileName(reading.header) }
      );
      setRun(
        "kind" in result
          ? { status: "saved", file: result, style: reading.style }
          : { status: "done", ...insertSummary(result) }
      );
    } catch (error) {
      setRun({ status: "failed", ...failureOf(error) });
    }
  }

  const running = run.status === "running";
  const quarterField = (field: "quarter" | "start" | "end", label: string, custom: boolean) => (
    <Field label={label} validationMessage={errors[field]} required={field === "quarter"}>
      <Select
        className={styles.period}
        select={{ className: styles.periodList }}
        ref={refOf(field) as never}
        value={values[field]}
        onChange={(_, data) => set(field, data.value)}
      >
        {quarters.map((quarter) => (
          <option key={quarter} value={quarter}>
            {quarterLabel(quarter)}
          </option>
        ))}
        {!custom && (
          <option value={CUSTOM_PERIOD}>Custom: choose the first and last quarter</option>
        )}
      </Select>
    </Field>
  );

  return (
    <section aria-labelledby={headingId} className={styles.form}>
      <Subtitle2 as="h3" id={headingId} className={pane.noMargin}>
        {toFile ? `Download ${title} as a workbook` : `Insert ${title}`}
      </Subtitle2>
      {toFile && (
        <Body1 as="p" className={pane.noMargin}>
          The workbook is made in this page and saved on your computer as a new .xlsx file: nothing
          is sent anywhere.
        </Body1>
      )}
      {!insert.available && (
        <MessageBar intent="info" layout="multiline">
          <MessageBarBody>{insert.reason}</MessageBarBody>
        </MessageBar>
      )}
      <form className={styles.form} onSubmit={(event) => void submit(event)} noValidate>
        <Field label="Project" required validationMessage={errors.project}>
          <Input
            ref={refOf("project") as never}
            value={values.project}
            onChange={(_, data) => set("project", data.value)}
          />
        </Field>
        {quarterField("quarter", "Period", false)}
        {values.quarter === CUSTOM_PERIOD && (
          <div className={styles.row}>
            {quarterField("start", "First quarter", true)}
            {quarterField("end", "Last quarter", true)}
          </div>
        )}
        <Field label="Owner" hint="The executive sponsor who owns the plan">
          <Input value={values.owner} onChange={(_, data) => set("owner", data.value)} />
        </Field>
        <Field label="Contributors" hint="Team members, separated by commas">
          <Input
            value={values.contributors}
            onChange={(_, data) => set("contributors", data.value)}
          />
        </Field>
        <Field
          label="Formulas"
          hint="Portable formulas compute in any spreadsheet program; OKR functions are shorter to read but need the OKR Studio add-in wherever the workbook is opened."
        >
          <RadioGroup
            value={values.style}
            onChange={(_, data) => set("style", data.value as FormulaStyle)}
          >
            <Radio value="portable" label="Portable (recommended)" />
            <Radio value="functions" label="OKR functions" />
          </RadioGroup>
        </Field>
        <div>
          <Button type="submit" appearance="primary" disabled={!insert.available || running}>
            {toFile ? "Download .xlsx" : "Insert"}
          </Button>
        </div>
      </form>
      {running && (
        <Field validationMessage={progressText(run.progress, toFile)} validationState="none">
          <ProgressBar aria-label={toFile ? "Making the workbook" : "Inserting the workbook"} />
        </Field>
      )}
      <div role="status">
        {run.status === "done" && (
          <MessageBar intent="success" layout="multiline">
            <MessageBarBody>
              <MessageBarTitle>Workbook inserted</MessageBarTitle>
              {run.made}
              {run.renamed.length > 0 && (
                <ul className={pane.bullets}>
                  {run.renamed.map((line) => (
                    <li key={line}>
                      <Body1>{line}</Body1>
                    </li>
                  ))}
                </ul>
              )}
            </MessageBarBody>
          </MessageBar>
        )}
        {run.status === "saved" && <SavedFile file={run.file} style={run.style} />}
      </div>
      {run.status === "failed" && (
        <FailureAlert
          title={toFile ? "The workbook could not be saved" : "The workbook could not be inserted"}
          reason={run.reason}
          detail={run.detail}
          onRetry={() => void submit()}
        />
      )}
    </section>
  );
}

/** What a workbook made outside Excel became: saved, downloaded, or nothing (the dialog closed). */
function SavedFile({ file, style }: { file: WorkbookFile; style: FormulaStyle }) {
  const summary = fileSummary(file, style);
  return (
    <MessageBar intent={file.saved === "cancelled" ? "info" : "success"} layout="multiline">
      <MessageBarBody>
        <MessageBarTitle>{summary.title}</MessageBarTitle>
        {summary.made}
        {summary.open !== null && <> {summary.open}</>}
      </MessageBarBody>
    </MessageBar>
  );
}
