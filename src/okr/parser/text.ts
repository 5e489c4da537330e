/**
 * Small helpers every part of the parser uses: rounding, splitting into words, the sentence from
 * its verb.
 */

export function tidy(value: number): number {
  return Number(value.toPrecision(12));
}

export function words(text: string): string[] {
  return text.split(/\s+/).filter((word) => word.length > 0);
}

/** The sentence from its verb: "We fix the errors" reads from "fix". */
export function verbText(text: string): string {
  return text.replace(/^(?:we|they|the team|our team)\s+(?:will\s+|proactively\s+|also\s+)?/i, "");
}
