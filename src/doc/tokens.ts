/**
 * Token columns: one typed array per attribute, sized once per document (spaCy's TokenC / wink's
 * packed token array). A token is just an index; nothing allocates an object per token.
 */
export const enum TokenKind {
  Word = 1,
  Number = 2,
  Punct = 3,
  /** Opening or closing quotation mark, straight or curly. */
  Quote = 4,
  Symbol = 5,
  Url = 6,
  Email = 7,
}

/** Bit flags in `TokenColumns.flags`. */
export const enum TokenFlag {
  /** The token follows a paragraph break (a blank line) or starts the text. */
  ParagraphStart = 1,
  /** The token follows a single line break. */
  LineStart = 2,
  /** The first letter is upper case. */
  Capitalised = 4,
  /** Every letter is upper case and there are at least two. */
  AllCaps = 8,
  /** The token is an abbreviation that ends with its own period (Dr., U.S.). */
  Abbreviation = 16,
  /** The token starts a sentence (set by the sentence stage). */
  SentenceStart = 32,
}

export interface TokenColumns {
  readonly count: number
  readonly start: Uint32Array
  readonly end: Uint32Array
  readonly kind: Uint8Array
  readonly flags: Uint8Array
}

export function allocateTokens(capacity: number): {
  start: Uint32Array
  end: Uint32Array
  kind: Uint8Array
  flags: Uint8Array
} {
  return {
    start: new Uint32Array(capacity),
    end: new Uint32Array(capacity),
    kind: new Uint8Array(capacity),
    flags: new Uint8Array(capacity),
  }
}

/** Index of the token that contains `offset`, or the first token after it; binary search. */
export function tokenAtOrAfter(tokens: TokenColumns, offset: number): number {
  let low = 0
  let high = tokens.count
  while (low < high) {
    const mid = (low + high) >>> 1
    if (tokens.end[mid]! <= offset) low = mid + 1
    else high = mid
  }
  return low
}
