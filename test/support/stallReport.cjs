// Preloaded into the okr command by test/rebuildContained.test.ts (node --require this-file; the
// command's child inherits it): in a child, a message carrying a result (the job's report) is
// never sent, and the child's process id is written to OKR_TEST_STALL_REPORT, so that the test
// can kill the child after its new workbook is in place and before its report reaches the parent.
// Notes sent before the report go as usual. The command itself knows nothing of it.
/* global process, require */
const { writeFileSync } = require("node:fs");

const send = process.send;
const marker = process.env.OKR_TEST_STALL_REPORT;
if (send !== undefined && marker !== undefined) {
  process.send = function sendUnlessReport(message, ...rest) {
    if (message !== null && typeof message === "object" && "result" in message) {
      writeFileSync(marker, String(process.pid));
      return true;
    }
    return send.call(process, message, ...rest);
  };
}
