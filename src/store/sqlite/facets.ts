/**
 * Facets: the values worth offering as search filters (outlets, speakers, stance labels), most
 * frequent first, each with how often it occurs.
 */
import type Database from 'better-sqlite3'
import { WhosaidError } from '../../errors.js'
import type { FacetValue, Facets } from '../store.js'

export const DEFAULT_FACET_LIMIT = 50
export const MAX_FACET_LIMIT = 500

/**
 * Counting every statement takes a while on a big store, and facets change only when articles are
 * added (they are never changed or removed), so the answer is kept until the articles change.
 */
const cache = new WeakMap<Database.Database, { version: string; top: number; facets: Facets }>()

export function facets(db: Database.Database, limit: number): Facets {
  if (!Number.isSafeInteger(limit) || limit < 1) throw new WhosaidError('E010', `limit must be a positive integer, got ${limit}`, 'limit')
  const top = Math.min(limit, MAX_FACET_LIMIT)
  const { n, last } = db.prepare('SELECT count(*) AS n, max(id) AS last FROM articles').get() as { n: number; last: number | null }
  const version = `${n}:${last}`
  const cached = cache.get(db)
  if (cached && cached.version === version && cached.top >= top) return trim(cached.facets, top)
  const computed = compute(db, MAX_FACET_LIMIT)
  cache.set(db, { version, top: MAX_FACET_LIMIT, facets: computed })
  return trim(computed, top)
}

function trim(facets: Facets, top: number): Facets {
  return { outlets: facets.outlets.slice(0, top), speakers: facets.speakers.slice(0, top), stances: facets.stances.slice(0, top) }
}

function compute(db: Database.Database, top: number): Facets {
  // Spellings that fold to one key are one value, shown in their most common form.
  const outlets = db
    .prepare(
      `SELECT outlet_key, outlet AS value, count(*) AS n FROM articles WHERE outlet_key IS NOT NULL
       GROUP BY outlet_key, outlet`,
    )
    .all() as Array<{ outlet_key: string; value: string; n: number }>
  const speakers = db
    .prepare(
      `SELECT speaker_key, speaker_name AS value, count(*) AS n FROM statements
       WHERE speaker_anonymous = 0 AND speaker_entity IS NOT NULL
       GROUP BY speaker_key, speaker_name`,
    )
    .all() as Array<{ speaker_key: string; value: string; n: number }>
  const stances = db
    .prepare(
      `SELECT lower(stance_label) AS key, stance_label AS value, count(*) AS n FROM statements
       WHERE stance_label IS NOT NULL GROUP BY stance_label`,
    )
    .all() as Array<{ key: string; value: string; n: number }>
  return {
    outlets: merge(outlets.map((row) => ({ key: row.outlet_key, value: row.value, n: row.n })), top),
    speakers: merge(speakers.map((row) => ({ key: row.speaker_key, value: row.value, n: row.n })), top),
    stances: merge(stances, top),
  }
}

/** Sums counts per key, names each key by its most frequent spelling, most frequent keys first. */
function merge(rows: Array<{ key: string; value: string; n: number }>, top: number): FacetValue[] {
  const groups = new Map<string, { value: string; best: number; count: number }>()
  for (const row of rows) {
    const group = groups.get(row.key)
    if (!group) groups.set(row.key, { value: row.value, best: row.n, count: row.n })
    else {
      group.count += row.n
      if (row.n > group.best) Object.assign(group, { value: row.value, best: row.n })
    }
  }
  return [...groups.values()]
    .sort((a, b) => b.count - a.count || a.value.localeCompare(b.value))
    .slice(0, top)
    .map(({ value, count }) => ({ value, count }))
}
