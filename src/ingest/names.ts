/** Person and organisation names as metadata formats store them. */
import { normalizeLine } from './normalize.js'

/** Names from a string, an object with `name` (schema.org, NewsAPI), or an array of either. */
export function namesOf(value: unknown): string[] {
  if (Array.isArray(value)) return value.flatMap(namesOf)
  if (typeof value === 'object' && value !== null) return namesOf((value as { name?: unknown }).name)
  if (typeof value !== 'string') return []
  const name = normalizeLine(value)
  return name ? [name] : []
}
