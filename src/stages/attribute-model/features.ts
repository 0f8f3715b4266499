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
import { backboneWord, type Syntax } from './syntax.js'
import type { Units } from './units.js'

export const MAX_FEATURES = 128

const NONE = hashString('<none>')
const PARA_EDGE = hashString('<p>')
const NO_POS = hashString('<nopos>')

const cache = new WordFeatureCache()
const stringHashes = new Map<string, number>()
function hs(s: string): number {
  let v = stringHashes.get(s)
  if (v === undefined) {
    if (stringHashes.size > 100_000) stringHashes.clear()
    v = hashString(s)
    stringHashes.set(s, v)
  }
  return v
}

function bucket(d: number): number {
  if (d < 0) return 0
  return d <= 3 ? d + 1 : d <= 5 ? 5 : d <= 8 ? 6 : d <= 12 ? 7 : d <= 20 ? 8 : d <= 40 ? 9 : 10
}

const VERBAL = /^(VB|MD)/

const DOUBLE_MARKS = new Set(['"', '“', '”', '„', '«', '»', "''", '``'])
const OPENING = new Set(['“', '„', '«', '``'])
const CLOSING_PUNCT = new Set([',', '.', ';', ':', '?', '!', ')', '…', '...'])

/**
 * The role of every double quotation mark: 1 opening, 2 closing, 0 not a mark. Curly opening marks
 * open. Other marks close what is open; with nothing open, a straight mark opens when it is
 * written against the next word (`"We`) and a mark that cannot tell (space-joined text, where the
 * NYT's '' opening a quotation arrives as ”) opens unless it ends the paragraph, comes before
 * punctuation, or follows punctuation and comes before a lowercase word (`reform , ” said`).
 */
export function quoteRoles(text: string, units: Units): Uint8Array {
  const roles = new Uint8Array(units.count)
  for (const p of units.paragraphs) {
    let open = false
    for (let u = p.start; u < p.end; u++) {
      const w = units.words[u]!
      if (units.kind[u] !== TokenKind.Quote || !DOUBLE_MARKS.has(w)) continue
      let role: number
      if (OPENING.has(w)) role = open ? 0 : 1
      else if (open) role = 2
      else {
        const s = units.start[u]!
        const e = units.end[u]!
        const spaceBefore = s === 0 || /\s/.test(text[s - 1]!)
        const spaceAfter = e >= text.length || /\s/.test(text[e]!)
        if (spaceBefore !== spaceAfter) role = spaceAfter ? 2 : 1
        else if (u === p.end - 1) role = 2
        else {
          const next = units.words[u + 1]!
          const previous = u > p.start ? units.words[u - 1]! : ''
          const nextLower = /^\p{Ll}/u.test(next)
          if (CLOSING_PUNCT.has(next)) role = 2
          else if (nextLower && (CLOSING_PUNCT.has(previous) || previous === '')) role = 2
          else role = 1
        }
      }
      roles[u] = role
      if (role === 1) open = true
      if (role === 2) open = false
    }
  }
  return roles
}

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
  /** Whether the unit's sentence holds a lexicon cue. */
  sentLex: Uint8Array
  /** Capitalisation flags (capitalised, all caps) plus one. */
  caps: Uint8Array
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
    pos[u] = syntax.xpos[u] === '_' ? NO_POS : hs('p' + syntax.xpos[u]!)
    upos[u] = hs('u' + syntax.upos[u]!)
    dep[u] = hs('d' + syntax.deprel[u]!)
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
    for (const phrase of PHRASE_CUES) {
      if (phrase[0] !== w || u + phrase.length > n) continue
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
    mentionType[u] = hs('m' + doc.mentions[m]!.type)
    mentionPos[u] = u > 0 && units.mention[u - 1] === m ? 2 : 1
  }

  const head = syntax.head
  const children = new Int32Array(n).fill(NONE)
  const anc = new Int32Array(n * 3)
  if (syntax.parsed) {
    const rels: string[][] = Array.from({ length: n }, () => [])
    for (let u = 0; u < n; u++) if (head[u]! >= 0) rels[head[u]!]!.push(syntax.deprel[u]!)
    for (let u = 0; u < n; u++) if (rels[u]!.length > 0) children[u] = hs('c' + [...new Set(rels[u]!)].sort().join(' '))
    for (let u = 0; u < n; u++) {
      let child = u
      let a = head[u]!
      let found = 0
      let steps = 0
      while (a >= 0 && found < 3 && steps < 12) {
        if (VERBAL.test(syntax.xpos[a]!) || lex[a]) {
          anc[u * 3 + found] = h3(7, dep[child]!, wf[a]![WF.Lower]!, a < u ? 1 : 2)
          found++
        }
        child = a
        a = head[a]!
        steps++
      }
    }
  }

  const caps = new Uint8Array(n)
  for (let u = 0; u < n; u++) caps[u] = (units.flags[u]! & (TokenFlag.Capitalised | TokenFlag.AllCaps)) + 1

  return {
    caps, n, wf, pos, upos, dep, head, parsed: syntax.parsed, paraStart, paraEnd, sentStart, sentEnd, inQuote, mark,
    sinceOpen, untilClose, lex, lexLeft, lexRight, commaLeft, commaRight, mentionType, mentionPos, children, anc, sentLex,
  }
}

/** Writes the feature keys of unit `u` into `out`; returns how many. */
export function unitFeatures(c: FeatureContext, u: number, out: Int32Array): number {
  const ps = c.paraStart[u]!
  const pe = c.paraEnd[u]!
  const L = (k: number): number => {
    const v = u + k
    return v < ps || v >= pe ? PARA_EDGE : c.wf[v]![WF.Lower]!
  }
  const P = (k: number): number => {
    const v = u + k
    return v < ps || v >= pe ? PARA_EDGE : c.pos[v]!
  }
  const Q = (k: number): number => {
    const v = u + k
    return v < ps || v >= pe ? 7 : c.mark[v]! + 3 * c.inQuote[v]!
  }
  const w = c.wf[u]!
  const l0 = w[WF.Lower]!
  const lm1 = L(-1)
  const lp1 = L(1)
  const p0 = c.pos[u]!
  const pm1 = P(-1)
  const pp1 = P(1)
  const q = c.inQuote[u]!
  const ss = c.sentStart[u]!
  const se = c.sentEnd[u]!
  let k = 0
  out[k++] = h1(1, 1)
  out[k++] = h1(2, w[WF.Word]!)
  out[k++] = h1(3, l0)
  out[k++] = h1(4, lm1)
  out[k++] = h1(5, lp1)
  out[k++] = h1(6, L(-2))
  out[k++] = h1(7, L(2))
  out[k++] = h1(8, L(-3))
  out[k++] = h1(9, L(3))
  out[k++] = h2(10, lm1, l0)
  out[k++] = h2(11, l0, lp1)
  out[k++] = h2(12, L(-2), lm1)
  out[k++] = h2(13, lp1, L(2))
  out[k++] = h1(14, w[WF.Shape]!)
  out[k++] = h1(15, w[WF.Suf2]!)
  out[k++] = h1(16, w[WF.Suf3]!)
  out[k++] = h1(17, w[WF.Pre3]!)
  out[k++] = h1(18, w[WF.Flags]!)
  out[k++] = h1(19, u + 1 < pe ? c.wf[u + 1]![WF.Short]! : PARA_EDGE)
  out[k++] = h1(20, u - 1 >= ps ? c.wf[u - 1]![WF.Short]! : PARA_EDGE)
  // POS
  out[k++] = h1(21, p0)
  out[k++] = h1(22, pm1)
  out[k++] = h1(23, pp1)
  out[k++] = h1(24, P(-2))
  out[k++] = h1(25, P(2))
  out[k++] = h2(26, pm1, p0)
  out[k++] = h2(27, p0, pp1)
  out[k++] = h3(28, pm1, p0, pp1)
  out[k++] = h2(29, p0, lm1)
  out[k++] = h2(30, p0, lp1)
  out[k++] = h2(31, lm1, pp1)
  // quotation state
  out[k++] = h2(32, q, c.mark[u]!)
  out[k++] = h2(33, Q(-1), Q(1))
  out[k++] = h3(34, Q(-1), c.mark[u]! + 3 * q, Q(1))
  out[k++] = h2(35, q, p0)
  out[k++] = h2(36, q, l0)
  out[k++] = h2(37, bucket(c.sinceOpen[u]!), q)
  out[k++] = h2(38, bucket(c.untilClose[u]!), q)
  out[k++] = h2(39, Q(-2), Q(-1))
  out[k++] = h2(40, Q(1), Q(2))
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
  }
  return k
}

