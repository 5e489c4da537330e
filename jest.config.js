/*
 * Two projects: `unit`, the fast suites (our code in-process, with fakes: no LibreOffice, no browser,
 * no bundling, no servers), which `npm run test:unit` runs alone (scripts/test-unit.mjs); and
 * `integration`, the suites that drive real programs and engines: LibreOffice, Chromium, webpack
 * and esbuild builds, the dev server, ESLint, xmllint, HyperFormula and ExcelJS over whole
 * workbooks. `npm test` (and CI) runs both.
 */

/** Suites that start real programs or build bundles; every other suite is a unit suite. */
const INTEGRATION = [
  "interop", // LibreOffice recalculates generated workbooks
  "readableSheets", // LibreOffice prints every sheet of every template: no text over other text
  "taskpane.e2e", // the built pane in Debian's Chromium
  "taskpaneCheckIn.e2e", // the scorecard and the check-in flow in Chromium
  "taskpaneRepair.e2e", // find a typed-over Score, Repair, check clean, in Chromium
  "taskpaneCoauthoring.e2e", // two panes in Chromium recording check-ins into one workbook at once
  "sheetsSidebar.e2e", // the Google Sheets sidebar in Chromium over a stand-in google.script.run
  "webPageCheck.e2e", // the page outside Excel checking chosen and dropped files in Chromium
  "csp.e2e", // the built pages' Content-Security-Policy in Chromium, with the real office.js
  "bundleSize", // two production webpack builds: the pane's first load against a bare Fluent page
  "devServer", // webpack serve as an unprivileged user
  "library", // builds dist/lib and imports it from fresh node processes
  "sheetsFunctions", // builds the Apps Script project and runs it in a vm context
  "sheetsBundle", // builds the Apps Script project and calls its server functions in a vm context
  "cliBin", // builds the okr command and runs it as a real process
  "lintBin", // bundles the okr command and lints real files in a child process
  "lintContained", // the okr command over hostile files, each file in a child with a heap cap
  "rebuildBin", // bundles the okr command and rebuilds a workbook in a real process
  "rebuildContained", // okr rebuild bundled, in a child with a heap cap, killed while it writes
  "webPageMake", // ExcelJS writes whole workbooks as the page does and as okr new does, compared
  "webPageMake.e2e", // the page outside Excel makes a workbook in Chromium; okr lint, LibreOffice
  "parserLinear", // the parser and importer on inputs up to 100,000 parentheses, work counted
  // Real engines over whole workbooks: HyperFormula evaluating every template, ExcelJS writing
  // and reading .xlsx files, ESLint and xmllint in child processes.
  "workbookFormulas",
  "memoryHost",
  "xlsxHost",
  "xlsxRoundtrip",
  "xlsxCharts", // charts added to ExcelJS's package, rendered by LibreOffice
  "layering",
  "manifest",
  "lintFuzz", // ExcelJS reading thousands of generated and damaged files
  "excelValidate", // the Excel host's check over workbooks HyperFormula evaluated
  "checkInCoauthoring", // every order of two and three clients' syncs: thousands of interleavings
  "summary", // the scorecard summary against every template's workbook in HyperFormula
  "checkIn", // check-in corrections and withdrawals through HyperFormula, both formula styles
  "sortScorecard", // every template sorted and evaluated in HyperFormula, both formula styles
  "errorCells", // error cells recalculated by HyperFormula and LibreOffice, read back and checked
  "corpus", // the real-world corpus: its .xlsx files read with ExcelJS
  "milestoneValues", // milestone words and hand grades in HyperFormula and LibreOffice
  "realScorecards", // the corpus's real scorecards read with ExcelJS and checked
  "dashboardCharts", // every template's Dashboard charts evaluated in HyperFormula
  "trend", // the weekly trend recomputed per week in HyperFormula against the engine
  "structure", // generated workbooks damaged in HyperFormula, their structure checked
  "structureLibreOffice", // a damaged workbook recalculated by LibreOffice, its structure checked
  "rebuild", // okr rebuild over damaged workbooks: ExcelJS files, HyperFormula deleting rows
];

const common = {
  testEnvironment: "node",
  transform: {
    "^.+\\.tsx?$": ["ts-jest", { tsconfig: "tsconfig.json" }],
  },
  // office-addin-mock pulls office-addin-manifest, whose main entry imports an ESM-only
  // dependency that jest cannot load; the CommonJS officeApp module is all the mock needs.
  moduleNameMapper: {
    "^office-addin-manifest$": "<rootDir>/node_modules/office-addin-manifest/lib/officeApp.js",
  },
};

const integrationMatch = INTEGRATION.map((name) => `<rootDir>/test/${name}.test.ts`);

/** @type {import('jest').Config} */
module.exports = {
  projects: [
    {
      ...common,
      displayName: "unit",
      roots: ["<rootDir>/test"],
      testMatch: ["**/*.test.ts", "**/*.test.tsx"],
      testPathIgnorePatterns: [
        "/node_modules/",
        ...INTEGRATION.map((name) => `/test/${name}\\.test\\.ts$`),
      ],
    },
    {
      ...common,
      displayName: "integration",
      roots: ["<rootDir>/test"],
      testMatch: integrationMatch,
    },
  ],
};
