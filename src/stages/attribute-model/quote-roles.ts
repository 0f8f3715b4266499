/**
 * Which double quotation marks open and which close, per paragraph. Curly marks and marks written
 * against a word tell by themselves (`“We`, `said.”`); in space-joined text (the evaluation
 * segments) the NYT's '' arrives as ” whether it opens or closes, and a segment may begin inside a
 * quotation or end with the mark that opens the next paragraph's. So the roles are chosen for the
 * paragraph as a whole: marks alternate open / close, optionally after a leading closing mark (the
 * quotation began before) and before a trailing opening mark (it goes on after); among those few
 * readings the one that best fits the evidence of each mark (spacing, the words around it) and
 * leaves the reporting verbs outside the quotations wins.
 */
import { TokenKind } from '../../doc/tokens.js'
import { SPEECH_VERBS } from '../../lexicon/speech.js'
import type { Units } from './units.js'

const DOUBLE_MARKS = new Set(['"', '“', '”', '„', '«', '»', "''", '``'])
const OPENING = new Set(['“', '„', '«', '``'])
const CLOSING = new Set(['”', '»'])
const CLOSING_PUNCT = new Set([',', '.', ';', '?', '!', ')', '…', '...'])
const SENTENCE_END = new Set(['.', '?', '!', '…', '...'])

/** Evidence that the mark at `u` opens (first) or closes (second) a quotation. */
function evidence(text: string, units: Units, u: number, first: number, end: number): [number, number] {
  const w = units.words[u]!
  const s = units.start[u]!
  const e = units.end[u]!
  const spaceBefore = s === 0 || /\s/.test(text[s - 1]!)
  const spaceAfter = e >= text.length || /\s/.test(text[e]!)
  let open = 0
  let close = 0
  if (OPENING.has(w)) open += 6
  else if (spaceBefore !== spaceAfter) {
    if (spaceAfter) close += 6
    else open += 6
  } else if (CLOSING.has(w)) close += 0.5
  const previous = u > first ? units.words[u - 1]! : ''
  const next = u + 1 < end ? units.words[u + 1]! : ''
  if (previous === '') open += 2
  if (next === '') {
    close += 1
    if (SENTENCE_END.has(previous)) open += 3 // the opening mark of the next paragraph's quotation
  } else if (CLOSING_PUNCT.has(next)) close += 2
  else if (/^\p{Ll}/u.test(next)) {
    if (CLOSING_PUNCT.has(previous)) close += 1.5
    else if (previous !== '' && units.kind[u - 1] === TokenKind.Word) open += 1
  } else if (/^\p{Lu}/u.test(next)) open += 1
  if (previous === ':') open += 1.5
  else if (CLOSING_PUNCT.has(previous)) close += 0.5
  return [open, close]
}

export function quoteRoles(text: string, units: Units): Uint8Array {
  const roles = new Uint8Array(units.count)
  for (const p of units.paragraphs) {
    const marks: number[] = []
    for (let u = p.start; u < p.end; u++) if (units.kind[u] === TokenKind.Quote && DOUBLE_MARKS.has(units.words[u]!)) marks.push(u)
    const k = marks.length
    if (k === 0) continue
    const scores = marks.map((u) => evidence(text, units, u, p.start, p.end))
    let best: number[] | null = null
    let bestScore = -Infinity
    for (const leading of [0, 1]) {
      for (const trailing of [0, 1]) {
        if ((k - leading - trailing) % 2 !== 0 || k - leading - trailing < 0) continue
        const assign = marks.map((_, i) => {
          if (leading && i === 0) return 2
          if (trailing && i === k - 1) return 1
          return (i - leading) % 2 === 0 ? 1 : 2
        })
        let score = -1 * leading - 1.5 * trailing
        assign.forEach((role, i) => (score += scores[i]![role === 1 ? 0 : 1]!))
        // Reporting verbs stand outside quotations: a bonus for every stretch outside with one.
        let inside = leading === 1
        let next = 0
        let stretchHasCue = false
        for (let u = p.start; u <= p.end; u++) {
          const isMark = next < k && marks[next] === u
          if (u === p.end || (isMark && assign[next] === 1 && !inside)) {
            if (stretchHasCue) score += 1.5
            stretchHasCue = false
          }
          if (u === p.end) break
          if (isMark) {
            inside = assign[next] === 1
            next++
            continue
          }
          if (!inside && SPEECH_VERBS.has(units.words[u]!.toLowerCase())) stretchHasCue = true
        }
        if (score > bestScore) {
          bestScore = score
          best = assign
        }
      }
    }
    best!.forEach((role, i) => (roles[marks[i]!] = role))
  }
  return roles
}
