/*
 * Every file of the project that is generated from the code: the docs pages whose facts the code
 * holds (rules, templates) and the functions' help pages. `npm run docs` writes them
 * (scripts/docs.mjs); test/docs.test.ts fails when a committed copy differs from what this returns,
 * so a page can never drift from the code. Pure: nothing here reads or writes files.
 */
import { helpPages } from "./help";
import { rulesPage } from "./rules";
import { templatesPage } from "./templates";

export interface GeneratedFile {
  /** Relative to the project's root, with forward slashes. */
  path: string;
  content: string;
}

type Generator = () => GeneratedFile[];

const generators: Generator[] = [rulesPage, templatesPage, helpPages];

/** All generated files, in a stable order. */
export function generatedFiles(): GeneratedFile[] {
  return generators.flatMap((generate) => generate());
}
