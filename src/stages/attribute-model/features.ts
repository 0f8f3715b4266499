/**
 * Hashed features of one unit for the attribution tagger. Every per-unit value is hashed once per
 * document (`FeatureContext`); the hot path only mixes integers (src/backbone/features/hash.ts).
 *
 * Families: words and affixes in a ±3 window (never across a paragraph, the labelling window);
 * POS tags (backbone tagger); quotation state (inside marks, the mark's direction, distances to the
 * marks); sentence position; reporting-verb lexicon hits and their distance; commas and "that";
 * named-entity mentions; and, when a parser is shipped, the dependency relation, the head, the
 * branch under each of the first verb ancestors ("in the ccomp of *said*", "the nsubj of
 * *argued*") and the relations of the unit's own dependents (what a cue governs).
 */
import type { Document } from '../../doc/document.js'
import { TokenFlag, TokenKind } from '../../doc/tokens.js'
import { h1, h2, h3, hashString } from '../../backbone/features/hash.js'
import { WF, WordFeatureCache } from '../../backbone/features/word.js'
import { PHRASE_CUES, SPEECH_VERBS } from '../../lexicon/speech.js'
import { boundedMemo } from '../../util/bounded-memo.js'
import { clusterOf } from './clusters.js'
import { quoteRoles } from './quote-roles.js'

export { quoteRoles } from './quote-roles.js'
import { backboneWord, type Syntax } from './syntax.js'
import type { Units } from './units.js'

export const MAX_FEATURES = 128

const NONE = hashString('<none>')
const PARA_EDGE = hashString('<p>')
const NO_POS = hashString('<nopos>')

const cache = new WordFeatureCache()
const hs = boundedMemo(hashString, 100_000)

/**
 * hs(prefix + s) without building the string on a repeat: POS tags, relations and cluster ids come
 * from small vocabularies, and hashing them per unit was a visible share of the stage's time.
 */
const prefixedHashes = new Map<string, (s: string) => number>()
function hsPrefixed(prefix: string, s: string): number {
  let byValue = prefixedHashes.get(prefix)
  if (!byValue) prefixedHashes.set(prefix, (byValue = boundedMemo((value) => hashString(prefix + value), 10_000)))
  return byValue(s)
}

/** clusterOf per word string, kept (bounded) because the same words recur in every document. */
const cachedCluster = boundedMemo(clusterOf, 100_000)

/** PHRASE_CUES by their first word, so that each unit tests only the phrases it could start. */
const phrasesByFirstWord = new Map<string, string[][]>()
for (const phrase of PHRASE_CUES) {
  const list = phrasesByFirstWord.get(phrase[0]!)
  if (list) list.push([...phrase])
  else phrasesByFirstWord.set(phrase[0]!, [[...phrase]])
}

/**
 * Hash of the set of relations of a unit's dependents (sorted, distinct, space-joined, as
 * hs('c' + ...) of them), from a scratch list of the relations.
 */
function childRelationsHash(rels: string[], count: number): number {
  if (count === 1) return hsPrefixed('c', rels[0]!)
  const list = rels.slice(0, count).sort()
  let key = list[0]!
  for (let i = 1; i < count; i++) if (list[i] !== list[i - 1]) key += ' ' + list[i]!
  return hsPrefixed('c', key)
}

function bucket(d: number): number {
  if (d < 0) return 0
  return d <= 3 ? d + 1 : d <= 5 ? 5 : d <= 8 ? 6 : d <= 12 ? 7 : d <= 20 ? 8 : d <= 40 ? 9 : 10
}

const VERBAL = /^(VB|MD)/

/** Per-document hashed values, indexed by unit. */
export interface FeatureContext {
  n: number
  wf: Int32Array[]
  pos: Int32Array
  upos: Int32Array
  dep: Int32Array
  head: Int32Array
  parsed: boolean
  paraStart: Int32Array
  paraEnd: Int32Array
  sentStart: Int32Array
  sentEnd: Int32Array
  /** 1 inside quotation marks (the marks included), else 0. */
  inQuote: Uint8Array
  /** 0 no mark, 1 opening mark, 2 closing mark. */
  mark: Uint8Array
  /** Units since the opening mark of the current quotation / until its closing mark, -1 outside. */
  sinceOpen: Int32Array
  untilClose: Int32Array
  /** 1 when a reporting-verb lexicon entry starts at the unit. */
  lex: Uint8Array
  /** Distance to the nearest lexicon cue to the left / right in the sentence, -1 when none. */
  lexLeft: Int32Array
  lexRight: Int32Array
  /** Distance to the previous / next comma in the sentence, -1 when none. */
  commaLeft: Int32Array
  commaRight: Int32Array
  /** Hash of the mention type covering the unit, NONE outside mentions. */
  mentionType: Int32Array
  /** 0 outside, 1 first unit of a mention, 2 inside. */
  mentionPos: Uint8Array
  /** Hash of the sorted relations of the unit's dependents. */
  children: Int32Array
  /** Up to three verb ancestors: (branch relation, ancestor word) hashes, 0 when absent. */
  anc: Int32Array
  /** For the first two verb ancestors: the child on the path (-1 when absent), its subtree edges. */
  ancChild: Int32Array
  ancVerb: Int32Array
  left: Int32Array
  right: Int32Array
  /** Whether the unit's sentence holds a lexicon cue. */
  sentLex: Uint8Array
  /** Capitalisation flags (capitalised, all caps) plus one. */
  caps: Uint8Array
  /** Word cluster ids (three granularities packed 10 bits each), 0 when unknown. */
  cluster: Int32Array
  /** The units' words, on which unitWordFeatures depend alone. */
  words: readonly string[]
}

export function buildFeatureContext(doc: Document, units: Units, syntax: Syntax): FeatureContext {
  const n = units.count
  const wf = new Array<Int32Array>(n)
  const lower = new Array<string>(n)
  for (let u = 0; u < n; u++) {
    const w = backboneWord(units.words[u]!)
    wf[u] = cache.get(w)
    lower[u] = w.toLowerCase()
  }
  const pos = new Int32Array(n)
  const upos = new Int32Array(n)
  const dep = new Int32Array(n)
  for (let u = 0; u < n; u++) {
    pos[u] = syntax.xpos[u] === '_' ? NO_POS : hsPrefixed('p', syntax.xpos[u]!)
    upos[u] = hsPrefixed('u', syntax.upos[u]!)
    dep[u] = hsPrefixed('d', syntax.deprel[u]!)
  }
  const paraStart = new Int32Array(n)
  const paraEnd = new Int32Array(n)
  for (const p of units.paragraphs) {
    paraStart.fill(p.start, p.start, p.end)
    paraEnd.fill(p.end, p.start, p.end)
  }
  const sentStart = new Int32Array(n)
  const sentEnd = new Int32Array(n)
  for (const s of units.sentences) {
    sentStart.fill(s.start, s.start, s.end)
    sentEnd.fill(s.end, s.start, s.end)
  }

  // Quotation state per paragraph.
  const inQuote = new Uint8Array(n)
  const mark = new Uint8Array(n)
  const sinceOpen = new Int32Array(n).fill(-1)
  const untilClose = new Int32Array(n).fill(-1)
  const roles = quoteRoles(doc.text, units)
  for (const p of units.paragraphs) {
    let open = -1
    for (let u = p.start; u < p.end; u++) {
      let role = roles[u]!
      // A closing mark with nothing open: the quotation began before this paragraph.
      if (role === 2 && open < 0) {
        for (let v = p.start; v < u; v++) {
          inQuote[v] = 1
          sinceOpen[v] = v - p.start
        }
        open = p.start
      }
      if (role === 1 && open >= 0) role = 0
      mark[u] = role
      if (role === 1) open = u
      if (open >= 0) {
        inQuote[u] = 1
        sinceOpen[u] = u - open
      }
      if (role === 2) {
        for (let v = open; v <= u; v++) untilClose[v] = u - v
        open = -1
      }
    }
  }

  const lex = new Uint8Array(n)
  for (let u = 0; u < n; u++) {
    if (units.kind[u] !== TokenKind.Word) continue
    const w = lower[u]!
    if (SPEECH_VERBS.has(w)) {
      lex[u] = 1
      continue
    }
    for (const phrase of phrasesByFirstWord.get(w) ?? []) {
      if (u + phrase.length > n) continue
      let ok = true
      for (let k = 1; k < phrase.length && ok; k++) ok = lower[u + k] === phrase[k]
      if (ok) {
        lex[u] = 1
        break
      }
    }
  }
  const lexLeft = new Int32Array(n).fill(-1)
  const lexRight = new Int32Array(n).fill(-1)
  const commaLeft = new Int32Array(n).fill(-1)
  const commaRight = new Int32Array(n).fill(-1)
  const sentLex = new Uint8Array(n)
  for (const s of units.sentences) {
    let lastLex = -1
    let lastComma = -1
    let any = 0
    for (let u = s.start; u < s.end; u++) {
      if (lastLex >= 0) lexLeft[u] = u - lastLex
      if (lastComma >= 0) commaLeft[u] = u - lastComma
      if (lex[u]) {
        lastLex = u
        any = 1
      }
      if (units.words[u] === ',') lastComma = u
    }
    let nextLex = -1
    let nextComma = -1
    for (let u = s.end - 1; u >= s.start; u--) {
      if (nextLex >= 0) lexRight[u] = nextLex - u
      if (nextComma >= 0) commaRight[u] = nextComma - u
      if (lex[u]) nextLex = u
      if (units.words[u] === ',') nextComma = u
    }
    if (any) sentLex.fill(1, s.start, s.end)
  }

  const mentionType = new Int32Array(n).fill(NONE)
  const mentionPos = new Uint8Array(n)
  for (let u = 0; u < n; u++) {
    const m = units.mention[u]!
    if (m < 0) continue
    mentionType[u] = hsPrefixed('m', doc.mentions[m]!.type)
    mentionPos[u] = u > 0 && units.mention[u - 1] === m ? 2 : 1
  }

  const head = syntax.head
  const children = new Int32Array(n).fill(NONE)
  const anc = new Int32Array(n * 3)
  const ancChild = new Int32Array(n * 2).fill(-1)
  const ancVerb = new Int32Array(n * 2).fill(-1)
  const left = new Int32Array(n)
  const right = new Int32Array(n)
  for (let u = 0; u < n; u++) {
    left[u] = u
    right[u] = u
  }
  if (syntax.parsed) {
    // Subtree edges: every unit widens the span of each of its ancestors.
    for (let u = 0; u < n; u++) {
      let a = head[u]!
      for (let steps = 0; a >= 0 && steps < 64; steps++) {
        if (u < left[a]!) left[a] = u
        if (u > right[a]!) right[a] = u
        a = head[a]!
      }
    }
    // dependents as linked lists (first child, next sibling): no array per unit
    const firstChild = new Int32Array(n).fill(-1)
    const nextSibling = new Int32Array(n).fill(-1)
    for (let u = n - 1; u >= 0; u--) {
      const h = head[u]!
      if (h < 0) continue
      nextSibling[u] = firstChild[h]!
      firstChild[h] = u
    }
    const rels: string[] = []
    for (let u = 0; u < n; u++) {
      let count = 0
      for (let c = firstChild[u]!; c >= 0; c = nextSibling[c]!) rels[count++] = syntax.deprel[c]!
      if (count > 0) children[u] = childRelationsHash(rels, count)
    }
    const verbal = new Uint8Array(n)
    for (let u = 0; u < n; u++) verbal[u] = VERBAL.test(syntax.xpos[u]!) ? 1 : 0
    for (let u = 0; u < n; u++) {
      let child = u
      let a = head[u]!
      let found = 0
      let steps = 0
      while (a >= 0 && found < 3 && steps < 12) {
        if (verbal[a] || lex[a]) {
          anc[u * 3 + found] = h3(7, dep[child]!, wf[a]![WF.Lower]!, a < u ? 1 : 2)
          if (found < 2) {
            ancChild[u * 2 + found] = child
            ancVerb[u * 2 + found] = a
          }
          found++
        }
        child = a
        a = head[a]!
        steps++
      }
    }
  }

  const cluster = new Int32Array(n)
  for (let u = 0; u < n; u++) cluster[u] = cachedCluster(units.words[u]!)
  const caps = new Uint8Array(n)
  for (let u = 0; u < n; u++) caps[u] = (units.flags[u]! & (TokenFlag.Capitalised | TokenFlag.AllCaps)) + 1

  return {
    caps, cluster, n, wf, pos, upos, dep, head, parsed: syntax.parsed, paraStart, paraEnd, sentStart, sentEnd, inQuote, mark,
    sinceOpen, untilClose, ancChild, ancVerb, left, right, lex, lexLeft, lexRight, commaLeft, commaRight, mentionType, mentionPos, children, anc, sentLex,
    words: units.words,
  }
}

/**
 * The features of unit `u` that depend on its word alone (its form, lowercase, shape, affixes, flags
 * and clusters: the same for every occurrence of the word), written into `out`; returns how many.
 * They are the templates that `unitFeatures` leaves out when asked for the context part only.
 */
export function unitWordFeatures(c: FeatureContext, u: number, out: Int32Array): number {
  const w = c.wf[u]!
  const cl = c.cluster[u]!
  let k = 0
  out[k++] = h1(1, 1)
  out[k++] = h1(2, w[WF.Word]!)
  out[k++] = h1(3, w[WF.Lower]!)
  out[k++] = h1(14, w[WF.Shape]!)
  out[k++] = h1(15, w[WF.Suf2]!)
  out[k++] = h1(16, w[WF.Suf3]!)
  out[k++] = h1(17, w[WF.Pre3]!)
  out[k++] = h1(18, w[WF.Flags]!)
  out[k++] = h1(91, cl & 1023)
  out[k++] = h1(92, (cl >>> 10) & 1023)
  out[k++] = h1(93, (cl >>> 20) & 1023)
  return k
}

function lowerAt(c: FeatureContext, v: number, ps: number, pe: number): number {
  return v < ps || v >= pe ? PARA_EDGE : c.wf[v]![WF.Lower]!
}

function posAt(c: FeatureContext, v: number, ps: number, pe: number): number {
  return v < ps || v >= pe ? PARA_EDGE : c.pos[v]!
}

function quoteAt(c: FeatureContext, v: number, ps: number, pe: number): number {
  return v < ps || v >= pe ? 7 : c.mark[v]! + 3 * c.inQuote[v]!
}

/**
 * Writes the feature keys of unit `u` into `out`; returns how many. With `withWord` false, those of
 * unitWordFeatures are left out (a caller that adds their weights from a per-word sum).
 */
export function unitFeatures(c: FeatureContext, u: number, out: Int32Array, withWord = true): number {
  const ps = c.paraStart[u]!
  const pe = c.paraEnd[u]!
  // the neighbours' lowercase words, POS tags and quotation states, PARA_EDGE / 7 outside the paragraph
  // (plain locals: three closures per unit were a measurable share of this function)
  const lm3 = lowerAt(c, u - 3, ps, pe)
  const lm2 = lowerAt(c, u - 2, ps, pe)
  const lm1 = lowerAt(c, u - 1, ps, pe)
  const lp1 = lowerAt(c, u + 1, ps, pe)
  const lp2 = lowerAt(c, u + 2, ps, pe)
  const lp3 = lowerAt(c, u + 3, ps, pe)
  const pm2 = posAt(c, u - 2, ps, pe)
  const pm1 = posAt(c, u - 1, ps, pe)
  const pp1 = posAt(c, u + 1, ps, pe)
  const pp2 = posAt(c, u + 2, ps, pe)
  const qm2 = quoteAt(c, u - 2, ps, pe)
  const qm1 = quoteAt(c, u - 1, ps, pe)
  const qp1 = quoteAt(c, u + 1, ps, pe)
  const qp2 = quoteAt(c, u + 2, ps, pe)
  const w = c.wf[u]!
  const l0 = w[WF.Lower]!
  const p0 = c.pos[u]!
  const q = c.inQuote[u]!
  const ss = c.sentStart[u]!
  const se = c.sentEnd[u]!
  // the word part first (the templates unitWordFeatures lists), then the context part
  let k = withWord ? unitWordFeatures(c, u, out) : 0
  out[k++] = h1(4, lm1)
  out[k++] = h1(5, lp1)
  out[k++] = h1(6, lm2)
  out[k++] = h1(7, lp2)
  out[k++] = h1(8, lm3)
  out[k++] = h1(9, lp3)
  out[k++] = h2(10, lm1, l0)
  out[k++] = h2(11, l0, lp1)
  out[k++] = h2(12, lm2, lm1)
  out[k++] = h2(13, lp1, lp2)
  out[k++] = h1(19, u + 1 < pe ? c.wf[u + 1]![WF.Short]! : PARA_EDGE)
  out[k++] = h1(20, u - 1 >= ps ? c.wf[u - 1]![WF.Short]! : PARA_EDGE)
  // POS
  out[k++] = h1(21, p0)
  out[k++] = h1(22, pm1)
  out[k++] = h1(23, pp1)
  out[k++] = h1(24, pm2)
  out[k++] = h1(25, pp2)
  out[k++] = h2(26, pm1, p0)
  out[k++] = h2(27, p0, pp1)
  out[k++] = h3(28, pm1, p0, pp1)
  out[k++] = h2(29, p0, lm1)
  out[k++] = h2(30, p0, lp1)
  out[k++] = h2(31, lm1, pp1)
  // quotation state
  out[k++] = h2(32, q, c.mark[u]!)
  out[k++] = h2(33, qm1, qp1)
  out[k++] = h3(34, qm1, c.mark[u]! + 3 * q, qp1)
  out[k++] = h2(35, q, p0)
  out[k++] = h2(36, q, l0)
  out[k++] = h2(37, bucket(c.sinceOpen[u]!), q)
  out[k++] = h2(38, bucket(c.untilClose[u]!), q)
  out[k++] = h2(39, qm2, qm1)
  out[k++] = h2(40, qp1, qp2)
  // sentence position
  out[k++] = h3(41, u === ss ? 1 : 0, u === se - 1 ? 1 : 0, u === ps ? 1 : 0)
  out[k++] = h1(42, bucket(se - 1 - u))
  out[k++] = h1(43, bucket(u - ss))
  out[k++] = h2(44, bucket(se - 1 - u), p0)
  out[k++] = h2(45, u === ss ? 1 : 0, l0)
  // lexicon cues
  out[k++] = h2(46, c.lex[u]!, c.sentLex[u]!)
  out[k++] = h2(47, bucket(c.lexLeft[u]!), bucket(c.lexRight[u]!))
  out[k++] = h3(48, bucket(c.lexLeft[u]!), q, p0)
  out[k++] = h3(49, bucket(c.lexRight[u]!), q, p0)
  out[k++] = h2(50, c.lex[u]!, lp1)
  out[k++] = h2(51, c.lex[u]!, lm1)
  out[k++] = h3(52, u - 1 >= ps ? c.lex[u - 1]! : 0, u + 1 < pe ? c.lex[u + 1]! : 0, p0)
  // commas
  out[k++] = h2(53, bucket(c.commaLeft[u]!), bucket(c.commaRight[u]!))
  out[k++] = h3(54, bucket(c.commaLeft[u]!), c.lexLeft[u]! >= 0 && c.lexLeft[u]! < c.commaLeft[u]! ? 1 : 0, q)
  // mentions
  out[k++] = h2(55, c.mentionType[u]!, c.mentionPos[u]!)
  out[k++] = h2(56, u - 1 >= ps ? c.mentionType[u - 1]! : PARA_EDGE, u + 1 < pe ? c.mentionType[u + 1]! : PARA_EDGE)
  out[k++] = h3(57, c.mentionType[u]!, c.mentionPos[u]!, pp1)
  out[k++] = h2(58, c.caps[u]!, p0)
  // word clusters
  const cl = c.cluster[u]!
  out[k++] = h2(94, u - 1 >= ps ? (c.cluster[u - 1]! >>> 10) & 1023 : 1024, u + 1 < pe ? (c.cluster[u + 1]! >>> 10) & 1023 : 1024)
  out[k++] = h2(95, (cl >>> 10) & 1023, q)
  // dependencies
  if (c.parsed) {
    const d0 = c.dep[u]!
    const hd = c.head[u]!
    const hl = hd >= 0 ? c.wf[hd]![WF.Lower]! : NONE
    const hp = hd >= 0 ? c.pos[hd]! : NONE
    out[k++] = h1(60, d0)
    out[k++] = h2(61, d0, hl)
    out[k++] = h2(62, d0, hp)
    out[k++] = h3(63, d0, hd < 0 ? 0 : hd < u ? 1 : 2, p0)
    out[k++] = h2(64, d0, hd >= 0 ? c.dep[hd]! : NONE)
    out[k++] = h2(65, l0, c.children[u]!)
    out[k++] = h2(66, p0, c.children[u]!)
    out[k++] = h1(67, c.children[u]!)
    const a1 = c.anc[u * 3]!
    const a2 = c.anc[u * 3 + 1]!
    const a3 = c.anc[u * 3 + 2]!
    out[k++] = h1(68, a1)
    out[k++] = h1(69, a2)
    out[k++] = h1(70, a3)
    out[k++] = h2(71, a1, q)
    out[k++] = h2(72, a1, a2)
    out[k++] = h2(73, a1, p0)
    out[k++] = h3(74, d0, hl, q)
    // Where the unit sits in the branch it belongs to under its first two verb ancestors.
    for (let j = 0; j < 2; j++) {
      const child = c.ancChild[u * 2 + j]!
      if (child < 0) break
      const verb = c.ancVerb[u * 2 + j]!
      const dc = c.dep[child]!
      const edges = (u === c.left[child] ? 1 : 0) + (u === c.right[child] ? 2 : 0)
      const vl = c.wf[verb]![WF.Lower]!
      out[k++] = h3(80 + j, dc, edges, verb < u ? 1 : 2)
      out[k++] = h3(82 + j, dc, edges, vl)
      out[k++] = h3(84 + j, dc, bucket(c.right[child]! - u), q)
      out[k++] = h3(86 + j, dc, bucket(u - c.left[child]!), c.lex[verb]!)
      out[k++] = h3(88 + j, dc, edges, c.lex[verb]!)
      out[k++] = h3(96 + j, dc, (c.cluster[verb]! >>> 10) & 1023, verb < u ? 1 : 2)
    }
    // The unit's own subtree: where a cue's complement ends.
    out[k++] = h3(90, bucket(c.right[u]! - u), bucket(u - c.left[u]!), p0)
  }
  return k
}

