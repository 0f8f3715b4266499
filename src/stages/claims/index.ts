import type { Stage } from '../../pipeline/stage.js'
import { findClaims } from './claims.js'

export { findClaims } from './claims.js'
export { interviewStart } from './voice.js'

/** Check-worthy claims the outlet makes in its own voice (outside every statement and quotation). */
export const claimsStage: Stage = {
  name: 'whosaid.claims.rules',
  version: '1.0.0',
  requires: ['tokens', 'sentences', 'mentions', 'entities', 'quotes', 'statements'],
  assigns: ['claims'],
  run(doc) {
    doc.claims = findClaims(doc)
    doc.markAssigned('claims')
  },
}
