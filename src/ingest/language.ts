/**
 * Language identification for whole articles. whosaid analyses English only, so this mainly has
 * to say `eng` reliably for English news and something else for the rest.
 *
 * The answer is franc's (trigram distance to per-language models, franc 6), computed faster: franc
 * looks every trigram of the text up in every candidate's model object, which made language
 * identification the largest single cost of ingesting an article. Here the candidates' models are
 * merged once into one table (trigram → its rank in each candidate language), so each trigram is
 * looked up once. Same data, same distance, same tie-breaking: `language-equivalence.test.ts`
 * checks the answers against franc itself.
 */
import { data } from 'franc/data.js'
import { expressions } from 'franc/expressions.js'

/** Below this many characters trigram statistics are noise: franc answers `und`. */
const MIN_LENGTH = 20

/** Trigram counts stabilise long before this; the cap keeps huge pages cheap. */
const SAMPLE_CHARS = 1500

/**
 * The languages compared against: the world's most-published news languages. franc's full set of
 * ~400 costs ten times as much, and whosaid only needs to tell English from everything else; a text
 * in an unlisted language still comes out as some other language, never as English by default.
 */
export const CANDIDATES = [
  'eng', 'spa', 'fra', 'deu', 'ita', 'por', 'nld', 'swe', 'dan', 'nob', 'fin', 'pol', 'ces', 'slk', 'hun',
  'ron', 'hrv', 'srp', 'bos', 'slv', 'bul', 'rus', 'ukr', 'ell', 'tur', 'arb', 'pes', 'urd', 'hin', 'ben',
  'ind', 'zlm', 'vie', 'tgl', 'swh', 'hau', 'yor', 'amh', 'heb', 'cmn', 'jpn', 'kor', 'tha', 'cat', 'eus',
  'glg', 'lit', 'lav', 'est', 'afr', 'som', 'tam', 'tel', 'mar', 'pan', 'guj',
]

/** franc's constants: the longest text it looks at, and the distance of a trigram a model lacks. */
const FRANC_MAX_LENGTH = 2048
const MAX_DIFFERENCE = 300

/** ISO 639-3 code of the text's language (`eng`), or `und` when the text is too short to tell. */
export function detectLanguage(text: string): string {
  return identify(languageSample(text))
}

/** The part of the text the language is told from. */
export function languageSample(text: string): string {
  // URLs, numbers and e-mail addresses carry no language signal and skew the trigrams.
  return text
    .slice(0, SAMPLE_CHARS)
    .replace(/\bhttps?:\/\/\S+|\S+@\S+\.\S+/g, ' ')
    .replace(/[\d\s]+/g, ' ')
    .trim()
}

/** The candidate languages written in one script, and their models merged into one table. */
interface ScriptModels {
  languages: string[]
  /** trigram → its weight in each language (index as in `languages`), -1 where a model lacks it. */
  weights: Map<string, Int32Array>
}

const candidateSet = new Set(CANDIDATES)
const scriptModels = new Map<string, ScriptModels>()

function modelsOf(script: string): ScriptModels {
  let models = scriptModels.get(script)
  if (models) return models
  // The candidates in franc's order for the script: distance ties go to the first, as in franc.
  const languages = Object.keys(data[script]!).filter((language) => candidateSet.has(language))
  const weights = new Map<string, Int32Array>()
  languages.forEach((language, index) => {
    const model = data[script]![language]!.split('|')
    // franc assigns from the end, so a trigram listed twice keeps its first (smallest) weight.
    for (let weight = model.length - 1; weight >= 0; weight--) {
      const trigram = model[weight]!
      let row = weights.get(trigram)
      if (!row) {
        row = new Int32Array(languages.length).fill(-1)
        weights.set(trigram, row)
      }
      row[index] = weight
    }
  })
  models = { languages, weights }
  scriptModels.set(script, models)
  return models
}

/** franc(value, { minLength: MIN_LENGTH, only: CANDIDATES }), computed with the merged tables. */
export function identify(value: string): string {
  if (!value || value.length < MIN_LENGTH) return 'und'
  value = value.slice(0, FRANC_MAX_LENGTH)

  // The script most of the characters are written in (the first one on a tie). Scripts do not
  // overlap, so when ASCII letters alone are most of the text no other script can have more.
  let topScript: string | undefined
  let topCount = -1
  let ascii = 0
  for (let i = 0; i < value.length; i++) {
    const code = value.charCodeAt(i) | 0x20
    if (code >= 0x61 && code <= 0x7a) ascii++
  }
  if (ascii * 2 > value.length) topScript = 'Latin'
  else for (const script in expressions) {
    const matches = value.match(expressions[script]!)
    const count = (matches ? matches.length : 0) / value.length || 0
    if (count > topCount) {
      topCount = count
      topScript = script
    }
  }
  if (!topScript || !(topScript in data)) {
    // A script written in one language only (Greek, Korean, Thai...): that language, if allowed.
    if (!topScript || topCount === 0 || !candidateSet.has(topScript)) return 'und'
    return topScript
  }

  const { languages, weights } = modelsOf(topScript)
  if (languages.length === 0) return 'und'
  const distances = new Float64Array(languages.length)
  for (const [trigram, count] of trigramCounts(value)) {
    const row = weights.get(trigram)
    // A trigram no candidate knows adds the same to every distance: it cannot change the answer.
    if (!row) continue
    for (let i = 0; i < row.length; i++) {
      const weight = row[i]!
      distances[i] += weight < 0 ? MAX_DIFFERENCE : Math.abs(count - weight - 1)
    }
  }
  let best = 0
  for (let i = 1; i < distances.length; i++) if (distances[i]! < distances[best]!) best = i
  return languages[best]!
}

/** Occurrences of each trigram of the text, cleaned and padded as trigram-utils does it. */
function trigramCounts(value: string): Map<string, number> {
  const cleaned = value
    .replace(/[\u0021-\u0040]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .toLowerCase()
  const padded = ` ${cleaned} `
  const counts = new Map<string, number>()
  for (let i = 0; i + 3 <= padded.length; i++) {
    const trigram = padded.slice(i, i + 3)
    counts.set(trigram, (counts.get(trigram) ?? 0) + 1)
  }
  return counts
}
