/**
 * A pipeline is a fixed list of stages run once per document. Building it checks that every
 * stage's requirements are assigned by an earlier stage, so a wrong order fails at build time,
 * not halfway through an article.
 */
import { Document, type AnalysisRequest, type LayerName } from '../doc/document.js'
import type { Article } from '../doc/schema.js'
import { WhosaidError } from '../errors.js'
import type { Stage } from './stage.js'

export interface Pipeline {
  readonly stages: readonly Stage[]
  run(article: Article, request?: AnalysisRequest): Document
  /** Reads every stage's models now (Stage.load), without analysing anything. */
  load(): void
}

/** Lists the unmet requirements of a stage list: `["attribute requires entities", ...]`. */
export function findProblems(stages: readonly Stage[]): string[] {
  const available = new Set<LayerName>()
  const problems: string[] = []
  for (const stage of stages) {
    for (const layer of stage.requires) if (!available.has(layer)) problems.push(`${stage.name} requires "${layer}"`)
    for (const layer of stage.assigns) available.add(layer)
  }
  return problems
}

export function createPipeline(stages: readonly Stage[]): Pipeline {
  const problems = findProblems(stages)
  if (problems.length > 0) throw new WhosaidError('E014', problems.join('; '))
  const frozen = Object.freeze([...stages])
  return {
    stages: frozen,
    run(article, request) {
      const doc = new Document(article, request)
      for (const stage of frozen) stage.run(doc)
      return doc.freeze()
    },
    load() {
      for (const stage of frozen) stage.load?.()
    },
  }
}
