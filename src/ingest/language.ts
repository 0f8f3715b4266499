/**
 * Language identification for whole articles. whosaid analyses English only, so this mainly has
 * to say `eng` reliably for English news and something else for the rest.
 */
import { franc } from 'franc'

/** Below this many characters trigram statistics are noise: franc answers `und`. */
const MIN_LENGTH = 20

/** Trigram counts stabilise long before this; the cap keeps huge pages cheap. */
const SAMPLE_CHARS = 5000

/** ISO 639-3 code of the text's language (`eng`), or `und` when the text is too short to tell. */
export function detectLanguage(text: string): string {
  // URLs, numbers and e-mail addresses carry no language signal and skew the trigrams.
  const sample = text
    .slice(0, SAMPLE_CHARS)
    .replace(/\bhttps?:\/\/\S+|\S+@\S+\.\S+/g, ' ')
    .replace(/[\d\s]+/g, ' ')
    .trim()
  return franc(sample, { minLength: MIN_LENGTH })
}
