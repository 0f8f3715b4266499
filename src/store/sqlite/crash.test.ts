import assert from 'node:assert/strict'
import { spawn } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, describe, it } from 'node:test'
import { fileURLToPath } from 'node:url'
import type { Analysis } from '../../doc/schema.js'
import { syntheticAnalysis } from '../sample-analyses.js'
import { openDatabase } from './database.js'
import { SqliteStore } from './sqlite-store.js'

const dir = mkdtempSync(join(tmpdir(), 'whosaid-crash-'))
after(() => rmSync(dir, { recursive: true, force: true }))

/** Commits to wait for before the kill: enough that the file holds real data. */
const COMMITS_BEFORE_KILL = 200

/** Runs ingest-child.js on `path`, SIGKILLs it after COMMITS_BEFORE_KILL commits; resolves the last number it reported. */
function ingestThenKill(path: string): Promise<number> {
  const script = fileURLToPath(new URL('./ingest-child.js', import.meta.url))
  const child = spawn(process.execPath, [script, path], { stdio: ['ignore', 'pipe', 'pipe'] })
  return new Promise((resolve, reject) => {
    let last = -1
    let buffered = ''
    let stderr = ''
    const timer = setTimeout(() => child.kill('SIGKILL'), 20_000)
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
    child.stdout.on('data', (chunk: Buffer) => {
      buffered += chunk.toString()
      const lines = buffered.split('\n')
      buffered = lines.pop()!
      for (const line of lines) last = Number(line)
      // Killed between two writes, or in the middle of one: either way no clean shutdown.
      if (last + 1 >= COMMITS_BEFORE_KILL) child.kill('SIGKILL')
    })
    child.on('error', reject)
    child.on('exit', (_code, signal) => {
      clearTimeout(timer)
      if (signal !== 'SIGKILL') reject(new Error(`ingest child ended without being killed: ${stderr}`))
      else resolve(last)
    })
  })
}

describe('sqlite store after a crash', () => {
  it('should survive a writer killed mid-ingest with every article whole', async () => {
    const path = join(dir, 'crash.db')
    const lastReported = await ingestThenKill(path)
    assert.ok(lastReported + 1 >= COMMITS_BEFORE_KILL)

    const db = openDatabase(path)
    let stored: Array<{ id: number; analysis: string }>
    try {
      assert.equal(db.pragma('integrity_check', { simple: true }), 'ok')
      db.exec(`INSERT INTO statements_fts (statements_fts, rank) VALUES ('integrity-check', 1)`)
      stored = db.prepare('SELECT id, analysis FROM articles ORDER BY id').all() as typeof stored
      const countRows = (table: string) => db.prepare(`SELECT count(*) FROM ${table} WHERE article_id = ?`).pluck()
      const statementRows = countRows('statements')
      const entityRows = countRows('entities')
      // Everything the child reported is there, and maybe the one it committed but had no time to report.
      assert.ok(stored.length === lastReported + 1 || stored.length === lastReported + 2, `${stored.length} vs ${lastReported}`)
      for (const { id, analysis } of stored) {
        const parsed = JSON.parse(analysis) as Analysis
        assert.equal(statementRows.get(id), parsed.statements.length, `statements of article ${id}`)
        assert.equal(entityRows.get(id), parsed.entities.length, `entities of article ${id}`)
      }
    } finally {
      db.close()
    }

    const store = SqliteStore.open(path)
    try {
      const attempted = lastReported + 10
      let inserted = 0
      for (let i = 0; i <= attempted; i++) if ((await store.putAnalysis(syntheticAnalysis(i), 'retry')).inserted) inserted++
      assert.equal(inserted, attempted + 1 - stored.length)
      assert.equal((await store.stats()).articles, attempted + 1)
    } finally {
      await store.close()
    }
  })
})
