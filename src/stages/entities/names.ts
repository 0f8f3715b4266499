/**
 * Transliteration-aware name keys: the same person is written al-Sisi, Al-Sisi, el-Sisi and Sisi;
 * Abdel Fattah, Abd al-Fattah and Abdul Fattah; Ma'ruf, Ma’ruf and Maruf; Morsi and Mursi. Keys
 * fold those together.
 */
import { foldSpellings, foldTransliteration, foldVowels } from '../../lexicon/transliteration.js'

const PARTICLES = new Set(['al', 'el', 'as', 'ash', 'ad', 'ar', 'at', 'az', 'an', 'bin', 'ibn', 'bint', 'abu', 'de', 'del', 'van', 'von', 'der', 'da', 'di', 'du', 'la', 'le'])

/** Lowercase, accent-free, apostrophe-free form with particles unified (el → al, abdel → abd al) and vowels folded. */
export function nameKey(name: string): string {
  return foldTransliteration(name)
}

/** The meaningful parts of a name key, without particles: "Abdel Fattah el-Sisi" → [abd, fattah, sisi]. */
export function nameParts(name: string): string[] {
  // Particles are told apart before the vowels are folded: folded, "Le" (Le Pen) would read as
  // the surname "Li".
  return foldSpellings(name)
    .split(' ')
    .filter((part) => part.length > 1 && !PARTICLES.has(part) && !/^(?:mr|mrs|ms|dr)\.?$/.test(part))
    .map(foldVowels)
}

/** The surname part used for later short mentions: the last meaningful part. */
export function surnameKey(name: string): string | undefined {
  const parts = nameParts(name)
  return parts[parts.length - 1]
}

/** The key of an outlet's name: its name key without a leading "the" ("The Guardian" = "Guardian"). */
export function outletKey(name: string): string {
  return foldVowels(foldSpellings(name).replace(/^the /, ''))
}
