/**
 * Opens a store from a URL, the one place that knows which backend a URL means:
 * `sqlite:path/to.db`, `sqlite::memory:`, a bare `path/to.db`, and `postgres://...[?schema=NAME]`.
 */
import { WhosaidError } from '../errors.js'
import { PostgresStore } from './postgres/postgres-store.js'
import { MEMORY } from './sqlite/database.js'
import { SqliteStore } from './sqlite/sqlite-store.js'
import type { Store } from './store.js'

export type StoreLocation = { kind: 'sqlite'; path: string } | { kind: 'postgres'; url: string }

export function parseStoreUrl(url: string): StoreLocation {
  const trimmed = url.trim()
  if (/^postgres(ql)?:\/\//i.test(trimmed)) return { kind: 'postgres', url: trimmed }
  if (/^sqlite:/i.test(trimmed)) {
    // `sqlite:///abs/file.db` and `sqlite://rel.db` are common spellings of the same thing.
    const rest = trimmed.slice('sqlite:'.length).replace(/^\/\//, '')
    if (!rest) throw new WhosaidError('E010', 'the sqlite: URL names no file', url)
    return { kind: 'sqlite', path: rest === MEMORY ? MEMORY : rest }
  }
  if (/\.(db|sqlite|sqlite3)$/i.test(trimmed)) return { kind: 'sqlite', path: trimmed }
  throw new WhosaidError('E010', 'unrecognised store URL; use sqlite:path/to.db, sqlite::memory:, a path ending .db, or postgres://...', redactPassword(url))
}

export async function openStore(url: string): Promise<Store> {
  const location = parseStoreUrl(url)
  // Errors from the PostgreSQL store name the URL with its password redacted.
  if (location.kind === 'postgres') return PostgresStore.open(location.url)
  return SqliteStore.open(location.path)
}

/** Error messages end up in logs: never echo a database password. */
function redactPassword(url: string): string {
  return url.replace(/^(\w+:\/\/[^:/@]+):[^@/]*@/, '$1:***@')
}
