// npm run validate: checks manifest.xml offline against the Office XSDs and the project's rules,
// and that every URL in it names a file the build put in dist/.
// Exit 0 = valid, 1 = problems found, 2 = could not check (usage, no dist/, no schemas).
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import checks from "./manifest-checks.cjs";

const { DEFAULT_BASE_URL, formatProblem, listServedFiles, resolveSchemasDir, validateManifest } =
  checks;

const USAGE =
  "usage: node scripts/validate-manifest.mjs <manifest.xml> [--dist DIR] [--base-url URL]";
const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

function parseArgs(argv) {
  const options = {
    manifest: undefined,
    dist: path.join(projectRoot, "dist"),
    baseUrl: DEFAULT_BASE_URL,
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === "--dist" || arg === "--base-url") {
      const value = argv[++i];
      if (value === undefined) return { error: `${arg} needs a value` };
      if (arg === "--dist") options.dist = path.resolve(value);
      else options.baseUrl = value.endsWith("/") ? value : `${value}/`;
    } else if (arg.startsWith("-") || options.manifest !== undefined) {
      return { error: `unexpected argument ${arg}` };
    } else {
      options.manifest = arg;
    }
  }
  return options.manifest === undefined ? { error: "no manifest given" } : options;
}

function cannotCheck(message) {
  console.error(message);
  process.exit(2);
}

const options = parseArgs(process.argv.slice(2));
if (options.error) cannotCheck(`${options.error}\n${USAGE}`);
const label = options.manifest;
if (!existsSync(options.manifest)) cannotCheck(`${label}: file not found`);
if (!existsSync(options.dist)) {
  cannotCheck(
    `${label}: ${path.relative(process.cwd(), options.dist)}/ does not exist; run \`npm run build\` first (or pass --dist DIR)`
  );
}
const schemasDir = resolveSchemasDir(projectRoot);
if (!existsSync(schemasDir)) {
  cannotCheck(
    `${label}: manifest schemas folder not found: ${schemasDir} (set OKR_MANIFEST_SCHEMAS to the folder that holds OfficeAppManifestV1_1.xsd)`
  );
}

const relativeDist = path.relative(process.cwd(), options.dist);
const distLabel = `${relativeDist.startsWith("..") ? options.dist : relativeDist || "."}/`;
const servedFiles = listServedFiles(options.dist);
let problems;
try {
  problems = await validateManifest(readFileSync(options.manifest, "utf8"), {
    schemasDir,
    servedFiles,
    baseUrl: options.baseUrl,
  });
} catch (error) {
  cannotCheck(`${label}: could not validate: ${error.message}`);
}

for (const problem of problems) console.log(formatProblem(label, problem));
if (problems.length > 0) {
  // dist/ holding only the library build (or an old build) makes every URL fail at once.
  const hint = servedFiles.includes("taskpane.html")
    ? ""
    : `; ${distLabel} has no taskpane.html, run \`npm run build\` first`;
  console.log(`${label}: ${problems.length} problem${problems.length === 1 ? "" : "s"}${hint}`);
  process.exit(1);
}
console.log(
  `${label}: valid (Office schemas, shared runtime, resources, OKR namespace, URLs served from ${distLabel})`
);
