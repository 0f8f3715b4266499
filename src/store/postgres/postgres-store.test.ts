import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import pg from 'pg'
import { WhosaidError } from '../../errors.js'
import { buildAnalysis } from '../analysis-builder.js'
import { runStoreConformance } from '../conformance.js'
import { openStore } from '../open.js'
import { sampleAnalyses, syntheticAnalysis } from '../sample-analyses.js'
import { foldAccents } from './fold.js'
import { foldSpellings } from '../../lexicon/transliteration.js'
import { foldCaseAndAccents } from '../name-key.js'
import type { Analysis } from '../../doc/schema.js'
import { migrate, MIGRATIONS, schemaVersion } from './migrations.js'
import { PostgresStore } from './postgres-store.js'
import { markSnippet, splitTextQuery } from './search.js'
import { requirePostgres, ScratchSchemas, TEST_POSTGRES, withSchema } from './scratch.js'
import { parsePostgresUrl, redactPassword } from './url.js'

const schemas = new ScratchSchemas('pgstore')
before(() => requirePostgres())
after(() => schemas.dropAll())

const isCode = (code: string) => (error: unknown) => error instanceof WhosaidError && error.code === code

runStoreConformance(() => PostgresStore.open(schemas.next()), 'postgres')

/** A scratch pool on the test database, for looking under the store. */
async function withPool<T>(schema: string | null, run: (pool: pg.Pool) => Promise<T>): Promise<T> {
  const url = schema ? parsePostgresUrl(withSchema(TEST_POSTGRES, schema)).connectionString : TEST_POSTGRES
  const pool = new pg.Pool({ connectionString: url, max: 4 })
  try {
    return await run(pool)
  } finally {
    await pool.end()
  }
}

/**
 * A scratch schema at `version` holding `analysis`: the rows are written by today's code into one
 * schema, then copied column by column into a schema migrated only that far. Returns its URL.
 */
async function storedAtVersion(analysis: Analysis, version: number): Promise<string> {
  const current = schemas.next()
  const writer = await PostgresStore.open(current)
  await writer.putAnalysis(analysis, 'fixture')
  await writer.close()
  const oldUrl = schemas.next()
  const old = parsePostgresUrl(oldUrl).schema
  await withPool(old, async (pool) => {
    await migrate(pool, old, MIGRATIONS.slice(0, version))
    for (const table of ['articles', 'entities', 'entity_names', 'entity_roles', 'statements']) {
      const { rows } = await pool.query<{ column_name: string }>(
        `SELECT column_name FROM information_schema.columns WHERE table_schema = $1 AND table_name = $2 AND is_generated = 'NEVER' ORDER BY ordinal_position`,
        [old, table],
      )
      const columns = rows.map((row) => `"${row.column_name}"`).join(', ')
      // Schema names come from randomSchema(): safe to splice.
      await pool.query(`INSERT INTO ${old}.${table} (${columns}) OVERRIDING SYSTEM VALUE SELECT ${columns} FROM ${parsePostgresUrl(current).schema}.${table}`)
    }
    assert.equal(await schemaVersion(pool), version)
  })
  return oldUrl
}

/** Rewrites the name keys of `analysis`'s rows (the only article in the schema) as an older whosaid folded them. */
async function writeKeysFoldedBy(pool: pg.Pool, analysis: Analysis, fold: (name: string) => string): Promise<void> {
  await pool.query('DELETE FROM entity_names')
  for (const entity of analysis.entities) {
    const keys = new Set<string>()
    for (const [seq, name] of [entity.name, ...entity.aliases].entries()) {
      if (keys.has(fold(name))) continue
      keys.add(fold(name))
      await pool.query('INSERT INTO entity_names (article_id, entity_id, seq, name, name_key) SELECT id, $1, $2, $3, $4 FROM articles', [entity.id, seq, name, fold(name)])
    }
    await pool.query('UPDATE entities SET name_key = $1 WHERE local_id = $2', [fold(entity.name), entity.id])
  }
  for (const statement of analysis.statements) {
    await pool.query('UPDATE statements SET speaker_key = $1 WHERE local_id = $2', [fold(statement.speaker.name), statement.id])
  }
}

describe('postgres store', () => {
  it('should store each article once when two processes race on the same articles', async () => {
    const url = schemas.next()
    const [one, two] = await Promise.all([PostgresStore.open(url), PostgresStore.open(url)])
    try {
      const articles = Array.from({ length: 30 }, (_, i) => syntheticAnalysis(i))
      // One side in order, the other in reverse, all in flight at once.
      const [fromOne, fromTwo] = await Promise.all([
        Promise.all(articles.map((a) => one.putAnalysis(a, 'one'))),
        Promise.all([...articles].reverse().map((a) => two.putAnalysis(a, 'two'))).then((results) => results.reverse()),
      ])
      articles.forEach((_, i) => {
        assert.equal(fromOne[i]!.id, fromTwo[i]!.id, `article ${i}: both sides learn the same id`)
        assert.equal(Number(fromOne[i]!.inserted) + Number(fromTwo[i]!.inserted), 1, `article ${i}: inserted once`)
      })
      const statements = articles.reduce((sum, a) => sum + a.statements.length, 0)
      assert.deepEqual(await one.stats(), { articles: 30, statements, entities: 30 })
    } finally {
      await Promise.all([one.close(), two.close()])
    }
  })

  it('should migrate a new schema once when several stores open it together', async () => {
    const url = schemas.next()
    const stores = await Promise.all(Array.from({ length: 4 }, () => PostgresStore.open(url)))
    await Promise.all(stores.map((s) => s.close()))
    await withPool(stores[0]!.schema, async (pool) => {
      assert.equal(await schemaVersion(pool), MIGRATIONS.at(-1)!.version)
      const { rows } = await pool.query('SELECT version FROM schema_migrations ORDER BY version')
      assert.deepEqual(rows.map((r) => r.version), MIGRATIONS.map((m) => m.version))
      // The tables are in the schema the URL names.
      const tables = await pool.query(`SELECT table_name FROM information_schema.tables WHERE table_schema = $1 ORDER BY 1`, [stores[0]!.schema])
      assert.deepEqual(tables.rows.map((r) => r.table_name), ['articles', 'entities', 'entity_names', 'entity_roles', 'schema_migrations', 'statements'])
    })
  })

  it('should refuse a schema written by a newer whosaid', async () => {
    const url = schemas.next()
    const store = await PostgresStore.open(url)
    await store.close()
    await withPool(store.schema, (pool) => pool.query(`INSERT INTO schema_migrations (version, name) VALUES (999, 'future')`))
    await assert.rejects(PostgresStore.open(url), (error: unknown) => isCode('E013')(error) && /version 999/.test((error as Error).message))
  })

  it('should fill the columns added later for rows stored before them', async () => {
    const [sample] = sampleAnalyses()
    const withStance = structuredClone(sample!)
    Object.assign(withStance.statements[1]!, { stance: { label: 'against', score: 0.9 } })
    const oldUrl = await storedAtVersion(withStance, 1)
    const store = await PostgresStore.open(oldUrl)
    try {
      assert.equal((await store.searchStatements({ text: '', outlet: 'ahram' })).total, 3)
      const against = await store.searchStatements({ text: '', stance: 'AGAINST' })
      assert.equal(against.total, 1)
      assert.deepEqual((against.items[0]!.statement as { stance?: unknown }).stance, { label: 'against', score: 0.9 })
      assert.deepEqual((await store.facets()).outlets, [{ value: 'Ahram Online', count: 1 }])
    } finally {
      await store.close()
    }
  })

  it('should refold the name keys of a schema stored before transliteration folding', async () => {
    const [sample] = sampleAnalyses()
    const analysis = structuredClone(sample!)
    // Two stored spellings of one alias that now fold together ("Al Thani", "Al-Thani").
    const alThani = analysis.entities.find((entity) => entity.name === 'Mohammed bin Abdulrahman Al Thani')!
    alThani.aliases = ['Al Thani', 'Al-Thani']
    const oldUrl = await storedAtVersion(analysis, 2)
    const old = parsePostgresUrl(oldUrl).schema
    await withPool(old, async (pool) => {
      // The keys as versions 1 and 2 wrote them.
      await writeKeysFoldedBy(pool, analysis, foldCaseAndAccents)
      assert.equal((await pool.query("SELECT 1 FROM entity_names WHERE name_key LIKE '%thani'")).rowCount, 3)
    })
    const store = await PostgresStore.open(oldUrl)
    try {
      assert.deepEqual((await store.searchStatements({ text: '', speaker: 'Muhammad bin Abdulrahman al-Thani' })).items.map((hit) => hit.statement.id), ['S3'])
      assert.equal((await store.getEntity('Mohamed bin Abdulrahman Al-Thani'))?.name, 'Mohammed bin Abdulrahman Al Thani')
    } finally {
      await store.close()
    }
    await withPool(old, async (pool) => {
      const { rows } = await pool.query("SELECT name, name_key FROM entity_names WHERE name_key LIKE '%thani' ORDER BY seq")
      assert.deepEqual(rows, [
        { name: 'Mohammed bin Abdulrahman Al Thani', name_key: 'muhamad bin abdulrahman al thani' },
        { name: 'Al Thani', name_key: 'al thani' },
      ])
    })
  })

  it('should refold the name keys of a schema stored before vowel folding and index speaker names as written', async () => {
    const [, sample] = sampleAnalyses()
    const oldUrl = await storedAtVersion(sample!, 3)
    const old = parsePostgresUrl(oldUrl).schema
    await withPool(old, async (pool) => {
      await writeKeysFoldedBy(pool, sample!, foldSpellings)
      assert.equal((await pool.query("SELECT 1 FROM statements WHERE speaker_key = 'sameh shoukry'")).rowCount, 2)
    })
    const store = await PostgresStore.open(oldUrl)
    try {
      // Another outlet writes "Sameh Shukri".
      assert.deepEqual((await store.searchStatements({ text: '', speaker: 'Sameh Shukri' })).items.map((hit) => hit.statement.id).sort(), ['S2', 'S3'])
      // Free text still finds a speaker by the name as written, not by its folded key ("antunio").
      assert.deepEqual((await store.searchStatements({ text: 'Antonio' })).items.map((hit) => hit.statement.id), ['S1'])
    } finally {
      await store.close()
    }
  })

  it('should leave out of a batch an article PostgreSQL cannot hold, and store the rest', async () => {
    const store = await PostgresStore.open(schemas.next())
    try {
      const nul = syntheticAnalysis(2)
      nul.article.text = nul.article.text.replace('spoke', 'spoke\u0000')
      const outcomes = await store.putAnalyses([
        { analysis: syntheticAnalysis(1), source: 'a' },
        { analysis: nul, source: 'b' },
        { analysis: syntheticAnalysis(3), source: 'c' },
      ])
      assert.ok(outcomes[1] instanceof WhosaidError && outcomes[1].code === 'E010', String(outcomes[1]))
      assert.match((outcomes[1] as WhosaidError).message, /refuses/)
      assert.equal((await store.stats()).articles, 2)
      await assert.rejects(store.putAnalysis(nul, 'b'), isCode('E010'))
    } finally {
      await store.close()
    }
  })

  it('should roll back a failing migration and leave the version where it was', async () => {
    const url = schemas.next()
    const { schema } = parsePostgresUrl(url)
    const broken = [
      { version: 1, name: 'good', sql: 'CREATE TABLE a (x integer)' },
      { version: 2, name: 'bad', sql: 'CREATE TABLE b (y integer); THIS IS NOT SQL' },
    ]
    await withPool(schema, async (pool) => {
      await assert.rejects(migrate(pool, schema, broken))
      assert.equal(await schemaVersion(pool), 1)
      const tables = await pool.query(`SELECT table_name FROM information_schema.tables WHERE table_schema = $1 ORDER BY 1`, [schema])
      assert.deepEqual(tables.rows.map((r) => r.table_name), ['a', 'schema_migrations'])
    })
  })

  it('should keep what was stored across a reopen, and the full-text index with it', async () => {
    const url = schemas.next()
    const first = await PostgresStore.open(url)
    const [sample] = sampleAnalyses()
    const { id } = await first.putAnalysis(sample!, 'fixture')
    await first.close()
    const second = await openStore(url)
    try {
      assert.equal(second.kind, 'postgres')
      assert.deepEqual(await second.getAnalysis(id), sample)
      assert.deepEqual(await second.putAnalysis(sample!, 'fixture'), { id, inserted: false })
      const hits = await second.searchStatements({ text: 'Sinai' })
      assert.equal(hits.items[0]?.snippet, 'We will not accept any displacement of Palestinians into [Sinai]')
    } finally {
      await second.close()
    }
  })

  it('should find and mark accented words with or without their accents', async () => {
    const store = await PostgresStore.open(schemas.next())
    try {
      const text = 'The mayor of São Paulo, Ana Estevão, said the café on the Praça would reopen in June.'
      const analysis = buildAnalysis({
        article: { text, headline: 'Café to reopen', outlet: 'Folha' },
        entities: [{ type: 'PERSON', name: 'Ana Estevão' }, { type: 'GPE', name: 'São Paulo' }],
        statements: [{ kind: 'indirect', speaker: 'Ana Estevão', cue: 'said', content: 'the café on the Praça would reopen in June' }],
      })
      await store.putAnalysis(analysis, 'fixture')
      for (const query of ['cafe', 'café', 'CAFÉ', '"cafe on the praca"', 'estevao']) {
        assert.equal((await store.searchStatements({ text: query })).total, 1, query)
      }
      assert.equal((await store.searchStatements({ text: 'cafe' })).items[0]!.snippet, 'the [café] on the Praça would reopen in June')
      // Stop words inside a phrase match but are not marked (FTS5 marks the whole phrase).
      assert.equal((await store.searchStatements({ text: '"café on the Praça"' })).items[0]!.snippet, 'the [café] on the [Praça] would reopen in June')
      assert.equal((await store.searchStatements({ text: 'caf*' })).total, 1)
    } finally {
      await store.close()
    }
  })

  it('should report an unreachable server as a store error without echoing the password', async () => {
    await assert.rejects(openStore('postgres://reader:s3cret@127.0.0.1:1/news'), (error: unknown) => {
      assert.ok(isCode('E013')(error), String(error))
      assert.doesNotMatch(JSON.stringify((error as WhosaidError).toJSON()), /s3cret/)
      assert.doesNotMatch((error as Error).message, /s3cret/)
      assert.match((error as Error).message, /reader:\*\*\*@127\.0\.0\.1:1/)
      return true
    })
  })
})

describe('postgres store URLs', () => {
  it('should take the schema from the URL and hand the rest to pg', () => {
    const parsed = parsePostgresUrl('postgres://u:p@db.example:5433/news?schema=corpus_2024&sslmode=require')
    assert.equal(parsed.schema, 'corpus_2024')
    assert.equal(parsed.redacted, 'postgres://u:***@db.example:5433/news?schema=corpus_2024&sslmode=require')
    const url = new URL(parsed.connectionString)
    assert.equal(url.searchParams.get('schema'), null)
    assert.equal(url.searchParams.get('sslmode'), 'require')
    assert.equal(url.searchParams.get('options'), '-c search_path=corpus_2024')
    assert.equal(parsePostgresUrl('postgresql://localhost/news').schema, 'public')
  })

  it('should refuse a schema name that would need quoting', () => {
    for (const bad of ['Mixed', 'a-b', 'x;drop', '1abc', '']) {
      assert.throws(() => parsePostgresUrl(`postgres://localhost/news?schema=${encodeURIComponent(bad)}`), isCode('E010'), bad)
    }
  })

  it('should redact passwords in the authority and in the query', () => {
    assert.equal(redactPassword('postgres://u:p%40ss@h/db'), 'postgres://u:***@h/db')
    assert.equal(redactPassword('postgres://h/db?user=u&password=secret'), 'postgres://h/db?user=u&password=***')
    assert.equal(redactPassword('postgres://u@h/db'), 'postgres://u@h/db')
  })
})

describe('postgres full-text helpers', () => {
  it('should fold accents without changing lengths', () => {
    assert.equal(foldAccents('António Guterres'), 'Antonio Guterres')
    assert.equal(foldAccents('Ça, São, Łódź'), 'Ca, Sao, Łodz')
    const odd = 'ﬁnance 𝒜 e\u0301'
    assert.equal(foldAccents(odd).length, odd.length)
  })

  it('should split prefix terms from what websearch_to_tsquery reads', () => {
    assert.deepEqual(splitTextQuery('displace*'), { web: '', prefixes: ['displace'] })
    assert.deepEqual(splitTextQuery('"Rafah cross*" minist* -war'), { web: '"Rafah cross*" -war', prefixes: ['minist'] })
    assert.deepEqual(splitTextQuery('Antó*'), { web: '', prefixes: ['Anto'] })
    assert.deepEqual(splitTextQuery("don't* *"), { web: "don't* *", prefixes: [] })
  })

  it('should map ts_headline fragments back onto the original text like an FTS5 snippet', () => {
    const S = '\uE000'
    const E = '\uE001'
    const original = '"We will not accept any displacement," he said of Sinai.'
    assert.equal(markSnippet(`We will not ${S}accept${E} any displacement," he said of Sinai`, original, original), '"We will not [accept] any displacement," he said of Sinai.')
    assert.equal(markSnippet(`any ${S}displacement${E},"`, original, original), '…any [displacement],"…')
    assert.equal(markSnippet(`${S}Rafah${E} ${S}crossing${E} open`, 'the Rafah crossing open', 'the Rafah crossing open'), '…[Rafah crossing] open')
    const accented = 'the café reopened'
    assert.equal(markSnippet(`the ${S}cafe${E} reopened`, foldAccents(accented), accented), 'the [café] reopened')
    // Text that cannot be found falls back to the headline itself.
    assert.equal(markSnippet(`${S}x${E}`, 'abc', 'abc'), '[x]')
  })
})
