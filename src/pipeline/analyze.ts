/**
 * The default analysis: article in, `whosaid/1` record out.
 */
import type { Analysis, Article } from '../doc/schema.js'
import { toAnalysis } from '../doc/serialize.js'
import { WhosaidError } from '../errors.js'
import { buildArticle } from '../ingest/article.js'
import { modelAttributeStage } from '../stages/attribute-model/index.js'
import { claimsStage } from '../stages/claims/index.js'
import { entitiesStage, resolveStage } from '../stages/entities/index.js'
import { relationsStage } from '../stages/relations/index.js'
import { sentencesStage } from '../stages/sentences/index.js'
import { sourcesStage } from '../stages/sources/index.js'
import { checkClaim, stanceStage } from '../stages/stance/index.js'
import { tokenizeStage } from '../stages/tokenize/index.js'
import { createPipeline, type Pipeline } from './pipeline.js'

let defaultPipeline: Pipeline | null = null

export function getDefaultPipeline(): Pipeline {
  defaultPipeline ??= createPipeline([
    tokenizeStage,
    sentencesStage,
    entitiesStage,
    resolveStage,
    modelAttributeStage,
    relationsStage,
    claimsStage,
    stanceStage,
    sourcesStage,
  ])
  return defaultPipeline
}

export interface AnalyzeOptions {
  /** Refuse articles whose detected language is not English (default true). */
  requireEnglish?: boolean
  /**
   * A proposition to weigh every statement against instead of the headline ("Egypt will side with
   * Saudi Arabia"). Empty, over-long or control-character claims are refused with E010.
   */
  claim?: string | null
}

export function analyzeArticle(article: Article, options: AnalyzeOptions = {}): Analysis {
  if ((options.requireEnglish ?? true) && article.language !== 'eng' && article.language !== 'und') {
    throw new WhosaidError('E009', `detected language "${article.language}"`)
  }
  const claim = options.claim === undefined || options.claim === null ? null : checkClaim(options.claim)
  const pipeline = getDefaultPipeline()
  return toAnalysis(pipeline.run(article, { claim }), pipeline.stages)
}

/** A tiny article analysed once at start-up, so that every model and lexicon the pipeline uses is loaded. */
const WARM_UP_TEXT = 'The minister said on Tuesday that the talks would resume. "We are ready," she told reporters.'

/** Loads everything the default pipeline needs (models, lexicons, compiled code) by analysing a tiny article. */
export function warmUp(): void {
  analyzeArticle(buildArticle({ text: WARM_UP_TEXT }), { requireEnglish: false })
}

/** Reads the default pipeline's models only (Stage.load): what a worker pool shares between its threads. */
export function loadModels(): void {
  getDefaultPipeline().load()
}
