/**
 * Which way a sentence's wording points: up, down or keep, from its verb or its direction words.
 */
import type { Direction } from "./types";
import { DOWN_VERBS, DOWN_WORD, HOSTED, KEEP_VERBS, UP_VERBS, UP_WORD } from "./words";
import { words } from "./text";
import { cleanKeyResultText } from "./prepare";

/** "Hold a workshop", "Hold monthly office hours": "hold" hosts an event, not a level to keep. */
export function holdsAnEvent(text: string): boolean {
  const all = words(text);
  return (all[0] ?? "").toLowerCase() === "hold" && HOSTED.test(all.slice(1, 9).join(" "));
}

export function verbDirection(text: string): { direction: Direction; verb: string | null } {
  const first = (words(text)[0] ?? "").toLowerCase().replace(/[^\p{L}]/gu, "");
  if (UP_VERBS.has(first)) return { direction: "up", verb: first };
  if (DOWN_VERBS.has(first)) return { direction: "down", verb: first };
  // "Simplify the setup to 1 command", "Streamline review to 2 steps": fewer is simpler. With no
  // "to N" the verb names work ("Simplify the signup form").
  if (/^(?:simplify|streamline)$/.test(first) && /\bto\s+(?:at most\s+|under\s+)?\d/i.test(text))
    return { direction: "down", verb: first };
  // "Hold 2 community meetups", "Keep 3 …" with a count straight after: an event or a count, not
  // a level to keep ("Hold uptime at 99.9%", "Keep churn under 3%").
  if (KEEP_VERBS.has(first) && /^\S+\s+\d/.test(text) && !/^\S+\s+\d[\d.,]*\s*%/.test(text))
    return { direction: null, verb: first };
  // "Hold a 2-day workshop with 30 people", "Hold monthly office hours": an event hosted.
  if (holdsAnEvent(text)) return { direction: null, verb: first };
  if (KEEP_VERBS.has(first)) return { direction: "keep", verb: first };
  return { direction: null, verb: first || null };
}

/** The last direction word before `position` ("backlog … reduced by 50%"), if any. */
export function directionBefore(
  text: string,
  position: number
): { direction: Direction; verb: string } | null {
  let best: { at: number; direction: Direction; verb: string } | null = null;
  for (const [pattern, direction] of [
    [DOWN_WORD, "down"],
    [UP_WORD, "up"],
  ] as const) {
    for (const match of text.slice(0, position).matchAll(pattern)) {
      const at = match.index ?? 0;
      if (!best || at > best.at) best = { at, direction, verb: match[0].toLowerCase() };
    }
  }
  return best;
}

/**
 * Which way the sentence's verb points: "up" (increase, grow, raise, reach, achieve, …), "down"
 * (reduce, cut, decrease, lower, shorten, …), "keep" (maintain, keep, …), or null.
 */
export function wordingDirection(text: string): {
  direction: "up" | "down" | "keep" | null;
  verb: string | null;
} {
  return verbDirection(cleanKeyResultText(typeof text === "string" ? text : ""));
}
