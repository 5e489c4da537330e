// npm start: sideload OKR Studio into desktop Excel (Windows, macOS) or Excel on the web
// (npm start -- --document <url>). On Linux without --document it explains what works instead
// and exits 1, because office-addin-debugging would "succeed" there without sideloading anything.
import { runOfficeTool } from "./office-tool.mjs";
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

console.log(`> ${plan.command} ${plan.args.join(" ")}`);
process.exit(await runOfficeTool(plan.command, plan.args));
