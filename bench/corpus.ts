/**
 * The key-result parser measured on the real-world corpus (test/fixtures/real/sentences.json,
 * issue 11): `npm run corpus` prints these figures.
 *
 * A sentence is scored when its label is not `ambiguous`. A reading is right when it is right on
 * every field: `measurable`, `type`, `baseline`, `target` and `unit` (`current` is reported on its
 * own line, not part of "right").
 *
 * - Numbers match when they are equal to within 0.01 in absolute terms or 0.01% of the label
 *   (`2/3` is labelled 66.67).
 * - Units are compared loosely, as test/fixtures/real/README.md allows: both are lower-cased,
 *   split into their parts at `/` or ` per ` (`posts/month`, `PIOs per region`), and in each part the words `new`,
 *   `additional`, `more` and `extra` are dropped, every word is made singular (a final `s` taken
 *   off when the word is longer than three letters and does not end in `ss`), and the spellings
 *   of a duration are made one (`h`, `hr`, `hour` → `hour`; `ms` → `millisecond`; `s`, `sec` →
 *   `second`; `min` → `minute`). Two units match when they are then equal, or when they have as
 *   many parts and every part ends in the same word (the main noun: `DNS Bootstrap nodes` and
 *   `nodes`; `closed MRs/month` and `MRs/month`). `null` matches only `null`; `%` matches only
 *   `%`, and `% increase` only `% increase`.
 */
import { AMBIGUOUS_BELOW, readKeyResult, type ParsedKeyResult } from "../src/okr/parser";

export interface CorpusSentence {
  id: string;
  org: string;
  split: "tune" | "held-out-4" | "held-out-9" | "held-out-11" | "held-out-14" | "held-out-16";
  text: string;
  expected:
    | {
        measurable: boolean;
        type: string | null;
        baseline: number | null;
        target: number | null;
        unit: string | null;
        current: number | null;
      }
    | { ambiguous: true; why: string };
}

export const FIELDS = ["measurable", "type", "baseline", "target", "unit"] as const;
export type Field = (typeof FIELDS)[number];

const DROPPED = new Set(["new", "additional", "more", "extra"]);
const DURATION_WORDS: Record<string, string> = {
  h: "hour",
  hr: "hour",
  hrs: "hour",
  ms: "millisecond",
  s: "second",
  sec: "second",
  secs: "second",
  min: "minute",
  mins: "minute",
};

function singular(word: string): string {
  if (DURATION_WORDS[word]) return DURATION_WORDS[word];
  if (word.length > 3 && word.endsWith("s") && !word.endsWith("ss")) return word.slice(0, -1);
  return word;
}

/** A unit's parts (split at "/" or " per "), each a list of lower-case singular words. */
export function unitParts(unit: string): string[][] {
  return (
    unit
      .toLowerCase()
      // "end to end", "peer to peer", "one on one": one word, as "end-to-end" is.
      .replace(/\b(\p{L}+)[\s-]+(to|on)[\s-]+\1\b/gu, "$1-$2-$1")
      .split(/\/|\s+per\s+/)
      .map((part) =>
        part
          .split(/\s+/)
          .filter((word) => word !== "" && !DROPPED.has(word))
          .map(singular)
      )
  );
}

export function sameUnit(expected: string | null, actual: string | null): boolean {
  if (expected === null || actual === null) return expected === actual;
  const a = unitParts(expected);
  const b = unitParts(actual);
  if (a.length !== b.length) return false;
  if (a.map((part) => part.join(" ")).join("/") === b.map((part) => part.join(" ")).join("/"))
    return true;
  return a.every((part, i) => {
    const other = b[i];
    if (part.length === 0 || other.length === 0) return part.length === other.length;
    // "%" and "% increase" differ: the last word decides only for nouns, not for a bare symbol.
    if (part.length !== other.length && (part[0] === "%" || other[0] === "%")) return false;
    return headNoun(part) === headNoun(other);
  });
}

/** Words after which a noun phrase's head has come: "additions | to Definition of Done". */
const AFTER_HEAD = new Set(["of", "to", "for", "in", "on", "with", "at", "from", "by", "about"]);

/**
 * The head noun of a unit's part: its last word before a preposition ("relevant profiles of
 * applicants" → profile, "additions to Definition of Done" → addition), or its last word.
 */
function headNoun(part: string[]): string {
  const end = part.findIndex((word, at) => at > 0 && AFTER_HEAD.has(word));
  return end < 0 ? part[part.length - 1] : part[end - 1];
}

export function sameNumber(expected: number | null, actual: number | null): boolean {
  if (expected === null || actual === null) return expected === actual;
  const diff = Math.abs(expected - actual);
  return diff <= 0.01 || diff <= Math.abs(expected) * 1e-4;
}

/** The fields on which the reading differs from the label. */
export function wrongFields(
  expected: Exclude<CorpusSentence["expected"], { ambiguous: true }>,
  actual: ParsedKeyResult
): Field[] {
  const wrong: Field[] = [];
  if (expected.measurable !== actual.measurable) wrong.push("measurable");
  if (expected.type !== actual.type) wrong.push("type");
  if (!sameNumber(expected.baseline, actual.baseline)) wrong.push("baseline");
  if (!sameNumber(expected.target, actual.target)) wrong.push("target");
  if (!sameUnit(expected.unit, actual.unit)) wrong.push("unit");
  return wrong;
}

export interface Scored {
  sentence: CorpusSentence;
  reading: ParsedKeyResult;
  /** The sentence form that read it (`FORMS` in src/okr/parser/forms/index.ts). */
  form: string;
  wrong: Field[];
  currentRight: boolean;
}

export interface SplitFigures {
  scored: number;
  right: number;
  wrongConfident: number;
  rightDoubtful: number;
  confident: number;
  currentRight: number;
  fieldWrong: Record<Field, number>;
}

export function scoreSentences(sentences: CorpusSentence[]): Scored[] {
  const scored: Scored[] = [];
  for (const sentence of sentences) {
    const expected = sentence.expected;
    if ("ambiguous" in expected) continue;
    const { form, result: reading } = readKeyResult(sentence.text);
    scored.push({
      sentence,
      reading,
      form,
      wrong: wrongFields(expected, reading),
      currentRight: sameNumber(expected.current, reading.current),
    });
  }
  return scored;
}

export function figures(scored: Scored[]): SplitFigures {
  const fieldWrong = Object.fromEntries(FIELDS.map((field) => [field, 0])) as Record<Field, number>;
  let right = 0;
  let wrongConfident = 0;
  let rightDoubtful = 0;
  let confident = 0;
  let currentRight = 0;
  for (const item of scored) {
    const isRight = item.wrong.length === 0;
    const sure = item.reading.confidence >= AMBIGUOUS_BELOW;
    if (isRight) right++;
    if (sure) confident++;
    if (!isRight && sure) wrongConfident++;
    if (isRight && !sure) rightDoubtful++;
    if (item.currentRight) currentRight++;
    for (const field of item.wrong) fieldWrong[field]++;
  }
  return {
    scored: scored.length,
    right,
    wrongConfident,
    rightDoubtful,
    confident,
    currentRight,
    fieldWrong,
  };
}

function share(count: number, total: number): string {
  return total === 0 ? "–" : `${((100 * count) / total).toFixed(1)}%`;
}

/** The set-aside sentences: organisations never looked at while changing the parser. */
export const HELD_OUT_SPLITS: readonly string[] = [
  "held-out-4",
  "held-out-11",
  "held-out-16",
  "held-out-17",
  "held-out-18",
];

/**
 * The report `npm run corpus` prints: one block for all, tune, held-out (every set-aside
 * sentence), and each held-out set on its own (held-out-4, -11, -16, -17 and -18,
 * from organisations that appear nowhere else, each labelled before the parser read it). With
 * `tuneOnly`, the tune block alone: what to look at while changing the parser, so that the
 * held-out figures are not seen between changes.
 */
export function corpusReport(
  sentences: CorpusSentence[],
  { tuneOnly = false }: { tuneOnly?: boolean } = {}
): string[] {
  const scored = scoreSentences(sentences);
  const ambiguous = sentences.length - scored.length;
  const lines = [
    `Key-result parser on the real-world corpus: ${sentences.length} sentences, ${scored.length} scored (${ambiguous} labelled ambiguous are not scored)`,
  ];
  const heldOut = scored.filter((item) => HELD_OUT_SPLITS.includes(item.sentence.split));
  const groups: [string, Scored[]][] = (
    [
      ["all", scored],
      ["tune", scored.filter((item) => item.sentence.split === "tune")],
      ["held-out", heldOut],
      ...HELD_OUT_SPLITS.map(
        (split) => [split, heldOut.filter((item) => item.sentence.split === split)] as const
      ),
    ] as [string, Scored[]][]
  ).filter(([name]) => !tuneOnly || name === "tune");
  for (const [name, items] of groups) {
    const f = figures(items);
    lines.push(
      `  ${name.padEnd(11)}  scored ${String(f.scored).padStart(3)}  right on every field ${String(f.right).padStart(3)} (${share(f.right, f.scored)})  wrong with confidence ≥ ${AMBIGUOUS_BELOW} ${String(f.wrongConfident).padStart(3)} (${share(f.wrongConfident, f.scored)})  right with confidence < ${AMBIGUOUS_BELOW} ${String(f.rightDoubtful).padStart(3)} (${share(f.rightDoubtful, f.scored)})  confident readings right ${share(f.confident - f.wrongConfident, f.confident)}`
    );
    lines.push(
      `  ${"".padEnd(11)}  wrong per field: ${FIELDS.map((field) => `${field} ${f.fieldWrong[field]}`).join(", ")}; current right ${f.currentRight}/${f.scored}`
    );
  }
  return lines;
}

/**
 * Per sentence form, on the tune split only: how many readings it gave, how many were right, and
 * per confidence it gave, how many right and wrong (`0.75 40/2`), for tuning `CONFIDENCE`
 * (held-out readings are not broken down).
 */
export function tuneForms(sentences: CorpusSentence[]): string[] {
  const byForm = new Map<
    string,
    { right: number; wrong: number; byConfidence: Map<number, [number, number]> }
  >();
  for (const item of scoreSentences(sentences.filter((s) => s.split === "tune"))) {
    const entry = byForm.get(item.form) ?? { right: 0, wrong: 0, byConfidence: new Map() };
    const counts = entry.byConfidence.get(item.reading.confidence) ?? [0, 0];
    if (item.wrong.length === 0) {
      entry.right++;
      counts[0]++;
    } else {
      entry.wrong++;
      counts[1]++;
    }
    entry.byConfidence.set(item.reading.confidence, counts);
    byForm.set(item.form, entry);
  }
  return [...byForm].map(
    ([form, { right, wrong, byConfidence }]) =>
      `  ${form.padEnd(24)} right ${right}, wrong ${wrong}; per confidence right/wrong ${[
        ...byConfidence,
      ]
        .sort(([a], [b]) => a - b)
        .map(([confidence, [r, w]]) => `${confidence} ${r}/${w}`)
        .join(", ")}`
  );
}

/** The tune sentences read wrongly, for tuning (held-out sentences are never listed). */
export function tuneMistakes(sentences: CorpusSentence[]): string[] {
  const lines: string[] = [];
  for (const item of scoreSentences(sentences.filter((s) => s.split === "tune"))) {
    if (item.wrong.length === 0) continue;
    const { type, baseline, target, unit, measurable, confidence } = item.reading;
    lines.push(
      `${item.sentence.id} [${item.wrong.join(",")}] ${item.form}, confidence ${confidence}\n  ${item.sentence.text}\n  want ${JSON.stringify(item.sentence.expected)}\n  got  ${JSON.stringify({ measurable, type, baseline, target, unit })}\n  why  ${item.reading.reason}`
    );
  }
  return lines;
}
