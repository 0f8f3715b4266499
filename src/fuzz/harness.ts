/**
 * Shared pieces of the fuzz suite: bounded fast-check parameters, the checks every case must pass
 * (only WhosaidErrors, a time limit, spans that point into the text) and the input generators
 * (random Unicode, real articles with news-text mutations).
 */
import assert from 'node:assert/strict'
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import fc from 'fast-check'
import { WhosaidError } from '../errors.js'
import { examplesDir } from '../ingest/fixtures.js'

/**
 * fast-check settings for one property: at most `numRuns` cases and `budgetMs` of wall time (the
 * run stops early, without failing, when the budget is spent), reproducible through FUZZ_SEED.
 */
export function bounded<T = unknown>(numRuns: number, budgetMs: number): fc.Parameters<T> {
  const seed = process.env['FUZZ_SEED'] === undefined ? undefined : Number(process.env['FUZZ_SEED'])
  const scale = Number(process.env['FUZZ_SCALE'] ?? 1)
  return {
    numRuns: Math.max(1, Math.round(numRuns * scale)),
    interruptAfterTimeLimit: budgetMs * scale,
    markInterruptAsFailure: false,
    ...(seed === undefined ? {} : { seed }),
  }
}

/**
 * Checks a property like fc.assert, and reports how many cases ran (a time budget may stop a run
 * early) as a test diagnostic.
 */
export async function fuzz<T>(t: { diagnostic(message: string): void }, property: fc.IProperty<T> | fc.IAsyncProperty<T>, parameters: fc.Parameters<T>): Promise<void> {
  const details = await fc.check(property as fc.IAsyncProperty<T>, parameters)
  t.diagnostic(`${details.numRuns} cases${details.interrupted ? ' (time budget reached)' : ''}`)
  if (details.failed) {
    const cause = details.errorInstance instanceof Error ? details.errorInstance.message : String(details.errorInstance)
    throw new assert.AssertionError({ message: `${fc.defaultReportMessage(details) ?? 'property failed'}\nFailure: ${cause}` })
  }
}

/** CPU time of this process in ms (all its threads; a fair clock on a machine shared with others). */
function cpuMs(): number {
  const usage = process.cpuUsage()
  return (usage.user + usage.system) / 1000
}

/** Wall time may exceed the CPU limit this many times over on a busy machine before it counts as a hang. */
const WALL_FACTOR = 10

function checkTime(label: string, maxMs: number, cpu: number, wall: number): void {
  assert.ok(cpu <= maxMs, `${label} took ${cpu.toFixed(0)} ms of CPU time (limit ${maxMs} ms)`)
  assert.ok(wall <= maxMs * WALL_FACTOR, `${label} took ${wall.toFixed(0)} ms (limit ${maxMs * WALL_FACTOR} ms of wall time)`)
}

function checkThrown(label: string, error: unknown): WhosaidError {
  if (error instanceof WhosaidError) return error
  throw new assert.AssertionError({ message: `${label} threw ${(error as Error)?.name}: ${(error as Error)?.message}\n${(error as Error)?.stack ?? ''}` })
}

/**
 * Runs `run` and fails when it throws anything but a WhosaidError (returned instead) or takes more
 * than `maxMs` of CPU time. Synchronous code cannot be stopped, so a true hang shows as the test's
 * own timeout instead.
 */
export function guarded<T>(label: string, maxMs: number, run: () => T): T | WhosaidError {
  const cpu = cpuMs()
  const wall = performance.now()
  let result: T | WhosaidError
  try {
    result = run()
  } catch (error) {
    result = checkThrown(label, error)
  }
  checkTime(label, maxMs, cpuMs() - cpu, performance.now() - wall)
  return result
}

export async function guardedAsync<T>(label: string, maxMs: number, run: () => Promise<T>): Promise<T | WhosaidError> {
  const cpu = cpuMs()
  const wall = performance.now()
  let result: T | WhosaidError
  try {
    result = await run()
  } catch (error) {
    result = checkThrown(label, error)
  }
  checkTime(label, maxMs, cpuMs() - cpu, performance.now() - wall)
  return result
}

/**
 * Every span in a record lies inside `text` and says what the text says there: any object with
 * numeric `start`/`end` is in bounds, and when it carries `text` that is `text.slice(start, end)`.
 */
export function assertSpans(record: unknown, text: string): void {
  const visit = (value: unknown, path: string): void => {
    if (Array.isArray(value)) {
      value.forEach((item, index) => visit(item, `${path}[${index}]`))
      return
    }
    if (typeof value !== 'object' || value === null) return
    const span = value as { start?: unknown; end?: unknown; text?: unknown }
    if (typeof span.start === 'number' && typeof span.end === 'number') {
      assert.ok(Number.isInteger(span.start) && Number.isInteger(span.end), `${path}: offsets must be integers`)
      assert.ok(span.start >= 0 && span.start <= span.end && span.end <= text.length, `${path}: [${span.start}, ${span.end}) outside a text of ${text.length}`)
      if (typeof span.text === 'string') assert.equal(span.text, text.slice(span.start, span.end), `${path}: span text differs from the article text`)
    }
    for (const [key, child] of Object.entries(value)) if (key !== 'article') visit(child, `${path}.${key}`)
  }
  visit(record, '$')
}

/** The bundled example articles (raw files, header block included). */
export const EXAMPLES: readonly string[] = readdirSync(examplesDir())
  .filter((name) => name.endsWith('.txt'))
  .sort()
  .map((name) => readFileSync(join(examplesDir(), name), 'utf8'))

/** What news text breaks on: quotes of every kind, commas, breaks, Arabic punctuation, bidi controls, NULs. */
export const NASTY = [
  '"', '“', '”', '„', '‘', '’', "'", '«', '»', '‹', '›', '`', ',', '.', ':', ';', '—', '-', '…', '\n', '\n\n', '\r\n', ' ',
  '،', '؛', '؟', 'ـ', '\u200E', '\u200F', '\u202A', '\u202B', '\u202C', '\u202D', '\u202E', '\u2066', '\u2067', '\u2068', '\u2069',
  '\u0000', '\u200B', '\u00AD', '\uFEFF', '\uD800', '\uDC00', '\t', '\u2028', ' said ', ' told ', ' according to ', 'Mr. ', 'Dr. ',
]

type Mutation = { kind: 'insert'; at: number; piece: string } | { kind: 'delete'; at: number; length: number } | { kind: 'duplicate'; at: number; length: number }

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  { weight: 5, arbitrary: fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), piece: fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...NASTY) }, { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 4 }) }) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('delete' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 40 }) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('duplicate' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 200 }) }) },
)

function applyMutation(text: string, m: Mutation): string {
  const at = text.length === 0 ? 0 : m.at % (text.length + 1)
  switch (m.kind) {
    case 'insert':
      return text.slice(0, at) + m.piece + text.slice(at)
    case 'delete':
      return text.slice(0, at) + text.slice(at + m.length)
    case 'duplicate':
      return text.slice(0, at + m.length) + text.slice(at, at + m.length) + text.slice(at + m.length)
  }
}

/**
 * A real article (raw file, or a slice of its paragraphs to keep cases quick) with up to
 * `maxMutations` insertions, deletions and duplications.
 */
export function mutatedArticle(maxMutations = 30, maxParagraphs = 8): fc.Arbitrary<string> {
  return fc
    .tuple(fc.nat({ max: EXAMPLES.length - 1 }), fc.nat(), fc.array(mutation, { maxLength: maxMutations }))
    .map(([index, from, mutations]) => {
      const paragraphs = EXAMPLES[index]!.split('\n\n')
      const start = from % paragraphs.length
      const base = paragraphs.slice(start, start + maxParagraphs).join('\n\n')
      return mutations.reduce(applyMutation, base)
    })
}

/** Random Unicode text: graphemes, lone surrogates and control characters included. */
export const unicodeText: fc.Arbitrary<string> = fc.oneof(
  fc.string({ unit: 'grapheme', maxLength: 300 }),
  fc.string({ unit: 'binary', maxLength: 300 }),
  fc.array(fc.constantFrom(...NASTY, 'The', 'minister', 'Obama', 'said', 'He', '"We will"', 'al-Sisi', 'U.S.'), { maxLength: 80 }).map((parts) => parts.join(' ')),
)
