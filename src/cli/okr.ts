import {
  childJob,
  type LintRequest,
  lintInChild,
  type RebuildReply,
  type RebuildRequest,
  rebuildInChild,
  serveChild,
} from "./isolate";
import { lintFile, type LintFileResult } from "./lint";
import { rebuildHere, run } from "./main";
import { visible } from "./terminal";

// The executable: wires run() to the process. Anything unexpected is one line on stderr, exit 3.

// `okr templates | head` closes the pipe early: that is the reader's choice, not a failure.
process.stdout.on("error", (error: NodeJS.ErrnoException) => {
  if (error.code === "EPIPE") process.exit(process.exitCode ?? 0);
  throw error;
});
// `okr lint` reads each file, and `okr rebuild` its file, in a child: this same script, started
// with a hidden command (CHILD_COMMANDS) that names the job.
const script = process.argv[1];
const job = childJob(process.argv[2]);
const work =
  job === "lint"
    ? serveChild<LintRequest, LintFileResult>(
        (request) => lintFile(request.path, request.options, request.limits),
        (request, message) => ({ file: request.path, findings: [], error: message })
      )
    : job === "rebuild"
      ? serveChild<RebuildRequest, RebuildReply>(rebuildHere, (_request, message) => ({
          code: 3,
          stdout: "",
          stderr: `okr: internal error: ${message}\n`,
        }))
      : run(process.argv.slice(2), {
          stdout: (text) => process.stdout.write(text),
          stderr: (text) => process.stderr.write(text),
          env: process.env,
          // Without a script path (the CLI required from a REPL), the work is done in this process.
          ...(script
            ? {
                lintInChild: (request, memoryMb) => lintInChild(script, request, memoryMb),
                rebuildInChild: (request, memoryMb) => rebuildInChild(script, request, memoryMb),
              }
            : {}),
        });
work.then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    // The message may quote a file's text: shown like everything else the command prints.
    process.stderr.write(
      visible(`okr: internal error: ${error instanceof Error ? error.message : String(error)}\n`)
    );
    process.exitCode = 3;
  }
);
