/**
 * Read-only helpers over one document's tokens and mentions that the attribution rules share.
 */
import type { Document, Mention } from '../../doc/document.js'
import { TokenFlag, TokenKind, type TokenColumns } from '../../doc/tokens.js'
import { PHRASE_CUES, SPEECH_VERBS } from '../../lexicon/speech.js'

export class TokenView {
  readonly text: string
  readonly tokens: TokenColumns
  /** For each token, the index of the mention that covers it, or -1. */
  readonly mentionAt: Int32Array
  readonly mentions: readonly Mention[]

  constructor(doc: Document) {
    this.text = doc.text
    this.tokens = doc.requireTokens()
    this.mentions = doc.mentions
    this.mentionAt = new Int32Array(this.tokens.count).fill(-1)
    doc.mentions.forEach((mention, index) => {
      for (let t = mention.tokenStart; t < mention.tokenEnd; t++) this.mentionAt[t] = index
    })
  }

  word(index: number): string {
    return this.text.slice(this.tokens.start[index]!, this.tokens.end[index]!)
  }

  lower(index: number): string {
    return this.word(index).toLowerCase()
  }

  isWord(index: number): boolean {
    return this.tokens.kind[index] === TokenKind.Word
  }

  isCapitalised(index: number): boolean {
    return (this.tokens.flags[index]! & TokenFlag.Capitalised) !== 0
  }

  isPunct(index: number, ...marks: string[]): boolean {
    const kind = this.tokens.kind[index]
    if (kind !== TokenKind.Punct && kind !== TokenKind.Quote) return false
    return marks.length === 0 || marks.includes(this.word(index))
  }

  start(index: number): number {
    return this.tokens.start[index]!
  }

  end(index: number): number {
    return this.tokens.end[index]!
  }

  /** Index of the token that contains `offset`, or the first token after it. */
  tokenAt(offset: number): number {
    let low = 0
    let high = this.tokens.count
    while (low < high) {
      const mid = (low + high) >>> 1
      if (this.tokens.end[mid]! <= offset) low = mid + 1
      else high = mid
    }
    return low
  }

  /** The cue that starts at `index`: one speech verb or a multi-word cue; its last token, or -1. */
  cueAt(index: number, limit: number): number {
    const first = this.lower(index)
    for (const phrase of PHRASE_CUES) {
      if (phrase[0] !== first || index + phrase.length > limit) continue
      let matches = true
      for (let k = 1; k < phrase.length && matches; k++) matches = this.lower(index + k) === phrase[k]
      if (matches) return index + phrase.length - 1
    }
    return SPEECH_VERBS.has(first) ? index : -1
  }
}
