import { fork } from "node:child_process";
import { dirname, resolve } from "node:path";
import { removeTemporaryFiles } from "../hosts/xlsx/temporary";
import type { ReadLimits } from "../okr/limits";
import type { CheckOptions } from "../okr/rules";
import type { LintFileResult } from "./lint";
import type { RebuildOptions } from "./rebuild";

/**
 * `okr lint` reads each workbook, and `okr rebuild` reads, rebuilds and writes its workbook, in a
 * child process of its own, so that a file that needs more memory than it may have (out of memory
 * included) costs only its own report: the child dies, the file gets a one-line reason, and (for
 * lint) every other file is still read and reported. The cap is on V8's heap
 * (--max-old-space-size), where ExcelJS keeps every cell; the file's bytes and the unpacked parts
 * are bounded by READ_LIMITS instead. A child, not a worker thread, so that a death of any kind
 * (a native allocation failure included) stays in it.
 *
 * One mechanism serves both commands: `runInChild` forks the CLI's own script with the hidden
 * command of the job, sends the request over IPC and waits for the reply or the child's end;
 * `childFailure` says why a child ended without a reply; `serveChild` is the child's side.
 */

/** The jobs a child does, and the hidden command that starts each: `okr __lint-file`. */
export const CHILD_COMMANDS = { lint: "__lint-file", rebuild: "__rebuild-file" } as const;
export type ChildJob = keyof typeof CHILD_COMMANDS;

/** The job a hidden command names, or null for any other argument. */
export function childJob(command: string | undefined): ChildJob | null {
  for (const job of Object.keys(CHILD_COMMANDS) as ChildJob[])
    if (CHILD_COMMANDS[job] === command) return job;
  return null;
}

/**
 * Memory a file's child may use by default, in MB (a 20,000-key-result workbook needs ~2,800 to
 * be checked, and more to be rebuilt: see docs/cli.md).
 */
export const DEFAULT_MEMORY_MB = 4096;

/** `okr lint`'s request for one file. */
export interface LintRequest {
  path: string;
  options: CheckOptions;
  limits: Partial<ReadLimits>;
}

/** `okr rebuild`'s request: the file to read and the command's options, --out among them. */
export interface RebuildRequest {
  file: string;
  options: RebuildOptions;
}

/** What `okr rebuild` printed and its exit code, as the child ran it. */
export interface RebuildReply {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * What a child sends back: the job's result, and before it any notes of what it has done that
 * outlives the child (`okr rebuild`'s "placed": the new workbook is in place).
 */
type ChildMessage<Reply> = { result: Reply } | { note: ChildNote };

/** `placed`: the child's new workbook is in place (a later death does not undo it). */
export type ChildNote = "placed";

/** How each job says it ran out: "too large to check: reading it needed more than …". */
const WORDS: Record<ChildJob, { tooLarge: string; doing: string }> = {
  lint: { tooLarge: "too large to check", doing: "reading it" },
  rebuild: { tooLarge: "too large to rebuild", doing: "rebuilding it" },
};

const OUT_OF_MEMORY = /heap out of memory|Reached heap limit|allocation failed/i;

/** Why a child that ended without a reply ended so, in the words of its job. */
export function childFailure(
  code: number | null,
  signal: NodeJS.Signals | null,
  memoryMb: number,
  stderr: string,
  job: ChildJob = "lint"
): string {
  const { tooLarge, doing } = WORDS[job];
  if (OUT_OF_MEMORY.test(stderr) || code === 134)
    return `${tooLarge}: ${doing} needed more than ${memoryMb.toLocaleString("en-US")} MB of memory (--max-memory raises the limit)`;
  if (signal !== null) return `${doing} was stopped by ${signal}`;
  return `${doing} failed (exit code ${code ?? "unknown"})`;
}

/**
 * A child's end: its reply, or why it ended without one, which process it was and the notes it
 * sent before it ended.
 */
export type ChildOutcome<Reply> =
  { reply: Reply } | { failure: string; pid: number | undefined; notes: ChildNote[] };

/**
 * Runs one job in a child process running `script` (the CLI's own entry), with the V8 heap capped
 * at `memoryMb`. Never rejects: a child that dies is an outcome with the reason.
 */
export function runInChild<Request extends object, Reply>(
  script: string,
  job: ChildJob,
  request: Request,
  memoryMb: number = DEFAULT_MEMORY_MB
): Promise<ChildOutcome<Reply>> {
  return new Promise((settle) => {
    const child = fork(script, [CHILD_COMMANDS[job]], {
      // The parent's own options (a loader such as --import or --require) and the cap.
      execArgv: [
        ...process.execArgv.filter((option) => !option.startsWith("--max-old-space-size")),
        `--max-old-space-size=${memoryMb}`,
      ],
      stdio: ["ignore", "ignore", "pipe", "ipc"],
      serialization: "advanced",
    });
    let outcome: ChildOutcome<Reply> | null = null;
    const notes: ChildNote[] = [];
    // Only the end of stderr is kept: enough to tell an out-of-memory death.
    let stderr = "";
    child.stderr?.setEncoding("utf8");
    let outOfMemory = false;
    child.stderr?.on("data", (text: string) => {
      stderr = (stderr + text).slice(-4096);
      // Noted as it is seen: the native stack printed after it may be longer than what is kept.
      if (OUT_OF_MEMORY.test(stderr)) outOfMemory = true;
    });
    child.on("message", (message: ChildMessage<Reply>) => {
      if ("result" in message) outcome = { reply: message.result };
      else notes.push(message.note);
    });
    child.on("error", (error) => {
      if (outcome === null)
        outcome = {
          failure: `${WORDS[job].doing} failed (${error.message})`,
          pid: child.pid,
          notes,
        };
    });
    child.on("close", (code, signal) => {
      settle(
        outcome ?? {
          failure: childFailure(
            code,
            signal,
            memoryMb,
            outOfMemory ? "heap out of memory" : stderr,
            job
          ),
          pid: child.pid,
          notes,
        }
      );
    });
    child.send(request);
  });
}

/** Lints one file in a child. Never rejects: a child that dies is a result with the reason. */
export async function lintInChild(
  script: string,
  request: LintRequest,
  memoryMb: number = DEFAULT_MEMORY_MB
): Promise<LintFileResult> {
  const outcome = await runInChild<LintRequest, LintFileResult>(script, "lint", request, memoryMb);
  return "reply" in outcome
    ? outcome.reply
    : { file: request.path, findings: [], error: outcome.failure };
}

/**
 * Rebuilds one workbook in a child: the child reads it, builds the new one and writes it (through
 * a temporary file, as `okr new` does), and its report comes back to be printed here. A child that
 * dies leaves no temporary file: one killed mid-write (out of memory, SIGKILL) cannot remove its
 * own, so its temporary files (named by its process id) are removed here. A child that dies after
 * its new workbook is in place (it says so as soon as it is) leaves it, complete: the line says it
 * was written and its report lost. Never rejects.
 */
export async function rebuildInChild(
  script: string,
  request: RebuildRequest,
  memoryMb: number = DEFAULT_MEMORY_MB
): Promise<RebuildReply> {
  const outcome = await runInChild<RebuildRequest, RebuildReply>(
    script,
    "rebuild",
    request,
    memoryMb
  );
  if ("reply" in outcome) return outcome.reply;
  if (outcome.pid !== undefined)
    await removeTemporaryFiles(dirname(resolve(request.options.out)), outcome.pid);
  const placed = outcome.notes.includes("placed")
    ? `; ${request.options.out} was written, its report was lost`
    : "";
  return {
    code: 2,
    stdout: "",
    stderr: `okr: cannot rebuild ${request.file}: ${outcome.failure}${placed}\n`,
  };
}

/**
 * The child's side: waits for the request, does the job with `work`, sends the result back and
 * lets the process end; a job that throws sends `failed(request, message)` instead. `work` may
 * send notes before its result with `tell`, which settles once the note has been handed to the
 * IPC channel. Used by the CLI's entry when it is started with one of CHILD_COMMANDS.
 */
export function serveChild<Request, Reply>(
  work: (request: Request, tell: (note: ChildNote) => Promise<void>) => Promise<Reply>,
  failed: (request: Request, message: string) => Reply
): Promise<number> {
  return new Promise((settle) => {
    // A parent that goes away takes its child with it: nothing is left reading alone (and a
    // write under way removes its temporary file as the process exits).
    process.once("disconnect", () => process.exit(1));
    process.once("message", (request: Request) => {
      const tell = (note: ChildNote) =>
        new Promise<void>((sent) => {
          if (process.send === undefined) sent();
          else process.send({ note } satisfies ChildMessage<Reply>, () => sent());
        });
      const reply = (result: Reply) =>
        process.send?.({ result } satisfies ChildMessage<Reply>, () => {
          process.removeAllListeners("disconnect");
          process.disconnect?.();
          settle(0);
        });
      work(request, tell).then(reply, (error: unknown) =>
        reply(failed(request, error instanceof Error ? error.message : String(error)))
      );
    });
  });
}
