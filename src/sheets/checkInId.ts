/**
 * The id of a check-in log entry (its Entry column), host-free: the Excel host's check-in writer
 * and the pane's repair plan both make ids here, so co-authors writing the same log at once do not
 * collide whichever of the two wrote the row.
 */

/** Fills `bytes` with random bytes and returns it (Web Crypto's getRandomValues). */
export type RandomBytes = (bytes: Uint8Array) => Uint8Array;

/** Web Crypto, which browsers, Office's web views and Node 20 all have. Read only when called. */
const webRandom: RandomBytes = (bytes) => globalThis.crypto.getRandomValues(bytes);

/**
 * A new entry id: the time in base 36 and six random base-36 characters ("mbq3k2x1-a8f03k").
 * Unique enough for a team's log: two ids made in the same millisecond differ with odds of one
 * in two billion. Given `now` and `random`, the same id every time.
 */
export function newCheckInId(now: number = Date.now(), random: RandomBytes = webRandom): string {
  const bytes = random(new Uint8Array(6));
  const tail = Array.from(bytes, (byte) => (byte % 36).toString(36)).join("");
  return `${Math.floor(now).toString(36)}-${tail}`;
}
