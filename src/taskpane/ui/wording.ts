/** A count with its noun, singular for one: "1 objective", "3 key results", "1 day". */
export function counted(count: number, one: string, many = `${one}s`): string {
  return `${count} ${count === 1 ? one : many}`;
}
