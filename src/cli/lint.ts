import type { FileHandle } from "node:fs/promises";
import { isAbsolute, posix } from "node:path";
import { pathToFileURL } from "node:url";
import type * as Sarif from "sarif";
import { version } from "../../package.json";
import {
  checkWorkbook,
  type CheckOptions,
  isRuleId,
  type Finding,
  type Location,
  RULES,
  type Rule,
  SEVERITIES,
  type Severity,
} from "../okr/rules";
import { READ_LIMITS, type ReadLimits } from "../okr/limits";
import { toDateSerial } from "../okr/values";
import { readWorkbookFacts } from "../sheets/structure";
import { whyNotXlsxIn } from "../hosts/xlsx/sniff";
import { sheetReference } from "../sheets/spec";
import { describeReadError, FileRefusal, openRegular } from "./files";
import { DEFAULT_MEMORY_MB, type LintRequest } from "./isolate";
import { plural, readFailure } from "./words";

/**
 * `okr lint`: each workbook read (readXlsx), its plan found (readPlan) and checked against the
 * framework's rules (checkWorkbook), reported as text for a person, JSON for a script or SARIF for
 * a code-scanning service. A file that cannot be read is one line on stderr naming the reason;
 * the other files are still checked.
 */

export const FORMATS = ["text", "json", "sarif"] as const;
export type LintFormat = (typeof FORMATS)[number];

export interface LintOptions {
  format: LintFormat;
  check: CheckOptions;
  /**
   * The published docs folder, an https:// URL ending with "/": SARIF's informationUri is its
   * rules.md and each rule's helpUri that page's #okr003. Null: the SARIF log has no links.
   */
  docsUrl: string | null;
  /** The most cells a file may hold (READ_LIMITS.cells unless --max-cells). */
  maxCells: number;
  /** The memory each file's reading may use, in MB, when it runs in a child (--max-memory). */
  memoryMb: number;
}

/** The environment variable that gives the docs folder's URL when --docs-url does not. */
export const DOCS_URL_ENV = "OKR_STUDIO_DOCS_URL";

/** One file's outcome: its findings, or why it could not be read. The JSON format is a list of these. */
export interface LintFileResult {
  /** The path as given on the command line. */
  file: string;
  findings: Finding[];
  /** Set when the file could not be read; findings is then empty. */
  error?: string;
}

/** The output streams `okr lint` writes to (the CLI's own I/O). */
export interface LintIo {
  stdout(text: string): void;
  stderr(text: string): void;
  /**
   * Lints one file in a process of its own (the okr command's lintInChild), so that a file that
   * runs out of memory costs only its own report; without it, files are linted in this process.
   */
  lintInChild?(request: LintRequest, memoryMb: number): Promise<LintFileResult>;
}

export const EXIT = { clean: 0, errors: 1, unreadable: 2 } as const;

// ---------------------------------------------------------------------------------------------
// Options.

/** A host name that means this machine: a code-scanning service's reader cannot follow it. */
function isLoopback(hostname: string): boolean {
  const host = hostname
    .toLowerCase()
    .replace(/^\[|\]$/g, "")
    .replace(/\.$/, "");
  return (
    host === "localhost" ||
    host.endsWith(".localhost") ||
    /^127\.\d+\.\d+\.\d+$/.test(host) ||
    host === "0.0.0.0" ||
    host === "::1" ||
    host === "::" ||
    /^::ffff:(?:7f[0-9a-f]{2}:|127\.)/.test(host)
  );
}

/**
 * A docs folder's URL, checked: the URL to use (normalised, so it is an absolute URI), or what is
 * wrong with it, to follow the option's or variable's name. It must be https:// (the links land
 * in code-scanning uploads that others open), name a folder (end with "/", no ? or #), and not be
 * this machine.
 */
export function checkDocsUrl(value: string): { url: string } | { problem: string } {
  let url: URL | null = null;
  try {
    url = new URL(value);
  } catch {
    url = null;
  }
  if (
    url === null ||
    url.protocol !== "https:" ||
    !value.endsWith("/") ||
    !url.href.endsWith("/") ||
    url.search !== "" ||
    url.hash !== ""
  ) {
    return {
      problem: `must be the https:// URL of the docs folder, ending with "/" (got "${value}")`,
    };
  }
  if (url.username !== "" || url.password !== "") {
    return { problem: `must not hold a user name or password (got "${value}")` };
  }
  if (isLoopback(url.hostname)) {
    return {
      problem: `must be a public address, not this machine: a code-scanning service cannot reach it (got "${value}")`,
    };
  }
  return { url: url.href };
}

/**
 * The options as typed, checked: the lint options, or the usage error to show. Rule ids compare
 * without case ("okr003" is OKR003). The docs URL comes from --docs-url, else from
 * OKR_STUDIO_DOCS_URL in `env` (empty counts as unset).
 */
export function lintOptions(
  values: {
    format?: unknown;
    rules?: unknown;
    "min-severity"?: unknown;
    "as-of"?: unknown;
    "docs-url"?: unknown;
    "max-cells"?: unknown;
    "max-memory"?: unknown;
  },
  env: Readonly<Record<string, string | undefined>> = {}
): LintOptions | string {
  const format = (values.format ?? "text") as LintFormat;
  if (!FORMATS.includes(format)) {
    return `--format must be ${FORMATS.join(", ")} (got "${String(values.format)}")`;
  }
  const check: CheckOptions = {};
  if (values.rules !== undefined) {
    const ids = String(values.rules)
      .split(",")
      .map((id) => id.trim().toUpperCase())
      .filter((id) => id !== "");
    const unknown = ids.filter((id) => !isRuleId(id));
    if (ids.length === 0 || unknown.length > 0) {
      return `${unknown.length > 0 ? `unknown rule ${unknown.join(", ")}` : "--rules names no rule"}; the rules are: ${RULES.map((rule) => rule.id).join(", ")}`;
    }
    check.rules = [...new Set(ids)];
  }
  if (values["min-severity"] !== undefined) {
    const severity = values["min-severity"] as Severity;
    if (!SEVERITIES.includes(severity)) {
      return `--min-severity must be ${SEVERITIES.join(", ")} (got "${String(severity)}")`;
    }
    check.minSeverity = severity;
  }
  if (values["as-of"] !== undefined) {
    const text = String(values["as-of"]);
    let serial: number | null = null;
    if (/^\d{4}-\d{2}-\d{2}$/.test(text)) {
      try {
        serial = toDateSerial("--as-of", text);
      } catch {
        serial = null;
      }
    }
    if (serial === null) return `--as-of must be a date as yyyy-mm-dd (got "${text}")`;
    check.asOf = serial;
  }
  let docsUrl: string | null = null;
  const fromEnv = env[DOCS_URL_ENV];
  const [name, given] =
    values["docs-url"] !== undefined
      ? ["--docs-url", String(values["docs-url"])]
      : [DOCS_URL_ENV, fromEnv === "" ? undefined : fromEnv];
  if (given !== undefined) {
    const checked = checkDocsUrl(given);
    if ("problem" in checked) return `${name} ${checked.problem}`;
    docsUrl = checked.url;
  }
  const maxCells = positiveInteger(values["max-cells"], READ_LIMITS.cells);
  if (maxCells === null)
    return `--max-cells must be a whole number above 0 (got "${String(values["max-cells"])}")`;
  const memoryMb = positiveInteger(values["max-memory"], DEFAULT_MEMORY_MB);
  if (memoryMb === null || memoryMb < MIN_MEMORY_MB)
    return `--max-memory must be a whole number of MB, at least ${MIN_MEMORY_MB} (got "${String(values["max-memory"])}")`;
  return { format, check, docsUrl, maxCells, memoryMb };
}

/** The least memory a file's reading may be given: below it, Node itself does not start well. */
export const MIN_MEMORY_MB = 64;

function positiveInteger(value: unknown, fallback: number): number | null {
  if (value === undefined) return fallback;
  const text = String(value).trim();
  if (!/^\d{1,12}$/.test(text)) return null;
  const number = Number(text);
  return number > 0 ? number : null;
}

// ---------------------------------------------------------------------------------------------
// Telling an .xlsx file from everything else, before ExcelJS tries (src/hosts/xlsx/sniff.ts, whose
// reasons the page outside Excel gives too).

/**
 * Why the file cannot be an .xlsx workbook, or null when it looks like one (a zip archive whose
 * directory names xl/workbook.xml). Only a regular file is opened (a folder, a named pipe or a
 * device is refused by its kind); the first 512 bytes, the last 64 KB and the zip directory are
 * read, or for an OLE compound file its directory's sectors: never the whole file.
 */
export async function whyNotXlsx(path: string): Promise<string | null> {
  let opened;
  try {
    opened = await openRegular(path);
  } catch (error) {
    return error instanceof FileRefusal ? error.reason : describeReadError(error);
  }
  const { handle, size } = opened;
  try {
    return await whyNotXlsxIn({
      size,
      readAt: (position, length) => readAt(handle, position, length),
    });
  } catch (error) {
    return describeReadError(error);
  } finally {
    await handle.close();
  }
}

/** `length` bytes at `position`, or null when the file ends first. */
async function readAt(
  handle: FileHandle,
  position: number,
  length: number
): Promise<Uint8Array | null> {
  const buffer = Buffer.alloc(length);
  const { bytesRead } = await handle.read(buffer, 0, length, position);
  return bytesRead === length ? buffer : null;
}

// ---------------------------------------------------------------------------------------------
// Checking.

/** Reads and checks one file. Never throws: an unreadable file is a result with an error. */
export async function lintFile(
  path: string,
  options: CheckOptions = {},
  limits: Partial<ReadLimits> = {}
): Promise<LintFileResult> {
  const notXlsx = await whyNotXlsx(path);
  if (notXlsx !== null) return { file: path, findings: [], error: notXlsx };
  // Loaded on demand: ExcelJS is large and only the commands that read or write files need it.
  const { readXlsx, XlsxLimitError } = await import("../hosts/xlsx");
  let snapshot;
  try {
    snapshot = await readXlsx(path, { limits: { ...READ_LIMITS, ...limits } });
  } catch (error) {
    const limit = error instanceof XlsxLimitError ? error : null;
    return { file: path, findings: [], error: readFailure(path, error, limit) };
  }
  return { file: path, findings: checkWorkbook(readWorkbookFacts(snapshot), options) };
}

/**
 * Lints the files one at a time (a CI run over many large workbooks should not hold them all in
 * memory), each in a child process when `inChild` is given.
 */
export async function lintFiles(
  paths: string[],
  options: CheckOptions = {},
  limits: Partial<ReadLimits> = {},
  inChild?: (request: LintRequest) => Promise<LintFileResult>
): Promise<LintFileResult[]> {
  const results: LintFileResult[] = [];
  for (const path of paths)
    results.push(
      inChild ? await inChild({ path, options, limits }) : await lintFile(path, options, limits)
    );
  return results;
}

export function exitCode(results: LintFileResult[]): number {
  if (results.some((result) => result.error !== undefined)) return EXIT.unreadable;
  if (results.some((result) => result.findings.some((finding) => finding.severity === "error")))
    return EXIT.errors;
  return EXIT.clean;
}

/** `okr lint <file…>` once its options are checked: writes the report, returns the exit code. */
export async function runLint(paths: string[], options: LintOptions, io: LintIo): Promise<number> {
  const { lintInChild } = io;
  const results = await lintFiles(
    paths,
    options.check,
    { cells: options.maxCells },
    lintInChild && ((request) => lintInChild(request, options.memoryMb))
  );
  for (const result of results) {
    if (result.error !== undefined) io.stderr(`okr: cannot read ${result.file}: ${result.error}\n`);
  }
  const code = exitCode(results);
  switch (options.format) {
    case "json":
      io.stdout(formatJson(results));
      break;
    case "sarif":
      io.stdout(formatSarif(results, code, options.docsUrl));
      break;
    default:
      io.stdout(formatText(results));
  }
  return code;
}

// ---------------------------------------------------------------------------------------------
// Formats.

/** A finding's place as a formula refers to it: Scorecard!K7, 'Monthly Review'!B9. */
export function placeOf(location: Location | null): string | null {
  return location === null ? null : `${sheetReference(location.sheet)}!${location.address}`;
}

function counts(findings: Finding[]): Record<Severity, number> {
  const tally: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
  for (const finding of findings) tally[finding.severity]++;
  return tally;
}

function tallyText(tally: Record<Severity, number>): string {
  return SEVERITIES.map((severity) =>
    plural(tally[severity], severity, severity === "info" ? "info" : undefined)
  ).join(", ");
}

const SEVERITY_WIDTH = Math.max(...SEVERITIES.map((severity) => severity.length));

/**
 * For a person: per file a heading, one line per finding (place, severity, rule, message) with
 * its fix indented below, and the file's tally; then the tally of all files.
 */
export function formatText(results: LintFileResult[]): string {
  const lines: string[] = [];
  const all: Finding[] = [];
  let unreadable = 0;
  for (const result of results) {
    if (result.error !== undefined) {
      unreadable++;
      continue;
    }
    lines.push(result.file);
    all.push(...result.findings);
    const places = result.findings.map((finding) => placeOf(finding.location) ?? "(workbook)");
    const width = Math.max(0, ...places.map((place) => place.length));
    result.findings.forEach((finding, index) => {
      const lead = `  ${places[index].padEnd(width)}  ${finding.severity.padEnd(SEVERITY_WIDTH)}  ${finding.ruleId}  `;
      lines.push(`${lead}${finding.message}`);
      lines.push(`${" ".repeat(lead.length)}fix: ${finding.fix}`);
    });
    lines.push(
      result.findings.length === 0 ? "  no findings" : `  ${tallyText(counts(result.findings))}`
    );
  }
  const checked = results.length - unreadable;
  lines.push(
    `${plural(checked, "file")} checked: ${tallyText(counts(all))}${unreadable > 0 ? `; ${plural(unreadable, "file")} could not be read` : ""}`
  );
  return `${lines.join("\n")}\n`;
}

function findingJson(finding: Finding): Finding {
  // A fixed key order, whatever order the rules built the object in.
  return {
    ruleId: finding.ruleId,
    severity: finding.severity,
    message: finding.message,
    location:
      finding.location === null
        ? null
        : { sheet: finding.location.sheet, address: finding.location.address },
    fix: finding.fix,
    // A structure finding's cells and names, with what each holds and should hold.
    ...listedCells(finding),
    ...(finding.names === undefined ? {} : { names: finding.names }),
    ...(finding.sheet === undefined ? {} : { sheet: finding.sheet }),
  };
}

/**
 * The most cells one finding lists in the JSON and SARIF output. A values-only copy of a large
 * workbook makes a finding of every computed column; listing each of its cells with its formula
 * came to 120 MB for 8,000 key results. The first LISTED_CELLS are listed, and `cellsNotListed`
 * counts the rest (a repair derives the formulas from the builders again, not from the output).
 */
export const LISTED_CELLS = 1_000;

function listedCells(finding: Finding): { cells?: Finding["cells"]; cellsNotListed?: number } {
  if (finding.cells === undefined) return {};
  if (finding.cells.length <= LISTED_CELLS) return { cells: finding.cells };
  return {
    cells: finding.cells.slice(0, LISTED_CELLS),
    cellsNotListed: finding.cells.length - LISTED_CELLS,
  };
}

/** For a script: the list of LintFileResult, in the order the files were given. */
export function formatJson(results: LintFileResult[]): string {
  const list = results.map((result) => ({
    file: result.file,
    findings: result.findings.map(findingJson),
    ...(result.error !== undefined ? { error: result.error } : {}),
  }));
  return `${JSON.stringify(list, null, 2)}\n`;
}

export const SARIF_SCHEMA =
  "https://docs.oasis-open.org/sarif/sarif/v2.1.0/os/schemas/sarif-schema-2.1.0.json";
/** The rules page in the docs folder; each rule has an anchor there, its id in lower case. */
export const RULES_PAGE = "rules.md";
const XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

const SARIF_LEVEL: Record<Severity, Sarif.ReportingConfiguration.level> = {
  error: "error",
  warning: "warning",
  info: "note",
};

/**
 * A path as a SARIF artifact URI: a relative path stays relative (a code-scanning service resolves
 * it against the repository), with forward slashes and each segment percent-encoded; an absolute
 * path becomes a file:// URI.
 */
export function artifactUri(path: string): string {
  if (isAbsolute(path)) return pathToFileURL(path).href;
  return posix
    .normalize(path.replace(/\\/g, "/"))
    .split("/")
    .map((segment) => (segment === ".." || segment === "." ? segment : encodeURIComponent(segment)))
    .join("/");
}

/**
 * A rule as SARIF describes it. Its title, source and fix are always inline, so the log explains
 * itself with no link; helpUri only when the docs folder's URL is known.
 */
function sarifRule(rule: Rule, docsUrl: string | null): Sarif.ReportingDescriptor {
  return {
    id: rule.id,
    shortDescription: { text: rule.title },
    fullDescription: { text: `${rule.detail} From the framework: ${rule.source}` },
    help: { text: rule.fix },
    ...(docsUrl === null ? {} : { helpUri: `${docsUrl}${RULES_PAGE}#${rule.id.toLowerCase()}` }),
    defaultConfiguration: { level: SARIF_LEVEL[rule.severity] },
    properties: { severity: rule.severity },
  };
}

/**
 * For a code-scanning service: SARIF 2.1.0, one run. SARIF's regions are lines and columns of
 * text or bytes, and an .xlsx file is neither: the cell goes in a logical location
 * (fullyQualifiedName "Scorecard!K7") and at the head of the message, and the physical location
 * is the file alone. With the docs folder's URL (`docsUrl`, ending with "/"), the driver's
 * informationUri is its rules page and each rule's helpUri that rule's anchor; without it there
 * are no links (SARIF makes both optional), never a guessed or local address.
 */
export function formatSarif(
  results: LintFileResult[],
  exitCode = 0,
  docsUrl: string | null = null
): string {
  const ruleIndex = new Map(RULES.map((rule, index) => [rule.id, index]));
  const notifications: Sarif.Notification[] = results
    .map((result, index) => ({ result, index }))
    .filter(({ result }) => result.error !== undefined)
    .map(({ result, index }) => ({
      level: "error",
      message: { text: `cannot read ${result.file}: ${result.error}` },
      locations: [
        { physicalLocation: { artifactLocation: { uri: artifactUri(result.file), index } } },
      ],
    }));
  const sarifResults = results.flatMap((result, artifact) =>
    result.findings.map((finding): Sarif.Result => {
      const place = placeOf(finding.location);
      const location: Sarif.Location = {
        physicalLocation: { artifactLocation: { uri: artifactUri(result.file), index: artifact } },
      };
      if (finding.location !== null) {
        location.logicalLocations = [
          { name: finding.location.address, fullyQualifiedName: place ?? undefined },
        ];
      }
      return {
        ruleId: finding.ruleId,
        ...(ruleIndex.has(finding.ruleId) ? { ruleIndex: ruleIndex.get(finding.ruleId) } : {}),
        level: SARIF_LEVEL[finding.severity],
        message: { text: `${place === null ? "" : `${place}: `}${finding.message}` },
        locations: [location],
        // The same fault at the same cell is the same alert from one run to the next.
        partialFingerprints: {
          "okrStudio/v1": `${finding.ruleId}|${result.file}|${place ?? finding.names?.map((name) => name.name).join(",") ?? finding.sheet ?? ""}`,
        },
        properties: {
          fix: finding.fix,
          ...(finding.location === null
            ? {}
            : { sheet: finding.location.sheet, cell: finding.location.address }),
          ...listedCells(finding),
          ...(finding.names === undefined ? {} : { names: finding.names }),
          ...(finding.sheet === undefined ? {} : { sheet: finding.sheet }),
        },
      };
    })
  );
  const log: Sarif.Log = {
    $schema: SARIF_SCHEMA,
    version: "2.1.0",
    runs: [
      {
        tool: {
          driver: {
            name: "okr-studio",
            version,
            ...(docsUrl === null ? {} : { informationUri: `${docsUrl}${RULES_PAGE}` }),
            rules: RULES.map((rule) => sarifRule(rule, docsUrl)),
          },
        },
        invocations: [
          {
            executionSuccessful: notifications.length === 0,
            exitCode,
            ...(notifications.length > 0 ? { toolExecutionNotifications: notifications } : {}),
          },
        ],
        artifacts: results.map((result) => ({
          location: { uri: artifactUri(result.file) },
          mimeType: XLSX_MIME,
        })),
        results: sarifResults,
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
}
