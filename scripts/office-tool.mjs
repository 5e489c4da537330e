// Runs one of the Office add-in command-line tools the project depends on (office-addin-debugging,
// office-addin-dev-certs) with this Node: no PATH or .cmd shim differences between platforms, and
// no shell to mangle an argument such as a document URL's "&". Those tools report failures as
// "Error: ..." on stderr but still exit 0, so such a line makes the result 1.
import { spawn } from "node:child_process";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";

const require = createRequire(import.meta.url);
const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

/** Runs `<tool>/cli.js` with `args`, passing its output through; resolves to its exit code. */
export function runOfficeTool(tool, args) {
  const cli = require.resolve(`${tool}/cli.js`);
  const child = spawn(process.execPath, [cli, ...args], {
    cwd: projectRoot,
    stdio: ["inherit", "inherit", "pipe"],
  });
  let reportedError = false;
  child.stderr.on("data", (chunk) => {
    process.stderr.write(chunk);
    if (/^Error: /m.test(chunk.toString())) reportedError = true;
  });
  return new Promise((resolve) => {
    child.on("error", (error) => {
      console.error(`could not run ${tool}: ${error.message}`);
      resolve(1);
    });
    child.on("close", (code) =>
      resolve(code === null ? 1 : code !== 0 ? code : reportedError ? 1 : 0)
    );
  });
}
