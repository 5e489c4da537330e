/*
 * Runs first in the functions chunk. custom-functions-metadata-plugin appends bare
 * `CustomFunctions.associate(...)` calls to functions.js. Office.js defines `CustomFunctions`
 * (in Excel and in a plain browser alike), but when Office.js could not be loaded at all
 * (offline, blocked CDN) those calls would throw a ReferenceError and break the page.
 * This no-op stand-in applies only then; in Excel the real object is always there.
 */
type Associate = Pick<typeof CustomFunctions, "associate">;

if (typeof CustomFunctions === "undefined") {
  const standIn: Associate = { associate: () => undefined };
  (globalThis as { CustomFunctions?: Associate }).CustomFunctions = standIn;
}

export {};
