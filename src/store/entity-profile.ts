/**
 * An entity profile from what a store read about the local entities that carry a name (the
 * backends' entity.ts): the same merging for SQLite and PostgreSQL, so both name, type and count a
 * profile alike.
 */
import type { EntityType } from '../doc/schema.js'
import type { CoSpeaker, EntityProfile, StatementHit } from './store.js'
import { mostFrequent, uniqueFolded } from './tally.js'

export interface ProfileParts {
  /** The matched local entities, by article and local id. */
  entities: ReadonlyArray<{ article_id: number; type: EntityType; name: string }>
  /** Their names and roles, in article, entity and sequence order. */
  names: readonly string[]
  roles: readonly string[]
  /** The statements they made (one page of them when paged), newest first. */
  statements: StatementHit[]
  /** Their statements per month, oldest first. */
  timeline: Array<{ month: string; statements: number }>
  coSpeakers: CoSpeaker[]
}

export function entityProfile(parts: ProfileParts): EntityProfile {
  const canonical = mostFrequent(parts.entities.map((e) => e.name))
  return {
    name: canonical,
    type: mostFrequent(parts.entities.map((e) => e.type)),
    aliases: [...new Set(parts.names)].filter((alias) => alias !== canonical).sort(),
    roles: uniqueFolded(parts.roles),
    articleIds: [...new Set(parts.entities.map((e) => e.article_id))].sort((a, b) => a - b),
    statements: parts.statements,
    statementTotal: parts.timeline.reduce((sum, month) => sum + month.statements, 0),
    timeline: parts.timeline,
    coSpeakers: parts.coSpeakers,
  }
}
