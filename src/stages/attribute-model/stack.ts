/**
 * Second-pass features: what the first pass predicted around a unit. A linear-chain tagger only
 * sees its neighbour's label; these features let the second pass see the predicted cues of the
 * sentence wherever they are — how far, which word, and how the unit hangs from them in the
 * dependency tree (inside the cue's complement, its subject, or unrelated) — and the labels and
 * spans of the first pass around the unit.
 */
import { h1, h2, h3 } from '../../backbone/features/hash.js'
import { WF } from '../../backbone/features/word.js'
import type { FeatureContext } from './features.js'
import { labelSpans } from './model.js'

const LABEL_CLASS = { source: 1, cue: 2, content: 3 } as const

/** Most second-pass features of one unit. */
export const MAX_STACK_FEATURES = 32

function bucket(d: number): number {
  if (d < 0) return 0
  return d <= 3 ? d + 1 : d <= 6 ? 5 : d <= 10 ? 6 : d <= 20 ? 7 : 8
}

/** Label class of a first-pass label: 0 O, 1 source, 2 cue, 3 content. */
const CLASS = [0, 1, 1, 2, 2, 3, 3]

export interface StackContext {
  /** First-pass labels of the paragraph. */
  labels: Uint8Array
  start: number
  /** Head unit of the nearest predicted cue to the left / right in the sentence, -1 when none. */
  cueLeft: Int32Array
  cueRight: Int32Array
  /** Label class of the first-pass span before / after the unit's own span. */
  spanBefore: Uint8Array
  spanAfter: Uint8Array
  sourceInSentence: Uint8Array
  cueInParagraph: number
  /** The first-pass span holding each unit: its start and end (relative), -1 outside spans. */
  spanStart: Int32Array
  spanEnd: Int32Array
}

/** Per-paragraph facts about the first-pass labels. */
export function stackContext(c: FeatureContext, labels: Uint8Array, start: number): StackContext {
  const m = labels.length
  const cueLeft = new Int32Array(m).fill(-1)
  const cueRight = new Int32Array(m).fill(-1)
  const spanBefore = new Uint8Array(m)
  const spanAfter = new Uint8Array(m)
  const sourceInSentence = new Uint8Array(m)
  // Cue spans and their syntactic heads.
  const cueHeadAt = new Int32Array(m).fill(-1)
  let cueInParagraph = 0
  for (let i = 0; i < m; i++) {
    if (labels[i] !== 3) continue
    let j = i + 1
    while (j < m && labels[j] === 4) j++
    let headUnit = start + j - 1
    for (let k = i; k < j; k++) {
      const h = c.head[start + k]!
      if (h < start + i || h >= start + j) {
        headUnit = start + k
        break
      }
    }
    for (let k = i; k < j; k++) cueHeadAt[k] = headUnit
    cueInParagraph = 1
  }
  let last = -1
  for (let i = 0; i < m; i++) {
    if (i > 0 && c.sentStart[start + i] !== c.sentStart[start + i - 1]) last = -1
    if (cueHeadAt[i]! >= 0 && labels[i] === 3) last = cueHeadAt[i]!
    cueLeft[i] = cueHeadAt[i]! >= 0 ? -1 : last
  }
  last = -1
  for (let i = m - 1; i >= 0; i--) {
    if (i < m - 1 && c.sentStart[start + i] !== c.sentStart[start + i + 1]) last = -1
    if (cueHeadAt[i]! >= 0) last = cueHeadAt[i]!
    cueRight[i] = cueHeadAt[i]! >= 0 ? -1 : last
  }
  // The spans before and after each unit's own span.
  const spans = labelSpans(labels)
  let next = 0
  let previousClass = 0
  for (let i = 0; i < m; i++) {
    while (next < spans.length && spans[next]!.end <= i) {
      previousClass = LABEL_CLASS[spans[next]!.label]
      next++
    }
    spanBefore[i] = previousClass
    let after = next
    while (after < spans.length && spans[after]!.start <= i) after++
    spanAfter[i] = after < spans.length ? LABEL_CLASS[spans[after]!.label] : 0
  }
  const spanStart = new Int32Array(m).fill(-1)
  const spanEnd = new Int32Array(m).fill(-1)
  for (const span of spans) {
    spanStart.fill(span.start, span.start, span.end)
    spanEnd.fill(span.end, span.start, span.end)
  }
  for (const s of sentencesIn(c, start, m)) {
    let any = 0
    for (let i = s.from; i < s.to; i++) if (labels[i] === 1) any = 1
    if (any) sourceInSentence.fill(1, s.from, s.to)
  }
  return { labels, start, cueLeft, cueRight, spanBefore, spanAfter, sourceInSentence, cueInParagraph, spanStart, spanEnd }
}

function sentencesIn(c: FeatureContext, start: number, m: number): Array<{ from: number; to: number }> {
  const out: Array<{ from: number; to: number }> = []
  let i = 0
  while (i < m) {
    const end = Math.min(c.sentEnd[start + i]! - start, m)
    out.push({ from: i, to: Math.max(end, i + 1) })
    i = Math.max(end, i + 1)
  }
  return out
}

/** How unit `u` hangs from cue head `cue`: 1 + its branch relation's hash, or 2 when it governs the cue, else 3. */
function relationTo(c: FeatureContext, u: number, cue: number): { rel: number; edges: number } {
  if (!c.parsed) return { rel: 3, edges: 0 }
  let child = u
  let a = c.head[u]!
  for (let steps = 0; a >= 0 && steps < 16; steps++) {
    if (a === cue) {
      const edges = (u === c.left[child] ? 1 : 0) + (u === c.right[child] ? 2 : 0)
      return { rel: c.dep[child]!, edges }
    }
    child = a
    a = c.head[a]!
  }
  a = c.head[cue]!
  for (let steps = 0; a >= 0 && steps < 16; steps++) {
    if (a === u) return { rel: 2, edges: 0 }
    a = c.head[a]!
  }
  return { rel: 3, edges: 0 }
}

/** Appends the second-pass features of unit `u` (a unit of the paragraph of `s`). */
export function stackFeatures(c: FeatureContext, s: StackContext, u: number, out: Int32Array, k: number): number {
  const i = u - s.start
  const m = s.labels.length
  const y = s.labels[i]!
  const yp = i > 0 ? s.labels[i - 1]! : 7
  const yn = i + 1 < m ? s.labels[i + 1]! : 7
  const l0 = c.wf[u]![WF.Lower]!
  out[k++] = h1(100, y)
  out[k++] = h2(101, yp, yn)
  out[k++] = h3(102, yp, y, yn)
  out[k++] = h2(103, y, l0)
  out[k++] = h2(104, y, c.pos[u]!)
  out[k++] = h3(105, s.spanBefore[i]!, CLASS[y]!, s.spanAfter[i]!)
  out[k++] = h3(106, c.inQuote[u]!, s.cueInParagraph, s.sourceInSentence[i]!)
  // The first-pass span the unit is in: its size, its edges and what lies just outside them.
  const ss = s.spanStart[i]!
  if (ss >= 0) {
    const se = s.spanEnd[i]!
    const at = (i === ss ? 1 : 0) + (i === se - 1 ? 2 : 0)
    const outsideLeft = ss > 0 ? c.wf[s.start + ss - 1]![WF.Lower]! : 0
    const outsideRight = se < m ? c.wf[s.start + se]![WF.Lower]! : 0
    const endsSentence = s.start + se >= c.sentEnd[u]! - 1 ? 1 : 0
    out[k++] = h3(120, CLASS[y]!, at, bucket(se - ss))
    out[k++] = h3(121, CLASS[y]!, at, outsideLeft)
    out[k++] = h3(122, CLASS[y]!, at, outsideRight)
    out[k++] = h3(123, CLASS[y]!, at, endsSentence)
    out[k++] = h3(124, CLASS[y]!, c.wf[s.start + ss]![WF.Lower]!, at)
  }
  const cl = s.cueLeft[i]!
  const cr = s.cueRight[i]!
  out[k++] = h2(107, cl < 0 ? 0 : bucket(u - cl), cr < 0 ? 0 : bucket(cr - u))
  for (const [side, cue] of [[1, cl], [2, cr]] as const) {
    if (cue < 0) continue
    const d = bucket(Math.abs(u - cue))
    const { rel, edges } = relationTo(c, u, cue)
    out[k++] = h3(110 + side, d, c.wf[cue]![WF.Lower]!, CLASS[y]!)
    out[k++] = h3(112 + side, rel, d, c.inQuote[u]!)
    out[k++] = h3(114 + side, rel, edges, c.wf[cue]![WF.Lower]!)
    out[k++] = h3(116 + side, rel, edges, y)
    out[k++] = h2(118 + side, rel, c.pos[u]!)
  }
  return k
}
