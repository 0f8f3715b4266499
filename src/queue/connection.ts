/**
 * The link between whosaid and a Redis server for BullMQ, through ioredis (the client BullMQ is
 * built and tested on): parses and checks the `redis://` URL (E010 with the password redacted),
 * checks that the server answers (a clear E013 instead of an endless reconnect loop), hands BullMQ
 * a connected client, and closes it, so a finished command lets the process exit. BullMQ closes the
 * connections it duplicates from it (a worker's blocking connection) when the Queue or Worker closes.
 */
import { Redis, type RedisOptions } from 'ioredis'
import { WhosaidError } from '../errors.js'

/** The BullMQ queue whosaid uses unless told otherwise. */
export const DEFAULT_QUEUE_NAME = 'whosaid'
/** BullMQ's own default key prefix: keys are `bull:whosaid:...`. */
export const DEFAULT_PREFIX = 'bull'

/** How long to wait for a server that does not answer before giving up. */
const CONNECT_TIMEOUT_MS = 5000

/** Queue names and prefixes become parts of Redis keys, separated by `:`. */
const KEY_PART = /^[A-Za-z0-9_.-]{1,100}$/

export interface QueueLocation {
  /** `redis://[user:password@]host:port[/db]` */
  url: string
  name?: string
  prefix?: string
}

export interface RedisTarget {
  host: string
  port: number
  username?: string
  password?: string
  db: number
  tls: boolean
}

export function checkKeyPart(what: string, value: string): string {
  if (!KEY_PART.test(value)) throw new WhosaidError('E010', `${what} must be 1-100 letters, digits, _ . or -, got "${value}"`, what)
  return value
}

/** `redis://[user:password@]host[:port][/db]`, or `rediss://` for TLS. */
export function parseRedisUrl(url: string): RedisTarget & { redacted: string } {
  const redacted = redactRedisUrl(url)
  let parsed: URL
  try {
    parsed = new URL(url.trim())
  } catch {
    throw new WhosaidError('E010', 'not a redis:// URL', redacted)
  }
  if (parsed.protocol !== 'redis:' && parsed.protocol !== 'rediss:') {
    throw new WhosaidError('E010', 'the queue must be a redis://host:port URL (rediss:// for TLS)', redacted)
  }
  const db = parsed.pathname.replace(/^\//, '')
  if (db && !/^\d{1,2}$/.test(db)) throw new WhosaidError('E010', `the database in a redis URL is a number, got "${db}"`, redacted)
  return {
    host: parsed.hostname.replace(/^\[(.+)\]$/, '$1') || '127.0.0.1',
    port: parsed.port ? Number(parsed.port) : 6379,
    username: parsed.username ? decodeURIComponent(parsed.username) : undefined,
    password: parsed.password ? decodeURIComponent(parsed.password) : undefined,
    db: db ? Number(db) : 0,
    tls: parsed.protocol === 'rediss:',
    redacted,
  }
}

export function redactRedisUrl(url: string): string {
  return url.trim().replace(/^(\w+:\/\/[^:/@?#]*):[^@/?#]*@/, '$1:***@')
}

/** ioredis options for a target; BullMQ needs `maxRetriesPerRequest: null` on its blocking connections. */
export function redisOptions(target: RedisTarget): RedisOptions {
  return {
    host: target.host,
    port: target.port,
    username: target.username,
    password: target.password,
    db: target.db,
    ...(target.tls ? { tls: { servername: target.host } } : {}),
    connectTimeout: CONNECT_TIMEOUT_MS,
    maxRetriesPerRequest: null,
    lazyConnect: true,
  }
}

/**
 * A connected ioredis client that does not reconnect: for short jobs (the start-up check, tests),
 * where a server that goes away should fail the command instead of being waited for.
 */
export async function connectOnce(target: RedisTarget): Promise<Redis> {
  const client = new Redis({ ...redisOptions(target), maxRetriesPerRequest: 0, retryStrategy: () => null })
  // The socket's error (ECONNREFUSED, ETIMEDOUT) says more than connect()'s "Connection is closed".
  let cause: Error | undefined
  client.on('error', (error: Error) => (cause ??= error))
  try {
    await client.connect()
    return client
  } catch (error) {
    client.disconnect()
    throw cause ?? error
  }
}

export class RedisLink {
  private constructor(
    /** What BullMQ's `connection` option gets; Queue and Worker duplicate it for their own connections. */
    readonly client: Redis,
    readonly redacted: string,
  ) {}

  /** Parses the URL and checks the server answers PING; E010 for a bad URL, E013 when it does not answer. */
  static async open(url: string): Promise<RedisLink> {
    const target = parseRedisUrl(url)
    await ping(target, target.redacted)
    // Reconnects with ioredis's backoff from here on: a server restart mid-run is waited for.
    const client = new Redis(redisOptions(target))
    // Connection problems after the start are BullMQ's to retry; without a listener they would throw.
    client.on('error', () => undefined)
    try {
      await client.connect()
    } catch (error) {
      client.disconnect()
      throw new WhosaidError('E013', `the Redis queue at ${target.redacted} does not answer (${describe(error)})`, target.redacted, { cause: error })
    }
    return new RedisLink(client, target.redacted)
  }

  /** Closes the client given to BullMQ (politely when it can, at once otherwise) and waits until it has. */
  async close(): Promise<void> {
    const client = this.client
    if (client.status === 'end') return
    const ended = new Promise<void>((resolve) => {
      client.once('end', () => resolve())
      // QUIT unanswered within a second (a server gone away): drop the connection.
      setTimeout(() => client.disconnect(), 1000).unref()
    })
    await client.quit().catch(() => client.disconnect())
    await ended
  }
}

async function ping(target: RedisTarget, redacted: string): Promise<void> {
  let probe: Redis | undefined
  try {
    probe = await connectOnce(target)
    const answer = await probe.ping()
    if (answer !== 'PONG') throw new Error(`PING answered ${JSON.stringify(answer)}`)
  } catch (error) {
    throw new WhosaidError('E013', `the Redis queue at ${redacted} does not answer (${describe(error)})`, redacted, { cause: error })
  } finally {
    probe?.disconnect()
  }
}

function describe(error: unknown): string {
  if (error instanceof AggregateError) return error.errors.map((e: Error) => e.message).join('; ')
  return (error as Error)?.message || String(error)
}
