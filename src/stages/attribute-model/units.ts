/**
 * The units the attribution model labels: the pipeline's tokens, except that a clitic split in two
 * by the tokenizer when it stands alone (`Obama 's` in space-joined text gives `'` + `s`) is one
 * unit again, as it is in running text (`Obama's` gives `Obama` + `'s`), and a quotation mark
 * written as two apostrophes (`''`, the NYT's style) is one mark. Units keep character
 * offsets, so predicted spans go straight back into the text. Paragraphs (blank-line separated) are
 * the labelling windows; sentences are the parsing windows.
 */
import type { Document } from '../../doc/document.js'
import { TokenFlag, TokenKind } from '../../doc/tokens.js'

const CLITIC_TAILS = new Set(['s', 're', 've', 'll', 'd', 'm', 't'])
const APOSTROPHES = new Set(["'", '’', 'ʼ'])

export interface Units {
  readonly count: number
  readonly start: Uint32Array
  readonly end: Uint32Array
  readonly kind: Uint8Array
  /** The token's flags of the first token of the unit. */
  readonly flags: Uint8Array
  /** Unit surface forms (the text slice). */
  readonly words: string[]
  /** For every pipeline token, its unit. */
  readonly unitOfToken: Int32Array
  /** Paragraphs as unit ranges `[start, end)`. */
  readonly paragraphs: Array<{ start: number; end: number }>
  /** Sentences as unit ranges `[start, end)`, in order, never crossing a paragraph. */
  readonly sentences: Array<{ start: number; end: number }>
  /** Index into `doc.mentions` covering each unit, or -1. */
  readonly mention: Int32Array
}

export function buildUnits(doc: Document): Units {
  const tokens = doc.requireTokens()
  const text = doc.text
  const n = tokens.count
  const start = new Uint32Array(n)
  const end = new Uint32Array(n)
  const kind = new Uint8Array(n)
  const flags = new Uint8Array(n)
  const unitOfToken = new Int32Array(n)
  let count = 0
  for (let t = 0; t < n; t++) {
    const s = tokens.start[t]!
    const e = tokens.end[t]!
    if (
      e - s === 1 &&
      APOSTROPHES.has(text[s]!) &&
      t + 1 < n &&
      tokens.start[t + 1] === e &&
      (s === 0 || /\s/.test(text[s - 1]!)) &&
      CLITIC_TAILS.has(text.slice(e, tokens.end[t + 1]!).toLowerCase()) &&
      (tokens.end[t + 1]! >= text.length || !/[\p{L}\p{N}]/u.test(text[tokens.end[t + 1]!]!))
    ) {
      start[count] = s
      end[count] = tokens.end[t + 1]!
      kind[count] = TokenKind.Word
      flags[count] = tokens.flags[t]!
      unitOfToken[t] = count
      unitOfToken[t + 1] = count
      count++
      t++
      continue
    }
    // Two apostrophes or backquotes written as one quotation mark ('' or ``, as the NYT does).
    if (e - s === 1 && (text[s] === "'" || text[s] === '`') && t + 1 < n && tokens.start[t + 1] === e && tokens.end[t + 1] === e + 1 && text[e] === text[s]) {
      start[count] = s
      end[count] = e + 1
      kind[count] = TokenKind.Quote
      flags[count] = tokens.flags[t]!
      unitOfToken[t] = count
      unitOfToken[t + 1] = count
      count++
      t++
      continue
    }
    start[count] = s
    end[count] = e
    kind[count] = tokens.kind[t]!
    flags[count] = tokens.flags[t]!
    unitOfToken[t] = count
    count++
  }
  const words = new Array<string>(count)
  for (let u = 0; u < count; u++) words[u] = text.slice(start[u]!, end[u]!)

  const paragraphs: Array<{ start: number; end: number }> = []
  let paragraphStart = 0
  for (let u = 1; u <= count; u++) {
    if (u === count || (flags[u]! & TokenFlag.ParagraphStart) !== 0) {
      if (u > paragraphStart) paragraphs.push({ start: paragraphStart, end: u })
      paragraphStart = u
    }
  }

  const sentences: Array<{ start: number; end: number }> = []
  const paragraphEndOf = new Int32Array(count)
  for (const p of paragraphs) paragraphEndOf.fill(p.end, p.start, p.end)
  for (const sentence of doc.sentences) {
    if (sentence.tokenEnd <= sentence.tokenStart) continue
    let s = unitOfToken[sentence.tokenStart]!
    const e = unitOfToken[sentence.tokenEnd - 1]! + 1
    // A sentence never crosses a paragraph break in the units either.
    while (s < e) {
      const stop = Math.min(e, paragraphEndOf[s]!)
      if (sentences.length > 0 && sentences[sentences.length - 1]!.end > s) s = sentences[sentences.length - 1]!.end
      if (stop > s) sentences.push({ start: s, end: stop })
      s = Math.max(stop, s + 1)
    }
  }
  // Units no sentence covers (should not happen) become one-unit sentences so every unit is parsed.
  const covered = new Uint8Array(count)
  for (const s of sentences) covered.fill(1, s.start, s.end)
  for (let u = 0; u < count; u++) if (!covered[u]) sentences.push({ start: u, end: u + 1 })
  sentences.sort((a, b) => a.start - b.start)

  const mention = new Int32Array(count).fill(-1)
  doc.mentions.forEach((m, index) => {
    if (m.tokenEnd <= m.tokenStart) return
    const first = unitOfToken[m.tokenStart]!
    const last = unitOfToken[m.tokenEnd - 1]!
    for (let u = first; u <= last; u++) mention[u] = index
  })

  return { count, start, end, kind, flags, words, unitOfToken, paragraphs, sentences, mention }
}

/** Index of the first unit whose end is after `offset` (the unit holding it, or the next one). */
export function unitAt(units: Units, offset: number): number {
  let low = 0
  let high = units.count
  while (low < high) {
    const mid = (low + high) >>> 1
    if (units.end[mid]! <= offset) low = mid + 1
    else high = mid
  }
  return low
}
