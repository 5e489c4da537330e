// office-addin-lint (`npm run lint`) passes this file to eslint with -c when it exists; the lint
// script names every folder of code (office-addin-lint alone would check src/ only).
import officeAddins from "eslint-plugin-office-addins";
import react from "eslint-plugin-react";
import globals from "globals";
import tseslint from "typescript-eslint";

// ---------------------------------------------------------------------------------------------
// Layering: what each folder of src/ may import (test/layering.test.ts shows that each rule fires
// and that src/ keeps to them).
//   src/okr      the domain, which the library, the functions and every host use: it imports
//                nothing outside src/okr (no other folder, no package, no node: builtin).
//   src/sheets   the workbook model: no hosts, taskpane or cli.
//   src/hosts    the spreadsheet hosts: no taskpane or cli.
//   hyperformula is GPL-3.0 and must never be in a shipped bundle: it and src/hosts/memory (which
//                wraps it) are for test/ and bench/ only, so no src/ file but src/hosts/memory's
//                own may import them.
// no-restricted-imports compares the specifier as written, so a relative path is told by how
// many "../" it climbs from the file's folder: one block per folder depth below src/ (to
// MAX_DEPTH). The same patterns go to no-restricted-syntax for import() and require() with a
// literal specifier (the okr command loads hosts lazily with import()).

const SOURCES = "{ts,tsx,mts,cts,js,jsx,mjs,cjs}";
const MAX_DEPTH = 8;
const depths = Array.from({ length: MAX_DEPTH }, (_, index) => index + 1);

/** Files `depth` folders below src/ inside `folder` (`okr`, `hosts/memory`). */
const filesAt = (folder, depth) => [
  `src/${folder}/${"*/".repeat(depth - 1 - (folder.split("/").length - 1))}*.${SOURCES}`,
];

/** A specifier that climbs `ups` folders ("./" for none) and then names `path` or below it. */
const climbing = (ups, path) => `^${ups === 0 ? "\\./" : `(?:\\.\\./){${ups}}`}(?:${path})(?:/|$)`;

const HYPERFORMULA = {
  regex: "^hyperformula(?:/|$)",
  message:
    "hyperformula is GPL-3.0 and must never be in a shipped bundle: only test/ and bench/ use it (through src/hosts/memory).",
};
const MEMORY_HOST =
  "src/hosts/memory wraps HyperFormula (GPL-3.0): only test/ and bench/ may import it.";

/** The folders under src/ that files `depth` folders down may not import, named in the message. */
const notFrom = (depth, who, folders) => ({
  regex: climbing(depth, folders.join("|")),
  message: `${who} must not import ${folders.map((folder) => `src/${folder}`).join(", ")}.`,
});

/** no-restricted-imports and no-restricted-syntax for `files`, from one list of patterns. */
function restricted(files, restrictions, ignores) {
  // esquery's /regex/ cannot hold a "/"; \x2F is the same character.
  const literal = (regex) => regex.replaceAll("/", "\\x2F");
  return {
    files,
    ...(ignores ? { ignores } : {}),
    rules: {
      "no-restricted-imports": [
        "error",
        { patterns: restrictions.map(({ regex, message }) => ({ regex, message })) },
      ],
      "no-restricted-syntax": [
        "error",
        ...restrictions.flatMap(({ regex, message }) => [
          { selector: `ImportExpression[source.value=/${literal(regex)}/]`, message },
          {
            selector: `CallExpression[callee.name="require"][arguments.0.value=/${literal(regex)}/]`,
            message,
          },
        ]),
      ],
    },
  };
}

const layering = [
  // Every src/ file (functions, taskpane, cli, and any new folder): no HyperFormula.
  restricted(
    [`src/**/*.${SOURCES}`],
    [HYPERFORMULA, { regex: "(?:^|/)hosts/memory(?:/|$)", message: MEMORY_HOST }],
    ["src/hosts/memory/**"]
  ),
  ...depths.flatMap((depth) => [
    restricted(filesAt("okr", depth), [
      {
        regex: `^(?:\\.\\./){${depth - 1}}\\.\\.(?:/|$)`,
        message:
          "src/okr is the domain: it imports only from src/okr, not from another folder of src/.",
      },
      {
        regex: "^(?!\\.{1,2}(?:/|$))",
        message:
          "src/okr is the domain: it imports no package and no node: builtin, so that it runs anywhere.",
      },
    ]),
    restricted(filesAt("sheets", depth), [
      notFrom(depth, "src/sheets (the workbook model)", ["hosts", "taskpane", "cli"]),
      HYPERFORMULA,
    ]),
    restricted(
      filesAt("hosts", depth),
      [
        notFrom(depth, "src/hosts", ["taskpane", "cli"]),
        { regex: climbing(depth - 1, "memory"), message: MEMORY_HOST },
        { regex: climbing(depth, "hosts/memory"), message: MEMORY_HOST },
        HYPERFORMULA,
      ],
      ["src/hosts/memory/**"]
    ),
    ...(depth >= 2
      ? [
          restricted(filesAt("hosts/memory", depth), [
            notFrom(depth, "src/hosts", ["taskpane", "cli"]),
          ]),
        ]
      : []),
  ]),
];

// The plugin's recommended rules (Office.js load/sync checks, prettier) are declared for
// js/ts files only; the same block is applied to tsx below so the task pane gets them too.
const officeAddinsBlock = officeAddins.configs.recommended.find((config) => config.files);

export default [
  { ignores: ["dist/**", "coverage/**", "node_modules/**", ".bench/**", "test-results/**"] },
  // React recommended + eslint recommended + prettier + the office-addins rules.
  ...officeAddins.configs.react,
  { ...officeAddinsBlock, files: ["**/*.tsx"] },
  {
    // That block names @typescript-eslint/parser, but an import-interop slip leaves its parser
    // undefined (espree, ES2015, would be used); office-addin-lint's own default config sets it too.
    languageOptions: { parser: tseslint.parser, ecmaVersion: "latest" },
  },
  // The new JSX transform (tsconfig "jsx": "react-jsx") needs no React in scope.
  react.configs.flat["jsx-runtime"],
  ...tseslint.configs.recommended.map((config) => ({
    ...config,
    files: config.files ?? ["**/*.{ts,tsx,mts,cts}"],
  })),
  {
    files: ["**/*.{ts,tsx,mts,cts}"],
    rules: {
      // typescript-eslint 8.8 (pinned by eslint-plugin-office-addins) crashes on ESLint 9.39 when
      // this rule has no explicit options; these are the rule's defaults.
      "@typescript-eslint/no-unused-expressions": [
        "error",
        {
          allowShortCircuit: false,
          allowTernary: false,
          allowTaggedTemplates: false,
          enforceForJSX: false,
        },
      ],
    },
  },
  {
    // Node scripts and configuration: the build, docs, benchmark and manifest tools, bin/okr.cjs.
    files: ["scripts/**/*.{js,mjs,cjs}", "bin/**/*.{js,cjs}", "*.{js,mjs,cjs}"],
    languageOptions: { globals: globals.node },
  },
  ...layering,
];
