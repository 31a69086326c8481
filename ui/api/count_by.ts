/**
 * Count items by a key, listing every expected key (zero when absent) in the given order, then unexpected keys,
 * so the overview's tiles keep their place while data streams in.
 *
 * @param items the items
 * @param key the grouping key of an item
 * @param expected keys always shown, in order
 * @returns [key, count] pairs
 */
export function countBy<T>(
  items: readonly T[],
  key: (item: T) => string,
  expected: readonly string[] = [],
): Array<[string, number]> {
  const counts = new Map<string, number>(expected.map((k) => [k, 0]));
  for (const item of items) {
    const k = key(item);
    counts.set(k, (counts.get(k) ?? 0) + 1);
  }
  return [...counts];
}
