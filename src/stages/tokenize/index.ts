import type { Stage } from '../../pipeline/stage.js'
import { tokenize } from './tokenize.js'

export { tokenize } from './tokenize.js'

export const tokenizeStage: Stage = {
  name: 'whosaid.tokenize.rules',
  version: '1.0.0',
  requires: [],
  assigns: ['tokens'],
  run(doc) {
    doc.tokens = tokenize(doc.text)
    doc.markAssigned('tokens')
  },
}
