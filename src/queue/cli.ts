/**
 * The command line of the distributed path: `ingest --queue` (enqueue), `worker` and `status`.
 * Kept here rather than in cli/ so the queue is one folder; cli/main.ts registers these.
 * Exit codes as elsewhere: 0 success, 1 failure, 2 bad usage, 3 some inputs failed, 130 interrupted.
 */
import { Command, InvalidArgumentError, Option } from 'commander'
import { profileOption } from '../cli/profile.js'
import { WhosaidError } from '../errors.js'
import { redactPassword } from '../store/postgres/url.js'
import { DEFAULT_PREFIX, DEFAULT_QUEUE_NAME } from './connection.js'
import { enqueuePaths } from './enqueue.js'
import { DEFAULT_ATTEMPTS, DEFAULT_BACKOFF_MS } from './jobs.js'
import { DEFAULT_FAILURES_SHOWN, formatStatus, queueStatus } from './status.js'
import { DEFAULT_CONCURRENCY, DEFAULT_GRACE_MS, DEFAULT_LOCK_MS, DEFAULT_STALLED_INTERVAL_MS, runWorker } from './worker.js'

export interface Io {
  stdout: NodeJS.WritableStream
  stderr: NodeJS.WritableStream
}

const processIo: Io = { stdout: process.stdout, stderr: process.stderr }

function integer(name: string, min: number, max: number) {
  return (value: string): number => {
    const parsed = Number(value)
    if (!Number.isInteger(parsed) || parsed < min || parsed > max) throw new InvalidArgumentError(`${name} must be an integer from ${min} to ${max}`)
    return parsed
  }
}

export const queueUrlOption = (description: string) => new Option('--queue <url>', description).env('WHOSAID_QUEUE')
export const queueNameOption = () => new Option('--queue-name <name>', 'BullMQ queue name').default(DEFAULT_QUEUE_NAME)
export const prefixOption = () => new Option('--prefix <prefix>', 'prefix of the queue\'s Redis keys').default(DEFAULT_PREFIX)

/**
 * The options `whosaid ingest` gains for enqueueing (with queueNameOption and prefixOption); with
 * `--queue` it enqueues instead of analysing. No WHOSAID_QUEUE default for this one: a variable set
 * for the workers must not turn every ingest into an enqueue.
 */
export const ingestQueueOption = () =>
  new Option('--queue <url>', 'enqueue the articles on this Redis queue (redis://host:port) for `whosaid worker` instead of analysing them here')
export const attemptsOption = () =>
  new Option('--attempts <n>', 'with --queue: tries per article before it goes to the failed set').argParser(integer('--attempts', 1, 100)).default(DEFAULT_ATTEMPTS)
export const backoffOption = () =>
  new Option('--backoff <ms>', 'with --queue: wait before the first retry, doubled for each next one').argParser(integer('--backoff', 0, 3_600_000)).default(DEFAULT_BACKOFF_MS)

export interface EnqueueCliOptions {
  queue: string
  /** `--no-language-check` of `ingest`: carried in the jobs. */
  languageCheck: boolean
  queueName: string
  prefix: string
  attempts: number
  backoff: number
  maxBytes?: number
}

export async function runEnqueue(paths: string[], options: EnqueueCliOptions, io: Io = processIo): Promise<number> {
  const started = Date.now()
  const abort = new AbortController()
  const onSignal = (): void => abort.abort()
  process.once('SIGINT', onSignal)
  process.once('SIGTERM', onSignal)
  try {
    const counts = await enqueuePaths(paths, { url: options.queue, name: options.queueName, prefix: options.prefix }, {
      requireEnglish: options.languageCheck,
      attempts: options.attempts,
      backoffMs: options.backoff,
      maxBytes: options.maxBytes,
      signal: abort.signal,
      onProblem: (problem) => io.stderr.write(`whosaid: ${problem.code} ${problem.message} (${problem.where})\n`),
    })
    const seconds = (Date.now() - started) / 1000
    io.stderr.write(
      `whosaid: ${counts.read} read, ${counts.enqueued} enqueued, ${counts.duplicates} already queued, ${counts.failed} failed in ${seconds.toFixed(1)} s${abort.signal.aborted ? ' (interrupted)' : ''}\n`,
    )
    if (abort.signal.aborted) return 130
    if (counts.failed > 0) return counts.enqueued + counts.duplicates === 0 ? 1 : 3
    return 0
  } finally {
    process.off('SIGINT', onSignal)
    process.off('SIGTERM', onSignal)
  }
}

export interface WorkerCliOptions {
  queue?: string
  store: string
  queueName: string
  prefix: string
  concurrency: number
  lockDuration: number
  stalledInterval: number
  grace: number
  languageCheck: boolean
  verbose?: boolean
  jobDelay?: number
}

export async function runWorkerCommand(options: WorkerCliOptions, io: Io = processIo): Promise<number> {
  const queue = requireQueue(options.queue)
  const stop = new AbortController()
  const force = new AbortController()
  // A second signal stops at once; one that follows within a second is the same request delivered
  // twice (to the process and its group, as `timeout` and some supervisors do).
  let stoppedAt = 0
  const onSignal = (): void => {
    if (!stop.signal.aborted) {
      stoppedAt = Date.now()
      stop.abort()
    } else if (Date.now() - stoppedAt > 1000) {
      force.abort()
    }
  }
  process.on('SIGINT', onSignal)
  process.on('SIGTERM', onSignal)
  const log = (line: string): void => void io.stderr.write(`whosaid worker ${process.pid}: ${line}\n`)
  try {
    log(`taking jobs from ${options.prefix}:${options.queueName} into ${redactPassword(options.store)} (concurrency ${options.concurrency}; Ctrl-C to stop)`)
    const started = Date.now()
    const summary = await runWorker(
      { url: queue, name: options.queueName, prefix: options.prefix },
      {
        store: options.store,
        concurrency: options.concurrency,
        lockDurationMs: options.lockDuration,
        stalledIntervalMs: options.stalledInterval,
        graceMs: options.grace,
        requireEnglish: options.languageCheck,
        jobDelayMs: options.jobDelay,
        signal: stop.signal,
        force: force.signal,
        log,
        verbose: options.verbose === true,
      },
    )
    const seconds = (Date.now() - started) / 1000
    log(`stopped after ${seconds.toFixed(1)} s: ${summary.stored} stored, ${summary.skipped} already stored, ${summary.failures} failed attempts, ${summary.words} words`)
    return summary.abandoned ? 1 : 0
  } finally {
    process.off('SIGINT', onSignal)
    process.off('SIGTERM', onSignal)
  }
}

export async function runStatus(options: { queue?: string; queueName: string; prefix: string; failures: number; json: boolean }, io: Io = processIo): Promise<number> {
  const status = await queueStatus({ url: requireQueue(options.queue), name: options.queueName, prefix: options.prefix }, { failures: options.failures })
  io.stdout.write(options.json ? JSON.stringify(status, null, 2) + '\n' : formatStatus(status))
  return 0
}

function requireQueue(queue: string | undefined): string {
  if (!queue) throw new WhosaidError('E010', '--queue redis://host:port is required (or set WHOSAID_QUEUE)', '--queue')
  return queue
}

/** Adds `worker` and `status` to the program; `storeOption` is the program's own --store option. */
export function addQueueCommands(program: Command, setExitCode: (code: number) => void, storeOption: () => Option): void {
  program
    .command('worker')
    .description('take article jobs from a Redis queue (see ingest --queue), analyse them and store them; run as many as you like')
    .addOption(queueUrlOption('the Redis queue to take jobs from (redis://host:port)'))
    .addOption(storeOption())
    .addOption(queueNameOption())
    .addOption(prefixOption())
    .addOption(new Option('--concurrency <n>', 'jobs in flight at once in this process').argParser(integer('--concurrency', 1, 256)).default(DEFAULT_CONCURRENCY))
    .addOption(new Option('--lock-duration <ms>', 'a job whose worker is silent this long is given to another worker').argParser(integer('--lock-duration', 500, 3_600_000)).default(DEFAULT_LOCK_MS))
    .addOption(new Option('--stalled-interval <ms>', 'how often to look for such jobs').argParser(integer('--stalled-interval', 100, 3_600_000)).default(DEFAULT_STALLED_INTERVAL_MS))
    .addOption(new Option('--grace <ms>', 'on SIGINT/SIGTERM, how long to wait for the jobs in flight (a second signal stops at once)').argParser(integer('--grace', 0, 3_600_000)).default(DEFAULT_GRACE_MS))
    .option('--no-language-check', 'analyse even when a text is not detected as English')
    .option('--verbose', 'one line per job started and done')
    .addOption(profileOption())
    .addOption(new Option('--job-delay <ms>', 'testing: wait this long in each job before analysing').argParser(integer('--job-delay', 0, 600_000)).hideHelp())
    .action(async (options: WorkerCliOptions) => {
      setExitCode(await runWorkerCommand(options))
    })

  program
    .command('status')
    .description('job counts of a Redis queue (waiting, active, completed, failed, delayed) and its latest failures')
    .addOption(queueUrlOption('the Redis queue (redis://host:port)'))
    .addOption(queueNameOption())
    .addOption(prefixOption())
    .addOption(new Option('--failures <n>', 'latest failures to show').argParser(integer('--failures', 0, 1000)).default(DEFAULT_FAILURES_SHOWN))
    .option('--json', 'print JSON')
    .action(async (options: { queue?: string; queueName: string; prefix: string; failures: number; json?: boolean }) => {
      setExitCode(await runStatus({ ...options, json: options.json === true }))
    })
}
