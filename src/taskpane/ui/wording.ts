/** A count with its noun, singular for one: "1 objective", "3 key results", "1 day". */
export function counted(count: number, one: string, many = `${one}s`): string {
  return `${count} ${count === 1 ? one : many}`;
}

/** A unit written against its number ($1,500, 95%), not after it with a space. */
export function isSymbolUnit(unit: string | null): unit is string {
  return unit !== null && (/^[$€£¥]$/.test(unit) || unit.startsWith("%"));
}

/**
 * A number already formatted, with its unit as the pane writes it: a currency symbol before it
 * ($1,500), a percent sign against it (95%), a word after a space (10,000 users).
 */
export function withUnit(number: string, unit: string | null): string {
  if (unit === null || unit === "") return number;
  if (!isSymbolUnit(unit)) return `${number} ${unit}`;
  return unit.startsWith("%") ? `${number}${unit}` : `${unit}${number}`;
}
