/**
 * The one text normalisation every article goes through. Its output is immutable: every annotation
 * offset downstream points into it, so it must be deterministic and must never change meaning.
 */

// Zero-width characters that only affect rendering or joining: ZWSP, ZWNJ, ZWJ, word joiner, BOM
// (as ZWNBSP inside text), soft hyphen. Scraped pages are full of them and they split words.
const ZERO_WIDTH = /[\u200B\u200C\u200D\u2060\uFEFF\u00AD]/g

// Bidi embeddings, overrides and isolates change display order only and can hide text
// ("Trojan source"); LRM/RLM (U+200E/U+200F) are kept because Arabic and Hebrew text needs them.
const BIDI_CONTROLS = /[\u202A-\u202E\u2066-\u2069]/g

// Tabs, vertical tab, form feed and the many Unicode spaces (NBSP, narrow NBSP, en/em spaces,
// ideographic space...) all become a plain space so that tokenisers see one kind of blank.
const ODD_SPACES = /[\t\v\f\u00A0\u1680\u2000-\u200A\u202F\u205F\u3000]/g

// Line and paragraph separators are line breaks in all but name.
const ODD_BREAKS = /\r\n?|[\u0085\u2028\u2029]/g

export function normalizeText(raw: string): string {
  const text = raw
    .replace(/^\uFEFF/, '')
    .normalize('NFC')
    .replace(ODD_BREAKS, '\n')
    .replace(ZERO_WIDTH, '')
    .replace(BIDI_CONTROLS, '')
    .replace(ODD_SPACES, ' ')
  const lines = text.split('\n').map((line) => line.replace(/ +$/, ''))
  // Lines holding only spaces are already empty here, so a run of 2+ breaks is a paragraph break.
  return lines.join('\n').replace(/\n{3,}/g, '\n\n').trim()
}

/** Collapses all white space to single spaces: for one-line fields such as headlines and names. */
export function normalizeLine(raw: string): string {
  return normalizeText(raw).replace(/\s+/g, ' ').trim()
}
