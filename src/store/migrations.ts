/**
 * What the two stores' schema migrations share (sqlite/migrations.ts, postgres/migrations.ts): the
 * shape of a migration and the rules a list of them and a database must follow. Each backend runs
 * its own list its own way (SQLite synchronously under its write lock, PostgreSQL under an advisory
 * lock), since the SQL differs.
 */
import { WhosaidError } from '../errors.js'

export interface Migration {
  version: number
  name: string
  sql: string
}

/** The last version of the list; throws (a bug, not a user error) when versions do not increase. */
export function latestVersion(migrations: readonly Migration[]): number {
  migrations.forEach((m, i) => {
    if (i > 0 && m.version <= migrations[i - 1]!.version) throw new Error(`migrations out of order at version ${m.version}`)
  })
  return migrations.at(-1)?.version ?? 0
}

/**
 * E013 for a database that a newer whosaid wrote (`current` above `latest`): this build cannot know
 * what the newer schema means, so it refuses to touch it.
 */
export function checkNotNewer(current: number, latest: number, what: string, where: string | null): void {
  if (current <= latest) return
  throw new WhosaidError('E013', `${what} is at schema version ${current} but this whosaid knows versions up to ${latest}; upgrade whosaid to open it`, where)
}
