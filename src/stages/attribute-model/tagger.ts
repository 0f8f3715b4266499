/**
 * Tagging one paragraph with the two passes: the first pass labels the units from their own
 * features; the second pass sees those features again plus what the first pass predicted around
 * each unit (stack.ts). Both passes share one table, so each unit's own features are looked up
 * once.
 */
import type { WeightTable } from '../../backbone/features/table.js'
import { MAX_FEATURES, unitFeatures, unitWordFeatures, type FeatureContext } from './features.js'
import { N_LABELS, viterbi, type AttributionTagger } from './model.js'
import { MAX_STACK_FEATURES, stackContext, stackFeatures } from './stack.js'

export type { AttributionTagger } from './model.js'

let keys = new Int32Array(MAX_FEATURES * 64)
const scores = new Float32Array(2 * N_LABELS)

/** Words whose sums are kept per table before the memo starts over (~100 bytes each). */
const WORD_SUMS_LIMIT = 50_000

/**
 * Per table of integer weights: each word's integer sums over its word-only features
 * (unitWordFeatures), per class. A unit then looks up only its context features and adds its word's
 * sums; integer sums do not depend on the order of the additions, so the scores are those of all
 * its features looked up together. Module state, so each worker thread has its own.
 */
const wordSumMemos = new WeakMap<WeightTable, Map<string, Int32Array>>()

/** The word sums of a table (made on its first use in this thread), or null for a float table. */
function wordSumMemo(table: WeightTable): Map<string, Int32Array> | null {
  if (!table.isMixed) return null
  let memo = wordSumMemos.get(table)
  if (!memo) wordSumMemos.set(table, (memo = new Map()))
  return memo
}

function wordSums(memo: Map<string, Int32Array>, table: WeightTable, context: FeatureContext, u: number): Int32Array {
  const word = context.words[u]!
  let sums = memo.get(word)
  if (!sums) {
    if (memo.size >= WORD_SUMS_LIMIT) memo.clear()
    const n = unitWordFeatures(context, u, keys)
    sums = table.intSums(keys, n, null).slice(0, table.nClasses)
    memo.set(word, sums)
  }
  return sums
}

/** The first pass's features of unit u scored into `scores` (both passes' weights); `memo` from wordSumMemo. */
function scoreUnit(context: FeatureContext, u: number, table: WeightTable, memo: Map<string, Int32Array> | null): void {
  if (!memo) {
    table.score(keys, unitFeatures(context, u, keys), scores)
    return
  }
  // an int8 table: the word's sums (computed first: intSums returns a view it reuses) plus the context's
  const word = wordSums(memo, table, context, u)
  const acc = table.intSums(keys, unitFeatures(context, u, keys, false), null)
  const scale = table.quantScale
  for (let c = 0; c < word.length; c++) scores[c] = (acc[c]! + word[c]!) * scale
}

/** Labels of the units `[start, end)` (one paragraph). */
export function tagParagraph(context: FeatureContext, start: number, end: number, tagger: AttributionTagger): Uint8Array {
  const m = end - start
  const C = tagger.classes
  const emission1 = new Float32Array(m * N_LABELS)
  const emission2 = tagger.transitions2 ? new Float32Array(m * N_LABELS) : null
  if (keys.length < MAX_FEATURES + MAX_STACK_FEATURES) keys = new Int32Array(MAX_FEATURES + MAX_STACK_FEATURES)
  const memo = wordSumMemo(tagger.table)
  for (let i = 0; i < m; i++) {
    scoreUnit(context, start + i, tagger.table, memo)
    for (let c = 0; c < N_LABELS; c++) emission1[i * N_LABELS + c] = scores[c]!
    if (emission2) for (let c = 0; c < N_LABELS; c++) emission2[i * N_LABELS + c] = scores[N_LABELS + c]!
  }
  if (!emission2 || !tagger.transitions2) {
    addLabelBias(emission1, m, tagger.labelBias)
    return viterbi(emission1, m, tagger.transitions1)
  }
  const first = viterbi(emission1, m, tagger.transitions1)
  const stack = stackContext(context, first, start)
  for (let i = 0; i < m; i++) {
    const n = stackFeatures(context, stack, start + i, keys, 0)
    tagger.table.score(keys, n, scores)
    for (let c = 0; c < N_LABELS; c++) emission2[i * N_LABELS + c]! += scores[C - N_LABELS + c]!
  }
  addLabelBias(emission2, m, tagger.labelBias)
  return viterbi(emission2, m, tagger.transitions2)
}

function addLabelBias(emission: Float32Array, m: number, bias: Float32Array | null): void {
  if (!bias) return
  for (let i = 0; i < m; i++) for (let c = 0; c < N_LABELS; c++) emission[i * N_LABELS + c]! += bias[c]!
}
