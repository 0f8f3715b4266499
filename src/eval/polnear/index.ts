/**
 * PolNeAR evaluation of whosaid's attribution, on the units and metric of the published table
 * (CofeNet segments, exact span match, micro P/R/F1), plus token-overlap scores, and at article
 * level (brat annotations) token overlap and speaker resolution.
 */
import { evaluateBrat, type SpeakerResolution } from './brat.js'
import { evaluateSegments, readCofenet, type CofenetSplit } from './cofenet.js'
import { prfByLabel, type PRF, type PRFByLabel } from './metrics.js'

export type { PRF } from './metrics.js'
export { bioToSpans, spansToBio } from './bio.js'
export { charSpanToTokens, evaluateSegments, parseCofenet, predictSegment, segmentText } from './cofenet.js'
export { evaluateBrat, parseAnn } from './brat.js'

export interface PolnearOptions {
  /** CofeNet split (`valid` = PolNeAR dev articles); the article-level scores use the matching brat split. */
  split?: CofenetSplit
  /** Skip the article-level (brat) evaluation. */
  segmentsOnly?: boolean
  /** Keep CoreNLP escapes (`` '' -LRB-) in the segment text instead of the characters they stand for. */
  raw?: boolean
  /** Diagnostic: detokenize the segment text (no space before , . 's n't) instead of joining tokens with spaces. */
  detokenize?: boolean
}

export interface PolnearResult {
  split: CofenetSplit
  /** Exact [start, end) token span match, micro-averaged over segments: the published metric. */
  source: PRF
  cue: PRF
  content: PRF
  /** Token-level P/R/F1 per label over the same segments. */
  overlap: PRFByLabel
  /** Token overlap per label over whole articles (word tokens), from the brat annotations. */
  articleOverlap?: PRFByLabel & { files: number; articles: number }
  speakerResolution?: SpeakerResolution
  /** Gold and predicted span counts behind the exact scores. */
  spans: Record<'source' | 'cue' | 'content', { gold: number; predicted: number; matched: number }>
  segments: number
  /** Segments on which the pipeline threw (scored as predicting nothing). */
  failures: number
  seconds: number
}

export async function evaluatePolnear(options: PolnearOptions = {}): Promise<PolnearResult> {
  const split = options.split ?? 'test'
  const started = process.hrtime.bigint()
  const scores = evaluateSegments(readCofenet(split), { unescape: !options.raw, detokenize: options.detokenize ?? false })
  const exact = prfByLabel(scores.exact)
  const spans = {} as PolnearResult['spans']
  for (const label of ['source', 'cue', 'content'] as const) {
    const c = scores.exact[label]
    spans[label] = { gold: c.tp + c.fn, predicted: c.tp + c.fp, matched: c.tp }
  }
  const result: PolnearResult = {
    split,
    ...exact,
    overlap: prfByLabel(scores.tokens),
    spans,
    segments: scores.segments,
    failures: scores.failures,
    seconds: 0,
  }
  if (!options.segmentsOnly) {
    const brat = evaluateBrat(split === 'valid' ? 'dev' : 'test')
    result.articleOverlap = { ...prfByLabel(brat.tokens), files: brat.files, articles: brat.articles }
    result.speakerResolution = brat.speakers
    result.failures += brat.failures
  }
  result.seconds = Math.round(Number(process.hrtime.bigint() - started) / 1e8) / 10
  return result
}
