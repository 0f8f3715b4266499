import assert from 'node:assert/strict'
import { WhosaidError } from '../../errors.js'
import type { SearchQuery, Store } from '../store.js'
import { it } from './case.js'
import { withStore, type Seeded } from './seed.js'

/** `articleIndex:statementId` of each hit, articleIndex being the sample's position (0 Ahram, 1 Reuters, 2 National). */
async function search({ store, ids }: Seeded, query: SearchQuery): Promise<{ total: number; hits: string[] }> {
  const { total, items } = await store.searchStatements(query)
  return { total, hits: items.map((hit) => `${ids.indexOf(hit.articleId)}:${hit.statement.id}`) }
}

const isCode = (code: string) => (error: unknown) => error instanceof WhosaidError && error.code === code

/** Queries that FTS5 rejects as syntax errors (SQLite: E012, sqlite-store.test.ts); PostgreSQL reads them leniently. */
export const MALFORMED = ['"unbalanced', 'AND AND', 'foo:bar', '(ceasefire', 'NEAR(']

export function searchCases(makeStore: () => Promise<Store>): void {
  it('should list all statements newest first when the text is empty', () =>
    withStore(makeStore, async (seeded) => {
      const { total, hits } = await search(seeded, { text: '' })
      assert.equal(total, 9)
      assert.deepEqual(hits, ['2:S1', '2:S2', '1:S1', '1:S2', '1:S3', '1:S4', '0:S1', '0:S2', '0:S3'])
    }))

  it('should find statements by full text and mark the matches in the snippet', () =>
    withStore(makeStore, async (seeded) => {
      const { store, samples, ids } = seeded
      const { total, items } = await store.searchStatements({ text: 'ceasefire' })
      assert.equal(total, 2)
      assert.deepEqual(new Set(items.map((hit) => ids.indexOf(hit.articleId))), new Set([0, 2]))
      for (const hit of items) assert.match(hit.snippet, /\[ceasefire\]/)
      const ahram = items.find((hit) => hit.articleId === ids[0])!
      assert.deepEqual(ahram.statement, samples[0]!.statements[0])
      assert.equal(ahram.speakerName, 'Sameh Shoukry')
      assert.equal(ahram.headline, samples[0]!.article.headline)
      assert.equal(ahram.outlet, 'Ahram Online')
      assert.equal(ahram.published, '2024-03-05')
    }))

  it('should match phrases, prefixes and speaker names, ignoring accents', () =>
    withStore(makeStore, async (seeded) => {
      assert.deepEqual((await search(seeded, { text: '"Rafah crossing"' })).hits, ['1:S2'])
      assert.deepEqual((await search(seeded, { text: 'displace*' })).hits, ['0:S2'])
      assert.deepEqual((await search(seeded, { text: 'Antonio' })).hits, ['1:S1'])
      assert.equal((await search(seeded, { text: 'zeppelin' })).total, 0)
    }))

  it('should filter by speaker name or alias, case- and accent-insensitively', () =>
    withStore(makeStore, async (seeded) => {
      assert.deepEqual((await search(seeded, { text: '', speaker: 'SHOUKRY' })).hits, ['1:S2', '1:S3', '0:S1', '0:S2'])
      // "UN chief" is only an alias: the statement's speaker text is "António Guterres".
      assert.deepEqual((await search(seeded, { text: '', speaker: 'un chief' })).hits, ['1:S1'])
      assert.deepEqual((await search(seeded, { text: '', speaker: 'antonio' })).hits, ['1:S1'])
      assert.deepEqual((await search(seeded, { text: '', speaker: 'officials' })).hits, ['1:S4'])
      assert.deepEqual((await search(seeded, { text: 'crossing', speaker: 'shoukry' })).hits.sort(), ['1:S2', '1:S3'])
    }))

  it('should filter by an entity the article mentions', () =>
    withStore(makeStore, async (seeded) => {
      assert.deepEqual((await search(seeded, { text: '', entity: 'rafah' })).hits, ['1:S1', '1:S2', '1:S3', '1:S4'])
      assert.equal((await search(seeded, { text: '', entity: 'Cairo' })).total, 7)
      assert.deepEqual((await search(seeded, { text: 'ceasefire', entity: 'Abu Dhabi' })).hits, ['2:S1'])
    }))

  it('should find a speaker and an entity under other transliterations of the name', () =>
    withStore(makeStore, async (seeded) => {
      // Stored as "Mohammed bin Abdulrahman Al Thani" (Ahram Online).
      assert.deepEqual((await search(seeded, { text: '', speaker: 'Muhammad bin Abdulrahman Al-Thani' })).hits, ['0:S3'])
      assert.deepEqual((await search(seeded, { text: '', speaker: 'al-thani' })).hits, ['0:S3'])
      assert.equal((await search(seeded, { text: '', entity: 'Mohamed bin Abdulrahman' })).total, 3)
      assert.equal((await search(seeded, { text: '', speaker: 'Mohammed bin Salman' })).total, 0)
    }))

  it('should filter by date, using the ingestion time for undated articles', () =>
    withStore(makeStore, async (seeded) => {
      assert.equal((await search(seeded, { text: '', since: '2024-03-06' })).total, 6)
      assert.deepEqual((await search(seeded, { text: '', since: '2024-03-07T15:00:00Z' })).hits, ['2:S1', '2:S2'])
      await assert.rejects(seeded.store.searchStatements({ text: '', since: 'last week' }), isCode('E010'))
    }))

  it('should page with limit and offset and report the total', () =>
    withStore(makeStore, async (seeded) => {
      assert.deepEqual(await search(seeded, { text: '', limit: 2, offset: 2 }), { total: 9, hits: ['1:S1', '1:S2'] })
      assert.deepEqual(await search(seeded, { text: 'said', limit: 1, offset: 50 }), { total: 0, hits: [] })
    }))

  it('should answer or reject malformed full-text syntax, never fail with a driver error', () =>
    withStore(makeStore, async ({ store }) => {
      // Shared: an invalid query is the user's to fix (E012) or is read leniently; either way no E013 or raw error.
      for (const text of MALFORMED) {
        try {
          const { total, items } = await store.searchStatements({ text })
          assert.ok(Number.isInteger(total) && Array.isArray(items), text)
        } catch (error) {
          assert.ok(isCode('E012')(error), `${text}: ${String(error)}`)
        }
      }
    }))

  it('should treat quotes, SQL and LIKE wildcards in filters as plain text', () =>
    withStore(makeStore, async (seeded) => {
      for (const value of ["'; DROP TABLE articles; --", '%', '_', '\\', '" OR 1=1 --']) {
        assert.equal((await search(seeded, { text: '', speaker: value })).total, 0, value)
        assert.equal((await search(seeded, { text: '', entity: value })).total, 0, value)
      }
      assert.equal((await seeded.store.stats()).articles, 3)
    }))
}
