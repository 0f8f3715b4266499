import assert from 'node:assert/strict'
import { spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, test } from 'node:test'
import { packageRoot } from '../util/package-root.js'

const root = packageRoot()
const bin = join(root, 'bin', 'whosaid.js')
const scratch = mkdtempSync(join(tmpdir(), 'whosaid-cli-'))
after(() => rmSync(scratch, { recursive: true, force: true }))

function whosaid(args: string[], input?: string) {
  const result = spawnSync(process.execPath, [bin, ...args], { cwd: scratch, input, encoding: 'utf8', timeout: 60_000 })
  return { code: result.status, stdout: result.stdout, stderr: result.stderr }
}

const SAMPLE = join(root, 'examples', 'wikinews', 'GUM_news_asylum.txt')

test('should print a whosaid/1 JSON record for a sample article', () => {
  const { code, stdout } = whosaid(['analyze', SAMPLE, '--format', 'json'])
  assert.equal(code, 0)
  const record = JSON.parse(stdout)
  assert.equal(record.schema, 'whosaid/1')
  assert.equal(record.article.outlet, 'Wikinews')
  const rathke = record.statements.find((statement: { speaker: { name: string } }) => statement.speaker.name === 'Jeff Rathke')
  assert.ok(rathke, 'a statement by Jeff Rathke')
  assert.equal(record.article.text.slice(rathke.content.start, rathke.content.end), rathke.content.text)
})

test('should read standard input and print csv with one row per statement', () => {
  const text = 'Officials said the border would reopen on Monday.\n\n"We are ready," said Ali Hassan, a spokesman for the ministry.'
  const { code, stdout } = whosaid(['analyze', '-', '--format', 'csv'], text)
  assert.equal(code, 0)
  const lines = stdout.trim().split('\n')
  assert.equal(lines[0], 'article,headline,statement,kind,speaker,speaker_entity,speaker_name,anonymous,cue,content,content_start,content_end')
  assert.equal(lines.length, 3)
  assert.match(lines[1]!, /,S1,indirect,Officials,,Officials,true,said,the border would reopen on Monday,/)
  // PolNeAR conventions: the speaker keeps its apposition, the content its quotation marks (CSV-escaped).
  assert.match(lines[2]!, /,S2,direct,"Ali Hassan, a spokesman for the ministry",E\d+,Ali Hassan,false,said,"""We are ready,""",/)
})

test('should print a readable table', () => {
  const { code, stdout } = whosaid(['analyze', SAMPLE, '--format', 'table'])
  assert.equal(code, 0)
  assert.match(stdout, /^Over 900 asylum seekers rescued off Indonesian coast\n/)
  assert.match(stdout, /Statements \(\d+\)/)
})

test('should exit 2 with a one-line message on bad usage', () => {
  const unknownFormat = whosaid(['analyze', SAMPLE, '--format', 'xml'])
  assert.equal(unknownFormat.code, 2)
  assert.match(unknownFormat.stderr, /argument 'xml' is invalid/)
  const missing = whosaid(['analyze'])
  assert.equal(missing.code, 2)
  assert.equal(whosaid(['frobnicate']).code, 2)
})

test('should show help for every command and exit 0', () => {
  for (const command of ['analyze', 'ingest', 'search', 'serve', 'demo']) {
    const { code, stdout } = whosaid([command, '--help'])
    assert.equal(code, 0)
    assert.match(stdout, new RegExp(`Usage: whosaid ${command}`))
  }
})

test('should name the input and fail on empty, binary and non-English files', () => {
  const empty = join(scratch, 'empty.txt')
  writeFileSync(empty, '')
  const binary = join(scratch, 'photo.txt')
  writeFileSync(binary, Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0x0d, 0, 1, 2, 3]))
  const german = join(scratch, 'german.txt')
  writeFileSync(german, 'Die Bundesregierung hat am Dienstag beschlossen, die Grenzkontrollen zu verlängern, wie ein Sprecher des Innenministeriums in Berlin mitteilte.')
  for (const [file, code] of [[empty, 'E001'], [binary, 'E002'], [german, 'E009']] as const) {
    const result = whosaid(['analyze', file])
    assert.equal(result.code, 1)
    assert.match(result.stderr, new RegExp(`${code} .*${file.split('/').pop()}`))
  }
})
