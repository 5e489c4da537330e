import { execFileSync } from "node:child_process";
import { mkdtempSync, mkdirSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

/**
 * The domain as a Node library: `npm run build` emits dist/lib, and package.json "exports" makes
 * `import { score, … } from "okr-studio"` work from another package and from this one by its own
 * name. These tests build the library and import it the way a user would, in fresh node processes.
 */
const root = join(__dirname, "..");
let consumer: string;

function node(cwd: string, args: string[]): string {
  return execFileSync(process.execPath, args, { cwd, encoding: "utf8" }).trim();
}

const esmProgram = `
import { score, progress, status, grade, health, pace } from "okr-studio";
const out = {
  score: score(80, 95, 90),
  progress: progress(88, 95, 96),
  status: status(0.695),
  grade: grade([1, 0.81, 0.69, 0.33]),
  health: health(0.95, "committed"),
  pace: pace(0, 100, 40, new Date(Date.UTC(2026, 0, 1)), "2026-03-31", 46068),
  pending: score(80, 95, null),
};
let message = null;
try { score(72, 72, 80); } catch (error) { message = error instanceof Error ? error.message : "not an Error"; }
console.log(JSON.stringify({ ...out, message }));
`;

const expected = {
  score: 2 / 3,
  progress: 8 / 7,
  status: "Green",
  grade: 0.7075,
  health: "Strong",
  pace: "Behind",
  pending: null,
  message: "target equals baseline (72)",
};

beforeAll(() => {
  execFileSync(process.execPath, [join(root, "scripts", "build-lib.mjs")], {
    cwd: root,
    stdio: "pipe",
  });
  consumer = mkdtempSync(join(tmpdir(), "okr-consumer-"));
  writeFileSync(
    join(consumer, "package.json"),
    JSON.stringify({ name: "consumer", version: "1.0.0", private: true })
  );
  mkdirSync(join(consumer, "node_modules"));
  // As npm would link a local dependency; the package's own files are what is resolved.
  symlinkSync(root, join(consumer, "node_modules", "okr-studio"), "dir");
}, 120_000);

afterAll(() => rmSync(consumer, { recursive: true, force: true }));

function parsed(output: string): Record<string, unknown> {
  const values = JSON.parse(output) as Record<string, unknown>;
  return {
    ...values,
    score: Number((values.score as number).toFixed(12)),
    progress: Number((values.progress as number).toFixed(12)),
  };
}

const rounded = {
  ...expected,
  score: Number(expected.score.toFixed(12)),
  progress: Number(expected.progress.toFixed(12)),
};

test("import from another package (ES module)", () => {
  writeFileSync(join(consumer, "main.mjs"), esmProgram);
  expect(parsed(node(consumer, ["main.mjs"]))).toEqual(rounded);
});

test("require from another package (CommonJS)", () => {
  const cjs = esmProgram.replace(
    'import { score, progress, status, grade, health, pace } from "okr-studio";',
    'const { score, progress, status, grade, health, pace } = require("okr-studio");'
  );
  writeFileSync(join(consumer, "main.cjs"), cjs);
  expect(parsed(node(consumer, ["main.cjs"]))).toEqual(rounded);
});

test("import from the project itself by its own name", () => {
  expect(parsed(node(root, ["--input-type=module", "-e", esmProgram]))).toEqual(rounded);
});

test("the type declarations type-check a consumer", () => {
  writeFileSync(
    join(consumer, "main.ts"),
    `import { score, status, grade, OkrError, type Status } from "okr-studio";
const s: number | null = score(1, 2, 1.5);
const light: Status = status(s);
const g: number | null = grade([0.5, 1], [1, 2]);
export { light, g, OkrError };
`
  );
  const tsc = require.resolve("typescript/bin/tsc");
  execFileSync(
    process.execPath,
    [tsc, "--noEmit", "--strict", "--module", "node16", "--moduleResolution", "node16", "main.ts"],
    {
      cwd: consumer,
      stdio: "pipe",
    }
  );
});
