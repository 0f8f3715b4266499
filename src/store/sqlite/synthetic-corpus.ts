/**
 * A big, deterministic synthetic corpus for scale tests and the search bench: articles of N
 * statements each, with Zipf-distributed words, a pool of speakers (some anonymous), outlets, dates
 * over ten years and stances on a share of the statements. It also keeps the tallies the tests
 * check the store against (statements per speaker, per outlet, planted words...).
 *
 * Seeding writes through insertAnalysis in large transactions: the same rows putAnalysis writes,
 * without a commit per article, so 100,000 statements take seconds.
 */
import type { Analysis, Entity, Statement } from '../../doc/schema.js'
import { SCHEMA_ID } from '../../doc/schema.js'
import { openDatabase } from './database.js'
import { insertAnalysis } from './write.js'
import { mulberry32 } from '../../backbone/features/hash.js'

export interface CorpusOptions {
  articles: number
  statementsPerArticle: number
  /** PRNG seed; the same seed gives the same corpus. */
  seed?: number
}

export interface CorpusTallies {
  statements: number
  /** Statements per speaker full name (named speakers only). */
  bySpeaker: Map<string, number>
  /** Statements per outlet. */
  byOutlet: Map<string, number>
  /** Statements per stance label. */
  byStance: Map<string, number>
  /** Statements per year (YYYY). */
  byYear: Map<string, number>
  /** Statements whose content holds the planted rare word. */
  planted: number
  /** Statements of the first outlet published in 2019 (a combined filter). */
  outlet0In2019: number
}

/** The rare word planted in a few statements, to check exact counts. */
export const PLANTED = 'zeppelin'

const OUTLETS = ['Ahram Online', 'Reuters', 'The National', 'Al Jazeera English', 'BBC News', 'Le Monde', 'Asharq Al-Awsat', 'Wikinews', 'AP', 'AFP', 'Haaretz', 'Daily Star', 'Gulf News', 'Arab News', 'Mada Masr', 'The Guardian']
const GIVEN = ['Sameh', 'Reem', 'António', 'Mohammed', 'Nadia', 'Omar', 'Lina', 'Jeff', 'Fuad', 'Yvette', 'Suella', 'Rishi', 'Amal', 'Karim', 'Sara', 'Hassan', 'Layla', 'Tariq', 'Mona', 'Youssef']
const FAMILY = ['Shoukry', 'Al Hashimy', 'Guterres', 'Al Thani', 'Haddad', 'Khalil', 'Mansour', 'Rathke', 'Basya', 'Cooper', 'Braverman', 'Sunak', 'Nasser', 'Saleh', 'Farouk', 'Aziz', 'Darwish', 'Karam', 'Hamdi', 'Zaki', 'Osman', 'Rahman', 'Qasim', 'Badawi', 'Fawzi']
const ANONYMOUS = ['officials', 'a senior diplomat', 'sources close to the talks', 'a government spokesperson']
const STANCES = ['favor', 'against', 'neutral']
const CUES = ['said', 'told reporters', 'added', 'warned', 'stressed']
const PLACES = ['Gaza', 'Cairo', 'Rafah', 'Doha', 'Abu Dhabi', 'Sinai', 'Beirut', 'Amman']
const VOCABULARY_SIZE = 3000

/** Pronounceable made-up words: w0 is the most frequent (Zipf). */
function vocabulary(rand: () => number): string[] {
  const syllables = ['ta', 'ri', 'mo', 'ka', 'le', 'su', 'na', 'do', 'fi', 'ba', 'ze', 'ro', 'mi', 'ga', 'lu', 'po', 'ne', 'si', 'ha', 'va']
  const words = new Set<string>(['talks', 'ceasefire', 'aid', 'crossing', 'border', 'refugees', 'agreement', 'negotiations', 'security', 'humanitarian'])
  while (words.size < VOCABULARY_SIZE) {
    const length = 2 + Math.floor(rand() * 3)
    let word = ''
    for (let i = 0; i < length; i++) word += syllables[Math.floor(rand() * syllables.length)]
    if (word !== PLANTED) words.add(word)
  }
  return [...words]
}

/** A Zipf-ish pick: low indexes far more often than high ones. */
function zipf(rand: () => number, size: number): number {
  return Math.min(size - 1, Math.floor(Math.exp(rand() * Math.log(size + 1)) - 1))
}

const increment = (map: Map<string, number>, key: string, by = 1) => map.set(key, (map.get(key) ?? 0) + by)

/** The analyses of the corpus, one by one, and the tallies once the generator has finished. */
export function syntheticCorpus(options: CorpusOptions): { analyses: Generator<Analysis>; tallies: CorpusTallies } {
  const rand = mulberry32(options.seed ?? 42)
  const words = vocabulary(rand)
  const people = Array.from({ length: 400 }, (_, i) => `${GIVEN[i % GIVEN.length]} ${FAMILY[Math.floor(i / GIVEN.length) % FAMILY.length]}${i >= GIVEN.length * FAMILY.length ? ` ${i}` : ''}`)
  const tallies: CorpusTallies = { statements: 0, bySpeaker: new Map(), byOutlet: new Map(), byStance: new Map(), byYear: new Map(), planted: 0, outlet0In2019: 0 }
  const start = Date.UTC(2015, 0, 1)
  const span = Date.UTC(2024, 11, 31) - start

  function* analyses(): Generator<Analysis> {
    for (let a = 0; a < options.articles; a++) {
      const outlet = OUTLETS[a % OUTLETS.length]!
      const published = new Date(start + Math.floor(rand() * span)).toISOString().slice(0, 10)
      const cast = Array.from({ length: 3 }, () => people[zipf(rand, people.length)]!)
      const entities: Entity[] = []
      const entityOf = new Map<string, Entity>()
      let text = `Report ${a} from ${PLACES[a % PLACES.length]}.`
      const statements: Statement[] = []
      const mention = (name: string, start: number) => {
        let entity = entityOf.get(name)
        if (!entity) {
          entity = { id: `E${entities.length + 1}`, type: 'PERSON', name, aliases: [name.split(' ').slice(1).join(' ')], roles: [], mentions: [] }
          entityOf.set(name, entity)
          entities.push(entity)
        }
        entity.mentions.push({ start, end: start + name.length, text: name })
        return entity
      }
      for (let s = 0; s < options.statementsPerArticle; s++) {
        const length = 8 + Math.floor(rand() * 14)
        const content = Array.from({ length }, () => words[zipf(rand, words.length)]!)
        const plant = (a * options.statementsPerArticle + s) % 2711 === 17
        if (plant) content[Math.floor(rand() * length)] = PLANTED
        const contentText = content.join(' ')
        const anonymous = rand() < 0.08
        const speakerText = anonymous ? ANONYMOUS[Math.floor(rand() * ANONYMOUS.length)]! : cast[s % cast.length]!
        const cue = CUES[Math.floor(rand() * CUES.length)]!
        // `Speaker cue content.` — offsets computed as the text grows.
        text += ' '
        const speakerStart = text.length
        text += speakerText
        const entity = anonymous ? null : mention(speakerText, speakerStart)
        text += ' '
        const cueStart = text.length
        text += cue
        text += ' '
        const contentStart = text.length
        text += contentText
        text += '.'
        const statement: Statement = {
          id: `S${s + 1}`,
          kind: s % 3 === 0 ? 'direct' : 'indirect',
          speaker: { start: speakerStart, end: speakerStart + speakerText.length, text: speakerText, entity: entity?.id ?? null, name: speakerText, anonymous },
          cue: { start: cueStart, end: cueStart + cue.length, text: cue },
          content: { start: contentStart, end: contentStart + contentText.length, text: contentText },
        }
        if (s % 3 !== 2) {
          const label = STANCES[(a + s) % STANCES.length]!
          Object.assign(statement, { stance: { label, score: 0.5 + rand() / 2 } })
          increment(tallies.byStance, label)
        }
        statements.push(statement)
        tallies.statements++
        if (!anonymous) increment(tallies.bySpeaker, speakerText)
        increment(tallies.byOutlet, outlet)
        increment(tallies.byYear, published.slice(0, 4))
        if (plant) tallies.planted++
        if (outlet === OUTLETS[0] && published.startsWith('2019')) tallies.outlet0In2019++
      }
      const place = PLACES[a % PLACES.length]!
      entities.push({ id: `E${entities.length + 1}`, type: 'GPE', name: place, aliases: [], roles: [], mentions: [{ start: text.indexOf(place), end: text.indexOf(place) + place.length, text: place }] })
      yield {
        schema: SCHEMA_ID,
        article: { text, headline: `Synthetic report ${a}`, outlet, section: null, byline: null, published, modified: null, captions: [], language: 'eng', url: null },
        sentences: [],
        entities,
        statements,
        claims: [],
        relations: [],
        diagnostics: [],
        provenance: { offsets: 'utf16', pipeline: [{ name: 'synthetic', version: '1' }], contentHash: `synthetic-${options.seed ?? 42}-${a}` },
      }
    }
  }
  return { analyses: analyses(), tallies }
}

/** Writes the corpus into the SQLite file at `path` (created and migrated), in transactions of `batch` articles. */
export function seedSqlite(path: string, options: CorpusOptions, batch = 500): CorpusTallies {
  const { analyses, tallies } = syntheticCorpus(options)
  const db = openDatabase(path)
  try {
    // A throwaway test store: no need to wait for the disk at each commit.
    db.pragma('synchronous = OFF')
    const ingestedAt = '2025-01-01T00:00:00.000Z'
    let pending: Analysis[] = []
    const flush = db.transaction((items: Analysis[]) => {
      for (const analysis of items) insertAnalysis(db, analysis, 'synthetic', ingestedAt)
    })
    for (const analysis of analyses) {
      pending.push(analysis)
      if (pending.length >= batch) {
        flush(pending)
        pending = []
      }
    }
    if (pending.length) flush(pending)
    db.pragma('optimize')
    return tallies
  } finally {
    db.close()
  }
}

export { OUTLETS as SYNTHETIC_OUTLETS }
