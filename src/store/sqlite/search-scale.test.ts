/**
 * Search on a big store (100,000 statements): the answers must be exactly right at scale, with every
 * filter. Timing is measured by src/http/bench-search.ts, not asserted here.
 */
import assert from 'node:assert/strict'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, describe, it } from 'node:test'
import { WhosaidError } from '../../errors.js'
import { SqliteStore } from './sqlite-store.js'
import { PLANTED, seedSqlite, SYNTHETIC_OUTLETS, type CorpusTallies } from './synthetic-corpus.js'

const ARTICLES = 10_000
const PER_ARTICLE = 10

const dir = mkdtempSync(join(tmpdir(), 'whosaid-scale-'))
let store: SqliteStore
let tallies: CorpusTallies

before(() => {
  const path = join(dir, 'big.db')
  tallies = seedSqlite(path, { articles: ARTICLES, statementsPerArticle: PER_ARTICLE })
  store = SqliteStore.open(path)
})
after(async () => {
  await store?.close()
  rmSync(dir, { recursive: true, force: true })
})

const mostQuoted = () => [...tallies.bySpeaker].sort((a, b) => b[1] - a[1])[0]!

describe('search on 100,000 statements', () => {
  it('should hold every statement', async () => {
    assert.equal(tallies.statements, ARTICLES * PER_ARTICLE)
    const stats = await store.stats()
    assert.equal(stats.statements, 100_000)
    assert.equal(stats.articles, ARTICLES)
  })

  it('should find exactly the statements holding a rare word, with its spans', async () => {
    const { total, items } = await store.searchStatements({ text: PLANTED, limit: 200 })
    assert.equal(total, tallies.planted)
    assert.equal(items.length, Math.min(200, tallies.planted))
    for (const hit of items) {
      assert.match(hit.statement.content.text, new RegExp(`\\b${PLANTED}\\b`))
      assert.deepEqual(hit.matches!.map((m) => m.end - m.start), hit.matches!.map(() => PLANTED.length))
      assert.ok(hit.context!.text.includes(hit.statement.content.text))
    }
  })

  it('should page a common word without overlap, best match first', async () => {
    const first = await store.searchStatements({ text: 'talks', limit: 50 })
    const second = await store.searchStatements({ text: 'talks', limit: 50, offset: 50 })
    assert.ok(first.total > 1000, `${first.total}`)
    assert.equal(second.total, first.total)
    const ids = (page: typeof first) => page.items.map((hit) => `${hit.articleId}:${hit.statement.id}`)
    assert.equal(new Set([...ids(first), ...ids(second)]).size, 100)
    assert.deepEqual((await store.searchStatements({ text: 'talks', offset: first.total })).items, [])
  })

  it('should count a speaker, an outlet, a stance and a date range exactly', async () => {
    const [speaker, count] = mostQuoted()
    assert.equal((await store.searchStatements({ text: '', speaker })).total, count)
    assert.equal((await store.searchStatements({ text: '', outlet: SYNTHETIC_OUTLETS[1]! })).total, tallies.byOutlet.get(SYNTHETIC_OUTLETS[1]!))
    assert.equal((await store.searchStatements({ text: '', stance: 'against' })).total, tallies.byStance.get('against'))
    assert.equal((await store.searchStatements({ text: '', since: '2019-01-01', until: '2019-12-31' })).total, tallies.byYear.get('2019'))
    assert.equal(
      (await store.searchStatements({ text: '', outlet: SYNTHETIC_OUTLETS[0]!, since: '2019-01-01', until: '2019-12-31' })).total,
      tallies.outlet0In2019,
    )
  })

  it('should combine full text with filters', async () => {
    const [speaker] = mostQuoted()
    const all = await store.searchStatements({ text: 'ceasefire', speaker, limit: 200 })
    for (const hit of all.items) assert.equal(hit.speakerName, speaker)
    const withEntity = await store.searchStatements({ text: 'ceasefire', entity: 'Rafah' })
    assert.ok(withEntity.total > 0 && withEntity.total < (await store.searchStatements({ text: 'ceasefire' })).total)
  })

  it('should profile a speaker: paged statements, timeline and co-speakers', async () => {
    const [speaker, count] = mostQuoted()
    const profile = await store.getEntity(speaker, { limit: 20 })
    assert.ok(profile)
    assert.equal(profile.statementTotal, count)
    assert.equal(profile.statements.length, 20)
    assert.equal(profile.timeline!.reduce((sum, m) => sum + m.statements, 0), count)
    assert.ok(profile.coSpeakers!.length > 0 && profile.coSpeakers!.length <= 50)
    const dates = profile.statements.map((hit) => hit.published!)
    assert.deepEqual(dates, [...dates].sort().reverse(), 'newest first')
  })

  it('should give facets that match the tallies', async () => {
    const facets = await store.facets({ limit: 5 })
    const [speaker, count] = mostQuoted()
    assert.deepEqual(facets.speakers[0], { value: speaker, count })
    assert.equal(facets.outlets.length, 5)
    assert.deepEqual(new Set(facets.stances.map((s) => s.value)), new Set(['favor', 'against', 'neutral']))
  })

  it('should still reject bad full-text syntax as E012', async () => {
    await assert.rejects(store.searchStatements({ text: '"unbalanced' }), (e: unknown) => e instanceof WhosaidError && e.code === 'E012')
  })
})
