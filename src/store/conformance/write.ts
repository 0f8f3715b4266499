import assert from 'node:assert/strict'
import { WhosaidError } from '../../errors.js'
import { syntheticAnalysis } from '../sample-analyses.js'
import type { Store } from '../store.js'
import { it } from './case.js'
import { withStore } from './seed.js'

export function writeCases(makeStore: () => Promise<Store>): void {
  it('should store an analysis and give it back exactly as put', () =>
    withStore(makeStore, async ({ store, samples, ids }) => {
      assert.equal(new Set(ids).size, samples.length)
      for (const [i, id] of ids.entries()) assert.deepEqual(await store.getAnalysis(id), samples[i])
    }))

  it('should report whether an article is stored by its content hash', () =>
    withStore(makeStore, async ({ store, samples }) => {
      assert.equal(await store.hasArticle(samples[0]!.provenance.contentHash), true)
      assert.equal(await store.hasArticle(syntheticAnalysis(1).provenance.contentHash), false)
    }))

  it('should write nothing when the same content hash is put again', () =>
    withStore(makeStore, async ({ store, samples, ids }) => {
      const before = await store.stats()
      const again = await store.putAnalysis(samples[1]!, 'another-source')
      assert.deepEqual(again, { id: ids[1], inserted: false })
      assert.deepEqual(await store.stats(), before)
      const listed = await store.listArticles()
      assert.equal(listed.items.find((a) => a.id === ids[1])?.source, 'fixture')
    }))

  it('should store an article once when it is put twice at the same time', () =>
    withStore(makeStore, async ({ store }) => {
      const article = syntheticAnalysis(3)
      const results = await Promise.all([store.putAnalysis(article, 'first'), store.putAnalysis(article, 'second')])
      assert.equal(results.filter((r) => r.inserted).length, 1)
      assert.equal(results[0]!.id, results[1]!.id)
      assert.deepEqual(await store.stats(), { articles: 1, statements: 4, entities: 1 })
    }, { seed: false }))

  it('should store all rows of an article or none of them', () =>
    withStore(makeStore, async ({ store }) => {
      const broken = syntheticAnalysis(7)
      // Two statements with one id: the second statement row fails after the article row was written.
      broken.statements = [broken.statements[0]!, { ...broken.statements[0]! }]
      await assert.rejects(store.putAnalysis(broken, 'fixture'), WhosaidError)
      assert.equal(await store.hasArticle(broken.provenance.contentHash), false)
      assert.deepEqual(await store.stats(), { articles: 0, statements: 0, entities: 0 })
      assert.equal((await store.putAnalysis(syntheticAnalysis(7), 'fixture')).inserted, true)
      assert.deepEqual(await store.stats(), { articles: 1, statements: 4, entities: 1 })
    }, { seed: false }))

  it('should store a batch in order, each article whole, and leave out only the one that fails', () =>
    withStore(makeStore, async ({ store }) => {
      const first = await store.putAnalysis(syntheticAnalysis(1), 'before')
      const broken = syntheticAnalysis(5)
      broken.statements = [broken.statements[0]!, { ...broken.statements[0]! }]
      const outcomes = await store.putAnalyses([
        { analysis: syntheticAnalysis(2), source: 'batch:1' },
        { analysis: syntheticAnalysis(1), source: 'batch:2' },
        { analysis: broken, source: 'batch:3' },
        { analysis: syntheticAnalysis(3), source: 'batch:4' },
        { analysis: syntheticAnalysis(2), source: 'batch:5' },
      ])
      assert.equal(outcomes.length, 5)
      const [two, one, failed, three, twoAgain] = outcomes
      assert.ok(failed instanceof WhosaidError && failed.code === 'E010', String(failed))
      assert.deepEqual(one, { id: first.id, inserted: false })
      assert.ok(!(two instanceof WhosaidError) && two!.inserted && !(three instanceof WhosaidError) && three!.inserted)
      assert.ok(two.id < three.id, 'ids follow the batch order')
      assert.deepEqual(twoAgain, { id: two.id, inserted: false })
      assert.equal(await store.hasArticle(broken.provenance.contentHash), false)
      assert.deepEqual(await store.stats(), { articles: 3, statements: 9, entities: 3 })
      assert.deepEqual(await store.getAnalysis(three.id), syntheticAnalysis(3))
      const sources = (await store.listArticles()).items.map((a) => a.source).sort()
      assert.deepEqual(sources, ['batch:1', 'batch:4', 'before'])
      assert.deepEqual(await store.putAnalyses([]), [])
    }, { seed: false }))

  it('should count articles, statements and distinct entity names', () =>
    withStore(makeStore, async ({ store }) => {
      // Shoukry, Egypt, Gaza and Cairo appear in two articles but count once.
      assert.deepEqual(await store.stats(), { articles: 3, statements: 9, entities: 12 })
    }))

  it('should refuse to work after close with a store error', async () => {
    const store = await makeStore()
    await store.close()
    await assert.rejects(store.stats(), (error: unknown) => error instanceof WhosaidError && error.code === 'E013')
    await store.close()
  })
}
