// Prints each suite's time from a jest JSON report (`jest --json --outputFile=report.json`), the
// slowest first, as a markdown table with its project and its share of the total. .ci/run prints
// it after npm test; docs/development.md shows one run's table.
//
//   node scripts/suite-times.mjs report.json
import { readFileSync } from "node:fs";
import { relative } from "node:path";

const report = JSON.parse(readFileSync(process.argv[2], "utf8"));
const integration = new Set(
  (await import("../jest.config.js")).default.projects
    .find((project) => project.displayName === "integration")
    .testMatch.map((path) => path.replace("<rootDir>/", ""))
);
const rows = report.testResults
  .map((suite) => {
    const path = relative(process.cwd(), suite.name);
    return {
      path,
      project: integration.has(path) ? "integration" : "unit",
      seconds: (suite.endTime - suite.startTime) / 1000,
      tests: suite.assertionResults.length,
    };
  })
  .sort((a, b) => b.seconds - a.seconds);
const total = rows.reduce((sum, row) => sum + row.seconds, 0);
console.log("| suite | project | tests | seconds | share |");
console.log("| --- | --- | ---: | ---: | ---: |");
for (const row of rows) {
  const share = ((100 * row.seconds) / total).toFixed(1);
  console.log(
    `| \`${row.path}\` | ${row.project} | ${row.tests} | ${row.seconds.toFixed(1)} | ${share}% |`
  );
}
console.log(`| all | | ${report.numTotalTests} | ${total.toFixed(1)} | 100% |`);
