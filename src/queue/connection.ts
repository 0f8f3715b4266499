/**
 * The link between whosaid and a Redis server for BullMQ: checks that the server answers (a clear
 * error instead of BullMQ's endless reconnect loop), hands BullMQ an adapted client (resp.ts), and
 * closes every connection it or BullMQ opened, so a finished command lets the process exit.
 */
import { createBunRedisClient, type IRedisClient } from 'bullmq'
import { WhosaidError } from '../errors.js'
import { closeFamily, parseRedisUrl, RespClient, type RedisTarget } from './resp.js'

/** The BullMQ queue whosaid uses unless told otherwise. */
export const DEFAULT_QUEUE_NAME = 'whosaid'
/** BullMQ's own default key prefix: keys are `bull:whosaid:...`. */
export const DEFAULT_PREFIX = 'bull'

/** Queue names and prefixes become parts of Redis keys, separated by `:`. */
const KEY_PART = /^[A-Za-z0-9_.-]{1,100}$/

export interface QueueLocation {
  /** `redis://[user:password@]host:port[/db]` */
  url: string
  name?: string
  prefix?: string
}

export function checkKeyPart(what: string, value: string): string {
  if (!KEY_PART.test(value)) throw new WhosaidError('E010', `${what} must be 1-100 letters, digits, _ . or -, got "${value}"`, what)
  return value
}

export class RedisLink {
  private readonly family = new Set<RespClient>()
  /** What BullMQ's `connection` option gets; Queue and Worker duplicate it for their own connections. */
  readonly client: IRedisClient

  private constructor(
    readonly target: RedisTarget,
    readonly redacted: string,
  ) {
    this.client = createBunRedisClient(new RespClient(target, this.family))
    // Connection problems after the start are BullMQ's to retry; without a listener they would throw.
    this.client.on('error', () => undefined)
  }

  /** Parses the URL and checks the server answers PING; E010 for a bad URL, E013 when it does not answer. */
  static async open(url: string): Promise<RedisLink> {
    const target = parseRedisUrl(url)
    await ping(target, target.redacted)
    return new RedisLink(target, target.redacted)
  }

  /** Closes the client given to BullMQ and anything BullMQ duplicated from it and left open. */
  async close(): Promise<void> {
    await this.client.quit().catch(() => undefined)
    // The adapter closes its raw connection on the next turn of the event loop.
    await new Promise((resolve) => setImmediate(resolve))
    closeFamily(this.family)
  }
}

async function ping(target: RedisTarget, redacted: string): Promise<void> {
  const probe = new RespClient(target)
  try {
    await probe.connect()
    const answer = await probe.send('PING', [])
    if (answer !== 'PONG') throw new Error(`PING answered ${JSON.stringify(answer)}`)
  } catch (error) {
    const message = error instanceof AggregateError ? error.errors.map((e: Error) => e.message).join('; ') : (error as Error).message
    throw new WhosaidError('E013', `the Redis queue at ${redacted} does not answer (${message || String(error)})`, redacted, { cause: error })
  } finally {
    probe.close()
  }
}
