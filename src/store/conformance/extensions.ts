/**
 * Conformance for the optional parts of the Store interface (search filters listed in
 * `searchFilters`, hit context and match spans, entity paging, timeline and co-speakers, facets).
 * A case whose feature the backend does not offer is skipped, so a backend can adopt them one by one.
 */
import assert from 'node:assert/strict'
import type { TestContext } from 'node:test'
import type { Analysis } from '../../doc/schema.js'
import { WhosaidError } from '../../errors.js'
import type { ExtraSearchFilter, SearchQuery, Store } from '../store.js'
import { it } from './case.js'
import { withStore, type Seeded } from './seed.js'

async function search({ store, ids }: Seeded, query: SearchQuery): Promise<{ total: number; hits: string[] }> {
  const { total, items } = await store.searchStatements(query)
  return { total, hits: items.map((hit) => `${ids.indexOf(hit.articleId)}:${hit.statement.id}`) }
}

/** Skips the case unless the store applies `filter`; true when it does. */
function applies(t: TestContext, store: Store, filter: ExtraSearchFilter): boolean {
  if (store.searchFilters?.includes(filter)) return true
  t.skip(`${store.kind} does not filter by ${filter}`)
  return false
}

/** The first sample again under a new identity, with stances on its first two statements. */
function withStances(sample: Analysis): Analysis {
  const copy = structuredClone(sample)
  copy.article.headline = 'Stance copy'
  copy.provenance.contentHash = 'stance-copy-hash'
  Object.assign(copy.statements[0]!, { stance: { label: 'favor', score: 0.8 } })
  Object.assign(copy.statements[1]!, { stance: { label: 'against', score: 0.6 } })
  return copy
}

export function extensionCases(makeStore: () => Promise<Store>): void {
  it('should filter by an end date that includes the whole day', (t) =>
    withStore(makeStore, async (seeded) => {
      if (!applies(t, seeded.store, 'until')) return
      assert.deepEqual((await search(seeded, { text: '', until: '2024-03-05' })).hits, ['0:S1', '0:S2', '0:S3'])
      assert.equal((await search(seeded, { text: '', until: '2024-03-07' })).total, 7)
      assert.equal((await search(seeded, { text: '', until: '2024-03-07T12:00:00Z' })).total, 3)
      assert.deepEqual((await search(seeded, { text: '', since: '2024-03-06', until: '2024-03-07' })).hits, ['1:S1', '1:S2', '1:S3', '1:S4'])
      await assert.rejects(seeded.store.searchStatements({ text: '', until: 'yesterday' }), (e: unknown) => e instanceof WhosaidError && e.code === 'E010')
    }))

  it('should filter by outlet, case- and accent-insensitively, wildcards as text', (t) =>
    withStore(makeStore, async (seeded) => {
      if (!applies(t, seeded.store, 'outlet')) return
      assert.equal((await search(seeded, { text: '', outlet: 'reuters' })).total, 4)
      assert.equal((await search(seeded, { text: '', outlet: 'AHRAM' })).total, 3)
      assert.deepEqual((await search(seeded, { text: 'ceasefire', outlet: 'national' })).hits, ['2:S1'])
      for (const value of ['%', '_', "' OR 1=1 --"]) assert.equal((await search(seeded, { text: '', outlet: value })).total, 0, value)
    }))

  it('should filter by stance label and carry the stance in hits', (t) =>
    withStore(makeStore, async (seeded) => {
      if (!applies(t, seeded.store, 'stance')) return
      const { store, samples } = seeded
      const copy = withStances(samples[0]!)
      const { id } = await store.putAnalysis(copy, 'fixture')
      assert.deepEqual(await store.getAnalysis(id), copy)
      const against = await store.searchStatements({ text: '', stance: 'AGAINST' })
      assert.equal(against.total, 1)
      assert.equal(against.items[0]!.articleId, id)
      assert.deepEqual(against.items[0]!.statement, copy.statements[1])
      assert.equal((await store.searchStatements({ text: 'ceasefire', stance: 'favor' })).total, 1)
      assert.equal((await store.searchStatements({ text: '', stance: 'neutral' })).total, 0)
      // Statements without a stance come back without the field.
      const plain = await store.searchStatements({ text: 'Sinai' })
      assert.equal('stance' in plain.items.find((hit) => hit.articleId !== id)!.statement, false)
    }))

  it('should give hits their sentence as context and the matches as spans', (t) =>
    withStore(makeStore, async ({ store, samples }) => {
      const { items } = await store.searchStatements({ text: 'Sinai' })
      const hit = items[0]!
      if (hit.context === undefined || hit.matches === undefined) return t.skip(`${store.kind} gives no context`)
      const text = samples[0]!.article.text
      assert.equal(hit.context.text, '"We will not accept any displacement of Palestinians into Sinai," Shoukry told reporters in Cairo.')
      assert.equal(text.slice(hit.context.start, hit.context.end), hit.context.text)
      assert.deepEqual(hit.matches.map((m) => text.slice(m.start, m.end)), ['Sinai'])
      const prefix = (await store.searchStatements({ text: 'displace*' })).items[0]!
      assert.deepEqual(prefix.matches!.map((m) => text.slice(m.start, m.end)), ['displacement'])
      const browsing = await store.searchStatements({ text: '', limit: 200 })
      for (const item of browsing.items) {
        const context = item.context!
        assert.ok(context.start <= item.statement.content.start && context.end >= item.statement.content.end, item.statement.id)
        assert.deepEqual(item.matches ?? [], [])
      }
    }))

  it('should page the statements of an entity and count them all', (t) =>
    withStore(makeStore, async ({ store, ids }) => {
      const page = await store.getEntity('Shoukry', { limit: 2, offset: 1 })
      if (page?.statementTotal === undefined) return t.skip(`${store.kind} does not page entity statements`)
      assert.equal(page.statementTotal, 4)
      assert.deepEqual(
        page.statements.map((hit) => `${ids.indexOf(hit.articleId)}:${hit.statement.id}`),
        ['1:S3', '0:S1'],
      )
      assert.equal((await store.getEntity('Shoukry'))!.statements.length, 4)
    }))

  it('should count the statements of an entity per month', (t) =>
    withStore(makeStore, async ({ store }) => {
      const profile = await store.getEntity('Sameh Shoukry')
      if (profile?.timeline === undefined) return t.skip(`${store.kind} gives no timeline`)
      assert.deepEqual(profile.timeline, [{ month: '2024-03', statements: 4 }])
      assert.deepEqual((await store.getEntity('Cairo'))!.timeline, [])
    }))

  it('should list who else is quoted in the articles that mention an entity', (t) =>
    withStore(makeStore, async ({ store }) => {
      const shoukry = await store.getEntity('shoukry')
      if (shoukry?.coSpeakers === undefined) return t.skip(`${store.kind} gives no co-speakers`)
      assert.deepEqual(shoukry.coSpeakers, [
        { name: 'António Guterres', anonymous: false, articles: 1, statements: 1 },
        { name: 'Mohammed bin Abdulrahman Al Thani', anonymous: false, articles: 1, statements: 1 },
        { name: 'Officials familiar with the talks', anonymous: true, articles: 1, statements: 1 },
      ])
      const cairo = await store.getEntity('Cairo')
      assert.deepEqual(cairo!.coSpeakers![0], { name: 'Sameh Shoukry', anonymous: false, articles: 2, statements: 4 })
      assert.equal(cairo!.coSpeakers!.length, 4)
    }))

  it('should count outlets, named speakers and stances as facets', (t) =>
    withStore(makeStore, async ({ store, samples }) => {
      if (!store.facets) return t.skip(`${store.kind} gives no facets`)
      const facets = await store.facets()
      assert.deepEqual(facets.outlets, [
        { value: 'Ahram Online', count: 1 },
        { value: 'Reuters', count: 1 },
        { value: 'The National', count: 1 },
      ])
      assert.deepEqual(facets.speakers, [
        { value: 'Sameh Shoukry', count: 4 },
        { value: 'Reem Al Hashimy', count: 2 },
        { value: 'António Guterres', count: 1 },
        { value: 'Mohammed bin Abdulrahman Al Thani', count: 1 },
      ])
      assert.deepEqual(facets.stances, [])
      await store.putAnalysis(withStances(samples[0]!), 'fixture')
      const after = await store.facets({ limit: 1 })
      assert.deepEqual(after.outlets, [{ value: 'Ahram Online', count: 2 }])
      assert.equal(after.speakers.length, 1)
      assert.equal(after.stances.length, 1)
      assert.deepEqual((await store.facets()).stances.map((s) => s.value).sort(), ['against', 'favor'])
    }))
}
