/** A count and its noun, singular for one: "1 event", "2 events", "0 people", "1 person". */
export function counted(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}
