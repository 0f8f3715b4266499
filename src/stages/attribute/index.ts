import type { Stage } from '../../pipeline/stage.js'
import { attribute } from './attribute.js'
import { findQuotes } from './quotes.js'

export { findQuotes } from './quotes.js'

export const attributeStage: Stage = {
  name: 'whosaid.attribute.rules',
  version: '1.0.0',
  requires: ['tokens', 'sentences', 'mentions', 'entities'],
  assigns: ['quotes', 'statements'],
  run(doc) {
    doc.quotes = findQuotes(doc.text)
    doc.markAssigned('quotes')
    doc.statements = attribute(doc)
    doc.markAssigned('statements')
  },
}
