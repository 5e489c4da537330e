import * as fs from "fs";
import * as path from "path";
import {
  figures,
  HELD_OUT_SPLITS,
  sameUnit,
  scoreSentences,
  type CorpusSentence,
} from "../bench/corpus";
import { readXlsx } from "../src/hosts/xlsx";
import { KEY_RESULT_TYPES } from "../src/okr/scoring";
import type { SheetSnapshot } from "../src/sheets/spec";
import { valueAt } from "../src/sheets/snapshot";

/*
 * The real-world corpus of issue 11 (test/fixtures/real) checks itself here: its size against the
 * issue's minimums, its sources, its split and the files its labels point to. It does not measure
 * the parser, the importer or the reader; that comes with the work on them.
 */

const ROOT = path.join(__dirname, "fixtures", "real");

interface Source {
  url: string;
  repo?: string;
  path?: string;
  commit?: string;
  date?: string;
  licence?: string;
  note?: string;
  file?: string;
}

interface Reading {
  measurable: boolean;
  type: string | null;
  baseline: number | null;
  target: number | null;
  unit: string | null;
  current: number | null;
}

interface Ambiguous {
  ambiguous: true;
  why: string;
}

interface Sentence {
  id: string;
  org: string;
  source: Source;
  split: CorpusSentence["split"];
  text: string;
  raw?: string;
  expected: Reading | Ambiguous;
  note?: string;
}

interface DocumentEntry {
  file: string;
  org: string;
  shape: string;
  source: Source;
  plans: number;
  objectives: number;
  keyResults: number;
  notes: string;
}

interface SheetKeyResult {
  text: string;
  row: number;
  score: number | null;
}

interface SpreadsheetEntry {
  file: string;
  original: string;
  csv: string;
  org: string;
  source: Source;
  sheet: string;
  objectives: { title: string; row: number; keyResults: SheetKeyResult[] }[];
  notes: string;
}

function load<T>(name: string): T {
  return JSON.parse(fs.readFileSync(path.join(ROOT, name), "utf8")) as T;
}

/**
 * The first file, then the sets gathered later from organisations that appear nowhere before
 * them, each labelled before the parser read it. held-out-2, -3, -5, -6, -8, -10 and -13 have since
 * become tune (each after it was measured); held-out-4, -7, -9, -11, -12 and -14 are the set-aside
 * sentences (HELD_OUT_SPLITS).
 */
const first = load<Sentence[]>("sentences.json");
const laterSets = [
  "held-out-2",
  "held-out-3",
  "held-out-4",
  "held-out-5",
  "held-out-6",
  "held-out-7",
  "held-out-8",
  "held-out-9",
  "held-out-10",
  "held-out-11",
  "held-out-12",
  "held-out-13",
  "held-out-14",
  "held-out-16",
  "held-out-17",
  "held-out-18",
].map((name) => ({
  name,
  sentences: load<Sentence[]>(`sentences-${name}.json`),
}));
const sentences = [...first, ...laterSets.flatMap((set) => set.sentences)];
/** Later sets gathered at the same time, split between labellers by the organisations' names. */
const GATHERED_TOGETHER: readonly (readonly string[])[] = [["held-out-10", "held-out-11"]];
const documents = load<DocumentEntry[]>("documents.json");
const spreadsheets = load<SpreadsheetEntry[]>("spreadsheets.json");

const isAmbiguous = (expected: Reading | Ambiguous): expected is Ambiguous =>
  "ambiguous" in expected && expected.ambiguous;

/** Runs of whitespace as one space: wrapped lines in a source read as the sentence does. */
const collapsed = (text: string) => text.replace(/\s+/g, " ").trim();

function hasSource(source: Source) {
  expect(typeof source.url).toBe("string");
  expect(source.url).toMatch(/^https?:\/\//);
  if (source.repo !== undefined) expect(source.repo).toMatch(/^[\w.-]+\/[\w.-]+$/);
  if (source.commit !== undefined) expect(source.commit).toMatch(/^[0-9a-f]{40}$/);
}

describe("the corpus is as large as issue 11 asks", () => {
  test("at least 150 key-result sentences from at least 10 organisations", () => {
    expect(sentences.length).toBeGreaterThanOrEqual(150);
    expect(new Set(sentences.map((sentence) => sentence.org)).size).toBeGreaterThanOrEqual(10);
  });

  test("at least 10 whole documents and at least 3 spreadsheets", () => {
    expect(documents.length).toBeGreaterThanOrEqual(10);
    expect(spreadsheets.length).toBeGreaterThanOrEqual(3);
  });
});

describe.each(laterSets.map((set) => [set.name, set.sentences] as const))(
  "the later set %s",
  (name, set) => {
    const earlier = laterSets.slice(
      0,
      laterSets.findIndex((other) => other.name === name)
    );
    const before = new Set(
      [...first, ...earlier.flatMap((other) => other.sentences)].map((sentence) => sentence.org)
    );

    // The last sets are small: public OKRs of organisations not yet in the corpus ran out (see
    // test/fixtures/real/held-out-7.md to -13.md). Sets gathered at the same time by two labellers,
    // each taking half the alphabet, count together: held-out-10 (A–M, 18 sentences) and
    // held-out-11 (N–Z, 139).
    test("at least 25 sentences, from at least 2 organisations in no earlier set", () => {
      const together = GATHERED_TOGETHER.find((names) => names.includes(name)) ?? [name];
      const gathered = laterSets.filter((other) => together.includes(other.name));
      expect(gathered.flatMap((other) => other.sentences).length).toBeGreaterThanOrEqual(25);
      const orgs = new Set(set.map((sentence) => sentence.org));
      expect([...orgs].filter((org) => before.has(org))).toEqual([]);
      expect(orgs.size).toBeGreaterThanOrEqual(2);
    });

    test("each sentence's text is in its stored source", () => {
      for (const sentence of set) {
        hasSource(sentence.source);
        expect(sentence.source.file).toBeDefined();
        const body = fs.readFileSync(path.join(ROOT, sentence.source.file as string), "utf8");
        expect(collapsed(body)).toContain(collapsed(sentence.raw ?? sentence.text));
      }
    });

    test("at most 10% labelled ambiguous", () => {
      const ambiguous = set.filter((sentence) => isAmbiguous(sentence.expected));
      expect(ambiguous.length).toBeLessThanOrEqual(set.length * 0.1);
    });
  }
);

describe("sentences", () => {
  test("every sentence has a unique id, an organisation, a source and its text", () => {
    expect(new Set(sentences.map((sentence) => sentence.id)).size).toBe(sentences.length);
    for (const sentence of sentences) {
      expect(sentence.org.length).toBeGreaterThan(0);
      expect(sentence.text.trim().length).toBeGreaterThan(0);
      hasSource(sentence.source);
    }
  });

  test("the text a sentence records is in its source file, when the corpus keeps one", () => {
    const withFile = sentences.filter((sentence) => sentence.source.file !== undefined);
    expect(withFile.length).toBeGreaterThan(sentences.length / 2);
    const missing = withFile.filter((sentence) => {
      const body = fs.readFileSync(path.join(ROOT, sentence.source.file as string), "utf8");
      return !collapsed(body).includes(collapsed(sentence.raw ?? sentence.text));
    });
    expect(missing.map((sentence) => sentence.id)).toEqual([]);
  });

  test("every reading is a reading: a key-result type, numbers, nulls where they belong", () => {
    for (const { id, expected } of sentences) {
      if (isAmbiguous(expected)) {
        expect({ id, why: expected.why.length > 0 }).toEqual({ id, why: true });
        continue;
      }
      const { measurable, type, baseline, target, unit, current } = expected;
      for (const value of [baseline, target, current]) {
        if (value !== null) expect(Number.isFinite(value)).toBe(true);
      }
      if (unit !== null) expect(unit.trim()).toBe(unit);
      if (!measurable) {
        expect({ id, type, baseline, target, unit, current }).toEqual({
          id,
          type: null,
          baseline: null,
          target: null,
          unit: null,
          current: null,
        });
      } else if (type === "milestone") {
        expect({ id, baseline, target, unit }).toEqual({
          id,
          baseline: null,
          target: null,
          unit: null,
        });
      } else {
        expect(KEY_RESULT_TYPES).toContain(type);
        expect({ id, target: typeof target }).toEqual({ id, target: "number" });
        if (type === "increase" && baseline !== null) expect(target).toBeGreaterThan(baseline);
        if (type === "decrease") {
          expect({ id, baseline: typeof baseline }).toEqual({ id, baseline: "number" });
          expect(target).toBeLessThan(baseline as number);
        }
        if (type === "maintain-above" || type === "maintain-below") expect(baseline).toBeNull();
      }
    }
  });

  test("at most 10% of the sentences are ambiguous", () => {
    const ambiguous = sentences.filter((sentence) => isAmbiguous(sentence.expected));
    expect(ambiguous.length / sentences.length).toBeLessThanOrEqual(0.1);
  });
});

describe("the set-aside organisations", () => {
  const splitOf = new Map<string, Set<string>>();
  for (const sentence of sentences) {
    const splits = splitOf.get(sentence.org) ?? new Set<string>();
    splits.add(sentence.split);
    splitOf.set(sentence.org, splits);
  }

  test("each organisation is in one split, tune or a held-out set", () => {
    for (const [org, splits] of splitOf) {
      expect({ org, splits: [...splits] }).toEqual({
        org,
        splits: [
          expect.stringMatching(new RegExp(`^(?:${["tune", ...HELD_OUT_SPLITS].join("|")})$`)),
        ],
      });
    }
  });

  // No organisation may weigh on the set-aside figure much more than the others: a quarter at
  // most. North Dakota IT is the largest (97 of 437, 22%): public OKRs of organisations not yet
  // in the corpus ran out, and its export held more teams (test/fixtures/real/held-out-11.md).
  test("the set-aside sentences come from at least 10 organisations, none over 25% of them", () => {
    const setAside = sentences.filter((sentence) => HELD_OUT_SPLITS.includes(sentence.split));
    const counts = new Map<string, number>();
    for (const sentence of setAside) counts.set(sentence.org, (counts.get(sentence.org) ?? 0) + 1);
    expect(counts.size).toBeGreaterThanOrEqual(10);
    for (const count of counts.values()) expect(count).toBeLessThanOrEqual(setAside.length * 0.25);
  });

  // Issue 11 asks for a third. Each set was gathered so that the set-aside sentences were a third
  // or more (290 → 103, 459 → 169, 720 → 261, 914 → 326); sets were moved to tune after they were
  // measured (1,025 → 243), held-out-10 and -11 brought it back over a third (1,182 → 400), held-out-12 to
  // 434 of 1,216, and held-out-8 was moved to tune after its measurement (409 of 1,216, 33.6%);
  // held-out-13 brought it to 437 of 1,244 (35.1%), held-out-14 to 481 of 1,288 (37.3%),
  // held-out-10 and -13 were moved to tune after their measurement (435 of 1,288, 33.8%), and
  // held-out-16 (published examples) brought it to 535 of 1,388 (38.5%), and held-out-7 and -12
  // were moved to tune after their measurement (466 of 1,388, 33.6%); held-out-17 (published
  // examples) brought it to 599 of 1,521 (39.4%), held-out-9 was moved to tune after its
  // measurement (548 of 1,521, 36.0%), held-out-18 brought it to 659 of 1,632 (40.4%), and
  // held-out-14 was moved to tune after its measurement (615 of 1,632, 37.7%).
  test("no held-out organisation is tuned on, and they hold at least a third of the sentences", () => {
    const orgsIn = (split: string) =>
      new Set(sentences.filter((sentence) => sentence.split === split).map((s) => s.org));
    const tuned = orgsIn("tune");
    const heldOut = new Set(HELD_OUT_SPLITS.flatMap((split) => [...orgsIn(split)]));
    expect(tuned.size).toBeGreaterThan(0);
    expect(heldOut.size).toBeGreaterThan(0);
    expect([...heldOut].filter((org) => tuned.has(org))).toEqual([]);
    const heldOutCount = sentences.filter((sentence) =>
      HELD_OUT_SPLITS.includes(sentence.split)
    ).length;
    expect(heldOutCount / sentences.length).toBeGreaterThanOrEqual(1 / 3);
  });
});

describe("documents", () => {
  test("every document is in the corpus, with its source and the counts a reader makes", () => {
    for (const entry of documents) {
      expect(fs.existsSync(path.join(ROOT, entry.file))).toBe(true);
      expect(entry.file).toMatch(/^documents\/[a-z0-9-]+\.md$/);
      hasSource(entry.source);
      expect(entry.shape.length).toBeGreaterThan(0);
      for (const count of [entry.plans, entry.objectives, entry.keyResults]) {
        expect(Number.isInteger(count) && count > 0).toBe(true);
      }
      expect(entry.keyResults).toBeGreaterThanOrEqual(entry.objectives);
    }
  });

  test("each file is listed once and every file in documents/ is listed", () => {
    const listed = documents.map((entry) => entry.file);
    expect(new Set(listed).size).toBe(listed.length);
    const onDisk = fs
      .readdirSync(path.join(ROOT, "documents"))
      .map((name) => `documents/${name}`)
      .sort();
    expect([...listed].sort()).toEqual(onDisk);
  });
});

describe("spreadsheets", () => {
  /** The value a 1-based sheet row and column shows, or null outside the used range. */
  function cell(sheet: SheetSnapshot, row: number, column: number) {
    return valueAt(sheet, row - 1, column - 1);
  }

  test.each(spreadsheets.map((entry) => [entry.file, entry] as const))(
    "%s opens with ExcelJS and shows the objectives and key results its labels name",
    async (_file, entry) => {
      hasSource(entry.source);
      for (const companion of [entry.original, entry.csv]) {
        expect(fs.existsSync(path.join(ROOT, companion))).toBe(true);
      }
      const snapshot = await readXlsx(path.join(ROOT, entry.file));
      const sheet = snapshot.sheets.find((candidate) => candidate.name === entry.sheet);
      expect(sheet).toBeDefined();
      const shown = sheet as SheetSnapshot;
      expect(entry.objectives.length).toBeGreaterThan(0);
      for (const objective of entry.objectives) {
        expect(cell(shown, objective.row, 1)).toBe(objective.title);
        expect(objective.keyResults.length).toBeGreaterThan(0);
        for (const keyResult of objective.keyResults) {
          expect(cell(shown, keyResult.row, 1)).toBe(keyResult.text);
          if (keyResult.score !== null) {
            expect(keyResult.score).toBeGreaterThanOrEqual(0);
            expect(keyResult.score).toBeLessThanOrEqual(1);
          }
        }
      }
    }
  );
});

/*
 * The parser measured on the corpus, as `npm run corpus` prints it (bench/corpus.ts). These are
 * floors at what the parser reached (issue 11 asks 95% / 90% right and under 3% wrong yet
 * confident): a change that lowers a figure fails here; one that raises it should raise the floor.
 */
// How `npm run corpus` compares a reading's unit with its label: case, plurals, "new", the period
// and the head noun (the README's labelling conventions), nothing looser.
describe("the corpus scorer's units", () => {
  test.each([
    ["additions to Definition of Done", "additions", true],
    ["relevant profiles of applicants", "relevant profiles", true],
    ["Twitter followers", "followers", true],
    ["end to end browser test cases", "end-to-end browser test cases", true],
    ["pages/session", "pages per session", true],
    ["new contributors", "Contributors", true],
    ["downloads/hour spent", "downloads/hour", false],
    ["community members/year", "community members", false],
    ["people and organizations", "people", false],
    ["% increase", "%", false],
    ["day to day tasks", "day", false],
    ["blog posts", "blog", false],
  ] as const)("%s ~ %s: %s", (expected, actual, same) => {
    expect(sameUnit(expected, actual)).toBe(same);
  });
});

describe("the key-result parser on the corpus", () => {
  const scored = scoreSentences(sentences as unknown as CorpusSentence[]);
  const of = (split?: string) =>
    figures(
      split === undefined
        ? scored
        : scored.filter((item) =>
            split === "held-out"
              ? HELD_OUT_SPLITS.includes(item.sentence.split)
              : item.sentence.split === split
          )
    );

  test.each([
    // [split, right at least, wrong yet confident at most]
    ["all", 1422, 69],
    ["tune", 934, 10],
    ["held-out", 488, 59],
  ] as const)(
    "%s: at least %i right on every field, at most %i wrong yet confident",
    (split, right, wrongConfident) => {
      const f = of(split === "all" ? undefined : split);
      expect(f.right).toBeGreaterThanOrEqual(right);
      expect(f.wrongConfident).toBeLessThanOrEqual(wrongConfident);
    }
  );
});
