// npm start: sideload OKR Studio into desktop Excel (Windows, macOS) or Excel on the web
// (npm start -- --document <url>). On Linux without --document it explains what works instead
// and exits 1, because office-addin-debugging would "succeed" there without sideloading anything.
import { spawn } from "node:child_process";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";
import startPlan from "./start-plan.cjs";

const plan = startPlan.planStart(process.platform, process.argv.slice(2));
if ("message" in plan) {
  (plan.exitCode === 0 ? console.log : console.error)(plan.message);
  process.exit(plan.exitCode);
}

// office-addin-debugging starts the dev server with its output hidden, so say here which HTTPS
// certificate it will use and, when the system does not trust it yet, how to trust it.
const { describeCertificates, ensureCertificates } = await import("./dev-certs.mjs");
try {
  const certificates = await ensureCertificates();
  (certificates.trusted ? console.log : console.warn)(describeCertificates(certificates));
} catch (error) {
  console.error(`npm start: ${error.message}`);
  process.exit(1);
}

// Run the project's own office-addin-debugging with node: no PATH or .cmd shim differences
// between platforms, and no shell to mangle a document URL's "&".
const require = createRequire(import.meta.url);
const cli = require.resolve(`${plan.command}/cli.js`);
const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
console.log(`> ${plan.command} ${plan.args.join(" ")}`);
const child = spawn(process.execPath, [cli, ...plan.args], {
  cwd: projectRoot,
  stdio: ["inherit", "inherit", "pipe"],
});

// office-addin-debugging reports failures as "Error: ..." on stderr but still exits 0.
let reportedError = false;
child.stderr.on("data", (chunk) => {
  process.stderr.write(chunk);
  if (/^Error: /m.test(chunk.toString())) reportedError = true;
});
child.on("error", (error) => {
  console.error(`could not run ${plan.command}: ${error.message}`);
  process.exit(1);
});
child.on("close", (code) => {
  process.exit(code === null ? 1 : code !== 0 ? code : reportedError ? 1 : 0);
});
