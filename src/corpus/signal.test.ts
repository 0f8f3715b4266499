/**
 * `whosaid ingest --workers 2` stopped with SIGINT or SIGTERM: it stops reading, finishes and
 * commits the articles in flight, prints its summary and exits 130; the store holds exactly what
 * the summary says it stored.
 */
import assert from 'node:assert/strict'
import { spawn } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, describe, it } from 'node:test'
import { countStoredArticles, writeSampleCorpus } from '../testing/sample-corpus.js'
import { packageRoot } from '../util/package-root.js'

const bin = join(packageRoot(), 'bin', 'whosaid.js')
const dir = mkdtempSync(join(tmpdir(), 'whosaid-signal-'))
after(() => rmSync(dir, { recursive: true, force: true }))

describe('whosaid ingest on SIGINT and SIGTERM', () => {
  const corpus = join(dir, 'corpus.jsonl')
  writeSampleCorpus(corpus, 2000)

  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    it(`should drain, commit, summarise and exit 130 on ${signal}`, { timeout: 300_000 }, async () => {
      const db = join(dir, `${signal}.db`)
      const child = spawn(process.execPath, [bin, 'ingest', corpus, '--store', db, '--workers', '2', '--no-progress'], { cwd: dir, stdio: ['ignore', 'ignore', 'pipe'] })
      let stderr = ''
      child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
      const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })))
      const deadline = Date.now() + 240_000
      while (countStoredArticles(db) < 50 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50))
      const signalled = Date.now()
      child.kill(signal)
      const ended = await exited
      assert.equal(ended.code, 130, stderr)
      assert.ok(Date.now() - signalled < 60_000, 'it drained and stopped promptly')
      const summary = /(\d+) read, (\d+) stored, (\d+) already stored, (\d+) failed in .* \(interrupted\)/.exec(stderr)
      assert.ok(summary, stderr)
      const count = countStoredArticles(db)
      assert.equal(Number(summary[2]), count, 'everything analysed was committed, and reported')
      assert.ok(count >= 50 && count < 2000, `${count} stored`)
    })
  }
})
