import * as fs from "fs";
import * as path from "path";

const HELP_DIR = path.join(__dirname, "../src/help");
const GOLDEN = path.join(__dirname, "golden/functions-metadata.golden.json");
const DEV_BASE_URL = "https://localhost:3000/";

interface FunctionSignature {
  id: string;
  helpUrl: string;
  parameters: { name: string; optional?: boolean }[];
}

/** The argument lists come from the generated-metadata golden, so a renamed argument fails here until its help page is updated. */
function signatures(): FunctionSignature[] {
  return (JSON.parse(fs.readFileSync(GOLDEN, "utf8")) as { functions: FunctionSignature[] })
    .functions;
}

const FUNCTIONS = signatures();
const read = (file: string) => fs.readFileSync(path.join(HELP_DIR, file), "utf8");
const pageOf = (fn: FunctionSignature) => fn.helpUrl.replace(`${DEV_BASE_URL}help/`, "");
const textOf = (html: string) => html.replace(/<[^>]+>/g, "");

test("the six permanent function ids are all covered", () => {
  expect(FUNCTIONS.map((fn) => fn.id).sort()).toEqual([
    "GRADE",
    "HEALTH",
    "PACE",
    "PROGRESS",
    "SCORE",
    "STATUS",
  ]);
});

describe.each(FUNCTIONS)("help page of OKR.$id", (fn) => {
  test("is where its @helpurl points: help/<id>.html under the base URL", () => {
    expect(pageOf(fn)).toBe(`${fn.id.toLowerCase()}.html`);
    expect(fs.existsSync(path.join(HELP_DIR, pageOf(fn)))).toBe(true);
  });

  test("is titled with the function's name", () => {
    expect(read(pageOf(fn))).toContain(`<h1>OKR.${fn.id}</h1>`);
  });

  test("has the sections a reader looks for", () => {
    const headings = [...read(pageOf(fn)).matchAll(/<h2>([^<]+)<\/h2>/g)].map((match) => match[1]);
    expect(headings).toEqual(["Syntax", "Arguments", "Rules", "Examples", "Errors"]);
  });

  test("shows the syntax with every argument in order, optional ones in brackets", () => {
    const args = fn.parameters.map((p) => (p.optional ? `[${p.name}]` : p.name)).join(", ");
    expect(textOf(read(pageOf(fn)))).toContain(`=OKR.${fn.id}(${args})`);
  });

  test.each(fn.parameters.map((p) => p.name))("documents the argument %s", (name) => {
    expect(read(pageOf(fn))).toMatch(new RegExp(`<dt><code>${name}</code>`));
  });

  test("documents no argument the function does not have", () => {
    const documented = [...read(pageOf(fn)).matchAll(/<dt><code>([^<]+)<\/code>/g)].map(
      (match) => match[1]
    );
    expect(documented.sort()).toEqual(fn.parameters.map((p) => p.name).sort());
  });

  test("gives examples that call the function and errors it returns", () => {
    const html = read(pageOf(fn));
    expect(html).toContain(`<td><code>=OKR.${fn.id}(`);
    expect(html).toMatch(/<td><code class="error">#VALUE!<\/code><\/td>/);
  });
});

test("the shared stylesheet has a dark variant and loads nothing from outside", () => {
  const css = read("help.css");
  expect(css).toMatch(/@media \(prefers-color-scheme: dark\)/);
  expect(css).not.toMatch(/@import|url\(|https?:/i);
});

describe("index.html", () => {
  test.each(FUNCTIONS)("links to OKR.$id", (fn) => {
    expect(read("index.html")).toMatch(new RegExp(`<a href="${pageOf(fn)}"\\s*>`));
  });
});

const PAGES = fs.readdirSync(HELP_DIR).filter((file) => file.endsWith(".html"));

describe.each(PAGES)("%s is served whole by the add-in", (file) => {
  const html = read(file);
  const references = [...html.matchAll(/\b(?:src|href)\s*=\s*["']?([^"'\s>]+)/gi)].map(
    (match) => match[1]
  );

  test("has no external URL anywhere (no network resources, no links off the add-in)", () => {
    expect(html).not.toMatch(/https?:\/\//i);
    expect(
      references.filter((ref) => ref.startsWith("//") || /^[a-z][a-z0-9+.-]*:/i.test(ref))
    ).toEqual([]);
    expect(html).not.toMatch(/@import|url\(/i);
  });

  test("links only to help files that exist", () => {
    for (const ref of references) {
      expect(fs.existsSync(path.join(HELP_DIR, ref))).toBe(true);
    }
  });

  test("uses only the help pages' own stylesheet, and declares its language", () => {
    expect(html).toMatch(/<html lang="en">/);
    expect(html.match(/<link [^>]*>/gi)).toEqual(['<link rel="stylesheet" href="help.css" />']);
    expect(html).not.toMatch(/<script|<style/i);
  });
});
