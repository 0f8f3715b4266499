/**
 * The command implementations behind the CLI: each parses nothing itself and calls one library
 * function. They write results to stdout and problems to stderr, and return an exit code.
 */
import { join } from 'node:path'
import type { Analysis } from '../doc/schema.js'
import { WhosaidError } from '../errors.js'
import { defaultWorkers, ingestPaths, type IngestProblem } from '../corpus/ingest.js'
import { ingestProgress } from '../corpus/progress.js'
import { readInputs } from '../ingest/read.js'
import { inputTotals } from '../ingest/walk.js'
import { describeSource } from '../ingest/types.js'
import { analyzeArticle } from '../pipeline/analyze.js'
import { analyzeInput } from '../pipeline/analyze-input.js'
import { openStore } from '../store/open.js'
import { serve } from '../http/serve.js'
import { packageRoot } from '../util/package-root.js'
import { formatAnalyses, type OutputFormat } from './format.js'

export interface Io {
  stdout: NodeJS.WritableStream
  stderr: NodeJS.WritableStream
}

const processIo: Io = { stdout: process.stdout, stderr: process.stderr }

export async function runAnalyze(
  file: string,
  options: { format: OutputFormat; languageCheck: boolean; maxBytes?: number; claim?: string },
  io: Io = processIo,
): Promise<number> {
  const analyses: Analysis[] = []
  let failures = 0
  for await (const item of readInputs([file], { maxBytes: options.maxBytes })) {
    if (!item.ok) {
      failures++
      io.stderr.write(`whosaid: ${item.error.toLine()}\n`)
      continue
    }
    try {
      analyses.push(analyzeArticle(item.article, { requireEnglish: options.languageCheck, claim: options.claim }))
    } catch (error) {
      failures++
      if (!(error instanceof WhosaidError)) throw error
      io.stderr.write(`whosaid: ${error.code} ${error.message} (${describeSource(item.source)})\n`)
    }
  }
  if (analyses.length > 0) io.stdout.write(formatAnalyses(analyses, options.format))
  return analyses.length === 0 ? 1 : failures > 0 ? 3 : 0
}

export async function runIngest(
  paths: string[],
  options: { store: string; maxBytes?: number; languageCheck: boolean; progress?: boolean; workers?: number },
  io: Io = processIo,
): Promise<number> {
  const store = await openStore(options.store)
  const started = Date.now()
  const showBar = options.progress ?? (process.stderr.isTTY === true)
  const progress = ingestProgress({ stream: io.stderr, bar: showBar, totalBytes: (await inputTotals(paths))?.bytes ?? null })
  // Under a bar, problems wait for the end (at most MAX_HELD_PROBLEMS of them); in a log they are written as they come.
  const problems: IngestProblem[] = []
  let unheld = 0
  const onProblem = (problem: IngestProblem): void => {
    if (!showBar) io.stderr.write(`whosaid: ${problem.code} ${problem.message} (${problem.where})\n`)
    else if (problems.length < MAX_HELD_PROBLEMS) problems.push(problem)
    else unheld++
  }
  // On Ctrl-C or SIGTERM stop reading, finish and commit the articles in flight, and exit 130.
  // The handlers are once-only: a second Ctrl-C ends the process at once (committed articles stay whole).
  const abort = new AbortController()
  const onSignal = (): void => abort.abort()
  process.once('SIGINT', onSignal)
  process.once('SIGTERM', onSignal)
  try {
    const workers = options.workers ?? defaultWorkers()
    const counts = await ingestPaths(paths, store, {
      maxBytes: options.maxBytes,
      requireEnglish: options.languageCheck,
      signal: abort.signal,
      workers,
      onProgress: progress.update,
      onProblem,
    })
    progress.stop()
    for (const problem of problems) io.stderr.write(`whosaid: ${problem.code} ${problem.message} (${problem.where})\n`)
    if (unheld > 0) io.stderr.write(`whosaid: ... and ${unheld} more problems\n`)
    const seconds = (Date.now() - started) / 1000
    io.stderr.write(
      `whosaid: ${counts.read} read, ${counts.stored} stored, ${counts.skipped} already stored, ${counts.failed} failed in ${seconds.toFixed(1)} s` +
        ` (${Math.round(counts.words / Math.max(seconds, 0.001))} words/s, ${workers} worker${workers === 1 ? '' : 's'})${abort.signal.aborted ? ' (interrupted)' : ''}\n`,
    )
    return abort.signal.aborted ? 130 : counts.failed > 0 && counts.stored + counts.skipped === 0 ? 1 : 0
  } finally {
    progress.stop()
    process.off('SIGINT', onSignal)
    process.off('SIGTERM', onSignal)
    await store.close()
  }
}

/** Problems held back while a progress bar is drawn; past this only their number is reported. */
const MAX_HELD_PROBLEMS = 1000

export async function runSearch(
  query: string,
  options: { store: string; speaker?: string; entity?: string; since?: string; limit: number; offset: number; json: boolean },
  io: Io = processIo,
): Promise<number> {
  const store = await openStore(options.store)
  try {
    const result = await store.searchStatements({ text: query, speaker: options.speaker, entity: options.entity, since: options.since, limit: options.limit, offset: options.offset })
    if (options.json) {
      io.stdout.write(JSON.stringify(result, null, 2) + '\n')
      return 0
    }
    io.stdout.write(`${result.total} statement${result.total === 1 ? '' : 's'}${result.total > result.items.length ? ` (showing ${result.items.length} from ${options.offset + 1})` : ''}\n`)
    for (const hit of result.items) {
      io.stdout.write(`\n${hit.speakerName} [${hit.statement.cue.text}] — ${hit.headline ?? '(no headline)'}${hit.published ? `, ${hit.published.slice(0, 10)}` : ''} (article ${hit.articleId}, ${hit.statement.id})\n`)
      io.stdout.write(`  ${hit.snippet.replace(/\s+/g, ' ')}\n`)
    }
    return 0
  } finally {
    await store.close()
  }
}

export interface ServeCommandOptions {
  store: string
  host: string
  port: number
  token?: string
  /** Origins allowed to call the API from a browser (CORS); none by default. */
  cors?: string[]
  /** API requests per minute per client address; 0 turns the limit off; default the app's. */
  rateLimit?: number
}

export async function runServe(options: ServeCommandOptions, io: Io = processIo): Promise<number> {
  const store = await openStore(options.store)
  const rateLimit =
    options.rateLimit === undefined ? undefined : options.rateLimit === 0 ? false : { perMinute: options.rateLimit, burst: Math.max(10, Math.ceil(options.rateLimit / 4)) }
  const server = await serve({ store, analyze: analyzeInput, host: options.host, port: options.port, token: options.token, cors: options.cors, rateLimit })
  io.stderr.write(`whosaid: serving ${options.store} on ${server.url} (Ctrl-C to stop)\n`)
  await waitForSignal()
  await server.close()
  await store.close()
  return 0
}

/** `npm start`: analyse the bundled sample articles into whosaid.db, then serve them. */
export async function runDemo(options: ServeCommandOptions, io: Io = processIo): Promise<number> {
  const examples = join(packageRoot(), 'examples')
  io.stderr.write(`whosaid: analysing the sample articles in ${examples} into ${options.store}\n`)
  const code = await runIngest([examples], { store: options.store, languageCheck: true }, io)
  if (code !== 0) return code
  return runServe(options, io)
}

function waitForSignal(): Promise<void> {
  return new Promise((resolve) => {
    process.once('SIGINT', () => resolve())
    process.once('SIGTERM', () => resolve())
  })
}
