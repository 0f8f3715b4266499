/**
 * Check-worthy claims in the outlet's own voice: sentences outside every statement and quotation that
 * state a number or quantity, or make a causal or comparative assertion about a named entity. Each
 * claim keeps the words that made it check-worthy as evidence.
 */
import type { ClaimAnnotation, Document, Offsets } from '../../doc/document.js'
import type { ClaimKind } from '../../doc/schema.js'
import { TokenKind } from '../../doc/tokens.js'
import { TokenView } from '../attribute/context.js'
import { attributedSpans } from './voice.js'

const words = (block: string): Set<string> => new Set(block.split(/\s+/).filter(Boolean))

/** Number words that state a quantity; "one" is left out, it is mostly a pronoun or an article. */
const NUMBER_WORDS = words(`two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen
  sixteen seventeen eighteen nineteen twenty thirty forty fifty sixty seventy eighty ninety hundred hundreds
  thousand thousands million millions billion billions trillion dozen dozens half percent per-cent`)
/** Words that scale or measure a number right after it: "12 million", "40 percent". */
const SCALE_WORDS = words('hundred thousand million billion trillion percent %')
const REFERRING = words('the both these those its their')
const CURRENCY = new Set(['$', '€', '£', '¥'])
const MONTHS = words(`january february march april may june july august september october november december
  jan jan. feb feb. mar mar. apr apr. jun jun. jul jul. aug aug. sep sep. sept sept. oct oct. nov nov. dec dec.`)
const YEAR = /^(?:1[5-9]|20)\d\d$/
const CAUSAL_PHRASES: readonly string[][] = [
  'because', 'due to', 'caused', 'causes', 'causing', 'led to', 'leads to', 'lead to', 'leading to', 'resulted in',
  'results in', 'as a result', 'owing to', 'thanks to', 'blamed on', 'triggered', 'sparked', 'prompted',
  'fuelled', 'fueled', 'therefore', 'consequently',
].map((phrase) => phrase.split(' '))
const SUPERLATIVES = words(`largest biggest highest lowest greatest worst best deadliest longest oldest youngest fastest
  richest poorest strongest weakest smallest most least`)
/** Words before "most"/"least" that make them superlatives. */
const DETERMINERS = words('the its their his her our')
/** Words ending in -er before "than" that compare nothing: "other than", "rather than". */
const NOT_COMPARATIVES = words('other rather whether either neither')

interface Cue extends Offsets {
  kind: ClaimKind
}

export function findClaims(doc: Document): ClaimAnnotation[] {
  const view = new LowerCaseView(doc)
  // Tokens in someone else's voice, marked once, so each sentence is checked in time linear in its length.
  const attributed = new Uint8Array(view.tokens.count)
  for (const span of attributedSpans(doc)) {
    for (let t = view.tokenAt(span.start); t < view.tokens.count && view.start(t) < span.end; t++) attributed[t] = 1
  }
  const claims: ClaimAnnotation[] = []
  for (const sentence of doc.sentences) {
    if (sentence.tokenEnd <= sentence.tokenStart) continue
    const start = view.start(sentence.tokenStart)
    const end = view.end(sentence.tokenEnd - 1)
    if (attributed.subarray(sentence.tokenStart, sentence.tokenEnd).includes(1)) continue
    if (view.isPunct(sentence.tokenEnd - 1, '?')) continue
    const cues = findCues(view, sentence.tokenStart, sentence.tokenEnd)
    if (cues.length === 0) continue
    const entities: number[] = []
    for (let t = sentence.tokenStart; t < sentence.tokenEnd; t++) {
      const mention = view.mentionAt[t]! >= 0 ? doc.mentions[view.mentionAt[t]!]! : null
      if (mention && mention.start >= start && mention.end <= end && mention.entity >= 0 && !entities.includes(mention.entity)) entities.push(mention.entity)
    }
    const kinds = [...new Set(cues.map((cue) => cue.kind))]
    // Numbers are check-worthy on their own; causes and comparisons when they are about someone named.
    if (!kinds.includes('quantity') && entities.length === 0) continue
    claims.push({ start, end, entities, kinds, evidence: cues.map(({ start, end }) => ({ start, end })) })
  }
  return claims
}

/** Token views with each token lowercased once: the cue tests look at every word several times. */
class LowerCaseView extends TokenView {
  private readonly lowered: Array<string | undefined> = []

  override lower(index: number): string {
    return (this.lowered[index] ??= super.lower(index))
  }
}

/** The quantity, causal and comparative cues of tokens [first, limit), in text order. */
export function findCues(view: TokenView, first: number, limit: number): Cue[] {
  const cues: Cue[] = []
  for (let t = first; t < limit; t++) {
    const quantity = quantityAt(view, t, first, limit)
    if (quantity >= 0) {
      cues.push({ kind: 'quantity', start: view.start(t), end: view.end(quantity) })
      t = quantity
      continue
    }
    const causal = phraseAt(view, t, limit, CAUSAL_PHRASES)
    if (causal >= 0) {
      cues.push({ kind: 'causal', start: view.start(t), end: view.end(causal) })
      t = causal
      continue
    }
    const comparative = comparativeAt(view, t, limit)
    if (comparative >= 0) {
      cues.push({ kind: 'comparative', start: view.start(t), end: view.end(comparative) })
      t = comparative
    }
  }
  return cues
}

/** The last token of a quantity starting at `t` ("$4.5 million", "900", "dozens"), or -1. Dates, years and names' numbers are not quantities. */
function quantityAt(view: TokenView, t: number, first: number, limit: number): number {
  let at = t
  if (CURRENCY.has(view.word(at)) && at + 1 < limit && view.tokens.kind[at + 1] === TokenKind.Number) at++
  const word = view.lower(at)
  const isNumber = view.tokens.kind[at] === TokenKind.Number
  if (!isNumber && !NUMBER_WORDS.has(word)) return -1
  if (view.mentionAt[at]! >= 0) return -1 // "Internet Explorer 6", "Fan Expo Canada 2016"
  // "the two countries" refers to things already named; it counts nothing new.
  if (!isNumber && at > first && REFERRING.has(view.lower(at - 1))) return -1
  if (isNumber) {
    if (YEAR.test(word)) return -1
    const before = at > first ? view.lower(at - 1) : ''
    const after = at + 1 < limit ? view.lower(at + 1) : ''
    if (MONTHS.has(before) || MONTHS.has(after) || /^\d{1,2}:\d\d$/.test(word)) return -1
  }
  let last = at
  while (last + 1 < limit && SCALE_WORDS.has(view.lower(last + 1))) last++
  if (last + 2 < limit && view.lower(last + 1) === 'per' && view.lower(last + 2) === 'cent') last += 2
  return last
}

/** "more than", "twice as", "largest", "compared with": the last token of a comparison at `t`, or -1. */
function comparativeAt(view: TokenView, t: number, limit: number): number {
  const word = view.lower(t)
  // "-er than" / "more than" / "fewer than": the cue runs from the comparative word to "than".
  if (t + 1 < limit && view.lower(t + 1) === 'than' && /(?:er|more|less|fewer)$/.test(word) && !NOT_COMPARATIVES.has(word)) return t + 1
  if ((word === 'compared' || word === 'comparison') && t + 1 < limit && ['with', 'to'].includes(view.lower(t + 1))) return t + 1
  if (SUPERLATIVES.has(word)) {
    if (word !== 'most' && word !== 'least') return t
    // "most" and "least" compare as "the most populous", "the world's most persecuted", not as "most of",
    // "at least four" or "he most admires".
    const before = t > 0 ? view.lower(t - 1) : ''
    const determined = DETERMINERS.has(before) || /^['’]s$/.test(before) || /^\d*(?:st|nd|rd|th)$|^(?:second|third|fifth|eighth|ninth|twelfth)$/.test(before)
    return determined && t + 1 < limit && view.isWord(t + 1) && view.lower(t + 1) !== 'of' ? t + 1 : -1
  }
  if (word === 'record' && t + 1 < limit && ['high', 'low', 'number', 'levels', 'level'].includes(view.lower(t + 1))) return t + 1
  return -1
}

function phraseAt(view: TokenView, t: number, limit: number, phrases: readonly string[][]): number {
  const first = view.lower(t)
  for (const phrase of phrases) {
    if (phrase[0] !== first) continue
    if (t + phrase.length > limit) continue
    let matches = true
    for (let k = 0; k < phrase.length && matches; k++) matches = view.lower(t + k) === phrase[k]
    if (matches) return t + phrase.length - 1
  }
  return -1
}
