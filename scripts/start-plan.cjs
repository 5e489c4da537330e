// Decides what `npm start` and `npm run stop` do on each platform; scripts/start.mjs and
// scripts/stop.mjs carry the plans out.
// CommonJS so the jest tests (CommonJS) can import it.
"use strict";

const MANIFEST = "manifest.xml";
const DEV_SERVER_PORT = "3000"; // the port of https://localhost:3000/, the contract's base URL
const DESKTOP_PLATFORMS = ["desktop", "win32", "macos"];

const LINUX_MESSAGE = `npm start cannot sideload OKR Studio on Linux: desktop Excel does not exist here,
and office-addin-debugging would exit "successfully" without loading anything.

What works on Linux:
  Excel on the web, sideloaded for you (starts the dev server, then opens the workbook):
      npm start -- --document "<URL of a workbook open in Excel on the web>"
    which runs: office-addin-debugging start ${MANIFEST} web --document <url>
  Excel on the web, by hand:
      npm run dev-server
    then in the workbook: Home > Add-ins > More Add-ins > Upload My Add-in, and choose ${MANIFEST}.
  The worksheet functions and the library, without Excel:
      npm run build && npm test

npm run stop stops a dev server that npm start -- --document started.`;

/** The value of --document (either "--document URL" or "--document=URL"), or undefined. */
function documentArg(argv) {
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === "--document") return argv[i + 1] ?? "";
    if (argv[i].startsWith("--document=")) return argv[i].slice("--document=".length);
  }
  return undefined;
}

// Without a port, office-addin-debugging starts a second dev server even when one is running,
// and sideloads before the server answers.
function withDevServerPort(args) {
  const hasPort = args.some(
    (arg) => arg === "--dev-server-port" || arg.startsWith("--dev-server-port=")
  );
  return hasPort ? args : [...args, "--dev-server-port", DEV_SERVER_PORT];
}

/**
 * @param {string} platform process.platform
 * @param {string[]} argv the arguments after `npm start --`
 * @returns {{command: string, args: string[]} | {message: string, exitCode: number}}
 */
function planStart(platform, argv) {
  if (platform === "win32" || platform === "darwin") {
    return {
      command: "office-addin-debugging",
      args: withDevServerPort(["start", MANIFEST, ...argv]),
    };
  }
  const document = documentArg(argv);
  if (document === undefined || argv.some((arg) => DESKTOP_PLATFORMS.includes(arg))) {
    return { message: LINUX_MESSAGE, exitCode: 1 };
  }
  if (!/^https:\/\/\S+$/.test(document)) {
    return {
      message: `--document needs the https:// URL of a workbook open in Excel on the web, not "${document}".`,
      exitCode: 1,
    };
  }
  const rest = argv.filter((arg) => arg !== "web");
  return {
    command: "office-addin-debugging",
    args: withDevServerPort(["start", MANIFEST, "web", ...rest]),
  };
}

const NOTHING_TO_STOP_MESSAGE = `npm run stop found nothing to stop: no dev server that npm start -- --document started is running.
On Linux there is no desktop Excel to take the add-in out of, and a dev server started with
npm run dev-server stops with Ctrl+C in its terminal.`;

/**
 * Decides what `npm run stop` does; scripts/stop.mjs carries the plan out.
 * @param {string} platform process.platform
 * @param {string[]} argv the arguments after `npm run stop --`
 * @param {{pid?: number, running?: boolean, commandLine?: string, devServerCommand?: string}} recorded
 *   the dev server office-addin-debugging recorded when npm start started it: its process id,
 *   whether that process runs, its command line (where the system says) and the dev-server script
 * @returns {{command: string, args: string[]} | {stopProcessGroup: number, message: string}
 *   | {message: string, exitCode: number, clearRecord?: boolean}}
 */
function planStop(platform, argv, recorded = {}) {
  if (platform === "win32" || platform === "darwin") {
    return { command: "office-addin-debugging", args: ["stop", MANIFEST, ...argv] };
  }
  // Elsewhere office-addin-debugging stop only reports "Platform not supported" and exits 0; the
  // one thing to stop is the dev server that npm start -- --document started, if it still runs.
  const { pid, running, commandLine, devServerCommand } = recorded;
  if (pid === undefined) return { message: NOTHING_TO_STOP_MESSAGE, exitCode: 1 };
  if (!running) {
    return {
      message: `npm run stop found nothing to stop: the dev server npm start started (process ${pid}) is no longer running.`,
      exitCode: 1,
      clearRecord: true,
    };
  }
  // Process ids are reused: stop only a process whose command line is the dev-server script.
  if (
    commandLine !== undefined &&
    devServerCommand !== undefined &&
    !commandLine.includes(devServerCommand)
  ) {
    return {
      message: `npm run stop did not stop process ${pid}: npm start recorded it as the dev server, but it now runs "${commandLine}".`,
      exitCode: 1,
      clearRecord: true,
    };
  }
  return {
    stopProcessGroup: pid,
    message: `Stopped the dev server that npm start started (process ${pid}).`,
  };
}

module.exports = { planStart, planStop, LINUX_MESSAGE, NOTHING_TO_STOP_MESSAGE };
