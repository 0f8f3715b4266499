/**
 * `fn` remembered per string argument. News repeats its words, tags and names, so most calls are
 * repeats; the memory is bounded by forgetting everything once `limit` results are kept, which
 * keeps a long-running worker flat without the bookkeeping of an LRU.
 */
export function boundedMemo<T>(fn: (key: string) => T, limit: number): (key: string) => T {
  const kept = new Map<string, T>()
  return (key) => {
    let value = kept.get(key)
    if (value === undefined) {
      if (kept.size >= limit) kept.clear()
      value = fn(key)
      kept.set(key, value)
    }
    return value
  }
}
