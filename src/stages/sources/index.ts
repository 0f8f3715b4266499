import type { Stage } from '../../pipeline/stage.js'
import { weighBalance } from './balance.js'
import { findQuestion } from './question.js'
import { findSources } from './sources.js'

export { optionsInHeadline, findQuestion } from './question.js'
export { findSources, sourceStance } from './sources.js'
export { weighBalance } from './balance.js'

/** Each source once with its stance and, for a question headline, its alternative; then the balance of the sourcing. */
export const sourcesStage: Stage = {
  name: 'whosaid.sources.rules',
  version: '1.0.0',
  requires: ['tokens', 'sentences', 'mentions', 'entities', 'statements', 'relations', 'claims', 'stance'],
  assigns: ['question', 'sources', 'balance'],
  run(doc) {
    doc.question = findQuestion(doc)
    doc.markAssigned('question')
    doc.sources = findSources(doc)
    doc.markAssigned('sources')
    doc.balance = weighBalance(doc)
    doc.markAssigned('balance')
  },
}
