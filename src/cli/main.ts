import { resolve } from "node:path";
import { parseArgs } from "node:util";
import type { Plan } from "../okr/model";
import { importPlan, type ImportedPlan, type ImportProblem } from "../okr/import";
import { parseKeyResult } from "../okr/parser";
import { instantiate, templateById, templates } from "../okr/templates";
import { buildWorkbook } from "../sheets/build";
import { describeReadError, FileRefusal, readDocument } from "./files";
import { type LintIo, lintOptions, runLint } from "./lint";
import type { ChildNote, RebuildReply, RebuildRequest } from "./isolate";
import { REBUILD_FORMATS, type RebuildFormat, type RebuildIo, runRebuild } from "./rebuild";
import { visible } from "./terminal";
import { periodDates } from "../okr/period";
import { type FormulaStyle, UnwritableSpecError, type WorkbookSpec } from "../sheets/spec";
import { plural } from "./words";

/**
 * The `okr` command. `run` takes the arguments and the I/O it may use and returns the exit code,
 * so tests drive it exactly as a shell would. Exit codes: 0 done, 1 bad input or usage (for
 * `okr lint`, also a workbook with an error finding), 2 a file that cannot be read (or, for
 * `okr new`, written).
 */

export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
  /**
   * Reads an OKR document as text. By default readDocument: a regular file only, of at most
   * MAX_DOCUMENT_BYTES; a refusal is a FileRefusal carrying the reason.
   */
  readFile?(path: string): Promise<string>;
  /** Writes a workbook as .xlsx; the xlsx host's writeXlsx unless a caller supplies its own. */
  writeXlsx?(spec: WorkbookSpec, path: string, options: { force: boolean }): Promise<void>;
  /** The environment the command reads OKR_STUDIO_DOCS_URL from; none when not given. */
  env?: Readonly<Record<string, string | undefined>>;
  /** `okr lint`'s reading of one file in a process of its own; in this process when not given. */
  lintInChild?: LintIo["lintInChild"];
  /**
   * `okr rebuild` in a process of its own (reading, rebuilding and writing: rebuildHere there),
   * its report printed here; in this process when not given.
   */
  rebuildInChild?(request: RebuildRequest, memoryMb: number): Promise<RebuildReply>;
}

export const USAGE = `Usage: okr <command> [options]

Commands:
  okr templates [--json]                 list the template catalogue: id, category, title
  okr parse "<key result>" [--json]      read the metric out of a key-result sentence
  okr import <file.md> [--section N | --all] [--verbose]
                                          read an OKR document written like the framework;
                                          prints the plan as JSON, and on stderr one line:
                                          sections, objectives, key results, problems and
                                          blocks not placed (--verbose: each one by line)
  okr new --template <id> --out <file.xlsx> [--project NAME] [--period 2026-Q1]
          [--owner NAME] [--contributors "A, B"] [--use-case TEXT]
                                          write the workbook of a catalogue template
  okr new --from <file.md> [--section N] [--verbose] --out <file.xlsx>
                                          write the workbook of an OKR document (its report
                                          on stderr as for okr import)
          [--style portable|functions]    formulas in native functions (the default: any
                                          spreadsheet computes them) or OKR.* (needs the add-in)
          [--force]                       replace <file.xlsx> if it exists
  okr lint <file.xlsx…> [--format text|json|sarif] [--rules OKR003,OKR007]
           [--min-severity error|warning|info] [--as-of 2026-03-31]
                                          check workbooks against the framework's rules;
                                          exit 0 no errors, 1 errors, 2 a file not readable
           [--docs-url https://…/docs/]   where the docs folder is published: SARIF links each
                                          rule to <url>rules.md#okr003; default: the variable
                                          OKR_STUDIO_DOCS_URL; neither set: no links
           [--max-cells 1500000]          a file with more cells is not read (exit 2)
           [--max-memory 4096]            MB each file's reading may use (it runs in a
                                          process of its own; beyond: exit 2 for that file)
  okr rebuild <file.xlsx> --out <new.xlsx> [--style portable|functions] [--force]
              [--format text|json]
                                          read the plan and check-ins back from a workbook
                                          (damaged by editing, say) and write them into a new
                                          one with a sound structure; lists every cell and
                                          name the new workbook does not hold as it was.
                                          Never writes over <file.xlsx>; the style is the one
                                          the workbook records unless --style is given
              [--max-cells 1500000]       a file with more cells is not read (exit 2)
              [--max-memory 4096]         MB the rebuild may use (it runs in a process of
                                          its own; beyond: exit 2, nothing written)

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

/** How a command that reads a document chooses among its sections, and how much it reports. */
interface DocumentChoice {
  /** --section N as typed. */
  section?: string;
  /** --all: every section; undefined for a command that has no --all (okr new). */
  all?: boolean;
  /** --verbose: every line the importer could not place, not only the counts. */
  verbose: boolean;
}

/** A plan's section as a list names it: without the number its heading may carry ("3. "). */
function sectionName(plan: ImportedPlan): string {
  return plan.title === null ? "(untitled)" : plan.title.replace(/^\d{1,9}[.)][ \t]+/, "");
}

function keyResultCount(plans: Plan[]): number {
  return plans.reduce(
    (sum, plan) =>
      sum + plan.objectives.reduce((count, objective) => count + objective.keyResults.length, 0),
    0
  );
}

function contentCounts(plans: Plan[]): string {
  const objectives = plans.reduce((sum, plan) => sum + plan.objectives.length, 0);
  return `${plural(objectives, "objective")}, ${plural(keyResultCount(plans), "key result")}`;
}

/**
 * The problems worth a count: "1 problem, 27 blocks not placed", with where to see them; "" when
 * there are none. A heading with no objectives under it is not counted: in a document of many
 * sections that is prose structure, and the blocks under it are counted anyway.
 */
function problemTally(problems: ImportProblem[], verbose: boolean): string {
  const faults = problems.filter((problem) => problem.kind === "fault").length;
  const unplaced = problems.filter((problem) => problem.kind === "unplaced").length;
  const parts = [
    ...(faults > 0 ? [plural(faults, "problem")] : []),
    ...(unplaced > 0 ? [`${plural(unplaced, "block")} not placed`] : []),
  ];
  if (parts.length === 0) return "";
  return `${parts.join(", ")}${verbose ? "" : ` (--verbose lists ${faults + unplaced === 1 ? "it" : "them"})`}`;
}

/**
 * Reads and imports an OKR document and chooses its plans as `choice` says: every plan (--all),
 * the one --section names, or the only one. On stderr: with --verbose each line it could not
 * place (file:line: message), then one summary line; a failure is one clear line (and the list
 * of sections to choose from). Returns the chosen plans, or the exit code: 2 unreadable, 1 no
 * objectives or more than one plan and no choice. A --section out of range is a usage error.
 */
async function importDocument(
  file: string,
  choice: DocumentChoice,
  io: CliIo
): Promise<ImportedPlan[] | number> {
  let text: string;
  try {
    text = await (io.readFile ?? readDocument)(file);
  } catch (error) {
    const reason = error instanceof FileRefusal ? error.reason : describeReadError(error);
    io.stderr(`okr: cannot read ${file}: ${reason}\n`);
    return 2;
  }
  const { plans, problems } = importPlan(text);
  let chosen: number | null = null;
  if (plans.length > 0 && !choice.all && choice.section !== undefined) {
    const index = Number(choice.section);
    if (!Number.isInteger(index) || index < 1 || index > plans.length) {
      throw new UsageError(`--section must be a number from 1 to ${plans.length}`);
    }
    chosen = index - 1;
  }
  if (choice.verbose) {
    for (const problem of problems) io.stderr(`${file}:${problem.line}: ${problem.message}\n`);
  }
  const tally = problemTally(problems, choice.verbose);
  if (plans.length === 0) {
    io.stderr(
      `okr: ${file}: no objectives found (looked for "Objective …" headings and **Objective:** lines)${tally === "" ? "" : `; ${tally}`}\n`
    );
    return 1;
  }
  if (chosen !== null && plans.length > 1) {
    const plan = plans[chosen];
    io.stderr(
      `${file}: section ${chosen + 1} of ${plans.length} (${sectionName(plan)}, line ${plan.line}): ${contentCounts([plan.plan])}${tally === "" ? "" : `; the whole document: ${tally}`}\n`
    );
    return [plan];
  }
  io.stderr(
    `${file}: ${plural(plans.length, "section")}, ${contentCounts(plans.map(({ plan }) => plan))}${tally === "" ? "" : `; ${tally}`}\n`
  );
  if (choice.all || plans.length === 1) return plans;
  io.stderr(
    `okr: ${file} holds ${plans.length} sections; choose one with --section N${choice.all === undefined ? "" : ", or print all with --all"}:\n`
  );
  plans.forEach((plan, index) =>
    io.stderr(`  ${index + 1}. ${sectionName(plan)} (line ${plan.line})\n`)
  );
  return 1;
}

async function importFile(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = options(args, {
    section: { type: "string" },
    all: { type: "boolean" },
    verbose: { type: "boolean" },
  });
  if (positionals.length !== 1)
    throw new UsageError("okr import takes one file: okr import plan.md");
  if (values.all && values.section !== undefined) {
    throw new UsageError("--section chooses one section and --all prints every one: give only one");
  }
  const [file] = positionals;
  const plans = await importDocument(
    file,
    {
      section: values.section as string | undefined,
      all: values.all === true,
      verbose: values.verbose === true,
    },
    io
  );
  if (typeof plans === "number") return plans;
  io.stdout(values.all ? json(plans) : json(plans[0].plan));
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

/**
 * Writes a workbook as `okr new` and `okr rebuild` do (the xlsx host's writeXlsx: never over an
 * existing file without `force`, through a temporary file) and returns the exit code: 0 written,
 * 1 the file exists, 2 it cannot be written; the reason is one line on stderr.
 */
async function writeWorkbook(
  spec: WorkbookSpec,
  out: string,
  force: boolean,
  io: CliIo
): Promise<number> {
  // Loaded on demand: ExcelJS is large and only the commands that write files need it.
  const { writeXlsx, XlsxFileError } = await import("../hosts/xlsx");
  try {
    await (io.writeXlsx ?? writeXlsx)(spec, out, { force });
  } catch (error) {
    // A plan no workbook can hold (a text over a cell's limit): refused before anything is written.
    if (error instanceof UnwritableSpecError) {
      io.stderr(`okr: cannot write ${out}: ${error.message}\n`);
      return 2;
    }
    if (!(error instanceof XlsxFileError)) throw error;
    if (error.reason === "exists") {
      io.stderr(`okr: ${out} already exists; add --force to replace it\n`);
      return 1;
    }
    io.stderr(`okr: ${error.message}\n`);
    return 2;
  }
  return 0;
}

async function newWorkbook(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = options(args, {
    template: { type: "string" },
    from: { type: "string" },
    section: { type: "string" },
    out: { type: "string" },
    style: { type: "string" },
    force: { type: "boolean" },
    verbose: { type: "boolean" },
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
    const found = await importDocument(
      from!,
      { section: values.section as string | undefined, verbose: values.verbose === true },
      io
    );
    if (typeof found === "number") return found;
    plan = found[0].plan;
  }

  if (!periodDates(plan.period)) {
    const period =
      plan.period.trim() === ""
        ? "no period is given"
        : `the period "${plan.period}" is not a quarter or a year (2026-Q1, Q1-Q2 2026, FY 2026)`;
    io.stderr(
      `okr: note: ${period}, so the workbook has no period dates and leaves pace empty${template !== undefined ? "; set one with --period" : ""}\n`
    );
  }
  const written = await writeWorkbook(
    buildWorkbook(plan, { style }),
    out,
    values.force === true,
    io
  );
  if (written !== 0) return written;
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
    "docs-url": { type: "string" },
    "max-cells": { type: "string" },
    "max-memory": { type: "string" },
  });
  if (positionals.length === 0)
    throw new UsageError("okr lint takes one or more .xlsx files: okr lint plan.xlsx");
  const checked = lintOptions(values, io.env ?? {});
  if (typeof checked === "string") throw new UsageError(checked);
  return runLint(positionals, checked, io);
}

async function rebuild(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = options(args, {
    out: { type: "string" },
    style: { type: "string" },
    force: { type: "boolean" },
    format: { type: "string" },
    "max-cells": { type: "string" },
    "max-memory": { type: "string" },
  });
  if (positionals.length !== 1)
    throw new UsageError(
      "okr rebuild takes one .xlsx file: okr rebuild broken.xlsx --out fixed.xlsx"
    );
  const out = values.out as string | undefined;
  if (!out) throw new UsageError("okr rebuild needs --out <new.xlsx>");
  if (!/\.xlsx$/i.test(out)) throw new UsageError(`--out must name an .xlsx file (got "${out}")`);
  const style = values.style as FormulaStyle | undefined;
  if (style !== undefined && !STYLES.includes(style)) {
    throw new UsageError(`--style must be portable or functions (got "${style}")`);
  }
  const format = (values.format ?? "text") as RebuildFormat;
  if (!REBUILD_FORMATS.includes(format)) {
    throw new UsageError(
      `--format must be ${REBUILD_FORMATS.join(" or ")} (got "${String(values.format)}")`
    );
  }
  // The same checks, defaults and words as okr lint's --max-cells and --max-memory.
  const checked = lintOptions({
    "max-cells": values["max-cells"],
    "max-memory": values["max-memory"],
  });
  if (typeof checked === "string") throw new UsageError(checked);
  const request: RebuildRequest = {
    file: positionals[0],
    options: {
      out,
      style: style ?? null,
      force: values.force === true,
      format,
      maxCells: checked.maxCells,
    },
  };
  if (io.rebuildInChild === undefined)
    return runRebuild(request.file, request.options, rebuildIo(io));
  const reply = await io.rebuildInChild(request, checked.memoryMb);
  io.stderr(reply.stderr);
  io.stdout(reply.stdout);
  return reply.code;
}

/** The I/O runRebuild writes through: `io`'s streams, and workbooks written as okr new does. */
function rebuildIo(io: CliIo): RebuildIo {
  return {
    stdout: (text) => io.stdout(text),
    stderr: (text) => io.stderr(text),
    write: (spec, path, force) => writeWorkbook(spec, path, force, io),
  };
}

/**
 * `okr rebuild` as its child process runs it (started with CHILD_COMMANDS.rebuild): reads,
 * rebuilds and writes as in this process, and hands back what it printed and its exit code for
 * the parent to print (the parent shows it through visible(), as everything the command prints).
 */
export async function rebuildHere(
  request: RebuildRequest,
  tell: (note: ChildNote) => Promise<void> = async () => undefined
): Promise<RebuildReply> {
  const stdout: string[] = [];
  const stderr: string[] = [];
  const io = rebuildIo({
    stdout: (text) => stdout.push(text),
    stderr: (text) => stderr.push(text),
  });
  const code = await runRebuild(request.file, request.options, {
    ...io,
    // The parent hears that the new workbook is in place before the report is sent: a death
    // after this point leaves the file, and the parent says so rather than "nothing written".
    write: async (spec, path, force) => {
      const written = await io.write(spec, path, force);
      if (written === 0) await tell("placed");
      return written;
    },
  });
  return { code, stdout: stdout.join(""), stderr: stderr.join("") };
}

export async function run(argv: string[], given: CliIo): Promise<number> {
  // Everything printed passes through visible(): no text from a document, a workbook or an
  // argument can become a control sequence in the terminal.
  const io: CliIo = {
    ...given,
    stdout: (text) => given.stdout(visible(text)),
    stderr: (text) => given.stderr(visible(text)),
  };
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
      case "rebuild":
        return args.includes("--help") || args.includes("-h")
          ? (io.stdout(USAGE), 0)
          : await rebuild(args, io);
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
