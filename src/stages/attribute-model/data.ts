/**
 * Training and tuning data: PolNeAR brat articles (`../shared/data/polnear/<split>/`) analysed by
 * the pipeline's own stages (tokenizer, sentences, entities) and the backbone, with the gold
 * SOURCE / CUE / CONTENT spans of each annotation file mapped onto the units as BIO labels, one
 * example per paragraph (the units of the published CofeNet segments). Read at training time only;
 * nothing derived from the texts is written out except learned weights.
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { Document } from '../../doc/document.js'
import { listBratFiles, parseAnn, toUtf16, type BratSplit } from '../../eval/polnear/brat.js'
import { polnearDir } from '../../eval/polnear/paths.js'
import { entitiesStage, resolveStage } from '../entities/index.js'
import { sentencesStage } from '../sentences/index.js'
import { tokenizeStage } from '../tokenize/index.js'
import { makeArticle } from '../../testing/make-article.js'
import { buildFeatureContext, MAX_FEATURES, unitFeatures, type FeatureContext } from './features.js'
import { analyzeSyntax, type Syntax } from './syntax.js'
import { buildUnits, type Units } from './units.js'

const PRE_STAGES = [tokenizeStage, sentencesStage, entitiesStage, resolveStage]

/** Runs the stages the attribution model needs on a raw text. */
export function prepareDocument(text: string, parse: boolean): { doc: Document; units: Units; syntax: Syntax; context: FeatureContext } {
  const doc = new Document(makeArticle(text))
  for (const stage of PRE_STAGES) stage.run(doc)
  const units = buildUnits(doc)
  const syntax = analyzeSyntax(units, { parse })
  return { doc, units, syntax, context: buildFeatureContext(doc, units, syntax) }
}

/** Growable flat store of feature keys; unit `g` has `features[offsets[g] .. offsets[g+1])`. */
export class FeatureStore {
  features = new Int32Array(1 << 22)
  offsets: number[] = [0]
  private length = 0
  private scratch = new Int32Array(MAX_FEATURES)

  get units(): number {
    return this.offsets.length - 1
  }

  /** Appends every unit of a document; returns the global index of its first unit. */
  addDocument(context: FeatureContext): number {
    const first = this.units
    for (let u = 0; u < context.n; u++) {
      const k = unitFeatures(context, u, this.scratch)
      if (this.length + k > this.features.length) {
        const grown = new Int32Array(this.features.length * 2)
        grown.set(this.features.subarray(0, this.length))
        this.features = grown
      }
      this.features.set(this.scratch.subarray(0, k), this.length)
      this.length += k
      this.offsets.push(this.length)
    }
    return first
  }

  offsetArray(): Int32Array {
    return Int32Array.from(this.offsets)
  }
}

export interface Example {
  /** Global index of the paragraph's first unit in the feature store. */
  first: number
  gold: Uint8Array
  /** Article name, for grouping. */
  article: string
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
        for (let u = unitIndexAt(units, fragment.start); u < units.count && units.start[u]! < fragment.end; u++) {
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

function unitIndexAt(units: Units, offset: number): number {
  let low = 0
  let high = units.count
  while (low < high) {
    const mid = (low + high) >>> 1
    if (units.end[mid]! <= offset) low = mid + 1
    else high = mid
  }
  return low
}

export interface LoadedSplit {
  examples: Example[]
  articles: number
  units: number
}

/** Loads a brat split into `store`; every annotation file gives one example per paragraph. */
export function loadSplit(split: BratSplit, store: FeatureStore, options: { parse: boolean; limit?: number; log?: (message: string) => void }): LoadedSplit {
  const root = polnearDir()
  const files = listBratFiles(split, root)
  const byArticle = new Map<string, string[]>()
  for (const file of files) {
    const list = byArticle.get(file.article) ?? []
    list.push(file.annFile)
    byArticle.set(file.article, list)
  }
  const examples: Example[] = []
  let articles = 0
  let units = 0
  for (const [article, annFiles] of byArticle) {
    if (options.limit !== undefined && articles >= options.limit) break
    const text = readFileSync(join(root, split, 'text', `${article}.txt`), 'utf8')
    const prepared = prepareDocument(text, options.parse)
    const first = store.addDocument(prepared.context)
    for (const annFile of annFiles) {
      const gold = goldLabels(prepared.units, text, readFileSync(join(root, split, 'attributions', annFile), 'utf8'))
      for (const p of prepared.units.paragraphs) {
        examples.push({ first: first + p.start, gold: gold.slice(p.start, p.end), article })
      }
    }
    articles++
    units += prepared.units.count
    if (options.log && articles % 100 === 0) options.log(`${split}: ${articles} articles, ${units} units`)
  }
  return { examples, articles, units }
}
