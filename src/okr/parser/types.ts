/**
 * The parser's types: the reading it gives (`ParsedKeyResult`), a number found in the text, and the
 * sentence a form reads.
 */
import type { KeyResultType } from "../scoring";

/** What `parseKeyResult` reads out of a key-result sentence. */
export interface ParsedKeyResult {
  /** False when the sentence has no metric to score and is no deliverable either. */
  measurable: boolean;
  type: KeyResultType | null;
  baseline: number | null;
  target: number | null;
  unit: string | null;
  /** A current value the sentence states ("(Current: 72%)"), in the target's unit. */
  current: number | null;
  /** 0–1: how sure the reading is. Below 0.5 means ambiguous: check it. */
  confidence: number;
  /** What was read and why, in a sentence a person can check. */
  reason: string;
}

/** Below this confidence a reading is ambiguous and should be checked by a person. */
export const AMBIGUOUS_BELOW = 0.5;

export type Bound = "at-least" | "at-most" | null;

/** A number found in the text, with what surrounds it. */
export interface Quantity {
  value: number;
  /** "%", "$", "€", "£", a duration ("minutes"), a noun phrase ("images/hour"), "x", or null. */
  unit: string | null;
  /** Seconds per unit, for a duration that can be converted. */
  seconds: number | null;
  bound: Bound;
  /** The bound was written as a symbol ("≥ 85%"), not in words or with "+". */
  boundSymbol: boolean;
  /** "5 new markets", "3 additional languages". */
  isNew: boolean;
  /** Its noun phrase was cut at the word limit ("5 … … … …" with more words to come). */
  unitCut: boolean;
  /** The lower end of a range ("2-6 developers"): which end is the target is a guess. */
  isRange: boolean;
  /** Preceded by "by": a change rather than a level ("by 20%", "by $2M"). */
  isChange: boolean;
  /** A change stated with "up" or "down" ("NPS up 50 over previous quarter"), else null. */
  said: "up" | "down" | null;
  /** "4.5/5": a score on a scale. */
  isScale: boolean;
  /** A scope or condition rather than the metric: "within 7 days", "for 1k active users". */
  isCondition: boolean;
  /** The unit is the noun phrase before the number ("the number of validators to 100"). */
  unitBefore: boolean;
  /** What the text says, for messages. */
  shown: string;
  start: number;
  end: number;
}

export type Direction = "up" | "down" | "keep" | null;

export interface Parentheticals {
  main: string;
  current: Quantity | null;
  /**
   * The current value is the last period's value of the same measure ("up from 3 last quarter",
   * "(Q1: 47)"), not a running total that new things add to.
   */
  previous: boolean;
  fromTo: [Quantity, Quantity] | null;
  points: number | null;
  timesCurrent: number | null;
  statedChange: { value: number; direction: "up" | "down" } | null;
  /** "(18 total)": a total that replaces the count of the sentence. */
  total: number | null;
  others: string[];
}

/** What every form reads from. */
export interface Sentence {
  /** The key result's own words, without parentheses. */
  main: string;
  parts: Parentheticals;
  /** Every number in `main`. */
  found: Quantity[];
  /** The numbers that are metrics, not scope or conditions ("within 7 days", "for 1k users"). */
  metrics: Quantity[];
  direction: Direction;
  verb: string | null;
  current: Quantity | null;
  /** The result after "=>", for a current value. */
  result: string | null;
  reasons: string[];
}

/** A sentence form: reads the sentence, or returns null for the next form to try. */
export type Form = (s: Sentence) => ParsedKeyResult | null;
