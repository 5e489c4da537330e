import {
  Body1,
  Button,
  Caption1,
  Field,
  Input,
  Subtitle2,
  makeStyles,
  tokens,
} from "@fluentui/react-components";
import { useMemo, useState } from "react";
import { instantiate, templates, type Template } from "../../okr/templates";
import { usePaneActions } from "../PaneContext";
import { countOf, searchTemplates, templatePlan } from "./gallery";
import { InsertForm } from "./InsertForm";
import { workbookFileName } from "./insertForm";
import { PlanPreview } from "./PlanPreview";
import { usePaneStyles } from "../ui/styles";
import { counted } from "../ui/wording";

const useStyles = makeStyles({
  groups: { display: "flex", flexDirection: "column", rowGap: tokens.spacingVerticalM },
  list: {
    listStyleType: "none",
    margin: 0,
    padding: 0,
    display: "flex",
    flexDirection: "column",
    rowGap: tokens.spacingVerticalXXS,
  },
  choice: {
    width: "100%",
    justifyContent: "flex-start",
    textAlign: "start",
    fontWeight: tokens.fontWeightRegular,
  },
});

/** The template gallery: search, choose, preview, then the insert form. Loaded on demand. */
export default function TemplatesView() {
  const styles = useStyles();
  const pane = usePaneStyles();
  const toFile = usePaneActions().capabilities.host === "browser";
  const [query, setQuery] = useState("");
  const [chosen, setChosen] = useState<Template | null>(null);
  const groups = useMemo(() => searchTemplates(templates, query), [query]);
  const count = countOf(groups);

  if (chosen !== null) {
    const preview = instantiate(chosen);
    return (
      <div className={pane.view}>
        <div>
          <Button onClick={() => setChosen(null)}>Back to the templates</Button>
        </div>
        <section className={pane.section} aria-labelledby="okr-template-preview">
          <Subtitle2 as="h2" id="okr-template-preview" className={pane.noMargin} tabIndex={-1}>
            {chosen.title}
          </Subtitle2>
          <Caption1 className={pane.note}>
            {chosen.category} · {counted(preview.objectives.length, "objective")},{" "}
            {counted(
              preview.objectives.reduce((sum, o) => sum + o.keyResults.length, 0),
              "key result"
            )}
          </Caption1>
          <PlanPreview plan={preview} label={`${chosen.title}: objectives and key results`} />
        </section>
        <InsertForm
          key={chosen.id}
          title={chosen.title}
          makePlan={(header) => templatePlan(chosen, header)}
          fileName={() => workbookFileName(chosen.id)}
        />
      </div>
    );
  }

  return (
    <div className={pane.view}>
      <Body1 as="p" className={pane.noMargin}>
        Start from one of the framework&apos;s {templates.length} OKR sets: choose one to see its
        objectives and key results, then{" "}
        {toFile ? "download it as a new .xlsx workbook." : "insert it as a new workbook's sheets."}
      </Body1>
      <Field label="Search templates">
        <Input type="search" value={query} onChange={(_, data) => setQuery(data.value)} />
      </Field>
      <Caption1 role="status" className={pane.note}>
        {count === templates.length
          ? `${count} templates`
          : count === 0
            ? "No template matches. Try fewer or other words."
            : `${count} of ${templates.length} templates match`}
      </Caption1>
      <div className={styles.groups}>
        {groups.map((group) => (
          <section key={group.category} aria-label={group.category} className={pane.section}>
            <Subtitle2 as="h2" className={pane.noMargin}>
              {group.category}
            </Subtitle2>
            <ul className={styles.list}>
              {group.templates.map((template) => (
                <li key={template.id}>
                  <Button
                    appearance="subtle"
                    className={styles.choice}
                    onClick={() => {
                      setChosen(template);
                      requestAnimationFrame(() =>
                        document.getElementById("okr-template-preview")?.focus()
                      );
                    }}
                  >
                    {template.title}
                  </Button>
                </li>
              ))}
            </ul>
          </section>
        ))}
      </div>
    </div>
  );
}
