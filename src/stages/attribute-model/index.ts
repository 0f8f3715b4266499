/**
 * The learned attribution stage: POS tags and dependencies from the backbone, a structured
 * perceptron over BIO tags for SOURCE / CUE / CONTENT per paragraph (models/attribution.bin.gz),
 * then statements linked and resolved from the tagged spans. When the model file, the tagger or
 * (for a model trained with dependencies) the parser is not shipped, it falls back to the
 * rule-based stage and says so in a diagnostic.
 */
import type { Document } from '../../doc/document.js'
import type { Stage } from '../../pipeline/stage.js'
import { attribute } from '../attribute/attribute.js'
import { findQuotes } from '../attribute/quotes.js'
import { buildFeatureContext, MAX_FEATURES, unitFeatures } from './features.js'
import { loadAttributionModel, type LoadedAttributionModel } from './model-file.js'
import { labelSpans, N_LABELS } from './model.js'
import { buildStatements, type TaggedSpan } from './statements.js'
import { analyzeSyntax, syntaxAvailability } from './syntax.js'
import { buildUnits } from './units.js'

let loaded: LoadedAttributionModel | null | undefined

/** The shipped model, read on first use; null when it cannot be used here. */
export function attributionModel(): LoadedAttributionModel | null {
  if (loaded === undefined) {
    const model = loadAttributionModel()
    const available = syntaxAvailability()
    loaded = model && available.tagger && (!model.meta.parsed || available.parser) ? model : null
  }
  return loaded
}

/** Tags every paragraph and returns the spans (unit ranges). */
export function tagDocument(doc: Document, model: LoadedAttributionModel): { spans: TaggedSpan[]; units: ReturnType<typeof buildUnits> } {
  const units = buildUnits(doc)
  const syntax = analyzeSyntax(units, { parse: model.meta.parsed })
  const context = buildFeatureContext(doc, units, syntax)
  const spans: TaggedSpan[] = []
  const features = new Int32Array(MAX_FEATURES * 256)
  for (const paragraph of units.paragraphs) {
    const m = paragraph.end - paragraph.start
    const buffer = features.length >= m * MAX_FEATURES ? features : new Int32Array(m * MAX_FEATURES)
    const offsets = new Int32Array(m + 1)
    let length = 0
    for (let i = 0; i < m; i++) {
      length += unitFeatures(context, paragraph.start + i, buffer.subarray(length))
      offsets[i + 1] = length
    }
    const emission = new Float32Array(m * N_LABELS)
    model.model.emissions(buffer, offsets, 0, m, emission)
    const labels = model.model.viterbi(emission, m)
    spans.push(...labelSpans(labels, paragraph.start))
  }
  return { spans, units }
}

export const modelAttributeStage: Stage = {
  name: 'whosaid.attribute.model',
  version: '1.0.0',
  requires: ['tokens', 'sentences', 'mentions', 'entities'],
  assigns: ['quotes', 'statements'],
  run(doc) {
    doc.quotes = findQuotes(doc.text)
    doc.markAssigned('quotes')
    const model = attributionModel()
    if (!model) {
      doc.warn('whosaid.attribute.model', 'W201', 'the attribution model (or the backbone it needs) is not shipped; rule-based attribution used', null)
      doc.statements = attribute(doc)
    } else {
      const { spans, units } = tagDocument(doc, model)
      doc.statements = buildStatements(doc, units, spans)
    }
    doc.markAssigned('statements')
  },
}
