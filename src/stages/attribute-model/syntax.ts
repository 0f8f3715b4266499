/**
 * POS tags and dependencies for the attribution units, from the backbone (src/backbone): the
 * tagger (`models/tagger.bin.gz`) and, when it is shipped, the parser (`models/parser.bin.gz`).
 * Sentences are tagged and parsed one by one; heads are unit indexes (-1 for the root).
 */
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { loadBackbone, type Backbone } from '../../backbone/index.js'
import { modelsDir } from '../../backbone/paths.js'
import type { Units } from './units.js'

export interface Syntax {
  /** PTB tag per unit (`NN`, `VBD`, ...), `_` when the tagger is missing. */
  xpos: string[]
  /** UD tag per unit. */
  upos: string[]
  /** Head unit per unit, -1 for a sentence root or when there is no parser. */
  head: Int32Array
  /** UD relation per unit (`nsubj`, `ccomp`, ...), `_` when there is no parser. */
  deprel: string[]
  /** Whether the relations come from a parser. */
  parsed: boolean
}

export interface SyntaxAvailability {
  tagger: boolean
  parser: boolean
}

let backbone: Backbone | null = null
let availability: SyntaxAvailability | null = null

/** Which backbone models are shipped (checked once). */
export function syntaxAvailability(): SyntaxAvailability {
  availability ??= {
    tagger: existsSync(join(modelsDir(), 'tagger.bin.gz')),
    parser: existsSync(join(modelsDir(), 'parser.bin.gz')),
  }
  return availability
}

/** The backbone's view of a unit: straight quotes and apostrophes, ASCII dashes and ellipses (as in PTB-style corpora). */
export function backboneWord(word: string): string {
  if (word === '“' || word === '”' || word === '„' || word === '«' || word === '»' || word === '``' || word === "''") return '"'
  if (word === '‘' || word === '’') return "'"
  if (word === '—' || word === '–' || word === '―') return '--'
  if (word === '…') return '...'
  // Arabic punctuation inside English text (sites that publish in both): the models learnt the Latin marks.
  if (word === '\u060C') return ','
  if (word === '\u061B') return ';'
  if (word === '\u061F') return '?'
  return word.replace(/[’ʼ]/g, "'")
}

/** Reads the backbone models that `analyzeSyntax` with these options will use, without analysing (Stage.load). */
export function loadSyntax(options: { parse: boolean }): void {
  const available = syntaxAvailability()
  if (!available.tagger) return
  backbone ??= loadBackbone()
  backbone.preload(options.parse && available.parser)
}

export function analyzeSyntax(units: Units, options: { parse: boolean } = { parse: true }): Syntax {
  const n = units.count
  const xpos = new Array<string>(n).fill('_')
  const upos = new Array<string>(n).fill('_')
  const deprel = new Array<string>(n).fill('_')
  const head = new Int32Array(n).fill(-1)
  const available = syntaxAvailability()
  if (!available.tagger) return { xpos, upos, head, deprel, parsed: false }
  const parse = options.parse && available.parser
  backbone ??= loadBackbone()
  for (const sentence of units.sentences) {
    const words: string[] = []
    for (let u = sentence.start; u < sentence.end; u++) words.push(backboneWord(units.words[u]!))
    if (words.length === 0) continue
    const tags = backbone.tag(words)
    for (let k = 0; k < words.length; k++) {
      xpos[sentence.start + k] = tags.xpos[k]!
      upos[sentence.start + k] = tags.upos[k]!
    }
    if (!parse) continue
    const tree = backbone.parse(words, tags.upos, tags.xpos)
    for (let k = 0; k < words.length; k++) {
      const h = tree.heads[k]!
      head[sentence.start + k] = h === 0 ? -1 : sentence.start + h - 1
      deprel[sentence.start + k] = tree.deprels[k]!
    }
  }
  return { xpos, upos, head, deprel, parsed: parse }
}
