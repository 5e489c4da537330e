import { CHILD_COMMAND, lintInChild, serveChild } from "./isolate";
import { lintFile } from "./lint";
import { run } from "./main";
import { visible } from "./terminal";

// The executable: wires run() to the process. Anything unexpected is one line on stderr, exit 3.

// `okr templates | head` closes the pipe early: that is the reader's choice, not a failure.
process.stdout.on("error", (error: NodeJS.ErrnoException) => {
  if (error.code === "EPIPE") process.exit(process.exitCode ?? 0);
  throw error;
});
// `okr lint` reads each file in a child: this same script, started with CHILD_COMMAND.
const script = process.argv[1];
const work =
  process.argv[2] === CHILD_COMMAND
    ? serveChild((request) => lintFile(request.path, request.options, request.limits))
    : run(process.argv.slice(2), {
        stdout: (text) => process.stdout.write(text),
        stderr: (text) => process.stderr.write(text),
        env: process.env,
        // Without a script path (the CLI required from a REPL), files are read in this process.
        lintInChild: script
          ? (request, memoryMb) => lintInChild(script, request, memoryMb)
          : undefined,
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
