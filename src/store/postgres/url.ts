/**
 * `postgres://` store URLs: the standard libpq-style URL that `pg` understands, plus one whosaid
 * parameter, `?schema=NAME` (default `public`), naming the schema that holds whosaid's tables.
 * The schema reaches every pooled connection as its search_path (startup option), so the SQL
 * itself never names a schema.
 */
import { WhosaidError } from '../../errors.js'

export const DEFAULT_SCHEMA = 'public'

/** Lower-case identifiers only: they need no quoting in SQL or in a search_path setting. */
const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/

export interface PostgresLocation {
  /** What `pg` gets: the URL without `schema`, with the search_path added to `options`. */
  connectionString: string
  schema: string
  /** The URL as given, password replaced by `***`: for messages and logs. */
  redacted: string
}

export function parsePostgresUrl(url: string): PostgresLocation {
  const trimmed = url.trim()
  const redacted = redactPassword(trimmed)
  if (!/^postgres(ql)?:\/\//i.test(trimmed)) throw new WhosaidError('E010', 'not a postgres:// URL', redacted)
  const queryAt = trimmed.indexOf('?')
  const base = queryAt < 0 ? trimmed : trimmed.slice(0, queryAt)
  const params = new URLSearchParams(queryAt < 0 ? '' : trimmed.slice(queryAt + 1))
  const schema = params.get('schema') ?? DEFAULT_SCHEMA
  if (!SCHEMA_NAME.test(schema)) {
    throw new WhosaidError('E010', `schema must be a lower-case SQL name (letters, digits, _), got "${schema}"`, redacted)
  }
  params.delete('schema')
  const options = [params.get('options'), `-c search_path=${schema}`].filter(Boolean).join(' ')
  params.set('options', options)
  return { connectionString: `${base}?${params.toString()}`, schema, redacted }
}

/** Error messages end up in logs: never echo a database password. */
export function redactPassword(url: string): string {
  return url
    .replace(/^(\w+:\/\/[^:/@?#]*):[^@/?#]*@/, '$1:***@')
    .replace(/([?&]password=)[^&#]*/gi, '$1***')
}
