/**
 * Training and tuning data: PolNeAR brat articles (`../shared/data/polnear/<split>/`) analysed by
 * the pipeline's own stages (tokenizer, sentences, entities) and the backbone, with the gold
 * SOURCE / CUE / CONTENT spans of each annotation file mapped onto the units as BIO labels, one
 * example per paragraph (the units of the published CofeNet segments). Read at training time only;
 * nothing derived from the texts is written out except learned weights.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { gunzipSync, gzipSync } from 'node:zlib'
import { join } from 'node:path'
import { Document } from '../../doc/document.js'
import { listBratFiles, parseAnn, toUtf16, type BratSplit } from '../../eval/polnear/brat.js'
import { polnearDir } from '../../eval/polnear/paths.js'
import { entitiesStage, resolveStage } from '../entities/index.js'
import { sentencesStage } from '../sentences/index.js'
import { tokenizeStage } from '../tokenize/index.js'
import { makeArticle } from '../../testing/make-article.js'
import { buildFeatureContext, MAX_FEATURES, quoteRoles, unitFeatures, type FeatureContext } from './features.js'
import { analyzeSyntax, type Syntax } from './syntax.js'
import type { FeatureIndex, RowData } from './trainer.js'
import { buildUnits, unitAt, type Units } from './units.js'

const PRE_STAGES = [tokenizeStage, sentencesStage, entitiesStage, resolveStage]

/**
 * Optional cache of backbone output for experiments (`--syntax-cache FILE`): the backbone is the
 * slow part of data loading and does not change between feature experiments. Never used for the
 * shipped model unless asked for.
 */
export class SyntaxCache {
  private entries = new Map<string, { xpos: string[]; upos: string[]; head: number[]; deprel: string[]; parsed: boolean }>()
  private dirty = false
  constructor(private readonly path: string) {
    if (existsSync(path)) {
      const data = JSON.parse(gunzipSync(readFileSync(path)).toString('utf8')) as Record<string, { xpos: string[]; upos: string[]; head: number[]; deprel: string[]; parsed: boolean }>
      for (const [key, value] of Object.entries(data)) this.entries.set(key, value)
    }
  }
  get(key: string, units: Units, parse: boolean): Syntax {
    const hit = this.entries.get(key)
    if (hit && hit.xpos.length === units.count && hit.parsed === parse) return { ...hit, head: Int32Array.from(hit.head) }
    const syntax = analyzeSyntax(units, { parse })
    this.entries.set(key, { ...syntax, head: Array.from(syntax.head) })
    this.dirty = true
    return syntax
  }
  save(): void {
    if (this.dirty) writeFileSync(this.path, gzipSync(JSON.stringify(Object.fromEntries(this.entries))))
  }
}

/** Runs the stages the attribution model needs on a raw text. */
export function prepareDocument(text: string, parse: boolean, cache?: { syntax: SyntaxCache; key: string }): { doc: Document; units: Units; syntax: Syntax; context: FeatureContext } {
  const doc = new Document(makeArticle(text))
  for (const stage of PRE_STAGES) stage.run(doc)
  const units = buildUnits(doc)
  const syntax = cache ? cache.syntax.get(cache.key, units, parse) : analyzeSyntax(units, { parse })
  return { doc, units, syntax, context: buildFeatureContext(doc, units, syntax) }
}

/** Growable flat list of feature rows; unit `g` has `rows[offsets[g] .. offsets[g+1])`. */
export class RowStore {
  rows = new Int32Array(1 << 22)
  offsets: number[] = [0]
  private length = 0

  get units(): number {
    return this.offsets.length - 1
  }

  /** Appends one unit's feature keys as rows of `index` (counted when `count`). */
  push(keys: Int32Array, n: number, index: FeatureIndex, count: boolean): void {
    if (this.length + n > this.rows.length) {
      const grown = new Int32Array(Math.max(this.rows.length * 2, this.length + n))
      grown.set(this.rows.subarray(0, this.length))
      this.rows = grown
    }
    for (let f = 0; f < n; f++) this.rows[this.length++] = index.row(keys[f]!, count)
    this.offsets.push(this.length)
  }

  data(): RowData {
    return { rows: this.rows.subarray(0, this.length), offsets: Int32Array.from(this.offsets) }
  }
}

export interface Example {
  /** Global index of the paragraph's first unit in the row store. */
  first: number
  gold: Uint8Array
  /** Index of the article's document in `LoadedSplit.documents`. */
  document: number
  /** The paragraph's first unit in its document. */
  start: number
  /** Article number in the split (an article may have several documents: the rendered copy). */
  article: number
}

const LABEL_BASE: Record<string, number> = { Source: 1, Cue: 3, Content: 5 }

/** Gold BIO label per unit from one annotation file (content, then source, then cue win overlaps). */
export function goldLabels(units: Units, text: string, ann: string): Uint8Array {
  const brat = toUtf16(parseAnn(ann), text)
  const labels = new Uint8Array(units.count)
  const owner = new Int32Array(units.count).fill(-1)
  let id = 0
  for (const type of ['Content', 'Source', 'Cue']) {
    for (const tb of brat.textBounds.values()) {
      if (tb.type !== type) continue
      for (const fragment of tb.fragments) {
        const spanId = id++
        let firstUnit = -1
        for (let u = unitAt(units, fragment.start); u < units.count && units.start[u]! < fragment.end; u++) {
          if (units.end[u]! <= fragment.start) continue
          if (firstUnit < 0) firstUnit = u
          labels[u] = LABEL_BASE[type]! + (u === firstUnit ? 0 : 1)
          owner[u] = spanId
        }
      }
    }
  }
  // A span whose first unit was taken by a later label resumes with B-.
  for (let u = 0; u < units.count; u++) {
    const y = labels[u]!
    if ((y === 2 || y === 4 || y === 6) && (u === 0 || owner[u - 1] !== owner[u])) labels[u] = y - 1
  }
  return labels
}


export interface LoadedSplit {
  examples: Example[]
  /** Feature contexts of the articles, for the second-pass features. */
  documents: FeatureContext[]
  articles: number
  units: number
}

/**
 * Loads a brat split: its articles' units as feature rows in `store` (counted in `index` for the
 * training split), and one example per paragraph and annotation file.
 */
export function loadSplit(
  split: BratSplit,
  store: RowStore,
  index: FeatureIndex,
  options: { parse: boolean; count: boolean; render?: boolean; limit?: number; log?: (message: string) => void; cache?: SyntaxCache },
): LoadedSplit {
  const root = polnearDir()
  const files = listBratFiles(split, root)
  const byArticle = new Map<string, string[]>()
  for (const file of files) {
    const list = byArticle.get(file.article) ?? []
    list.push(file.annFile)
    byArticle.set(file.article, list)
  }
  const examples: Example[] = []
  const documents: FeatureContext[] = []
  const keys = new Int32Array(MAX_FEATURES)
  let units = 0
  let articles = 0
  for (const [article, annFiles] of byArticle) {
    if (options.limit !== undefined && articles >= options.limit) break
    articles++
    const text = readFileSync(join(root, split, 'text', `${article}.txt`), 'utf8')
    const prepared = prepareDocument(text, options.parse, options.cache ? { syntax: options.cache, key: `${split}/${article}` } : undefined)
    const first = store.units
    for (let u = 0; u < prepared.units.count; u++) store.push(keys, unitFeatures(prepared.context, u, keys), index, options.count)
    const document = documents.length
    documents.push(prepared.context)
    for (const annFile of annFiles) {
      const gold = goldLabels(prepared.units, text, readFileSync(join(root, split, 'attributions', annFile), 'utf8'))
      for (const p of prepared.units.paragraphs) {
        examples.push({ first: first + p.start, gold: gold.slice(p.start, p.end), document, start: p.start, article: articles })
      }
    }
    units += prepared.units.count
    if (options.render) {
      // The same article as evaluation segments arrive: paragraphs of tokens joined by spaces.
      const rendered = renderParagraphs(prepared.units, quoteRoles(text, prepared.units))
      const again = prepareDocument(rendered, options.parse, options.cache ? { syntax: options.cache, key: `${split}/${article}/rendered` } : undefined)
      const againFirst = store.units
      for (let u = 0; u < again.units.count; u++) store.push(keys, unitFeatures(again.context, u, keys), index, options.count)
      const againDocument = documents.length
      documents.push(again.context)
      if (again.units.paragraphs.length === prepared.units.paragraphs.length) {
        for (const annFile of annFiles) {
          const gold = goldLabels(prepared.units, text, readFileSync(join(root, split, 'attributions', annFile), 'utf8'))
          prepared.units.paragraphs.forEach((p, i) => {
            const q = again.units.paragraphs[i]!
            if (q.end - q.start !== p.end - p.start) return
            examples.push({ first: againFirst + q.start, gold: gold.slice(p.start, p.end), document: againDocument, start: q.start, article: articles })
          })
        }
      }
      units += again.units.count
    }
    if (options.log && articles % 200 === 0) options.log(`${split}: ${articles} articles, ${units} units`)
  }
  return { examples, documents, articles, units }
}

/**
 * An article's paragraphs as the CofeNet evaluation segments present them: units joined by single
 * spaces, double quotation marks curly by their role (the NYT's '' becomes ” either way, as the
 * evaluation's PTB unescaping makes it).
 */
export function renderParagraphs(units: Units, roles: Uint8Array): string {
  return units.paragraphs
    .map((p) => {
      const words: string[] = []
      for (let u = p.start; u < p.end; u++) {
        const w = units.words[u]!
        const role = roles[u]!
        words.push(role === 0 ? w : w === "''" ? '”' : role === 1 ? '“' : '”')
      }
      return words.join(' ')
    })
    .join('\n\n')
}
