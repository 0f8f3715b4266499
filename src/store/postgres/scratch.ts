/**
 * PostgreSQL for tests: the server named by WHOSAID_TEST_POSTGRES (default: the local test database),
 * a fresh random schema per store, and the clean-up that drops them. A server that does not answer is
 * a test failure with a message saying so, never a silent skip: CI guarantees the service.
 */
import { randomBytes } from 'node:crypto'
import pg from 'pg'
import { redactPassword } from './url.js'

export const TEST_POSTGRES = process.env['WHOSAID_TEST_POSTGRES'] ?? 'postgres://postgres@127.0.0.1:5432/test'

/** `TEST_POSTGRES` with `?schema=NAME` (or `&schema=NAME`) added. */
export function withSchema(url: string, schema: string): string {
  return `${url}${url.includes('?') ? '&' : '?'}schema=${schema}`
}

/** A schema name no other run uses: `whosaid_test_<prefix>_<random>`. */
export function randomSchema(prefix = 'store'): string {
  return `whosaid_test_${prefix}_${randomBytes(5).toString('hex')}`
}

/** Throws a clear error unless the test server answers `SELECT 1` within a few seconds. */
export async function requirePostgres(url = TEST_POSTGRES): Promise<void> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5000 })
  try {
    await client.connect()
    await client.query('SELECT 1')
  } catch (error) {
    throw new Error(
      `PostgreSQL does not answer at ${redactPassword(url)} (${(error as Error).message || String(error)}); ` +
        'start it, or point WHOSAID_TEST_POSTGRES at a server where this user may create schemas',
      { cause: error },
    )
  } finally {
    await client.end().catch(() => undefined)
  }
}

/** Hands out random schemas and drops every one of them at the end. */
export class ScratchSchemas {
  private readonly created: string[] = []

  constructor(
    private readonly prefix = 'store',
    private readonly url = TEST_POSTGRES,
  ) {}

  /** A store URL in a new random schema (created by the store when it opens). */
  next(): string {
    const schema = randomSchema(this.prefix)
    this.created.push(schema)
    return withSchema(this.url, schema)
  }

  async dropAll(): Promise<void> {
    if (this.created.length === 0) return
    const client = new pg.Client({ connectionString: this.url, connectionTimeoutMillis: 5000 })
    try {
      await client.connect()
      // Names come from randomSchema(): safe to splice.
      for (const schema of this.created.splice(0)) await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`)
    } finally {
      await client.end().catch(() => undefined)
    }
  }
}
