import assert from 'node:assert/strict'
import { WhosaidError } from '../../errors.js'
import { MAX_LIMIT } from '../paging.js'
import { syntheticAnalysis } from '../sample-analyses.js'
import type { Store } from '../store.js'
import { it } from './case.js'
import { withStore } from './seed.js'

export function readCases(makeStore: () => Promise<Store>): void {
  it('should list articles newest first, undated ones by ingestion time, with counts', () =>
    withStore(makeStore, async ({ store, samples, ids }) => {
      const { total, items } = await store.listArticles()
      assert.equal(total, 3)
      assert.deepEqual(
        items.map((a) => a.id),
        [ids[2], ids[1], ids[0]],
      )
      const reuters = items[1]!
      assert.equal(reuters.headline, samples[1]!.article.headline)
      assert.equal(reuters.outlet, 'Reuters')
      assert.equal(reuters.published, '2024-03-07T14:30:00Z')
      assert.equal(reuters.contentHash, samples[1]!.provenance.contentHash)
      assert.equal(reuters.source, 'fixture')
      assert.equal(reuters.statementCount, 4)
      assert.equal(reuters.entityCount, 6)
      assert.ok(!Number.isNaN(Date.parse(reuters.ingestedAt)))
    }))

  it('should page through articles with limit and offset', () =>
    withStore(makeStore, async ({ store, ids }) => {
      const page = await store.listArticles({ limit: 1, offset: 1 })
      assert.equal(page.total, 3)
      assert.deepEqual(
        page.items.map((a) => a.id),
        [ids[1]],
      )
      assert.deepEqual((await store.listArticles({ offset: 5 })).items, [])
    }))

  it('should cap the limit and reject negative or fractional paging', () =>
    withStore(makeStore, async ({ store }) => {
      for (let i = 0; i < MAX_LIMIT + 5; i++) await store.putAnalysis(syntheticAnalysis(i), 'bulk')
      assert.equal((await store.listArticles({ limit: 1000 })).items.length, MAX_LIMIT)
      assert.equal((await store.listArticles()).items.length, 20)
      for (const bad of [{ limit: 0 }, { limit: -1 }, { offset: -1 }, { limit: 1.5 }]) {
        await assert.rejects(store.listArticles(bad), (e: unknown) => e instanceof WhosaidError && e.code === 'E010')
      }
    }))

  it('should return null for an article id that does not exist', () =>
    withStore(makeStore, async ({ store }) => {
      assert.equal(await store.getAnalysis(987654), null)
      assert.equal(await store.getAnalysis(Number.NaN), null)
    }))

  it('should answer an empty store with empty lists', () =>
    withStore(
      makeStore,
      async ({ store }) => {
        assert.deepEqual(await store.listArticles(), { total: 0, items: [] })
        assert.deepEqual(await store.searchStatements({ text: '' }), { total: 0, items: [] })
        assert.equal(await store.getEntity('Sameh Shoukry'), null)
        assert.deepEqual(await store.stats(), { articles: 0, statements: 0, entities: 0 })
      },
      { seed: false },
    ))
}
