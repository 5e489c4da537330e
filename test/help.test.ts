import * as fs from "fs";
import * as path from "path";
import ts from "typescript";
import { escapeHtml, helpPages, inline } from "../scripts/docs/help";
import {
  FUNCTION_DESCRIPTIONS,
  type FunctionDescription,
  formulaOf,
  helpPageOf,
  resultText,
} from "../src/functions/descriptions";

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
    expect(html).toContain(`<th scope="row"><code>=OKR.${fn.id}(`);
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

describe("the descriptions are the single source of the pages and the JSDoc", () => {
  const FUNCTIONS_TS = path.join(__dirname, "../src/functions/functions.ts");
  const source = ts.createSourceFile(
    FUNCTIONS_TS,
    fs.readFileSync(FUNCTIONS_TS, "utf8"),
    ts.ScriptTarget.Latest,
    true
  );
  const declared = source.statements
    .filter(ts.isFunctionDeclaration)
    .filter((node) => ts.getJSDocTags(node).some((tag) => tag.tagName.text === "customfunction"));
  const byId = new Map(
    declared.map((node) => {
      const tag = ts
        .getJSDocTags(node)
        .find((candidate) => candidate.tagName.text === "customfunction");
      return [ts.getTextOfJSDocComment(tag?.comment) ?? "", node] as const;
    })
  );

  /** The JSDoc the metadata plugin must read for a description, tag by tag. */
  const jsdocOf = (fn: FunctionDescription) =>
    [
      "/**",
      ` * ${fn.summary}`,
      ` * @customfunction ${fn.id}`,
      ` * @helpurl ${DEV_BASE_URL}help/${helpPageOf(fn.id)}`,
      ...fn.arguments.map(
        (arg) => ` * @param ${arg.optional ? `[${arg.name}]` : arg.name} ${arg.param}`
      ),
      ` * @returns ${fn.returns}`,
      " */",
    ].join("\n");

  test("functions.ts declares the described functions, in the same order", () => {
    expect([...byId.keys()]).toEqual(FUNCTION_DESCRIPTIONS.map((fn) => fn.id));
  });

  test.each(FUNCTION_DESCRIPTIONS.map((fn) => [fn.id, fn] as const))(
    "%s: its JSDoc says what its description says (summary, @helpurl, @param, @returns)",
    (id, fn) => {
      const node = byId.get(id);
      const jsdoc = node && ts.getJSDocCommentsAndTags(node).find(ts.isJSDoc);
      // On a difference, the expected side is the block to paste into functions.ts.
      expect(jsdoc?.getText()).toBe(jsdocOf(fn));
    }
  );

  test.each(FUNCTION_DESCRIPTIONS.map((fn) => [fn.id, fn] as const))(
    "%s: its parameters are the described arguments, optional ones optional",
    (id, fn) => {
      const node = byId.get(id);
      expect(
        node?.parameters.map((param) => [param.name.getText(), param.questionToken !== undefined])
      ).toEqual(fn.arguments.map((arg) => [arg.name, arg.optional === true]));
    }
  );

  test.each(FUNCTION_DESCRIPTIONS.map((fn) => [fn.id, fn] as const))(
    "%s: the generated-metadata golden carries the description's texts",
    (id, fn) => {
      const metadata = (
        JSON.parse(fs.readFileSync(GOLDEN, "utf8")) as {
          functions: {
            id: string;
            description: string;
            helpUrl: string;
            parameters: { name: string; optional?: boolean; description: string }[];
          }[];
        }
      ).functions.find((entry) => entry.id === id);
      expect({
        description: metadata?.description,
        helpUrl: metadata?.helpUrl,
        parameters: metadata?.parameters.map((p) => [p.name, p.optional === true, p.description]),
      }).toEqual({
        description: fn.summary,
        helpUrl: `${DEV_BASE_URL}help/${helpPageOf(fn.id)}`,
        parameters: fn.arguments.map((arg) => [arg.name, arg.optional === true, arg.param]),
      });
    }
  );

  const pages = new Map(helpPages().map((file) => [file.path, file.content]));

  test("the generator writes the index and one page per function, nothing else", () => {
    expect([...pages.keys()]).toEqual([
      "src/help/index.html",
      ...FUNCTION_DESCRIPTIONS.map((fn) => `src/help/${helpPageOf(fn.id)}`),
    ]);
  });

  test.each(FUNCTION_DESCRIPTIONS.map((fn) => [fn.id, fn] as const))(
    "%s: its page shows every example's formula and result, and every error's message",
    (_id, fn) => {
      const html = pages.get(`src/help/${helpPageOf(fn.id)}`) ?? "";
      const text = textOf(html);
      for (const example of fn.examples) {
        expect(html).toContain(`<code>${escapeHtml(formulaOf(fn.id, example.args))}</code>`);
        expect(text).toContain(escapeHtml(resultText(example.result)));
      }
      for (const error of fn.errors)
        expect(html).toContain(`<code>${escapeHtml(error.example.message)}</code>`);
    }
  );
});

describe("HTML from the descriptions' markup", () => {
  test.each`
    markup                                | html
    ${"plain"}                            | ${"plain"}
    ${`a < b & "c" > 'd'`}                | ${"a &lt; b &amp; &quot;c&quot; &gt; 'd'"}
    ${'`"done"` means done'}              | ${"<code>&quot;done&quot;</code> means done"}
    ${"`<b>`"}                            | ${"<code>&lt;b&gt;</code>"}
    ${"**Red** or **Green**"}             | ${"<strong>Red</strong> or <strong>Green</strong>"}
    ${"usually from [OKR.SCORE]."}        | ${'usually from <a href="score.html">OKR.SCORE</a>.'}
    ${"[OKR.PACE] and `x` and **y** & z"} | ${'<a href="pace.html">OKR.PACE</a> and <code>x</code> and <strong>y</strong> &amp; z'}
    ${"a lone ` backtick and ** stars"}   | ${"a lone ` backtick and ** stars"}
    ${"[not a link] [OKR.score]"}         | ${"[not a link] [OKR.score]"}
  `("$markup → $html", ({ markup, html }) => {
    expect(inline(markup)).toBe(html);
  });

  // In Google Sheets each page is a dialog of its own: the name as Sheets spells it, no link.
  test.each`
    markup                          | html
    ${"usually from [OKR.SCORE]."}  | ${"usually from OKR_SCORE."}
    ${"[OKR.PACE] and `x` & **y**"} | ${"OKR_PACE and <code>x</code> &amp; <strong>y</strong>"}
  `("in Sheets: $markup → $html", ({ markup, html }) => {
    expect(inline(markup, "sheets")).toBe(html);
  });

  test("a link to a function that does not exist is refused", () => {
    expect(() => inline("see [OKR.NOPE]")).toThrow("[OKR.NOPE] names no OKR function");
  });
});
