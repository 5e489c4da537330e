import { resolve } from "node:path";
import { parseArgs } from "node:util";
import type { Plan } from "../okr/model";
import { importPlan, type ImportedPlan } from "../okr/import";
import { parseKeyResult } from "../okr/parser";
import { instantiate, templateById, templates } from "../okr/templates";
import { buildWorkbook } from "../sheets/build";
import { lintOptions, runLint } from "./lint";
import { periodDates } from "../okr/period";
import type { FormulaStyle, WorkbookSpec } from "../sheets/spec";

/**
 * The `okr` command. `run` takes the arguments and the I/O it may use and returns the exit code,
 * so tests drive it exactly as a shell would. Exit codes: 0 done, 1 bad input or usage (for
 * `okr lint`, also a workbook with an error finding), 2 a file that cannot be read (or, for
 * `okr new`, written).
 */

export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
  readFile(path: string): Promise<string>;
  /** Writes a workbook as .xlsx; the xlsx host's writeXlsx unless a caller supplies its own. */
  writeXlsx?(spec: WorkbookSpec, path: string, options: { force: boolean }): Promise<void>;
}

export const USAGE = `Usage: okr <command> [options]

Commands:
  okr templates [--json]                 list the template catalogue: id, category, title
  okr parse "<key result>" [--json]      read the metric out of a key-result sentence
  okr import <file.md> [--section N | --all]
                                          read an OKR document written like the framework;
                                          prints the plan as JSON
  okr new --template <id> --out <file.xlsx> [--project NAME] [--period 2026-Q1]
          [--owner NAME] [--contributors "A, B"] [--use-case TEXT]
                                          write the workbook of a catalogue template
  okr new --from <file.md> [--section N] --out <file.xlsx>
                                          write the workbook of an OKR document
          [--style portable|functions]    formulas in native functions (the default: any
                                          spreadsheet computes them) or OKR.* (needs the add-in)
          [--force]                       replace <file.xlsx> if it exists
  okr lint <file.xlsx…> [--format text|json|sarif] [--rules OKR003,OKR007]
           [--min-severity error|warning|info] [--as-of 2026-03-31]
                                          check workbooks against the framework's rules;
                                          exit 0 no errors, 1 errors, 2 a file not readable

Options:
  -h, --help                              show this help
`;

class UsageError extends Error {}

type OptionSpec = Record<string, { type: "string" | "boolean" }>;

function options(
  args: string[],
  spec: OptionSpec
): { values: Record<string, string | boolean | undefined>; positionals: string[] } {
  try {
    const { values, positionals } = parseArgs({
      args,
      options: spec,
      allowPositionals: true,
      strict: true,
    });
    return { values: values as Record<string, string | boolean | undefined>, positionals };
  } catch (error) {
    // parseArgs's messages add a hint about "--"; the first sentence is what the person needs.
    const message = String((error as { message?: unknown }).message ?? error);
    throw new UsageError(message.split(". ")[0]);
  }
}

function json(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}

function listTemplates(args: string[], io: CliIo): number {
  const { values, positionals } = options(args, { json: { type: "boolean" } });
  if (positionals.length > 0)
    throw new UsageError(`okr templates takes no arguments (got "${positionals[0]}")`);
  if (values.json) {
    io.stdout(
      json(
        templates.map(({ id, category, title, parameters }) => ({
          id,
          category,
          title,
          parameters,
        }))
      )
    );
    return 0;
  }
  const idWidth = Math.max(...templates.map((template) => template.id.length));
  const categoryWidth = Math.max(...templates.map((template) => template.category.length));
  for (const template of templates) {
    io.stdout(
      `${template.id.padEnd(idWidth)}  ${template.category.padEnd(categoryWidth)}  ${template.title}\n`
    );
  }
  return 0;
}

function parse(args: string[], io: CliIo): number {
  const { values, positionals } = options(args, { json: { type: "boolean" } });
  if (positionals.length !== 1)
    throw new UsageError(
      'okr parse takes one key-result sentence, in quotes: okr parse "Reduce churn from 8% to 5%"'
    );
  const result = parseKeyResult(positionals[0]);
  if (values.json) {
    io.stdout(json(result));
  } else {
    const show = (value: unknown) => (value === null ? "—" : String(value));
    io.stdout(
      [
        `measurable  ${result.measurable ? "yes" : "no"}`,
        `type        ${show(result.type)}`,
        `baseline    ${show(result.baseline)}`,
        `target      ${show(result.target)}`,
        `unit        ${show(result.unit)}`,
        `current     ${show(result.current)}`,
        `confidence  ${result.confidence}${result.confidence < 0.5 ? " (ambiguous: check it)" : ""}`,
        `reason      ${result.reason}`,
        "",
      ].join("\n")
    );
  }
  return result.measurable ? 0 : 1;
}

/**
 * Reads and imports an OKR document: its plans, with what could not be placed reported on stderr
 * as file:line; or the exit code (2 unreadable, 1 no objectives) after one clear line.
 */
async function importDocument(file: string, io: CliIo): Promise<ImportedPlan[] | number> {
  let text: string;
  try {
    text = await io.readFile(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    io.stderr(
      `okr: cannot read ${file}: ${code === "ENOENT" ? "no such file" : code === "EISDIR" ? "it is a folder" : (error as Error).message}\n`
    );
    return 2;
  }
  const { plans, problems } = importPlan(text);
  for (const problem of problems) io.stderr(`${file}:${problem.line}: ${problem.message}\n`);
  if (plans.length === 0) {
    io.stderr(
      `okr: ${file}: no objectives found (looked for "Objective …" headings and **Objective:** lines)\n`
    );
    return 1;
  }
  return plans;
}

async function importFile(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = options(args, {
    section: { type: "string" },
    all: { type: "boolean" },
  });
  if (positionals.length !== 1)
    throw new UsageError("okr import takes one file: okr import plan.md");
  const [file] = positionals;
  const plans = await importDocument(file, io);
  if (typeof plans === "number") return plans;
  if (values.all) {
    io.stdout(json(plans));
    return 0;
  }
  if (values.section !== undefined) {
    const index = Number(values.section);
    if (!Number.isInteger(index) || index < 1 || index > plans.length) {
      throw new UsageError(`--section must be a number from 1 to ${plans.length}`);
    }
    io.stdout(json(plans[index - 1].plan));
    return 0;
  }
  if (plans.length > 1) {
    io.stderr(
      `okr: ${file} holds ${plans.length} plans; choose one with --section N, or print all with --all:\n`
    );
    plans.forEach((plan, index) =>
      io.stderr(`  ${index + 1}. ${plan.title ?? "(untitled)"} (line ${plan.line})\n`)
    );
    return 1;
  }
  io.stdout(json(plans[0].plan));
  return 0;
}

const STYLES: readonly FormulaStyle[] = ["portable", "functions"];

/** The template parameters `okr new` fills, by option name. */
const TEMPLATE_OPTIONS: Record<string, string> = {
  project: "project",
  period: "period",
  owner: "owner",
  contributors: "contributors",
  "use-case": "useCase",
};

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? "" : "s"}`;
}

/** The plan of `okr new --from`, or the exit code when there is none to use. */
async function planFromDocument(
  file: string,
  section: string | undefined,
  io: CliIo
): Promise<Plan | number> {
  const plans = await importDocument(file, io);
  if (typeof plans === "number") return plans;
  if (section !== undefined) {
    const index = Number(section);
    if (!Number.isInteger(index) || index < 1 || index > plans.length) {
      throw new UsageError(`--section must be a number from 1 to ${plans.length}`);
    }
    return plans[index - 1].plan;
  }
  if (plans.length > 1) {
    io.stderr(`okr: ${file} holds ${plans.length} plans; choose one with --section N:\n`);
    plans.forEach((plan, index) =>
      io.stderr(`  ${index + 1}. ${plan.title ?? "(untitled)"} (line ${plan.line})\n`)
    );
    return 1;
  }
  return plans[0].plan;
}

async function newWorkbook(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = options(args, {
    template: { type: "string" },
    from: { type: "string" },
    section: { type: "string" },
    out: { type: "string" },
    style: { type: "string" },
    force: { type: "boolean" },
    ...Object.fromEntries(
      Object.keys(TEMPLATE_OPTIONS).map((name) => [name, { type: "string" as const }])
    ),
  });
  if (positionals.length > 0)
    throw new UsageError(`okr new takes options only (got "${positionals[0]}")`);
  const template = values.template as string | undefined;
  const from = values.from as string | undefined;
  if ((template === undefined) === (from === undefined)) {
    throw new UsageError("okr new needs either --template <id> or --from <file.md>");
  }
  const out = values.out as string | undefined;
  if (!out) throw new UsageError("okr new needs --out <file.xlsx>");
  if (!/\.xlsx$/i.test(out)) throw new UsageError(`--out must name an .xlsx file (got "${out}")`);
  const style = (values.style ?? "portable") as FormulaStyle;
  if (!STYLES.includes(style)) {
    throw new UsageError(`--style must be portable or functions (got "${String(values.style)}")`);
  }
  const given = Object.keys(TEMPLATE_OPTIONS).filter((name) => values[name] !== undefined);
  if (from !== undefined && given.length > 0) {
    throw new UsageError(`--${given[0]} fills a template; it does not apply to --from`);
  }
  if (template !== undefined && values.section !== undefined) {
    throw new UsageError("--section chooses a plan of --from; it does not apply to --template");
  }

  let plan: Plan;
  if (template !== undefined) {
    const chosen = templateById(template);
    if (!chosen) {
      io.stderr(
        `okr: unknown template "${template}"; the templates are: ${templates.map((t) => t.id).join(", ")}\n`
      );
      return 1;
    }
    plan = instantiate(
      chosen,
      Object.fromEntries(given.map((name) => [TEMPLATE_OPTIONS[name], values[name] as string]))
    );
  } else {
    const found = await planFromDocument(from!, values.section as string | undefined, io);
    if (typeof found === "number") return found;
    plan = found;
  }

  if (!periodDates(plan.period)) {
    io.stderr(
      `okr: note: the period "${plan.period}" is not a quarter or a year (2026-Q1, Q1-Q2 2026, FY 2026), so the workbook has no period dates and leaves pace empty${template !== undefined ? "; set one with --period" : ""}\n`
    );
  }
  const spec = buildWorkbook(plan, { style });
  // Loaded on demand: ExcelJS is large and only this command needs it.
  const { writeXlsx, XlsxFileError } = await import("../hosts/xlsx");
  try {
    await (io.writeXlsx ?? writeXlsx)(spec, out, { force: values.force === true });
  } catch (error) {
    if (!(error instanceof XlsxFileError)) throw error;
    if (error.reason === "exists") {
      io.stderr(`okr: ${out} already exists; add --force to replace it\n`);
      return 1;
    }
    io.stderr(`okr: ${error.message}\n`);
    return 2;
  }
  const keyResults = plan.objectives.reduce(
    (sum, objective) => sum + objective.keyResults.length,
    0
  );
  io.stdout(`${resolve(out)}\n`);
  io.stdout(
    `${[plan.project, plan.period].filter((part) => part).join(", ")}: ${plural(plan.objectives.length, "objective")}, ${plural(keyResults, "key result")}, ${style === "portable" ? "portable formulas (native functions)" : "OKR.* formulas (needs the add-in)"}\n`
  );
  return 0;
}

async function lint(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = options(args, {
    format: { type: "string" },
    rules: { type: "string" },
    "min-severity": { type: "string" },
    "as-of": { type: "string" },
  });
  if (positionals.length === 0)
    throw new UsageError("okr lint takes one or more .xlsx files: okr lint plan.xlsx");
  const checked = lintOptions(values);
  if (typeof checked === "string") throw new UsageError(checked);
  return runLint(positionals, checked, io);
}

export async function run(argv: string[], io: CliIo): Promise<number> {
  const [command, ...args] = argv;
  try {
    switch (command) {
      case "templates":
        return args.includes("--help") || args.includes("-h")
          ? (io.stdout(USAGE), 0)
          : listTemplates(args, io);
      case "parse":
        return args.includes("--help") || args.includes("-h")
          ? (io.stdout(USAGE), 0)
          : parse(args, io);
      case "import":
        return args.includes("--help") || args.includes("-h")
          ? (io.stdout(USAGE), 0)
          : await importFile(args, io);
      case "new":
        return args.includes("--help") || args.includes("-h")
          ? (io.stdout(USAGE), 0)
          : await newWorkbook(args, io);
      case "lint":
        return args.includes("--help") || args.includes("-h")
          ? (io.stdout(USAGE), 0)
          : await lint(args, io);
      case undefined:
      case "help":
      case "--help":
      case "-h":
        io.stdout(USAGE);
        return command === undefined ? 1 : 0;
      default:
        throw new UsageError(`unknown command "${command}"`);
    }
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr(`okr: ${error.message}\n${USAGE}`);
      return 1;
    }
    throw error;
  }
}
