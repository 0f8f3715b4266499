/**
 * whosaid on the article-level PolNeAR brat annotations: token-overlap scores per label over whole
 * articles, and speaker-resolution accuracy. Brat offsets count Unicode code points; they are
 * converted to UTF-16 string indices (the unit of whosaid spans) before any comparison.
 *
 * Every annotation file of the split is one gold standard (as in the CofeNet segments, which hold
 * one line set per annotation file); an article annotated twice is analysed once and scored twice.
 */
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Analysis } from '../../doc/schema.js'
import { COMMON_WORDS } from '../../lexicon/common-words.js'
import { analyzeArticle } from '../../pipeline/analyze.js'
import { makeArticle } from '../../testing/make-article.js'
import { LABELS, type Label } from './bio.js'
import { addCounts, tokenCounts, zeroCountsByLabel, type CountsByLabel } from './metrics.js'
import { polnearDir } from './paths.js'

export type BratSplit = 'train' | 'dev' | 'test'

export interface CharSpan {
  start: number
  end: number
}

export interface BratTextBound {
  id: string
  type: string
  fragments: CharSpan[]
  text: string
}

export interface BratEvent {
  id: string
  type: string
  trigger: string
  /** Role → text-bound id (`Source`, `Cue`, `Content`, `Content2`, ...). */
  args: { role: string; ref: string }[]
}

export interface BratDocument {
  textBounds: Map<string, BratTextBound>
  events: BratEvent[]
}

/** Parses a brat `.ann` file (T and E lines; other lines are ignored). Offsets stay as in the file. */
export function parseAnn(ann: string): BratDocument {
  const textBounds = new Map<string, BratTextBound>()
  const events: BratEvent[] = []
  for (const line of ann.split('\n')) {
    if (line.startsWith('T')) {
      const [id, middle, text = ''] = line.split('\t')
      if (!id || !middle) continue
      const space = middle.indexOf(' ')
      const type = middle.slice(0, space)
      const fragments = middle
        .slice(space + 1)
        .split(';')
        .map((part) => {
          const [start, end] = part.trim().split(/\s+/).map(Number)
          return { start: start!, end: end! }
        })
      textBounds.set(id, { id, type, fragments, text })
    } else if (line.startsWith('E')) {
      const [id, body] = line.split('\t')
      if (!id || !body) continue
      const parts = body.trim().split(/\s+/)
      const [type, trigger] = parts[0]!.split(':') as [string, string]
      const args = parts.slice(1).map((part) => {
        const colon = part.indexOf(':')
        return { role: part.slice(0, colon), ref: part.slice(colon + 1) }
      })
      events.push({ id, type, trigger, args })
    }
  }
  return { textBounds, events }
}

/** Maps code point offsets of `text` to UTF-16 offsets (index = code point offset). */
export function codePointToUtf16(text: string): Int32Array {
  const map = new Int32Array(text.length + 1)
  let cp = 0
  let i = 0
  while (i < text.length) {
    map[cp++] = i
    i += text.codePointAt(i)! > 0xffff ? 2 : 1
  }
  map[cp] = i
  return map.subarray(0, cp + 1)
}

/** Rewrites every fragment of `doc` from code points to UTF-16 offsets of `text`. */
export function toUtf16(doc: BratDocument, text: string): BratDocument {
  const map = codePointToUtf16(text)
  const at = (offset: number): number => map[Math.min(offset, map.length - 1)]!
  const textBounds = new Map<string, BratTextBound>()
  for (const [id, tb] of doc.textBounds) {
    textBounds.set(id, { ...tb, fragments: tb.fragments.map((f) => ({ start: at(f.start), end: at(f.end) })) })
  }
  return { textBounds, events: doc.events }
}

const BRAT_LABEL: Readonly<Record<string, Label>> = { Source: 'source', Cue: 'cue', Content: 'content' }

/** Word tokens (letters and digits) of a text: the units of the article-level overlap scores. */
export function wordTokens(text: string): CharSpan[] {
  return [...text.matchAll(/[\p{L}\p{N}]+/gu)].map((m) => ({ start: m.index!, end: m.index! + m[0].length }))
}

/** Indices of the tokens overlapping any of the character spans. */
function coveredTokens(tokens: readonly CharSpan[], spans: readonly CharSpan[]): { start: number; end: number }[] {
  const out: { start: number; end: number }[] = []
  for (const span of spans) {
    if (span.end <= span.start) continue
    let first = -1
    let last = -1
    // Linear is fine at article scale; tokens are sorted.
    for (let t = 0; t < tokens.length; t++) {
      const tok = tokens[t]!
      if (tok.start >= span.end) break
      if (tok.end > span.start) {
        if (first < 0) first = t
        last = t
      }
    }
    if (first >= 0) out.push({ start: first, end: last + 1 })
  }
  return out
}

const FUNCTION_WORDS = new Set([
  'the', 'a', 'an', 'of', 'and', 'or', 'in', 'on', 'at', 'for', 'to', 'by', 'with', 'from', 's',
  'he', 'she', 'it', 'they', 'we', 'i', 'you', 'him', 'her', 'them', 'us', 'me', 'his', 'its', 'their', 'our',
  'my', 'your', 'this', 'that', 'these', 'those', 'who', 'which', 'some', 'many', 'one', 'both', 'all',
  'mr', 'mrs', 'ms', 'dr', 'sen', 'rep', 'gov', 'gen', 'president', 'senator',
])

/** Lowercased content words of a name or phrase (function words and titles removed). */
export function nameWords(text: string): Set<string> {
  const words = (text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []).filter((w) => !FUNCTION_WORDS.has(w))
  return new Set(words)
}

/**
 * A gold source is "named" when (1) the head of its first noun phrase (the last word before a comma,
 * a bracket or a postmodifier such as "of", "who") is not a lowercase word — so "the Indiana
 * governor" and "Twelve percent" are descriptions — and (2) it holds a capitalised word that is
 * not a function word or title and, when it is the first word, not a common English word
 * (sentence-initial capitals are no evidence of a name: "Lawmakers", "Experts").
 */
export function isNamedSource(text: string): boolean {
  const firstPhrase = text.split(/[,(;:—–]|\s(?:of|for|at|from|who|which|that|in|with)\s/u)[0] ?? text
  const phraseWords = firstPhrase.match(/[\p{L}\p{N}]+(?:['’][\p{L}]+)?/gu) ?? []
  const head = phraseWords.at(-1)
  if (!head || /^\p{Ll}/u.test(head)) return false
  const words = text.match(/[\p{L}\p{N}]+/gu) ?? []
  return words.some((w, index) => {
    if (!/^\p{Lu}/u.test(w)) return false
    const lower = w.toLowerCase()
    if (FUNCTION_WORDS.has(lower)) return false
    return index > 0 || !COMMON_WORDS.has(lower)
  })
}

/**
 * Whether a resolved canonical name names the gold source: they share a content word, or one is an
 * acronym of the other (gold "The IMF" and "International Monetary Fund", which our resolver joins).
 */
export function namesMatch(canonical: string, goldText: string): boolean {
  const gold = nameWords(goldText)
  for (const w of nameWords(canonical)) if (gold.has(w)) return true
  return isAcronymOf(goldText, canonical) || isAcronymOf(canonical, goldText)
}

/** Whether `text` holds an all-capital word (2-6 letters) that spells the initials of the content words of `name`. */
function isAcronymOf(text: string, name: string): boolean {
  const initials = [...nameWords(name)].map((w) => w[0]!).join('').toUpperCase()
  if (initials.length < 2) return false
  return (text.match(/\b\p{Lu}{2,6}\b/gu) ?? []).some((word) => word === initials)
}

export const SPEAKER_RESOLUTION_DEFINITION =
  'For each gold attribution (brat E line) that has a Source, find our statements whose speaker span overlaps ' +
  'the gold Source span by at least one character. Gold sources with no such statement are not scored (count: ' +
  '`noOverlap`). A scored gold source is "named" when the head of its first phrase is not a lowercase word and it ' +
  'holds a capitalised word that is not a function word or title (nor, as first word, a common English word); for ' +
  'those, the speaker is correct when one overlapping statement resolved to an entity whose canonical name shares ' +
  'a content word (case-insensitive, function words and titles removed) with the gold source text, or is spelt by ' +
  'an acronym in it or spells one ("The IMF", "International Monetary Fund"); "unresolved" ' +
  'when every overlapping statement has no entity; otherwise "wrongEntity". accuracy = correct / named. PolNeAR ' +
  'has no coreference annotation, so pronoun and descriptive gold sources ("he", "the state senator") cannot be ' +
  'checked: they are counted under `unverifiable`, split by whether we resolved them to an entity.'

export interface SpeakerResolution {
  goldWithSource: number
  noOverlap: number
  named: { total: number; correct: number; wrongEntity: number; unresolved: number; accuracy: number }
  unverifiable: { total: number; resolvedToEntity: number; unresolved: number }
  definition: string
}

export interface BratScores {
  files: number
  articles: number
  failures: number
  tokens: CountsByLabel
  speakers: SpeakerResolution
}

export interface BratFile {
  article: string
  annFile: string
}

export function listBratFiles(split: BratSplit, root = polnearDir()): BratFile[] {
  return readdirSync(join(root, split, 'attributions'))
    .filter((name) => name.endsWith('.ann'))
    .sort()
    .map((name) => ({ annFile: name, article: name.slice(0, -'.ann'.length).replace(/_[^_]+$/, '') }))
}

interface ArticleGold {
  text: string
  doc: BratDocument
}

/** Scores one annotation file against our analysis of its article text; adds into `into`. */
export function scoreArticle(gold: ArticleGold, analysis: Analysis | null, into: BratScores): void {
  const { text, doc } = gold
  const tokens = wordTokens(text)
  for (const label of LABELS) {
    const goldSpans: CharSpan[] = []
    for (const tb of doc.textBounds.values()) if (BRAT_LABEL[tb.type] === label) goldSpans.push(...tb.fragments)
    const predSpans: CharSpan[] = []
    for (const s of analysis?.statements ?? []) predSpans.push(label === 'source' ? s.speaker : s[label])
    addCounts(into.tokens[label], tokenCounts(coveredTokens(tokens, goldSpans), coveredTokens(tokens, predSpans)))
  }

  const speakers = into.speakers
  for (const event of doc.events) {
    const sourceRef = event.args.find((a) => a.role === 'Source')?.ref
    const source = sourceRef ? doc.textBounds.get(sourceRef) : undefined
    if (!source) continue
    speakers.goldWithSource++
    const overlapping = (analysis?.statements ?? []).filter((s) =>
      s.speaker.end > s.speaker.start && source.fragments.some((f) => s.speaker.start < f.end && f.start < s.speaker.end),
    )
    if (overlapping.length === 0) {
      speakers.noOverlap++
      continue
    }
    const resolved = overlapping.filter((s) => s.speaker.entity !== null)
    if (isNamedSource(source.text)) {
      speakers.named.total++
      if (resolved.some((s) => namesMatch(s.speaker.name, source.text))) speakers.named.correct++
      else if (resolved.length === 0) speakers.named.unresolved++
      else speakers.named.wrongEntity++
    } else {
      speakers.unverifiable.total++
      if (resolved.length > 0) speakers.unverifiable.resolvedToEntity++
      else speakers.unverifiable.unresolved++
    }
  }
}

export function emptyBratScores(): BratScores {
  return {
    files: 0,
    articles: 0,
    failures: 0,
    tokens: zeroCountsByLabel(),
    speakers: {
      goldWithSource: 0,
      noOverlap: 0,
      named: { total: 0, correct: 0, wrongEntity: 0, unresolved: 0, accuracy: 0 },
      unverifiable: { total: 0, resolvedToEntity: 0, unresolved: 0 },
      definition: SPEAKER_RESOLUTION_DEFINITION,
    },
  }
}

export function analyzeText(text: string): Analysis | null {
  try {
    return analyzeArticle(makeArticle(text), { requireEnglish: false })
  } catch {
    return null
  }
}

/** The text of a PolNeAR article (its brat text file). */
export function articleText(split: BratSplit, article: string, root = polnearDir()): string {
  return readFileSync(join(root, split, 'text', `${article}.txt`), 'utf8')
}

/** `analyses` caches our analysis per article (shared with the segment evaluation, which reads the same articles). */
export function evaluateBrat(split: BratSplit = 'test', root = polnearDir(), analyses = new Map<string, Analysis | null>()): BratScores {
  const scores = emptyBratScores()
  const articles = new Set<string>()
  const failed = new Set<string>()
  for (const file of listBratFiles(split, root)) {
    articles.add(file.article)
    const text = articleText(split, file.article, root)
    let analysis = analyses.get(file.article)
    if (analysis === undefined) {
      analysis = analyzeText(text)
      analyses.set(file.article, analysis)
    }
    if (analysis === null) failed.add(file.article)
    const doc = toUtf16(parseAnn(readFileSync(join(root, split, 'attributions', file.annFile), 'utf8')), text)
    scoreArticle({ text, doc }, analysis, scores)
    scores.files++
  }
  scores.articles = articles.size
  scores.failures = failed.size
  const named = scores.speakers.named
  named.accuracy = named.total > 0 ? Math.round((named.correct / named.total) * 1000) / 10 : 0
  return scores
}
