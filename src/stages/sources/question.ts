/**
 * Question headlines with alternatives: "Which side will Egypt take: Saudi Arabia or Iran?",
 * "Riyadh, Tehran or Ankara?", "Will Egypt side with Saudi Arabia or Iran?". When the headline only
 * asks "which side will X be on", the sides are read from the lead ("caught between A and B").
 */
import type { Document, QuestionAnnotation } from '../../doc/document.js'
import { TokenView } from '../attribute/context.js'
import { isQuestion } from '../stance/index.js'

/** Sentences of the lead searched for the sides when the headline does not name them. */
const LEAD_SENTENCES = 3
/** Lowercase words allowed inside a capitalised option ("Bosnia and Herzegovina", "Republic of Congo"). */
const NAME_JOINERS = new Set(['of', 'and', 'al', 'el', 'de', 'the'])

export function findQuestion(doc: Document): QuestionAnnotation | null {
  const headline = doc.article.headline?.trim()
  if (!headline || !isQuestion(headline)) return null
  const options = optionsInHeadline(headline)
  if (options.length >= 2) return { text: headline, alternatives: options.map((text) => ({ text, span: null })) }
  if (!/\bwhich side\b/i.test(headline)) return null
  const sides = sidesInLead(doc)
  return sides.length >= 2 ? { text: headline, alternatives: sides.map((span) => ({ text: doc.text.slice(span.start, span.end), span })) } : null
}

/** The options a headline offers with "or", in order; [] when it offers none. */
export function optionsInHeadline(headline: string): string[] {
  let segment = headline.trim().replace(/[?؟]+["'”’»)]*$/, '').trim()
  const colon = segment.lastIndexOf(':')
  if (colon >= 0 && /\sor\s/i.test(segment.slice(colon + 1))) segment = segment.slice(colon + 1).trim()
  const ors = [...segment.matchAll(/\s+or\s+/gi)]
  const or = ors.at(-1)
  if (!or) return []
  const right = clean(segment.slice(or.index + or[0].length))
  const left = segment.slice(0, or.index)
  if (!right) return []
  const capitalised = /^\p{Lu}/u.test(right)
  const parts = left.split(/\s*,\s*/)
  const last = trailingOption(parts.pop()!, capitalised, right.split(/\s+/).length)
  if (!last) return []
  const options = [last]
  // "Riyadh, Tehran or Ankara": earlier items of a list, as long as each is a whole option.
  for (let i = parts.length - 1; i >= 0; i--) {
    const item = clean(parts[i]!)
    if (!item || trailingOption(item, capitalised, item.split(/\s+/).length) !== item) break
    options.unshift(item)
  }
  options.push(right)
  return new Set(options.map((o) => o.toLowerCase())).size === options.length ? options : []
}

/** The option that ends `text`: its trailing capitalised name, or its last `size` words for lowercase options. */
function trailingOption(text: string, capitalised: boolean, size: number): string {
  const words = clean(text).split(/\s+/).filter(Boolean)
  if (!capitalised) return words.slice(-size).join(' ')
  let first = words.length
  while (first > 0) {
    const word = words[first - 1]!
    if (/^\p{Lu}/u.test(word)) first--
    else if (NAME_JOINERS.has(word.toLowerCase()) && first - 1 > 0 && first < words.length && /^\p{Lu}/u.test(words[first - 2]!)) first--
    else break
  }
  return words.slice(first).join(' ')
}

function clean(text: string): string {
  return text.trim().replace(/^["'“‘]+|["'”’.,;!]+$/g, '').replace(/^the\s+/i, '').trim()
}

/** "between A and B" or "either A or B" in the first sentences, where A and B are named. */
function sidesInLead(doc: Document): Array<{ start: number; end: number }> {
  if (doc.sentences.length === 0) return []
  const view = new TokenView(doc)
  const limit = doc.sentences[Math.min(LEAD_SENTENCES, doc.sentences.length) - 1]!.tokenEnd
  const mentionAt = (t: number) => {
    if (t < limit && view.lower(t) === 'the') t++
    const index = t < limit ? view.mentionAt[t]! : -1
    return index >= 0 && doc.mentions[index]!.tokenStart === t ? doc.mentions[index]! : null
  }
  for (let t = 0; t < limit; t++) {
    const opener = view.lower(t)
    if (opener !== 'between' && opener !== 'either') continue
    const first = mentionAt(t + 1)
    if (!first) continue
    const joiner = view.lower(first.tokenEnd)
    if ((opener === 'between' && joiner !== 'and') || (opener === 'either' && joiner !== 'or')) continue
    const second = mentionAt(first.tokenEnd + 1)
    if (second && second.entity !== first.entity) return [first, second].map(({ start, end }) => ({ start, end }))
  }
  return []
}
