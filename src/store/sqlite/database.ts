/**
 * Opens a SQLite file with the settings every whosaid connection needs, migrated to the current
 * schema. Any failure becomes E013 naming the file, so callers never see a raw driver error.
 */
import Database from 'better-sqlite3'
import { WhosaidError } from '../../errors.js'
import { nameKey } from '../name-key.js'
import { migrate, MIGRATIONS, type Migration } from './migrations.js'

export const MEMORY = ':memory:'

/** How long a writer waits for another process's lock before giving up (ms). */
const BUSY_TIMEOUT_MS = 5000

export function openDatabase(path: string, migrations: readonly Migration[] = MIGRATIONS): Database.Database {
  let db: Database.Database | undefined
  try {
    db = new Database(path)
    // First, so that switching to WAL waits for another process's lock instead of failing.
    db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`)
    // WAL: readers never block the writer, and a killed writer leaves the last commit intact.
    // NORMAL is durable against process crashes in WAL mode (only an OS crash can lose the tail).
    db.pragma('journal_mode = WAL')
    db.pragma('synchronous = NORMAL')
    db.pragma('foreign_keys = ON')
    // The folding every lookup uses (name-key.ts), for SQL that must fold stored values itself.
    db.function('name_key', { deterministic: true }, (value: unknown) => (typeof value === 'string' ? nameKey(value) : null))
    migrate(db, migrations, path)
    return db
  } catch (error) {
    db?.close()
    if (error instanceof WhosaidError) throw error
    throw new WhosaidError('E013', `cannot open ${path}: ${(error as Error).message}`, path, { cause: error })
  }
}
