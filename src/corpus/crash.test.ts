/**
 * Crash test of the parallel ingest: `whosaid ingest --workers 2` killed with SIGKILL at random
 * moments, five times over a 1000-article corpus. After each kill the store must pass SQLite's
 * integrity check and hold only whole articles; a last run must complete the corpus without
 * duplicates.
 */
import assert from 'node:assert/strict'
import { spawn, spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, it } from 'node:test'
import Database from 'better-sqlite3'
import { countStoredArticles, writeSampleCorpus } from '../testing/sample-corpus.js'
import { packageRoot } from '../util/package-root.js'
import { mulberry32 } from '../backbone/features/hash.js'

const ARTICLES = 1000
const KILLS = 5
const bin = join(packageRoot(), 'bin', 'whosaid.js')
const dir = mkdtempSync(join(tmpdir(), 'whosaid-crash-'))
after(() => rmSync(dir, { recursive: true, force: true }))

/**
 * Starts an ingest and SIGKILLs it at a random moment: `delayMs` after it has stored `target`
 * articles (so the kill lands among the commits, whatever the machine's speed), or `delayMs` after
 * the start when `target` is 0; resolves how it ended.
 */
async function ingestThenKill(corpus: string, db: string, target: number, delayMs: number): Promise<{ killed: boolean; code: number | null }> {
  const child = spawn(process.execPath, [bin, 'ingest', corpus, '--store', db, '--workers', '2', '--no-progress'], { cwd: dir, stdio: 'ignore' })
  const ended = new Promise<{ killed: boolean; code: number | null }>((resolve, reject) => {
    child.on('error', reject)
    child.on('exit', (code, signal) => resolve({ killed: signal === 'SIGKILL', code }))
  })
  let running = true
  void ended.then(() => (running = false))
  const deadline = Date.now() + 120_000
  while (running && target > 0 && countStoredArticles(db) < target && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 25))
  await new Promise((resolve) => setTimeout(resolve, delayMs))
  child.kill('SIGKILL')
  return ended
}

/** Integrity, whole articles, no duplicates; the number of articles stored. */
function checkStore(db: string): number {
  const handle = new Database(db, { fileMustExist: true })
  try {
    assert.equal(handle.pragma('integrity_check', { simple: true }), 'ok')
    // Killed before the schema was created (in one transaction): an empty file.
    if (handle.prepare(`SELECT count(*) FROM sqlite_master WHERE name = 'articles'`).pluck().get() === 0) return 0
    handle.exec(`INSERT INTO statements_fts (statements_fts, rank) VALUES ('integrity-check', 1)`)
    const rows = (table: string) => handle.prepare(`SELECT count(*) FROM ${table} WHERE article_id = ?`).pluck()
    const statements = rows('statements')
    const entities = rows('entities')
    const roles = rows('entity_roles')
    const stored = handle.prepare('SELECT id, analysis FROM articles').all() as Array<{ id: number; analysis: string }>
    for (const { id, analysis } of stored) {
      const parsed = JSON.parse(analysis) as { statements: unknown[]; entities: Array<{ roles: unknown[] }> }
      assert.equal(statements.get(id), parsed.statements.length, `statements of article ${id}`)
      assert.equal(entities.get(id), parsed.entities.length, `entities of article ${id}`)
      assert.equal(roles.get(id), parsed.entities.reduce((sum, entity) => sum + entity.roles.length, 0), `roles of article ${id}`)
    }
    const duplicates = handle.prepare('SELECT count(*) - count(DISTINCT content_hash) FROM articles').pluck().get()
    assert.equal(duplicates, 0)
    return stored.length
  } finally {
    handle.close()
  }
}

it(`should keep the store whole through ${KILLS} SIGKILLs of a 2-worker ingest, then complete the corpus`, { timeout: 600_000 }, async (t) => {
  const corpus = join(dir, 'corpus.jsonl')
  const db = join(dir, 'crash.db')
  writeSampleCorpus(corpus, ARTICLES)
  const seed = Number(process.env['CRASH_SEED'] ?? Date.now() % 100_000)
  const next = mulberry32(seed)
  t.diagnostic(`seed ${seed} (CRASH_SEED=${seed} repeats this run)`)
  let stored = 0
  for (let kill = 0; kill < KILLS; kill++) {
    // The first kill lands anywhere in the start-up (workers loading, schema created); the others
    // at a random point among the commits of the next ~200 articles.
    const target = kill === 0 ? 0 : stored + 1 + Math.floor(next() * 200)
    const delay = Math.round(kill === 0 ? 100 + next() * 2000 : next() * 300)
    const run = await ingestThenKill(corpus, db, target, delay)
    let count = 0
    try {
      count = checkStore(db)
    } catch (error) {
      // Killed before the store file was created: nothing to check.
      if (!(error as { code?: string }).code?.startsWith('SQLITE_CANTOPEN')) throw error
    }
    assert.ok(count >= stored, 'committed articles stay committed')
    t.diagnostic(`kill ${kill + 1} (${target ? `${delay} ms after ${target} articles` : `${delay} ms after the start`}): ${count} articles stored${run.killed ? '' : ` (the run had ended, code ${run.code})`}`)
    stored = count
  }
  const final = spawnSync(process.execPath, [bin, 'ingest', corpus, '--store', db, '--workers', '2', '--no-progress'], { cwd: dir, encoding: 'utf8', timeout: 480_000 })
  assert.equal(final.status, 0, final.stderr)
  assert.match(final.stderr, new RegExp(`${ARTICLES} read, ${ARTICLES - stored} stored, ${stored} already stored, 0 failed`))
  assert.equal(checkStore(db), ARTICLES)
})
