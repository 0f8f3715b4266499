/**
 * Tagging one paragraph with the two passes: the first pass labels the units from their own
 * features; the second pass sees those features again plus what the first pass predicted around
 * each unit (stack.ts). Both passes share one table, so each unit's own features are looked up
 * once.
 */
import { MAX_FEATURES, unitFeatures, type FeatureContext } from './features.js'
import { N_LABELS, viterbi, type AttributionTagger } from './model.js'
import { MAX_STACK_FEATURES, stackContext, stackFeatures } from './stack.js'

export type { AttributionTagger } from './model.js'

let keys = new Int32Array(MAX_FEATURES * 64)
const scores = new Float32Array(2 * N_LABELS)

/** Labels of the units `[start, end)` (one paragraph). */
export function tagParagraph(context: FeatureContext, start: number, end: number, tagger: AttributionTagger): Uint8Array {
  const m = end - start
  const C = tagger.classes
  const emission1 = new Float32Array(m * N_LABELS)
  const emission2 = tagger.transitions2 ? new Float32Array(m * N_LABELS) : null
  if (keys.length < MAX_FEATURES + MAX_STACK_FEATURES) keys = new Int32Array(MAX_FEATURES + MAX_STACK_FEATURES)
  for (let i = 0; i < m; i++) {
    const n = unitFeatures(context, start + i, keys)
    tagger.table.score(keys, n, scores)
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
