/**
 * Language identification for whole articles. whosaid analyses English only, so this mainly has
 * to say `eng` reliably for English news and something else for the rest.
 */
import { franc } from 'franc'

/** Below this many characters trigram statistics are noise: franc answers `und`. */
const MIN_LENGTH = 20

/** Trigram counts stabilise long before this; the cap keeps huge pages cheap. */
const SAMPLE_CHARS = 1500

/**
 * The languages compared against: the world's most-published news languages. franc's full set of
 * ~400 costs ten times as much, and whosaid only needs to tell English from everything else; a text
 * in an unlisted language still comes out as some other language, never as English by default.
 */
const CANDIDATES = [
  'eng', 'spa', 'fra', 'deu', 'ita', 'por', 'nld', 'swe', 'dan', 'nob', 'fin', 'pol', 'ces', 'slk', 'hun',
  'ron', 'hrv', 'srp', 'bos', 'slv', 'bul', 'rus', 'ukr', 'ell', 'tur', 'arb', 'pes', 'urd', 'hin', 'ben',
  'ind', 'zlm', 'vie', 'tgl', 'swh', 'hau', 'yor', 'amh', 'heb', 'cmn', 'jpn', 'kor', 'tha', 'cat', 'eus',
  'glg', 'lit', 'lav', 'est', 'afr', 'sco', 'som', 'tam', 'tel', 'mar', 'pan', 'guj',
]

/** ISO 639-3 code of the text's language (`eng`), or `und` when the text is too short to tell. */
export function detectLanguage(text: string): string {
  // URLs, numbers and e-mail addresses carry no language signal and skew the trigrams.
  const sample = text
    .slice(0, SAMPLE_CHARS)
    .replace(/\bhttps?:\/\/\S+|\S+@\S+\.\S+/g, ' ')
    .replace(/[\d\s]+/g, ' ')
    .trim()
  return franc(sample, { minLength: MIN_LENGTH, only: CANDIDATES })
}
