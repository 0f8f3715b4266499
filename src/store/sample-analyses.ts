/**
 * Hand-built analyses for store and HTTP tests: three short, realistic articles whose spans are
 * computed from their text, plus a generator of many small distinct articles for load and crash tests.
 */
import type { Analysis } from '../doc/schema.js'
import { buildAnalysis } from './analysis-builder.js'

const SHOUKRY = { type: 'PERSON', name: 'Sameh Shoukry', aliases: ['Shoukry'] } as const

/** Ahram Online, 5 March 2024: Shoukry twice, Al Thani once. */
export function shoukryCeasefire(): Analysis {
  const quote = '"We will not accept any displacement of Palestinians into Sinai," Shoukry told reporters in Cairo.'
  const alThani = 'Qatari Prime Minister Mohammed bin Abdulrahman Al Thani said the talks had made progress but that gaps remained.'
  return buildAnalysis({
    article: {
      text: `Foreign Minister Sameh Shoukry said on Tuesday that Egypt would continue its efforts to reach a ceasefire in Gaza. ${quote}\n\n${alThani}`,
      headline: 'Egypt will keep pushing for Gaza ceasefire, Shoukry says',
      outlet: 'Ahram Online',
      section: 'Egypt',
      published: '2024-03-05',
      url: 'https://english.ahram.org.eg/News/example-shoukry.aspx',
    },
    entities: [
      { ...SHOUKRY, aliases: [...SHOUKRY.aliases], roles: [{ text: 'Foreign Minister', kind: 'title' }] },
      { type: 'GPE', name: 'Egypt' },
      { type: 'GPE', name: 'Gaza' },
      { type: 'NORP', name: 'Palestinians' },
      { type: 'LOC', name: 'Sinai' },
      { type: 'GPE', name: 'Cairo' },
      {
        type: 'PERSON',
        name: 'Mohammed bin Abdulrahman Al Thani',
        aliases: ['Al Thani'],
        roles: [{ text: 'Qatari Prime Minister', kind: 'title' }],
      },
    ],
    statements: [
      { kind: 'indirect', speaker: 'Sameh Shoukry', cue: 'said', content: 'Egypt would continue its efforts to reach a ceasefire in Gaza' },
      { kind: 'direct', speaker: 'Shoukry', cue: 'told', content: 'We will not accept any displacement of Palestinians into Sinai', within: quote },
      {
        kind: 'indirect',
        speaker: 'Mohammed bin Abdulrahman Al Thani',
        cue: 'said',
        content: 'the talks had made progress but that gaps remained',
        within: alThani,
      },
    ],
  })
}

/** Reuters, 7 March 2024: Guterres (accented), Shoukry by apposition, and anonymous officials. */
export function rafahCrossing(): Analysis {
  const shoukryIndirect = "Egypt's foreign minister, Sameh Shoukry, said Cairo had kept the Rafah crossing open."
  const shoukryDirect = '"The crossing has never been closed from the Egyptian side," Shoukry said.'
  const officials = 'Officials familiar with the talks said a deal was unlikely before Ramadan.'
  return buildAnalysis({
    article: {
      text:
        'United Nations Secretary-General António Guterres said on Thursday that humanitarian access to Gaza remained ' +
        '"totally inadequate". The UN chief spoke after visiting the Rafah crossing.\n\n' +
        `${shoukryIndirect} ${shoukryDirect}\n\n${officials}`,
      headline: 'UN chief calls Gaza aid access "totally inadequate"',
      outlet: 'Reuters',
      section: 'World',
      byline: 'By Nidal al-Mughrabi',
      published: '2024-03-07T14:30:00Z',
      url: 'https://www.reuters.com/world/example-rafah',
    },
    entities: [
      {
        type: 'PERSON',
        name: 'António Guterres',
        aliases: ['Guterres', 'UN chief'],
        roles: [{ text: 'United Nations Secretary-General', kind: 'title' }],
      },
      { ...SHOUKRY, aliases: [...SHOUKRY.aliases], roles: [{ text: "Egypt's foreign minister", kind: 'apposition' }] },
      { type: 'GPE', name: 'Gaza' },
      { type: 'GPE', name: 'Rafah' },
      { type: 'GPE', name: 'Egypt' },
      { type: 'GPE', name: 'Cairo' },
    ],
    statements: [
      { kind: 'mixed', speaker: 'António Guterres', cue: 'said', content: 'humanitarian access to Gaza remained "totally inadequate"' },
      { kind: 'indirect', speaker: 'Sameh Shoukry', cue: 'said', content: 'Cairo had kept the Rafah crossing open', within: shoukryIndirect },
      {
        kind: 'direct',
        speaker: 'Shoukry',
        cue: 'said',
        content: 'The crossing has never been closed from the Egyptian side',
        within: shoukryDirect,
      },
      {
        kind: 'indirect',
        speaker: 'Officials familiar with the talks',
        entity: null,
        anonymous: true,
        cue: 'said',
        content: 'a deal was unlikely before Ramadan',
        within: officials,
      },
    ],
  })
}

/** The National, undated: sorts by ingestion time, so it is the newest article in a fresh store. */
export function alHashimyDonors(): Analysis {
  const added = 'Al Hashimy added that Abu Dhabi would host a donor conference in May.'
  return buildAnalysis({
    article: {
      text: `Emirati Minister of State Reem Al Hashimy said the UAE supported a two-state solution and an immediate ceasefire. ${added}`,
      headline: 'UAE to host Gaza donor conference',
      outlet: 'The National',
      url: 'https://www.thenationalnews.com/example-donors',
    },
    entities: [
      { type: 'PERSON', name: 'Reem Al Hashimy', aliases: ['Al Hashimy'], roles: [{ text: 'Minister of State', kind: 'title' }] },
      { type: 'GPE', name: 'UAE' },
      { type: 'GPE', name: 'Abu Dhabi' },
    ],
    statements: [
      { kind: 'indirect', speaker: 'Reem Al Hashimy', cue: 'said', content: 'the UAE supported a two-state solution and an immediate ceasefire' },
      { kind: 'indirect', speaker: 'Al Hashimy', cue: 'added', content: 'Abu Dhabi would host a donor conference in May', within: added },
    ],
  })
}

/** The three sample articles, oldest first. */
export function sampleAnalyses(): Analysis[] {
  return [shoukryCeasefire(), rafahCrossing(), alHashimyDonors()]
}

/** A small distinct article numbered `i`, with 1 to 4 statements, for bulk and crash tests. */
export function syntheticAnalysis(i: number): Analysis {
  const count = 1 + (i % 4)
  const quotes = Array.from({ length: count }, (_, j) => `"Item ${i}-${j} is ready," Person${i} said.`)
  return buildAnalysis({
    article: {
      text: `Spokesperson Dana Person${i} spoke on day ${i}. ${quotes.join(' ')}`,
      headline: `Synthetic report ${i}`,
      outlet: 'Fixture Wire',
    },
    entities: [{ type: 'PERSON', name: `Dana Person${i}`, aliases: [`Person${i}`] }],
    statements: quotes.map((quote, j) => ({
      kind: 'direct' as const,
      speaker: `Person${i}`,
      cue: 'said',
      content: `Item ${i}-${j} is ready`,
      within: quote,
    })),
  })
}
