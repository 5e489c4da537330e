// office-addin-lint (`npm run lint`) passes this file to eslint with -c when it exists.
import officeAddins from "eslint-plugin-office-addins";
import react from "eslint-plugin-react";
import tseslint from "typescript-eslint";

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
];
