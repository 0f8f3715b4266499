import type { Stage } from '../../pipeline/stage.js'
import { findRelations } from './relations.js'

export { findRelations } from './relations.js'

/** Relations between the article's entities (leads, member of, role in, backed by, located in). */
export const relationsStage: Stage = {
  name: 'whosaid.relations.rules',
  version: '1.0.0',
  requires: ['tokens', 'mentions', 'entities'],
  assigns: ['relations'],
  run(doc) {
    doc.relations = findRelations(doc)
    doc.markAssigned('relations')
  },
}
