/** Tokenisation for stance features: lowercase words, stems, stop words, sentences. */
import { boundedMemo } from '../util/bounded-memo.js'
import { porterStem } from './porter.js'

const WORD = /[\p{L}\p{N}]+/gu

/** Lowercase word tokens; n't becomes not, apostrophes are dropped inside words (it's → its). */
export function words(text: string): string[] {
  const t = text
    .toLowerCase()
    .replace(/[’ʼ‘`]/g, "'")
    .replace(/n't\b/g, ' not')
    .replace(/'(s|re|ve|ll|d|m)\b/g, '')
  return t.match(WORD) ?? []
}

export const stem: (w: string) => string = boundedMemo((w) => (/\d/.test(w) ? w : porterStem(w)), 500_000)

/** Sentences by a simple rule: split after . ! ? or a line break, keep those with a word. */
export function sentences(text: string): string[] {
  const out: string[] = []
  for (const part of text.split(/(?<=[.!?]["'”’)]?)\s+(?=["'“‘(]?[\p{Lu}\p{N}])|\n+/u)) {
    if (/[\p{L}\p{N}]/u.test(part)) out.push(part.trim())
  }
  return out
}

/** English function words (close to scikit-learn's list), without negations and hedges. */
export const STOP_WORDS = new Set(
  `a about above across after afterwards again all almost alone along already also although always am among amongst amount an and another any anyhow anyone anything anyway anywhere are around as at back be became because become becomes becoming been before beforehand behind being below beside besides between beyond both bottom but by call can co con de did do does done down due during each eg eight either eleven else elsewhere enough etc even ever every everyone everything everywhere few fifteen fifty fill find first five for former formerly forty four from front full further get give go had has hasnt have he hence her here hereafter hereby herein hereupon hers herself him himself his how however hundred i ie if in inc indeed interest into is it its itself just keep last latter latterly least less ltd made many me meanwhile mine more moreover most mostly move much must my myself name namely neither next nine now of off often on once one only onto or other others otherwise our ours ourselves out over own part per perhaps please put rather re s same see seem seemed seeming seems serious several she should show side since sincere six sixty so some somehow someone something sometime sometimes somewhere still such system t take ten than that the their them themselves then thence there thereafter thereby therefore therein thereupon these they thick thin third this those though three through throughout thru thus to together too top toward towards twelve twenty two un under until up upon us very via was we well were what whatever when whence whenever where whereafter whereas whereby wherein whereupon wherever whether which while whither who whoever whole whom whose why will with within without would yet you your yours yourself yourselves`.split(' '),
)

export function isContent(w: string): boolean {
  return !STOP_WORDS.has(w) && (w.length > 1 || /\d/.test(w))
}
