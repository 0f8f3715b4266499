/**
 * Small counting helpers for merging per-article records into corpus-wide ones; shared by store
 * backends so that they merge the same way.
 */
import { nameKey } from './name-key.js'

/**
 * The most frequent value; ties go to the longer string (the fuller name), then to the value seen
 * first, so the result does not depend on hash or row order beyond the input order.
 */
export function mostFrequent<T extends string>(values: readonly T[]): T {
  const counts = new Map<T, number>()
  for (const value of values) counts.set(value, (counts.get(value) ?? 0) + 1)
  let best: T | undefined
  for (const [value, count] of counts) {
    const bestCount = best === undefined ? -1 : counts.get(best)!
    if (count > bestCount || (count === bestCount && value.length > best!.length)) best = value
  }
  if (best === undefined) throw new Error('mostFrequent of an empty list')
  return best
}

/** Distinct values in first-seen order, treating case and accent variants as one. */
export function uniqueFolded(values: readonly string[]): string[] {
  const seen = new Set<string>()
  const out: string[] = []
  for (const value of values) {
    const key = nameKey(value)
    if (seen.has(key)) continue
    seen.add(key)
    out.push(value)
  }
  return out
}
