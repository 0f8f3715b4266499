import { boundedMemo } from '../util/bounded-memo.js'

/**
 * Transliteration folding for names: the same person is written al-Sisi, Al-Sisi, el-Sisi and
 * Sisi; Abdel Fattah, Abd al-Fattah and Abdul Fattah; Ma'ruf, Ma’ruf and Maruf; Mohamed, Mohammed
 * and Muhammad; Morsi and Mursi; Hussein, Husain and Husayn; Yasser and Yasir; Shoukry and Shukri. The folded form is
 * lower case, accent- and apostrophe-free, with dashes as spaces, the particles unified (el → al,
 * abdel → abd al) and the vowels and doubled letters that transliterations disagree on folded.
 *
 * Folding twice changes nothing, and today's folding is the vowel folding of the previous one
 * (foldTransliteration = foldVowels ∘ foldSpellings): the stores' key migrations rely on both, so
 * that a refolded key never collides midway with a key that is still to change. A dozen regular
 * expressions per name, and news repeats its names: the recent ones are remembered.
 */
export const foldTransliteration: (name: string) => string = boundedMemo((name) => foldVowels(foldSpellings(name)), 4096)

/**
 * The spelling folding alone (case, accents, apostrophes, dashes, particles, Muhammad): the name
 * key of SQLite schema 4 and PostgreSQL schema 3, and the form in which name particles are still
 * recognisable ("le", "de" before vowel folding makes them "li", "di").
 */
export const foldSpellings: (name: string) => string = boundedMemo(spellingFolded, 4096)

function spellingFolded(name: string): string {
  return name
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/['’‘ʼ`]/g, '')
    .replace(/[-‐‑]/g, ' ')
    // before the particles, which must see "ash  Sheikh" as "ash Sheikh"
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/\b(?:abdel|abdul|abdal)\b/g, 'abd al')
    .replace(/\b(?:el|ul)\b/g, 'al')
    .replace(/\b(?:as|ash|ad|ar|at|az|an)\s(?=\p{L})/gu, 'al ')
    .replace(/\bmohamm?ed|\bmuhamm?ad|\bmohamm?ad/g, 'muhammad')
}

/** Words the spelling folding rewrites (particles): vowel folding must not produce one anew. */
const SPELLING_PARTICLES = new Set(['abdel', 'abdul', 'abdal', 'el', 'ul', 'as', 'ash', 'ad', 'ar', 'at', 'az', 'an'])

/**
 * Folds the vowels and doubled letters of a spelling-folded key, word by word. English spellings
 * of Arabic, Persian and Turkish names differ mostly there: Hassan / Hasan, Mahmoud / Mahmud,
 * Morsi / Mursi, Osama / Usama, Khaled / Khalid, Hussein / Husain / Husayn, Qaeda / Qaida, Shoukry /
 * Shukri. Only e/i and o/u are merged, not all vowels: Hassan and Hussein are different names.
 * Words under four letters are left alone (particles, and short names where one vowel is the
 * difference: Lee / Li), as is a word that would turn into a particle ("Abdoul" is not "abd al").
 */
export const foldVowels: (key: string) => string = boundedMemo(vowelsFolded, 4096)

// Remembered like the folds above: the entity stage folds every name part and outlet name it meets.
function vowelsFolded(key: string): string {
  return key.replace(/\S{4,}/g, (word) => {
    const folded = foldWordVowels(word)
    return SPELLING_PARTICLES.has(folded) ? word : folded
  })
}

/**
 * The order makes the folding idempotent: doubled letters go first, so no "yy" is left for the
 * diphthong rule to skip, and again last, for the doubles that e → i and o → u create.
 */
function foldWordVowels(word: string): string {
  return word
    .replace(/(\p{L})\1+/gu, '$1')
    .replace(/ou/g, 'u')
    .replace(/ei|ae|[ae]y(?![aeiou])/g, 'ai')
    .replace(/(?<=[^aeiou])y$/, 'i')
    .replace(/e/g, 'i')
    .replace(/o/g, 'u')
    .replace(/(\p{L})\1+/gu, '$1')
}
