/**
 * The distributed path for real: Redis, PostgreSQL and `node bin/whosaid.js` processes (build first).
 * Two workers drain a queue of the sample articles while one of them is SIGKILLed mid-job; the job
 * it held is taken over once its lock expires, every article ends up stored exactly once, and an
 * article that makes analysis throw ends in the failed set after its attempts, with its reason.
 */
import assert from 'node:assert/strict'
import { spawn, type ChildProcess } from 'node:child_process'
import { copyFileSync, mkdtempSync, rmSync, writeFileSync, appendFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, describe, it } from 'node:test'
import { contentHash } from '../doc/serialize.js'
import { readInputs } from '../ingest/read.js'
import { PostgresStore } from '../store/postgres/postgres-store.js'
import { requirePostgres, ScratchSchemas } from '../store/postgres/scratch.js'
import { packageRoot } from '../util/package-root.js'
import { enqueuePaths } from './enqueue.js'
import { deleteKeys, randomPrefix, requireRedis, TEST_REDIS } from './scratch.js'
import { queueStatus, type QueueStatus } from './status.js'

const root = packageRoot()
const bin = join(root, 'bin', 'whosaid.js')
const examples = join(root, 'examples', 'wikinews')
const scratch = mkdtempSync(join(tmpdir(), 'whosaid-queue-'))
const prefix = randomPrefix('dist')
const schemas = new ScratchSchemas('queue')
const store = schemas.next()
const queue = ['--queue', TEST_REDIS, '--prefix', prefix]
/**
 * Short locks, so a killed worker's job is taken over within a few seconds; not so short that a
 * busy machine (two workers analysing on two cores) misses a lock renewal.
 */
const fastRecovery = ['--lock-duration', '4000', '--stalled-interval', '1000']
const children = new Set<ChildProcess>()

before(async () => {
  await requireRedis()
  await requirePostgres()
})
after(async () => {
  for (const child of children) child.kill('SIGKILL')
  rmSync(scratch, { recursive: true, force: true })
  await deleteKeys(prefix)
  await schemas.dropAll()
})

/** A running `whosaid` process whose stderr lines can be waited for. */
class Whosaid {
  readonly process: ChildProcess
  readonly lines: string[] = []
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>
  private readonly waiters = new Set<() => void>()

  constructor(args: string[]) {
    this.process = spawn(process.execPath, [bin, ...args], { cwd: scratch, stdio: ['ignore', 'pipe', 'pipe'] })
    children.add(this.process)
    let buffered = ''
    let stdout = ''
    this.process.stdout!.on('data', (chunk: Buffer) => (stdout += chunk.toString()))
    this.process.stderr!.on('data', (chunk: Buffer) => {
      buffered += chunk.toString()
      const lines = buffered.split('\n')
      buffered = lines.pop()!
      this.lines.push(...lines)
      for (const wake of this.waiters) wake()
    })
    this.exited = new Promise((resolve) =>
      this.process.on('exit', (code, signal) => {
        children.delete(this.process)
        this.stdout = () => stdout
        resolve({ code, signal })
      }),
    )
  }

  stdout: () => string = () => ''

  /** The first stderr line from index `from` on matching `pattern` (seen or still to come), within `ms`. */
  waitFor(pattern: RegExp, ms = 15_000, from = 0): Promise<RegExpMatchArray> {
    return new Promise((resolve, reject) => {
      const check = (): boolean => {
        for (const line of this.lines.slice(from)) {
          const match = pattern.exec(line)
          if (match) {
            this.waiters.delete(wake)
            clearTimeout(timer)
            resolve(match)
            return true
          }
        }
        return false
      }
      const wake = (): void => void check()
      const timer = setTimeout(() => {
        this.waiters.delete(wake)
        reject(new Error(`no line matching ${pattern} within ${ms} ms; stderr:\n${this.lines.join('\n')}`))
      }, ms)
      if (!check()) this.waiters.add(wake)
    })
  }
}

/** Runs a `whosaid` command to its end (bounded). */
async function whosaid(args: string[], ms = 20_000): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const run = new Whosaid(args)
  const timer = setTimeout(() => run.process.kill('SIGKILL'), ms)
  const { code } = await run.exited
  clearTimeout(timer)
  return { code, stdout: run.stdout(), stderr: run.lines.join('\n') }
}

/** Polls the queue until `done` holds for its counts (bounded). */
async function waitForQueue(done: (status: QueueStatus) => boolean, ms = 30_000): Promise<QueueStatus> {
  const deadline = Date.now() + ms
  let status = await queueStatus({ url: TEST_REDIS, prefix })
  while (!done(status)) {
    if (Date.now() > deadline) assert.fail(`queue not done within ${ms} ms: ${JSON.stringify({ counts: status.counts, failures: status.failures })}`)
    await new Promise((resolve) => setTimeout(resolve, 250))
    status = await queueStatus({ url: TEST_REDIS, prefix })
  }
  return status
}

async function hashesOf(path: string): Promise<string[]> {
  const hashes: string[] = []
  for await (const item of readInputs([path])) if (item.ok) hashes.push(contentHash(item.article))
  return hashes
}

const FRENCH = `Le gouvernement a annoncé mardi une nouvelle série de mesures pour soutenir les agriculteurs touchés
par la sécheresse. « Nous ne laisserons personne sur le bord du chemin », a déclaré le ministre de l'Agriculture lors
d'une conférence de presse à Paris. Les syndicats agricoles estiment toutefois que ces aides arrivent trop tard et
demandent une réforme plus profonde du système d'indemnisation, qui date selon eux d'une autre époque.`

describe('distributed ingest (BullMQ on Redis, PostgreSQL store)', () => {
  it('should store every article exactly once with two workers, one killed mid-job, and dead-letter what fails', async () => {
    const foreign = join(scratch, 'french.txt')
    writeFileSync(foreign, `Le Monde\n\nSécheresse : le gouvernement promet des aides\n\n${FRENCH}\n`)
    const expected = (await hashesOf(examples)).sort()
    const [foreignHash] = await hashesOf(foreign)
    assert.equal(expected.length, 43)

    const enqueued = await whosaid(['ingest', examples, foreign, ...queue, '--attempts', '3', '--backoff', '100'])
    assert.equal(enqueued.code, 0, enqueued.stderr)
    assert.match(enqueued.stderr, /44 read, 44 enqueued, 0 already queued, 0 failed/)
    // The job id is the content hash: enqueueing again adds nothing.
    const again = await whosaid(['ingest', examples, foreign, ...queue])
    assert.match(again.stderr, /44 read, 0 enqueued, 44 already queued/)

    // Every job waits a little, so that a worker is surely inside a job when it is killed or stopped.
    const workerArgs = ['worker', ...queue, '--store', store, '--concurrency', '4', '--verbose', '--job-delay', '250', ...fastRecovery]
    const a = new Whosaid(workerArgs)
    const b = new Whosaid(workerArgs)
    // Kill A the moment it starts a job after having finished one: that job is surely in flight.
    await a.waitFor(/: done \w+/, 40_000)
    await a.waitFor(/: started \w+/, 15_000, a.lines.length)
    a.process.kill('SIGKILL')
    const inFlight = a.lines
      .map((line) => /: started (\w+)/.exec(line)?.[1])
      .filter((id): id is string => id !== undefined && !a.lines.some((line) => line.includes(`: done ${id}`)))
    assert.equal((await a.exited).signal, 'SIGKILL')
    assert.ok(inFlight.length > 0, `A had a job in flight when killed:\n${a.lines.join('\n')}`)

    const status = await waitForQueue((s) => s.counts.completed === 43 && s.counts.failed === 1 && s.counts.active + s.counts.waiting + s.counts.delayed === 0)
    // The jobs A held when it died were taken over by B once their locks expired, and completed.
    // (A may have finished one without having printed so: its last lines can die with it.)
    await b.waitFor(new RegExp(`: took over (${inFlight.join('|')})`), 1000)

    const stored = await PostgresStore.open(store)
    try {
      assert.equal((await stored.stats()).articles, 43)
      const { total, items } = await stored.listArticles({ limit: 200 })
      assert.equal(total, 43)
      assert.deepEqual(items.map((article) => article.contentHash).sort(), expected)
      assert.equal(await stored.hasArticle(foreignHash!), false)
    } finally {
      await stored.close()
    }

    // The dead-letter list: exactly the French article, after all its attempts, with the reason.
    assert.equal(status.failures.length, 1)
    const [failure] = status.failures
    assert.equal(failure!.id, foreignHash)
    assert.equal(failure!.attempts, 3)
    assert.match(failure!.reason, /^E009 the article is not in English: detected language "fra" \(.*french\.txt\)$/)
    assert.match(failure!.source ?? '', /french\.txt$/)
    await b.waitFor(/: failed \w+ \(attempt 3 of 3\): E009/)

    const [json, text] = await Promise.all([whosaid(['status', ...queue, '--json']), whosaid(['status', ...queue])])
    assert.equal(json.code, 0, json.stderr)
    const reported = JSON.parse(json.stdout) as QueueStatus
    assert.deepEqual(reported.counts, { waiting: 0, active: 0, completed: 43, failed: 1, delayed: 0 })
    assert.equal(reported.workers, 1)
    assert.equal(reported.failures[0]!.id, foreignHash)
    assert.match(text.stdout, /completed 43\n\s+failed\s+1\n/)
    assert.match(text.stdout, /after 3 attempts .*french\.txt\n\s+E009 the article is not in English/)

    // SIGTERM while B is inside a job: it finishes that job, then exits cleanly.
    const copy = join(scratch, 'copy.txt')
    copyFileSync(join(examples, 'GUM_news_asylum.txt'), copy)
    appendFileSync(copy, '\nThis copy is numbered 1 so that its content hash differs.\n')
    const [copyHash] = await hashesOf(copy)
    const seen = b.lines.length
    assert.equal((await enqueuePaths([copy], { url: TEST_REDIS, prefix })).enqueued, 1)
    await b.waitFor(new RegExp(`: started ${copyHash}`), 15_000, seen)
    b.process.kill('SIGTERM')
    assert.deepEqual(await b.exited, { code: 0, signal: null })
    const stopping = b.lines.findIndex((line, i) => i >= seen && line.includes(': stopping: finishing the jobs in flight'))
    const done = b.lines.findIndex((line, i) => i >= seen && new RegExp(`: done ${copyHash} stored as article \\d+`).test(line))
    assert.ok(stopping >= 0 && done > stopping, `the job was in flight when B was told to stop, and finished after:\n${b.lines.slice(seen).join('\n')}`)
    await b.waitFor(/stopped after [\d.]+ s: \d+ stored/, 1000, seen)
    assert.equal((await queueStatus({ url: TEST_REDIS, prefix })).counts.completed, 44)
  })

  it('should refuse to start without a queue that answers', async () => {
    const [result, status] = await Promise.all([
      whosaid(['worker', '--queue', 'redis://127.0.0.1:1', '--store', store]),
      whosaid(['status', '--queue', 'http://127.0.0.1:1']),
    ])
    assert.equal(result.code, 1)
    assert.match(result.stderr, /E013 .*Redis queue at redis:\/\/127\.0\.0\.1:1 does not answer/)
    assert.equal(status.code, 2)
    assert.match(status.stderr, /E010 .*redis:\/\/host:port/)
  })
})
