import { fork } from "node:child_process";
import type { ReadLimits } from "../okr/limits";
import type { CheckOptions } from "../okr/rules";
import type { LintFileResult } from "./lint";

/**
 * `okr lint` reads each workbook in a child process of its own, so that one file that needs more
 * memory than it may have (out of memory included) costs only its own report: the child dies, the
 * file gets a one-line reason, and every other file is still read and reported. The cap is on V8's
 * heap (--max-old-space-size), where ExcelJS keeps every cell; the file's bytes and the unpacked
 * parts are bounded by READ_LIMITS instead. A child, not a worker thread, so that a death of any
 * kind (a native allocation failure included) stays in it.
 */

/** The hidden command the child runs: `okr __lint-file`, its request sent over IPC. */
export const CHILD_COMMAND = "__lint-file";

/** Memory a file's child may use by default, in MB (a 20,000-key-result workbook needs ~2,800). */
export const DEFAULT_MEMORY_MB = 4096;

export interface ChildRequest {
  path: string;
  options: CheckOptions;
  limits: Partial<ReadLimits>;
}

interface ChildReply {
  result: LintFileResult;
}

const OUT_OF_MEMORY = /heap out of memory|Reached heap limit|allocation failed/i;

/** Why a child that ended without a reply ended so. */
export function childFailure(
  code: number | null,
  signal: NodeJS.Signals | null,
  memoryMb: number,
  stderr: string
): string {
  if (OUT_OF_MEMORY.test(stderr) || code === 134)
    return `too large to check: reading it needed more than ${memoryMb.toLocaleString("en-US")} MB of memory (--max-memory raises the limit)`;
  if (signal !== null) return `reading it was stopped by ${signal}`;
  return `reading it failed (exit code ${code ?? "unknown"})`;
}

/**
 * Lints one file in a child process running `script` (the CLI's own entry), with the V8 heap
 * capped at `memoryMb`. Never throws: a child that dies is a result with the reason.
 */
export function lintInChild(
  script: string,
  request: ChildRequest,
  memoryMb: number = DEFAULT_MEMORY_MB
): Promise<LintFileResult> {
  return new Promise((resolve) => {
    const child = fork(script, [CHILD_COMMAND], {
      // The parent's own options (a loader such as --import or --require) and the cap.
      execArgv: [
        ...process.execArgv.filter((option) => !option.startsWith("--max-old-space-size")),
        `--max-old-space-size=${memoryMb}`,
      ],
      stdio: ["ignore", "ignore", "pipe", "ipc"],
      serialization: "advanced",
    });
    let reply: LintFileResult | null = null;
    // Only the end of stderr is kept: enough to tell an out-of-memory death.
    let stderr = "";
    child.stderr?.setEncoding("utf8");
    let outOfMemory = false;
    child.stderr?.on("data", (text: string) => {
      stderr = (stderr + text).slice(-4096);
      // Noted as it is seen: the native stack printed after it may be longer than what is kept.
      if (OUT_OF_MEMORY.test(stderr)) outOfMemory = true;
    });
    child.on("message", (message: ChildReply) => {
      reply = message.result;
    });
    child.on("error", (error) => {
      if (reply === null)
        reply = { file: request.path, findings: [], error: `reading it failed (${error.message})` };
    });
    child.on("close", (code, signal) => {
      resolve(
        reply ?? {
          file: request.path,
          findings: [],
          error: childFailure(code, signal, memoryMb, outOfMemory ? "heap out of memory" : stderr),
        }
      );
    });
    child.send(request);
  });
}

/**
 * The child's side: waits for the request, lints with `lint`, sends the result back and lets the
 * process end. Used by the CLI's entry when it is started with CHILD_COMMAND.
 */
export function serveChild(
  lint: (request: ChildRequest) => Promise<LintFileResult>
): Promise<number> {
  return new Promise((resolve) => {
    // A parent that goes away takes its child with it: nothing is left reading alone.
    process.once("disconnect", () => process.exit(1));
    process.once("message", (request: ChildRequest) => {
      lint(request).then(
        (result) => {
          process.send?.({ result } satisfies ChildReply, () => {
            process.removeAllListeners("disconnect");
            process.disconnect?.();
            resolve(0);
          });
        },
        (error: unknown) => {
          const message = error instanceof Error ? error.message : String(error);
          process.send?.(
            { result: { file: request.path, findings: [], error: message } } satisfies ChildReply,
            () => {
              process.removeAllListeners("disconnect");
              process.disconnect?.();
              resolve(0);
            }
          );
        }
      );
    });
  });
}
