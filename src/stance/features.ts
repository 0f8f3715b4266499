/**
 * Features of a (claim, text) pair: UCLMR-style term-frequency vectors of both sides over a stem
 * vocabulary (sparse, L2-normalised), plus dense similarity and cue-word features.
 */
import { h2, h3, hashString } from '../backbone/features/hash.js'
import { CUES, CUE_INDEX, LEXICONS, LEX_MASK } from './lexicon.js'
import { isContent, sentences, stem, words } from './text.js'

export interface Vocab {
  /** stems of the term-frequency vectors, most frequent first */
  tf: string[]
  /** inverse document frequency of stems seen in at least minDf training documents */
  idf: Map<string, number>
  /** idf of any other stem */
  idfUnseen: number
}

/** Vocabulary from training documents (each unique headline and body once). */
export function buildVocab(docs: string[], tfSize: number, minDf = 2): Vocab {
  const freq = new Map<string, number>()
  const df = new Map<string, number>()
  for (const d of docs) {
    const seen = new Set<string>()
    for (const w of words(d)) {
      if (!isContent(w)) continue
      const s = stem(w)
      freq.set(s, (freq.get(s) ?? 0) + 1)
      seen.add(s)
    }
    for (const s of seen) df.set(s, (df.get(s) ?? 0) + 1)
  }
  const n = docs.length
  const tf = [...freq.entries()]
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .slice(0, tfSize)
    .map((e) => e[0])
  const idf = new Map<string, number>()
  for (const [s, d] of [...df.entries()].sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
    if (d >= minDf) idf.set(s, Math.round((Math.log((1 + n) / (1 + d)) + 1) * 1000) / 1000)
  }
  return { tf, idf, idfUnseen: Math.round((Math.log(1 + n) + 1) * 1000) / 1000 }
}

export class VocabIndex {
  readonly tfIndex = new Map<string, number>()
  constructor(readonly vocab: Vocab) {
    vocab.tf.forEach((s, i) => this.tfIndex.set(s, i))
  }
  idf(s: string): number {
    return this.vocab.idf.get(s) ?? this.vocab.idfUnseen
  }
}

const NLEX = LEXICONS.length
const MAX_SENTS = 40

/** One side of a pair, analysed once (bodies are shared by many pairs). */
export interface Analysed {
  tfIdx: Int32Array
  tfVal: Float32Array
  /** content stems in order */
  stems: string[]
  /** L2-normalised tf-idf weights of content stems */
  vec: Map<string, number>
  /** the first three sentences' vector */
  lead: Map<string, number>
  sentVecs: Map<string, number>[]
  /** lexicon counts per sentence, [s * NLEX + k] */
  sentLex: Float32Array
  /** lexicon counts over the whole text */
  lex: Float32Array
  /** cue-word indices per sentence (CUE_INDEX) */
  sentCues: number[][]
  bigrams: Set<number>
  trigrams: Set<number>
  chargrams: Set<number>
  numbers: Set<string>
  /** stems of capitalised words */
  caps: Set<string>
  nWords: number
  question: boolean
}

function tfidfVec(stems: string[], vi: VocabIndex): Map<string, number> {
  const m = new Map<string, number>()
  for (const s of stems) m.set(s, (m.get(s) ?? 0) + 1)
  let norm = 0
  for (const [s, c] of m) {
    const w = (1 + Math.log(c)) * vi.idf(s)
    m.set(s, w)
    norm += w * w
  }
  norm = Math.sqrt(norm) || 1
  for (const [s, w] of m) m.set(s, w / norm)
  return m
}

export function cosine(a: Map<string, number>, b: Map<string, number>): number {
  if (a.size > b.size) [a, b] = [b, a]
  let s = 0
  for (const [k, v] of a) {
    const u = b.get(k)
    if (u !== undefined) s += u * v
  }
  return s
}

const CAP = /^\p{Lu}/u

export function analyse(text: string, vi: VocabIndex, maxSents = MAX_SENTS): Analysed {
  const sents = sentences(text).slice(0, maxSents)
  const all: string[] = []
  const sentVecs: Map<string, number>[] = []
  const sentLex = new Float32Array(Math.max(1, sents.length) * NLEX)
  const lex = new Float32Array(NLEX)
  const numbers = new Set<string>()
  const caps = new Set<string>()
  const chargrams = new Set<number>()
  let nWords = 0
  const leadStems: string[] = []
  const sentCues: number[][] = []
  sents.forEach((sent, si) => {
    const ws = words(sent)
    nWords += ws.length
    const st: string[] = []
    const cues: number[] = []
    sentCues.push(cues)
    for (const w of ws) {
      const s = stem(w)
      const ci = CUE_INDEX.get(s)
      if (ci !== undefined) cues.push(ci)
      const m = LEX_MASK.get(s)
      if (m) for (let k = 0; k < NLEX; k++) if (m & (1 << k)) sentLex[si * NLEX + k]!++
      if (!isContent(w)) continue
      st.push(s)
      if (/^\d/.test(w)) numbers.add(w)
      if (w.length >= 4) {
        const p = ` ${w} `
        for (let i = 0; i + 4 <= p.length; i++) chargrams.add(hashString(p.slice(i, i + 4)))
      }
    }
    for (const m of sent.matchAll(/[\p{L}\p{N}]+/gu)) {
      if (m.index! > 0 && CAP.test(m[0]) && isContent(m[0].toLowerCase())) caps.add(stem(m[0].toLowerCase()))
    }
    if (si < 3) leadStems.push(...st)
    all.push(...st)
    sentVecs.push(tfidfVec(st, vi))
  })
  for (let i = 0; i < sentLex.length; i++) lex[i % NLEX]! += sentLex[i]!
  // term-frequency vector over the vocabulary
  const counts = new Map<number, number>()
  for (const s of all) {
    const i = vi.tfIndex.get(s)
    if (i !== undefined) counts.set(i, (counts.get(i) ?? 0) + 1)
  }
  const idx = [...counts.keys()].sort((a, b) => a - b)
  let norm = 0
  for (const i of idx) norm += counts.get(i)! ** 2
  norm = Math.sqrt(norm) || 1
  const tfIdx = Int32Array.from(idx)
  const tfVal = Float32Array.from(idx.map((i) => counts.get(i)! / norm))
  const hs = all.map((s) => hashString(s))
  const bigrams = new Set<number>()
  const trigrams = new Set<number>()
  for (let i = 0; i + 1 < hs.length; i++) bigrams.add(h2(2, hs[i]!, hs[i + 1]!))
  for (let i = 0; i + 2 < hs.length; i++) trigrams.add(h3(3, hs[i]!, hs[i + 1]!, hs[i + 2]!))
  return {
    tfIdx,
    tfVal,
    stems: all,
    vec: tfidfVec(all, vi),
    lead: tfidfVec(leadStems, vi),
    sentVecs,
    sentLex,
    lex,
    sentCues,
    bigrams,
    trigrams,
    chargrams,
    numbers,
    caps,
    nWords,
    question: text.includes('?'),
  }
}

export const DENSE_NAMES: string[] = []
{
  const n = DENSE_NAMES
  n.push('cos', 'cos_lead', 'sent_max', 'sent_top3', 'sent_first_hit', 'cover', 'cover_idf', 'cover_lead', 'jaccard')
  n.push('bigram', 'trigram', 'chargram', 'num_cover', 'num_none', 'num_missing', 'caps_cover', 'caps_none', 'missing_idf_max')
  n.push('len_h', 'len_b', 'h_question', 'uclmr_cos')
  for (const k of LEXICONS) n.push(`h_${k}`, `b_${k}`, `b_lead_${k}`, `b_near_${k}`, `b_near_max_${k}`, `b_top_${k}`, `x_only_b_${k}`, `x_both_${k}`)
}
export const N_DENSE = DENSE_NAMES.length
/** cue features: per cue stem, [in the claim, in the text, in the text's sentences near the claim] */
export const N_CUE = 3 * CUES.length

/** Sentence similarity above which a text sentence counts as near the claim. */
const NEAR = 0.15

/** Sparse cue-word features of a pair (sorted indices in [0, N_CUE), values). */
export function cueFeatures(h: Analysed, b: Analysed): { idx: Int32Array; val: Float32Array } {
  const m = new Map<number, number>()
  for (const cs of h.sentCues) for (const c of cs) m.set(3 * c, 1)
  const near = new Map<number, number>()
  const all = new Map<number, number>()
  b.sentCues.forEach((cs, s) => {
    const isNear = cosine(h.vec, b.sentVecs[s]!) >= NEAR
    for (const c of cs) {
      all.set(c, (all.get(c) ?? 0) + 1)
      if (isNear) near.set(c, (near.get(c) ?? 0) + 1)
    }
  })
  for (const [c, n] of all) m.set(3 * c + 1, Math.log1p(n) / 2)
  for (const [c, n] of near) m.set(3 * c + 2, Math.log1p(n))
  const idx = [...m.keys()].sort((a, b) => a - b)
  return { idx: Int32Array.from(idx), val: Float32Array.from(idx.map((i) => m.get(i)!)) }
}

function tfCos(a: Analysed, b: Analysed): number {
  let i = 0
  let j = 0
  let s = 0
  while (i < a.tfIdx.length && j < b.tfIdx.length) {
    const x = a.tfIdx[i]!
    const y = b.tfIdx[j]!
    if (x === y) s += a.tfVal[i++]! * b.tfVal[j++]!
    else if (x < y) i++
    else j++
  }
  return s
}

/** Dense features of (claim h, text b), written into out[0, N_DENSE). */
export function denseFeatures(h: Analysed, b: Analysed, vi: VocabIndex, out: Float32Array): void {
  let f = 0
  out[f++] = cosine(h.vec, b.vec)
  out[f++] = cosine(h.vec, b.lead)
  const sc = b.sentVecs.map((v) => cosine(h.vec, v))
  const sorted = [...sc].sort((x, y) => y - x)
  out[f++] = sorted[0] ?? 0
  out[f++] = ((sorted[0] ?? 0) + (sorted[1] ?? 0) + (sorted[2] ?? 0)) / 3
  const first = sc.findIndex((c) => c >= 0.2)
  out[f++] = first < 0 ? 0 : 1 / (1 + first)
  // coverage of headline stems
  const hset = new Set(h.stems)
  const bset = new Set(b.stems)
  let inB = 0
  let idfAll = 0
  let idfIn = 0
  let missingMax = 0
  let inLead = 0
  for (const s of hset) {
    const w = vi.idf(s)
    idfAll += w
    if (bset.has(s)) {
      inB++
      idfIn += w
    } else missingMax = Math.max(missingMax, w)
    if (b.lead.has(s)) inLead++
  }
  const nh = Math.max(1, hset.size)
  out[f++] = inB / nh
  out[f++] = idfAll > 0 ? idfIn / idfAll : 0
  out[f++] = inLead / nh
  out[f++] = inB / Math.max(1, hset.size + bset.size - inB)
  out[f++] = frac(h.bigrams, b.bigrams)
  out[f++] = frac(h.trigrams, b.trigrams)
  out[f++] = frac(h.chargrams, b.chargrams)
  out[f++] = frac(h.numbers, b.numbers)
  out[f++] = h.numbers.size === 0 ? 1 : 0
  out[f++] = h.numbers.size - countIn(h.numbers, b.numbers) > 0 ? 1 : 0
  out[f++] = frac(h.caps, bset)
  out[f++] = h.caps.size === 0 ? 1 : 0
  out[f++] = missingMax / vi.vocab.idfUnseen
  out[f++] = Math.log1p(h.nWords) / 3
  out[f++] = Math.log1p(b.nWords) / 7
  out[f++] = h.question ? 1 : 0
  out[f++] = tfCos(h, b)
  // cue words: in the claim, in the text, in its lead, in the sentences that share the claim's words
  const nS = b.sentVecs.length
  for (let k = 0; k < NLEX; k++) {
    let lead = 0
    let near = 0
    let nearMax = 0
    let nearN = 0
    let top = 0
    for (let s = 0; s < nS; s++) {
      if (sc[s]! >= NEAR && sc[s]! >= (sorted[1] ?? 0)) top += b.sentLex[s * NLEX + k]!
      const c = b.sentLex[s * NLEX + k]!
      if (s < 3) lead += c
      if (sc[s]! >= NEAR) {
        near += c
        nearN++
        nearMax = Math.max(nearMax, c)
      }
    }
    out[f++] = Math.min(h.lex[k]!, 3)
    out[f++] = Math.log1p(b.lex[k]!) / 2
    out[f++] = Math.log1p(lead)
    out[f++] = nearN ? near / nearN : 0
    out[f++] = Math.min(nearMax, 3)
    out[f++] = Math.min(top, 3)
    // the claim and the text's near sentences use the cue (or only the text does)
    out[f++] = near > 0 && h.lex[k] === 0 ? 1 : 0
    out[f++] = near > 0 && h.lex[k]! > 0 ? 1 : 0
  }
}

function countIn<T>(a: Set<T>, b: Set<T>): number {
  let n = 0
  for (const x of a) if (b.has(x)) n++
  return n
}

function frac<T>(a: Set<T>, b: Set<T>): number {
  return a.size === 0 ? 0 : countIn(a, b) / a.size
}
