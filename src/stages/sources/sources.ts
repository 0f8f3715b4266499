/**
 * The sources of an article, each once: statements grouped by the entity their speaker resolves to,
 * or by the printed speaker when it resolves to none ("officials", "the report"; for a "who", the
 * phrase it stands for). A source's stance
 * is weighed from its statements' stances; its alternative from what its statements name.
 */
import { printedSpeaker, type Document, type SourceAnnotation, type StanceAnnotation } from '../../doc/document.js'
import type { Stance, StanceLabel } from '../../doc/schema.js'
import { AlternativeReader } from './alternatives.js'

const RELATED: readonly StanceLabel[] = ['agree', 'disagree', 'discuss']

export function findSources(doc: Document): SourceAnnotation[] {
  const groups = new Map<string, SourceAnnotation>()
  const speakers = new Map<SourceAnnotation, { entity: number; start: number; end: number }>()
  doc.statements.forEach((statement, index) => {
    const { speaker } = statement
    const printed = printedSpeaker(doc.text, speaker)
    const key = speaker.entity >= 0 ? `entity:${speaker.entity}` : `text:${printed.toLowerCase().replace(/\s+/g, ' ')}`
    let source = groups.get(key)
    if (!source) {
      source = {
        entity: speaker.entity,
        name: speaker.entity >= 0 ? doc.entities[speaker.entity]!.name : printed,
        anonymous: speaker.anonymous,
        statements: [],
        stance: null,
        alternative: null,
        evidence: [],
      }
      groups.set(key, source)
      speakers.set(source, speaker)
    }
    source.statements.push(index)
  })
  const sources = [...groups.values()]
  const reader = doc.question ? new AlternativeReader(doc, doc.question) : null
  for (const source of sources) {
    source.stance = sourceStance(source.statements.map((index) => doc.stances[index] ?? null))
    if (reader) {
      const decision = reader.decide(source.statements, speakers.get(source)!)
      source.alternative = decision.alternative
      source.evidence = decision.evidence
    }
  }
  return sources
}

/**
 * A source's stance from its statements': the mean probability of each related label over the
 * statements that relate to the claim, and the likeliest of them. A source none of whose statements
 * relate to the claim is `unrelated`, scored by the mean probability of that. Null without a claim.
 */
export function sourceStance(stances: ReadonlyArray<StanceAnnotation | null>): Stance | null {
  const known = stances.filter((stance): stance is StanceAnnotation => stance !== null)
  if (known.length === 0) return null
  const related = known.filter((stance) => stance.label !== 'unrelated')
  const mean = (list: StanceAnnotation[], label: StanceLabel): number => list.reduce((sum, stance) => sum + stance.scores[label], 0) / list.length
  if (related.length === 0) return { label: 'unrelated', score: round(mean(known, 'unrelated')) }
  let best: StanceLabel = 'discuss'
  for (const label of RELATED) if (mean(related, label) > mean(related, best)) best = label
  return { label: best, score: round(mean(related, best)) }
}

const round = (score: number): number => Math.round(score * 10_000) / 10_000
