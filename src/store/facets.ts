/**
 * Facets, for either store: the values worth offering as search filters (outlets, speakers, stance
 * labels), most frequent first, each with how often it occurs. Each backend counts rows per
 * (folded key, spelling) with its own SQL; merging spellings, ordering, the limit and the cache are
 * here.
 */
import { WhosaidError } from '../errors.js'
import type { FacetValue, Facets } from './store.js'

export const DEFAULT_FACET_LIMIT = 50
export const MAX_FACET_LIMIT = 500

/** Counted rows: one per spelling of a key (`Reuters`, `REUTERS` → key `reuters`). */
export interface FacetCounts {
  outlets: FacetRow[]
  speakers: FacetRow[]
  stances: FacetRow[]
}

export interface FacetRow {
  key: string
  value: string
  n: number
}

/**
 * Counting every statement takes a while on a big store, and facets change only when articles are
 * added (they are never changed or removed), so the answer is kept while the articles stay the same
 * (`version`: their count and largest id).
 */
export class FacetCache {
  private kept: { version: string; facets: Facets } | null = null

  async get(limit: number, version: () => Promise<string>, count: () => Promise<FacetCounts>): Promise<Facets> {
    if (!Number.isSafeInteger(limit) || limit < 1) throw new WhosaidError('E010', `limit must be a positive integer, got ${limit}`, 'limit')
    const top = Math.min(limit, MAX_FACET_LIMIT)
    const now = await version()
    if (this.kept?.version !== now) {
      const counts = await count()
      this.kept = { version: now, facets: { outlets: merge(counts.outlets), speakers: merge(counts.speakers), stances: merge(counts.stances) } }
    }
    const { facets } = this.kept
    return { outlets: facets.outlets.slice(0, top), speakers: facets.speakers.slice(0, top), stances: facets.stances.slice(0, top) }
  }
}

/** Sums counts per key, names each key by its most frequent spelling, most frequent keys first. */
function merge(rows: readonly FacetRow[]): FacetValue[] {
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
    .slice(0, MAX_FACET_LIMIT)
    .map(({ value, count }) => ({ value, count }))
}
