import assert from 'node:assert/strict'
import { spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, test } from 'node:test'
import { loadStanceModel } from '../stance/index.js'
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

test('should analyse without the parser under --profile fast and name the model in the record', () => {
  const attributionStage = (record: { provenance: { pipeline: Array<{ name: string; version: string }> } }) =>
    record.provenance.pipeline.find((stage) => stage.name === 'whosaid.attribute.model')
  const fast = whosaid(['analyze', SAMPLE, '--profile', 'fast'])
  assert.equal(fast.code, 0, fast.stderr)
  const record = JSON.parse(fast.stdout)
  assert.equal(attributionStage(record)?.version, '1.0.0-fast')
  const rathke = record.statements.find((statement: { speaker: { name: string } }) => statement.speaker.name === 'Jeff Rathke')
  assert.ok(rathke, 'the fast model also finds the statement by Jeff Rathke')
  assert.equal(attributionStage(JSON.parse(whosaid(['analyze', SAMPLE]).stdout))?.version, '1.0.0')
  const bad = whosaid(['analyze', SAMPLE, '--profile', 'quick'])
  assert.equal(bad.code, 2)
  assert.match(bad.stderr, /Allowed choices are accurate, fast/)
  const fromEnv = spawnSync(process.execPath, [bin, 'analyze', SAMPLE], { cwd: scratch, encoding: 'utf8', timeout: 60_000, env: { ...process.env, WHOSAID_PROFILE: 'quick' } })
  assert.equal(fromEnv.status, 2)
  assert.match(fromEnv.stderr, /the profile "quick" \(from WHOSAID_PROFILE\) is none of accurate, fast/)
})

test('should read standard input and print csv with one row per statement', () => {
  const text = 'Officials said the border would reopen on Monday.\n\n"We are ready," said Ali Hassan, a spokesman for the ministry.'
  const { code, stdout } = whosaid(['analyze', '-', '--format', 'csv'], text)
  assert.equal(code, 0)
  const lines = stdout.trim().split('\n')
  assert.equal(lines[0], 'article,headline,statement,kind,speaker,speaker_entity,speaker_name,anonymous,cue,content,content_start,content_end,stance,stance_score')
  assert.equal(lines.length, 3)
  assert.match(lines[1]!, /,S1,indirect,Officials,,Officials,true,said,the border would reopen on Monday,/)
  // PolNeAR conventions: the speaker keeps its apposition, the content its quotation marks (CSV-escaped).
  assert.match(lines[2]!, /,S2,direct,"Ali Hassan, a spokesman for the ministry",E\d+,Ali Hassan,false,said,"""We are ready,""",/)
  // No headline and no --claim: nothing to weigh the statements against, so the stance cells stay empty.
  for (const line of lines.slice(1)) assert.match(line, /,\d+,\d+,,$/)
})

test('should weigh every statement against the --claim and say so in the record', async () => {
  const text = 'Officials said the border would reopen on Monday.\n\n"We are ready to reopen the border," said Ali Hassan, a spokesman for the ministry.'
  const claim = 'The border will reopen on Monday'
  const { code, stdout } = whosaid(['analyze', '-', '--format', 'json', '--claim', `  ${claim} `], text)
  assert.equal(code, 0)
  const record = JSON.parse(stdout)
  assert.deepEqual(record.centralClaim, { text: claim, source: 'request' })
  assert.equal(record.statements.length, 2)
  const model = loadStanceModel()
  for (const statement of record.statements) {
    // The stance is the model's for exactly the content span the record carries.
    assert.equal(text.slice(statement.content.start, statement.content.end), statement.content.text)
    assert.match(statement.content.text, statement.id === 'S1' ? /the border would reopen on Monday/ : /We are ready to reopen the border/)
    const expected = model.predict(claim, statement.content.text)
    assert.equal(statement.stance.label, expected.label)
    assert.ok(Math.abs(statement.stance.score - expected.scores[expected.label]) < 1e-4)
  }
  assert.equal(record.sources.length, 2)
  assert.deepEqual(record.sources.map((s: { statements: string[] }) => s.statements), [['S1'], ['S2']])
})

test('should refuse an empty or over-long --claim as bad usage', () => {
  for (const claim of ['   ', 'x'.repeat(1001)]) {
    const result = whosaid(['analyze', SAMPLE, '--claim', claim])
    assert.equal(result.code, 2)
    assert.match(result.stderr, /--claim <text>.*invalid.*the claim (is empty|is 1001 characters long)/)
  }
})

test('should print a readable table', () => {
  const { code, stdout } = whosaid(['analyze', SAMPLE, '--format', 'table'])
  assert.equal(code, 0)
  assert.match(stdout, /^Over 900 asylum seekers rescued off Indonesian coast\n/)
  assert.match(stdout, /Statements \(\d+\)/)
  assert.match(stdout, /\nCentral claim \(headline\): Over 900 asylum seekers rescued off Indonesian coast\n/)
  assert.match(stdout, /\n {2}S1 {3}\w+ +.+\[.+\] {2}stance: (agree|disagree|discuss|unrelated) [01]\.\d\d\n/)
  for (const section of ['Sources', 'Outlet claims', 'Relations']) assert.match(stdout, new RegExp(`\\n${section} \\(\\d+\\)\\n`))
  assert.match(stdout, /\n {2}Aceh located in Indonesia {2}"Aceh, Indonesia"\n/)
  assert.match(stdout, /\nBalance\n {2}sources: \d+ named · \d+ anonymous · \d+ unresolved; \d+ statements\n/)
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
