/**
 * Accent folding for full-text search. PostgreSQL's `english` configuration keeps accents
 * (`António` and `Antonio` are different lexemes) and the `unaccent` extension may not be installed,
 * so whosaid folds in JavaScript: the statement row keeps a folded copy of its content when folding
 * changes it, the tsvector is built from that copy, and queries are folded the same way.
 *
 * Folding is length-preserving (one UTF-16 unit in, one out, or the character is kept as is), so
 * an offset into the folded text is the same offset into the original: snippets computed on the
 * folded text are mapped back onto the original characters (see search.ts).
 */

const ASCII = /^[\x00-\x7f]*$/

/** `António Guterres` → `Antonio Guterres`; ligatures and other expansions are left alone. */
export function foldAccents(text: string): string {
  if (ASCII.test(text)) return text
  let out = ''
  for (const char of text) {
    if (char.length === 1 && char.charCodeAt(0) < 0x80) {
      out += char
      continue
    }
    const folded = char.normalize('NFKD').replace(/\p{M}+/gu, '')
    out += folded.length === char.length ? folded : char
  }
  return out
}

/** The folded text, or null when folding changes nothing (the common case: nothing extra stored). */
export function foldedOrNull(text: string): string | null {
  const folded = foldAccents(text)
  return folded === text ? null : folded
}
