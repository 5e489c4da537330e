/*
 * Every file of the project that is generated from the code: the docs pages whose facts the code
 * holds (rules, templates) and the functions' help pages. `npm run docs` writes them
 * (scripts/docs.mjs); test/docs.test.ts fails when a committed copy differs from what this returns,
 * so a page can never drift from the code. Pure: nothing here reads or writes files.
 */
import { cliUsage } from "./cli";
import { functionsPage, readmeFunctionsTable } from "./functions";
import { helpPages } from "./help";
import { rulesPage } from "./rules";
import { templatesPage } from "./templates";

export interface GeneratedFile {
  /** Relative to the project's root, with forward slashes. */
  path: string;
  content: string;
  /**
   * Set for a generated part of a hand-written file: the content goes between the lines
   * `<!-- generated:NAME -->` and `<!-- /generated:NAME -->` of the file, which keeps the rest.
   */
  region?: string;
}

function markers(region: string): [string, string] {
  return [`<!-- generated:${region} -->\n`, `<!-- /generated:${region} -->`];
}

/**
 * What a file holds where a generated file goes: the whole text, or the text of its region
 * (undefined when the file or the region's markers are missing).
 */
export function currentContent(file: GeneratedFile, text: string | undefined): string | undefined {
  if (text === undefined || file.region === undefined) return text;
  const [open, close] = markers(file.region);
  const start = text.indexOf(open);
  const end = text.indexOf(close, start);
  return start < 0 || end < 0 ? undefined : text.slice(start + open.length, end);
}

/** The file's text with the generated content in place (the text itself for a whole file). */
export function withContent(file: GeneratedFile, text: string | undefined): string {
  if (file.region === undefined) return file.content;
  const [open, close] = markers(file.region);
  if (currentContent(file, text) === undefined)
    throw new Error(`${file.path} has no ${open.trim()} … ${close} markers`);
  const start = text!.indexOf(open) + open.length;
  return text!.slice(0, start) + file.content + text!.slice(text!.indexOf(close, start));
}

type Generator = () => GeneratedFile[];

const generators: Generator[] = [
  rulesPage,
  templatesPage,
  helpPages,
  functionsPage,
  readmeFunctionsTable,
  cliUsage,
];

/** All generated files, in a stable order. */
export function generatedFiles(): GeneratedFile[] {
  return generators.flatMap((generate) => generate());
}
