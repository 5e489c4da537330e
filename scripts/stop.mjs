// npm run stop: on Windows and macOS, office-addin-debugging stop (takes the add-in out of Excel
// and stops the dev server npm start started). Elsewhere (Linux) it stops that dev server if one
// runs, and otherwise says there was nothing to stop and exits 1, where office-addin-debugging
// would print "Platform not supported: linux" and exit 0.
import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { runOfficeTool } from "./office-tool.mjs";
import startPlan from "./start-plan.cjs";

const require = createRequire(import.meta.url);
const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
// Where office-addin-debugging start records the dev server it started (os.tmpdir()).
const debugInfo = require("office-addin-debugging/lib/debugInfo");

/** Whether pid runs (a zombie, dead but not yet reaped, does not). */
function isRunning(pid) {
  try {
    process.kill(pid, 0);
  } catch (error) {
    if (error.code !== "EPERM") return false; // EPERM: it runs, as another user
  }
  try {
    return !/^\d+ \(.*\) Z/s.test(fs.readFileSync(`/proc/${pid}/stat`, "utf8"));
  } catch {
    return true; // no /proc: kill(pid, 0) answered
  }
}

/** The dev server office-addin-debugging recorded, as planStop wants it. */
function recordedDevServer() {
  let pid;
  try {
    pid = debugInfo.readDevServerProcessId();
  } catch (error) {
    console.error(`ignoring ${debugInfo.getDebuggingInfoPath()}: ${error.message}`);
  }
  if (pid === undefined) return {};
  let commandLine;
  try {
    commandLine = fs.readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0").join(" ").trim();
  } catch {
    // no /proc (or the process is gone): no command line to compare
  }
  const scripts = JSON.parse(
    fs.readFileSync(path.join(projectRoot, "package.json"), "utf8")
  ).scripts;
  return { pid, running: isRunning(pid), commandLine, devServerCommand: scripts["dev-server"] };
}

async function stopProcessGroup(pid) {
  // office-addin-debugging starts the dev server detached, through a shell: the shell leads a
  // process group holding npm and webpack. Stopping only the shell would leave the server running.
  try {
    process.kill(-pid, "SIGTERM");
  } catch {
    try {
      process.kill(pid, "SIGTERM"); // not a process group leader after all
    } catch (error) {
      console.error(`could not signal process ${pid}: ${error.message}`);
      return false;
    }
  }
  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline) {
    if (!isRunning(pid)) return true;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return false;
}

const argv = process.argv.slice(2);
const desktop = process.platform === "win32" || process.platform === "darwin";
const plan = startPlan.planStop(process.platform, argv, desktop ? {} : recordedDevServer());
if ("command" in plan) {
  console.log(`> ${plan.command} ${plan.args.join(" ")}`);
  process.exit(await runOfficeTool(plan.command, plan.args));
} else if ("stopProcessGroup" in plan) {
  if (await stopProcessGroup(plan.stopProcessGroup)) {
    debugInfo.clearDevServerProcessId();
    console.log(plan.message);
  } else {
    console.error(`npm run stop could not stop the dev server (process ${plan.stopProcessGroup}).`);
    process.exit(1);
  }
} else {
  if (plan.clearRecord) debugInfo.clearDevServerProcessId();
  (plan.exitCode === 0 ? console.log : console.error)(plan.message);
  process.exit(plan.exitCode);
}
