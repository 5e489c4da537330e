import { readFile } from "node:fs/promises";
import { run } from "./main";

// The executable: wires run() to the process. Anything unexpected is one line on stderr, exit 3.
run(process.argv.slice(2), {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  readFile: (path) => readFile(path, "utf8"),
}).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(
      `okr: internal error: ${error instanceof Error ? error.message : String(error)}\n`
    );
    process.exitCode = 3;
  }
);
