/**
 * PolNeAR evaluation of whosaid's attribution, on the units and metric of the published table
 * (CofeNet segments, exact span match, micro P/R/F1), plus token-overlap scores, and at article
 * level (brat annotations) token overlap and speaker resolution.
 *
 * The headline scores analyse each whole article once and map its statements onto the segments'
 * token indices (align.ts) — how whosaid is used, and one of the two protocols the CofeNet README
 * allows; the scores of the pipeline run on each segment's text alone are kept beside them.
 */
import type { Analysis } from '../../doc/schema.js'
import { evaluateArticleSegments } from './align.js'
import { analyzeText, articleText, evaluateBrat, type SpeakerResolution } from './brat.js'
import { evaluateSegments, readCofenet, type CofenetSplit } from './cofenet.js'
import { prfByLabel, type CountsByLabel, type PRF, type PRFByLabel } from './metrics.js'
import { polnearDir } from './paths.js'

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
  /** Headline protocol (default `article`); `segment` runs the pipeline on each segment alone and skips the article mapping. */
  protocol?: 'article' | 'segment'
}

export interface PolnearResult {
  split: CofenetSplit
  /**
   * How the headline scores were predicted: `article` (each article analysed whole, statements
   * mapped onto segment tokens) or `segment` (the pipeline run on each segment's text alone).
   */
  protocol: 'article' | 'segment'
  /** Exact [start, end) token span match, micro-averaged over segments: the published metric. */
  source: PRF
  cue: PRF
  content: PRF
  /** Token-level P/R/F1 per label over the same segments. */
  overlap: PRFByLabel
  /** The same metric with the other protocol (segment text alone), for comparison. */
  segmentProtocol?: { source: PRF; cue: PRF; content: PRF; overlap: PRFByLabel; failures: number }
  /** Segment tokens that could not be found in their article's text (article protocol). */
  unplacedTokens?: number
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
  const segments = readCofenet(split)
  const bratSplit = split === 'valid' ? 'dev' : 'test'
  const root = polnearDir()
  // One analysis per article, shared by the segment scores and the brat scores.
  const analyses = new Map<string, Analysis | null>()
  const bySegment = evaluateSegments(segments, { unescape: !options.raw, detokenize: options.detokenize ?? false })
  const spanCounts = (exact: CountsByLabel): PolnearResult['spans'] => {
    const spans = {} as PolnearResult['spans']
    for (const label of ['source', 'cue', 'content'] as const) {
      const c = exact[label]
      spans[label] = { gold: c.tp + c.fn, predicted: c.tp + c.fp, matched: c.tp }
    }
    return spans
  }
  let result: PolnearResult
  if (options.protocol === 'segment') {
    result = {
      split,
      protocol: 'segment',
      ...prfByLabel(bySegment.exact),
      overlap: prfByLabel(bySegment.tokens),
      spans: spanCounts(bySegment.exact),
      segments: bySegment.segments,
      failures: bySegment.failures,
      seconds: 0,
    }
  } else {
    const byArticle = evaluateArticleSegments(segments, (article) => articleText(bratSplit, article, root), analyzeText, { analyses })
    result = {
      split,
      protocol: 'article',
      ...prfByLabel(byArticle.exact),
      overlap: prfByLabel(byArticle.tokens),
      segmentProtocol: { ...prfByLabel(bySegment.exact), overlap: prfByLabel(bySegment.tokens), failures: bySegment.failures },
      unplacedTokens: byArticle.unplacedTokens,
      spans: spanCounts(byArticle.exact),
      segments: byArticle.segments,
      failures: byArticle.failures,
      seconds: 0,
    }
  }
  if (!options.segmentsOnly) {
    const brat = evaluateBrat(bratSplit, root, analyses)
    result.articleOverlap = { ...prfByLabel(brat.tokens), files: brat.files, articles: brat.articles }
    result.speakerResolution = brat.speakers
    if (result.protocol === 'segment') result.failures += brat.failures
  }
  result.seconds = Math.round(Number(process.hrtime.bigint() - started) / 1e8) / 10
  return result
}
