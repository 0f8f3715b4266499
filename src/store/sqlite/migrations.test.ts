import assert from 'node:assert/strict'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, describe, it } from 'node:test'
import type Database from 'better-sqlite3'
import type { Analysis } from '../../doc/schema.js'
import { WhosaidError } from '../../errors.js'
import { foldSpellings } from '../../lexicon/transliteration.js'
import { foldCaseAndAccents } from '../name-key.js'
import { sampleAnalyses } from '../sample-analyses.js'
import { openDatabase } from './database.js'
import { migrate, MIGRATIONS, schemaVersion } from './migrations.js'
import { SqliteStore } from './sqlite-store.js'
import { insertAnalysis } from './write.js'

const dir = mkdtempSync(join(tmpdir(), 'whosaid-migrations-'))
after(() => rmSync(dir, { recursive: true, force: true }))

const isStoreError = (error: unknown) => error instanceof WhosaidError && error.code === 'E013'

describe('sqlite migrations', () => {
  it('should bring a new database to the latest version, once', () => {
    const db = openDatabase(':memory:')
    try {
      assert.equal(schemaVersion(db), MIGRATIONS.at(-1)!.version)
      assert.deepEqual(migrate(db), { from: MIGRATIONS.at(-1)!.version, to: MIGRATIONS.at(-1)!.version })
      assert.equal(db.prepare('SELECT count(*) FROM schema_migrations').pluck().get(), MIGRATIONS.length)
    } finally {
      db.close()
    }
  })

  it('should upgrade an older database and index what it already held', async () => {
    const path = join(dir, 'old.db')
    const old = openDatabase(path, MIGRATIONS.slice(0, 1))
    const [sample] = sampleAnalyses()
    writeAtOldVersion(old, sample!)
    assert.equal(schemaVersion(old), 1)
    old.close()

    const store = SqliteStore.open(path)
    try {
      const hits = await store.searchStatements({ text: 'Sinai' })
      assert.equal(hits.total, 1)
      assert.equal(hits.items[0]!.snippet, 'We will not accept any displacement of Palestinians into [Sinai]')
    } finally {
      await store.close()
    }
  })

  it('should fill the columns added later for rows stored before them', async () => {
    const path = join(dir, 'v1-outlet.db')
    const old = openDatabase(path, MIGRATIONS.slice(0, 1))
    const [sample] = sampleAnalyses()
    const withStance = structuredClone(sample!)
    Object.assign(withStance.statements[1]!, { stance: { label: 'against', score: 0.9 } })
    writeAtOldVersion(old, withStance)
    old.close()
    const store = SqliteStore.open(path)
    try {
      assert.equal((await store.searchStatements({ text: '', outlet: 'ahram' })).total, 3)
      const against = await store.searchStatements({ text: '', stance: 'AGAINST' })
      assert.equal(against.total, 1)
      assert.deepEqual((against.items[0]!.statement as { stance?: unknown }).stance, { label: 'against', score: 0.9 })
    } finally {
      await store.close()
    }
  })

  it('should refold the name keys of a database stored before transliteration folding', async () => {
    const path = join(dir, 'v3-keys.db')
    const old = openDatabase(path, MIGRATIONS.slice(0, 3))
    const [sample] = sampleAnalyses()
    const analysis = structuredClone(sample!)
    // Two stored spellings of one alias that now fold together ("Al Thani", "Al-Thani").
    const alThani = analysis.entities.find((entity) => entity.name === 'Mohammed bin Abdulrahman Al Thani')!
    alThani.aliases = ['Al Thani', 'Al-Thani']
    writeAtOldVersion(old, analysis)
    writeLegacyKeys(old, analysis, foldCaseAndAccents)
    assert.equal(old.prepare("SELECT count(*) FROM entity_names WHERE name_key LIKE '%thani'").pluck().get(), 3)
    old.close()

    const store = SqliteStore.open(path)
    try {
      assert.deepEqual((await store.searchStatements({ text: '', speaker: 'Muhammad bin Abdulrahman al-Thani' })).items.map((hit) => hit.statement.id), ['S3'])
      assert.equal((await store.getEntity('Mohamed bin Abdulrahman Al-Thani'))?.name, 'Mohammed bin Abdulrahman Al Thani')
    } finally {
      await store.close()
    }
    const db = openDatabase(path)
    try {
      const names = db.prepare("SELECT name, name_key FROM entity_names WHERE name_key LIKE '%thani' ORDER BY seq").all()
      assert.deepEqual(names, [
        { name: 'Mohammed bin Abdulrahman Al Thani', name_key: 'muhamad bin abdulrahman al thani' },
        { name: 'Al Thani', name_key: 'al thani' },
      ])
    } finally {
      db.close()
    }
  })

  it('should refold the name keys of a database stored before vowel folding', async () => {
    const path = join(dir, 'v4-keys.db')
    const old = openDatabase(path, MIGRATIONS.slice(0, 4))
    const analyses = sampleAnalyses()
    writeAtOldVersion(old, ...analyses)
    for (const analysis of analyses) writeLegacyKeys(old, analysis, foldSpellings)
    assert.equal(old.prepare("SELECT count(*) FROM statements WHERE speaker_key = 'sameh shoukry'").pluck().get(), 4)
    old.close()

    const store = SqliteStore.open(path)
    try {
      // Other outlets write "Sameh Shukri" and "Reem Al Hashimi".
      assert.deepEqual((await store.searchStatements({ text: '', speaker: 'Sameh Shukri' })).total, 4)
      assert.equal((await store.getEntity('Reem Al Hashimi'))?.name, 'Reem Al Hashimy')
    } finally {
      await store.close()
    }
  })

  it('should refuse a database written by a newer whosaid', () => {
    const path = join(dir, 'newer.db')
    const db = openDatabase(path)
    db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)').run(999, 'future', 'now')
    db.close()
    assert.throws(() => SqliteStore.open(path), (error: unknown) => isStoreError(error) && /version 999/.test((error as Error).message))
  })

  it('should roll back a failing migration and leave the version where it was', () => {
    const db = openDatabase(':memory:', [])
    try {
      const broken = [
        { version: 1, name: 'good', sql: 'CREATE TABLE a (x INTEGER)' },
        { version: 2, name: 'bad', sql: 'CREATE TABLE b (y INTEGER); THIS IS NOT SQL' },
      ]
      assert.throws(() => migrate(db, broken))
      assert.equal(schemaVersion(db), 1)
      const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").pluck().all()
      assert.deepEqual(tables, ['a', 'schema_migrations'])
    } finally {
      db.close()
    }
  })

  it('should report a file that is not a database as a store error', () => {
    const path = join(dir, 'not-a.db')
    writeFileSync(path, 'this is plain text, not SQLite '.repeat(100))
    assert.throws(() => SqliteStore.open(path), isStoreError)
    assert.throws(() => SqliteStore.open(join(dir, 'missing-folder', 'x.db')), isStoreError)
  })
})

/**
 * Writes `analyses` into a database at an older schema version: the rows are written by today's
 * code into a scratch database, then copied over column by column as far as the old schema has them.
 */
function writeAtOldVersion(old: Database.Database, ...analyses: Analysis[]): void {
  const scratch = join(dir, `scratch-${Math.random().toString(36).slice(2)}.db`)
  const current = openDatabase(scratch)
  current.transaction(() => {
    for (const analysis of analyses) insertAnalysis(current, analysis, 'fixture', '2024-03-05T00:00:00Z')
  })()
  current.close()
  old.prepare('ATTACH DATABASE ? AS scratch').run(scratch)
  try {
    old.transaction(() => {
      for (const table of ['articles', 'entities', 'entity_names', 'entity_roles', 'statements']) {
        const columns = (old.prepare(`PRAGMA main.table_info(${table})`).all() as Array<{ name: string }>).map((c) => `"${c.name}"`).join(', ')
        old.exec(`INSERT INTO main.${table} (${columns}) SELECT ${columns} FROM scratch.${table}`)
      }
    })()
  } finally {
    old.exec('DETACH DATABASE scratch')
  }
}

/** Rewrites the name keys of `analysis`'s rows as an older whosaid stored them, folded by `fold`. */
function writeLegacyKeys(db: Database.Database, analysis: Analysis, fold: (name: string) => string): void {
  db.transaction(() => {
    const id = db.prepare('SELECT id FROM articles WHERE content_hash = ?').pluck().get(analysis.provenance.contentHash) as number
    db.prepare('DELETE FROM entity_names WHERE article_id = ?').run(id)
    const insert = db.prepare('INSERT INTO entity_names (article_id, entity_id, seq, name, name_key) VALUES (?, ?, ?, ?, ?)')
    for (const entity of analysis.entities) {
      const keys = new Set<string>()
      ;[entity.name, ...entity.aliases].forEach((name, seq) => {
        if (keys.has(fold(name))) return
        keys.add(fold(name))
        insert.run(id, entity.id, seq, name, fold(name))
      })
      db.prepare('UPDATE entities SET name_key = ? WHERE article_id = ? AND local_id = ?').run(fold(entity.name), id, entity.id)
    }
    for (const statement of analysis.statements) {
      db.prepare('UPDATE statements SET speaker_key = ? WHERE article_id = ? AND local_id = ?').run(fold(statement.speaker.name), id, statement.id)
    }
  })()
}
