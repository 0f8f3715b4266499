import assert from 'node:assert/strict'
import { spawn, spawnSync } from 'node:child_process'
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, test } from 'node:test'
import Database from 'better-sqlite3'
import { parseTextPage } from '../ingest/text.js'
import { packageRoot } from '../util/package-root.js'

const root = packageRoot()
const bin = join(root, 'bin', 'whosaid.js')
const scratch = mkdtempSync(join(tmpdir(), 'whosaid-ingest-'))
after(() => rmSync(scratch, { recursive: true, force: true }))

function whosaid(args: string[]) {
  const result = spawnSync(process.execPath, [bin, ...args], { cwd: scratch, encoding: 'utf8', timeout: 600_000 })
  return { code: result.status, stdout: result.stdout, stderr: result.stderr }
}

/** A JSONL corpus of `count` distinct real articles: the samples, each numbered so its hash differs. */
function writeCorpus(path: string, count: number, badLineAt?: number): void {
  const folder = join(root, 'examples', 'wikinews')
  const samples = readdirSync(folder).filter((name) => name.endsWith('.txt')).sort()
    .map((name) => parseTextPage(readFileSync(join(folder, name), 'utf8'), { name }))
  const lines: string[] = []
  for (let i = 0; i < count; i++) {
    if (i === badLineAt) lines.push('{"title": "broken", "text": ')
    const sample = samples[i % samples.length]!
    lines.push(JSON.stringify({ title: `${sample.headline} (${i})`, text: sample.text, date: sample.published, outlet: sample.outlet }))
  }
  writeFileSync(path, lines.join('\n') + '\n')
}

function countArticles(db: string): number {
  const handle = new Database(db, { readonly: true, fileMustExist: true })
  try {
    return handle.prepare('SELECT count(*) FROM articles').pluck().get() as number
  } finally {
    handle.close()
  }
}

test('should analyse in the worker threads with the model of --profile fast and store which one it was', () => {
  const corpus = join(scratch, 'profile.jsonl')
  const db = join(scratch, 'profile.db')
  writeCorpus(corpus, 6)
  const run = whosaid(['ingest', corpus, '--store', db, '--workers', '2', '--profile', 'fast', '--no-progress'])
  assert.equal(run.code, 0, run.stderr)
  const handle = new Database(db, { readonly: true, fileMustExist: true })
  try {
    const analyses = (handle.prepare('SELECT analysis FROM articles').pluck().all() as string[]).map((json) => JSON.parse(json))
    assert.equal(analyses.length, 6)
    for (const analysis of analyses) {
      const stage = analysis.provenance.pipeline.find((entry: { name: string }) => entry.name === 'whosaid.attribute.model')
      assert.equal(stage.version, '1.0.0-fast')
    }
    assert.ok(analyses.some((analysis) => analysis.statements.length > 0), 'the fast model finds statements')
  } finally {
    handle.close()
  }
})

test('should ingest a folder, skip it when re-ingested, and find statements by search', () => {
  const db = join(scratch, 'folder.db')
  const first = whosaid(['ingest', join(root, 'examples'), '--store', db])
  assert.equal(first.code, 0, first.stderr)
  assert.match(first.stderr, /43 read, 43 stored, 0 already stored, 0 failed/)
  const second = whosaid(['ingest', join(root, 'examples'), '--store', db])
  assert.match(second.stderr, /43 read, 0 stored, 43 already stored, 0 failed/)
  const search = whosaid(['search', 'asylum', '--store', db, '--json'])
  assert.equal(search.code, 0)
  const result = JSON.parse(search.stdout)
  assert.ok(result.total >= 1)
  assert.ok(result.items.every((hit: { statement: { content: { text: string } } }) => /asylum/i.test(hit.statement.content.text)))
  const bySpeaker = JSON.parse(whosaid(['search', '', '--speaker', 'Rathke', '--store', db, '--json']).stdout)
  assert.ok(bySpeaker.total >= 1)
  assert.ok(bySpeaker.items.every((hit: { speakerName: string }) => hit.speakerName === 'Jeff Rathke'))
})

test('should report a bad JSONL line with its line number and store the rest', () => {
  const corpus = join(scratch, 'bad-line.jsonl')
  writeCorpus(corpus, 5, 2)
  const db = join(scratch, 'bad-line.db')
  const result = whosaid(['ingest', corpus, '--store', db])
  assert.equal(result.code, 0)
  assert.match(result.stderr, /E005 .*bad-line\.jsonl:3/)
  assert.match(result.stderr, /6 read, 5 stored, 0 already stored, 1 failed/)
  assert.equal(countArticles(db), 5)
})

test('should leave every committed article whole when the ingest is killed with SIGKILL, and resume', async () => {
  const corpus = join(scratch, 'big.jsonl')
  const total = 240
  writeCorpus(corpus, total)
  const db = join(scratch, 'killed.db')
  const child = spawn(process.execPath, [bin, 'ingest', corpus, '--store', db, '--no-progress'], { cwd: scratch, stdio: 'ignore' })
  const deadline = Date.now() + 300_000
  let seen = 0
  while (Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 50))
    try {
      seen = countArticles(db)
    } catch {
      continue // not created yet
    }
    if (seen >= 40) break
  }
  child.kill('SIGKILL')
  await new Promise((resolve) => child.once('exit', resolve))
  assert.ok(seen >= 40, 'the ingest stored articles before it was killed')

  const handle = new Database(db)
  try {
    assert.equal(handle.pragma('integrity_check', { simple: true }), 'ok')
    const stored = handle.prepare('SELECT id, analysis FROM articles').all() as Array<{ id: number; analysis: string }>
    assert.ok(stored.length < total, 'killed before the end')
    const statementRows = handle.prepare('SELECT count(*) FROM statements WHERE article_id = ?').pluck()
    for (const row of stored) assert.equal(statementRows.get(row.id), JSON.parse(row.analysis).statements.length)
  } finally {
    handle.close()
  }

  const resumed = whosaid(['ingest', corpus, '--store', db])
  assert.equal(resumed.code, 0, resumed.stderr)
  assert.equal(countArticles(db), total)
  assert.match(resumed.stderr, new RegExp(`${total} read, \\d+ stored, \\d+ already stored, 0 failed`))
})
