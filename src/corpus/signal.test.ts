/**
 * `whosaid ingest --workers 2` stopped with SIGINT or SIGTERM: it stops reading, finishes and
 * commits the articles in flight, prints its summary and exits 130; the store holds exactly what
 * the summary says it stored.
 */
import assert from 'node:assert/strict'
import { spawn } from 'node:child_process'
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, describe, it } from 'node:test'
import Database from 'better-sqlite3'
import { examplesDir } from '../ingest/fixtures.js'
import { parseTextPage } from '../ingest/text.js'
import { packageRoot } from '../util/package-root.js'

const bin = join(packageRoot(), 'bin', 'whosaid.js')
const dir = mkdtempSync(join(tmpdir(), 'whosaid-signal-'))
after(() => rmSync(dir, { recursive: true, force: true }))

function writeCorpus(path: string, count: number): void {
  const samples = readdirSync(examplesDir())
    .filter((name) => name.endsWith('.txt'))
    .sort()
    .map((name) => parseTextPage(readFileSync(join(examplesDir(), name), 'utf8'), { name }))
  const lines = Array.from({ length: count }, (_, i) => {
    const sample = samples[i % samples.length]!
    return JSON.stringify({ title: `${sample.headline} (${i})`, text: sample.text })
  })
  writeFileSync(path, lines.join('\n') + '\n')
}

function stored(db: string): number {
  try {
    const handle = new Database(db, { readonly: true, fileMustExist: true })
    try {
      return handle.prepare('SELECT count(*) FROM articles').pluck().get() as number
    } finally {
      handle.close()
    }
  } catch {
    return 0
  }
}

describe('whosaid ingest on SIGINT and SIGTERM', () => {
  const corpus = join(dir, 'corpus.jsonl')
  writeCorpus(corpus, 2000)

  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    it(`should drain, commit, summarise and exit 130 on ${signal}`, { timeout: 300_000 }, async () => {
      const db = join(dir, `${signal}.db`)
      const child = spawn(process.execPath, [bin, 'ingest', corpus, '--store', db, '--workers', '2', '--no-progress'], { cwd: dir, stdio: ['ignore', 'ignore', 'pipe'] })
      let stderr = ''
      child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
      const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })))
      const deadline = Date.now() + 240_000
      while (stored(db) < 50 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50))
      const signalled = Date.now()
      child.kill(signal)
      const ended = await exited
      assert.equal(ended.code, 130, stderr)
      assert.ok(Date.now() - signalled < 60_000, 'it drained and stopped promptly')
      const summary = /(\d+) read, (\d+) stored, (\d+) already stored, (\d+) failed in .* \(interrupted\)/.exec(stderr)
      assert.ok(summary, stderr)
      const count = stored(db)
      assert.equal(Number(summary[2]), count, 'everything analysed was committed, and reported')
      assert.ok(count >= 50 && count < 2000, `${count} stored`)
    })
  }
})
