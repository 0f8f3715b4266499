/**
 * The analysis pipeline with the rule-based attribution stage, for tests of the stages after
 * attribution: their expectations should not move when the default attribution backend changes.
 */
import type { AnalysisRequest } from '../doc/document.js'
import type { Analysis, Article } from '../doc/schema.js'
import { toAnalysis } from '../doc/serialize.js'
import { createPipeline, type Pipeline } from '../pipeline/pipeline.js'
import { attributeStage } from '../stages/attribute/index.js'
import { claimsStage } from '../stages/claims/index.js'
import { entitiesStage, resolveStage } from '../stages/entities/index.js'
import { relationsStage } from '../stages/relations/index.js'
import { sentencesStage } from '../stages/sentences/index.js'
import { sourcesStage } from '../stages/sources/index.js'
import { stanceStage } from '../stages/stance/index.js'
import { tokenizeStage } from '../stages/tokenize/index.js'

let pipeline: Pipeline | null = null

export function analyzeWithRules(article: Article, request: AnalysisRequest = {}): Analysis {
  pipeline ??= createPipeline([tokenizeStage, sentencesStage, entitiesStage, resolveStage, attributeStage, relationsStage, claimsStage, stanceStage, sourcesStage])
  return toAnalysis(pipeline.run(article, request), pipeline.stages)
}
