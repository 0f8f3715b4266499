/**
 * Facet counts on SQLite (the merging and caching are shared: ../facets.ts).
 */
import type Database from 'better-sqlite3'
import type { FacetCounts, FacetRow } from '../facets.js'

/** What changes when articles are added: their count and the largest id. */
export function facetVersion(db: Database.Database): string {
  const { n, last } = db.prepare('SELECT count(*) AS n, max(id) AS last FROM articles').get() as { n: number; last: number | null }
  return `${n}:${last}`
}

export function countFacets(db: Database.Database): FacetCounts {
  const rows = (sql: string) => db.prepare(sql).all() as FacetRow[]
  return {
    outlets: rows(`SELECT outlet_key AS key, outlet AS value, count(*) AS n FROM articles WHERE outlet_key IS NOT NULL GROUP BY outlet_key, outlet`),
    speakers: rows(`SELECT speaker_key AS key, speaker_name AS value, count(*) AS n FROM statements
      WHERE speaker_anonymous = 0 AND speaker_entity IS NOT NULL GROUP BY speaker_key, speaker_name`),
    stances: rows(`SELECT lower(stance_label) AS key, stance_label AS value, count(*) AS n FROM statements
      WHERE stance_label IS NOT NULL GROUP BY stance_label`),
  }
}
