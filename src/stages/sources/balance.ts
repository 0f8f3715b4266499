/**
 * Balance signals of an article: how many distinct named, anonymous and unresolved sources it
 * quotes, how their stances and chosen alternatives are spread, and how much the outlet asserts
 * in its own voice rather than through sources.
 */
import type { Document } from '../../doc/document.js'
import type { Balance, StanceLabel } from '../../doc/schema.js'
import { LABELS } from '../../stance/index.js'

export function weighBalance(doc: Document): Balance {
  const { sources } = doc
  const stances = doc.centralClaim ? (Object.fromEntries(LABELS.map((label) => [label, 0])) as Record<StanceLabel, number>) : null
  if (stances) for (const source of sources) if (source.stance) stances[source.stance.label]++
  let alternatives: Record<string, number> | null = null
  if (doc.question) {
    const counts: Record<string, number> = {}
    for (const option of [...doc.question.alternatives.map((a) => a.text), 'split', 'none']) counts[option] = 0
    for (const source of sources) if (source.alternative !== null) counts[source.alternative] = (counts[source.alternative] ?? 0) + 1
    alternatives = counts
  }
  const outletClaims = doc.claims.length
  const assertions = outletClaims + doc.statements.length
  return {
    namedSources: sources.filter((source) => source.entity >= 0 && !source.anonymous).length,
    anonymousSources: sources.filter((source) => source.anonymous).length,
    unresolvedSources: sources.filter((source) => source.entity < 0 && !source.anonymous).length,
    statements: doc.statements.length,
    stances,
    alternatives,
    outletClaims,
    ownVoiceShare: assertions > 0 ? Math.round((outletClaims / assertions) * 10_000) / 10_000 : null,
  }
}
