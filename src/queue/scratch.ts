/**
 * Redis for tests: the server named by WHOSAID_TEST_REDIS (default: local), a random key prefix per
 * run, and the clean-up that deletes its keys. A server that does not answer is a test failure with
 * a message saying so, never a silent skip: CI guarantees the service.
 */
import { randomBytes } from 'node:crypto'
import type { Redis } from 'ioredis'
import { connectOnce, parseRedisUrl } from './connection.js'

export const TEST_REDIS = process.env['WHOSAID_TEST_REDIS'] ?? 'redis://127.0.0.1:6379'

export function randomPrefix(name = 'queue'): string {
  return `whosaid-test-${name}-${randomBytes(5).toString('hex')}`
}

/** Runs `run` with a connected client that does not reconnect, and closes it. */
export async function withRedis<T>(run: (client: Redis) => Promise<T>, url = TEST_REDIS): Promise<T> {
  const client = await connectOnce(parseRedisUrl(url))
  try {
    return await run(client)
  } finally {
    client.disconnect()
  }
}

/** Throws a clear error unless the test server answers PING within a few seconds. */
export async function requireRedis(url = TEST_REDIS): Promise<void> {
  try {
    const answer = await withRedis((client) => client.ping(), url)
    if (answer !== 'PONG') throw new Error(`PING answered ${JSON.stringify(answer)}`)
  } catch (error) {
    throw new Error(
      `Redis does not answer at ${parseRedisUrl(url).redacted} (${(error as Error).message || String(error)}); start it, or point WHOSAID_TEST_REDIS at one`,
      { cause: error },
    )
  }
}

/** Deletes every key under `prefix:`; bounded, and the prefix must look like randomPrefix()'s. */
export async function deleteKeys(prefix: string, url = TEST_REDIS): Promise<number> {
  if (!prefix.startsWith('whosaid-test-')) throw new Error(`refusing to delete keys outside a test prefix: ${prefix}`)
  return withRedis(async (client) => {
    let cursor = '0'
    let deleted = 0
    for (let round = 0; round < 10_000; round++) {
      const [next, keys] = await client.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000)
      if (keys.length > 0) deleted += await client.del(...keys)
      cursor = next
      if (cursor === '0') break
    }
    return deleted
  }, url)
}
