import { TokenFlag } from '../../doc/tokens.js'
import type { Stage } from '../../pipeline/stage.js'
import { splitSentences } from './split.js'

export { splitSentences } from './split.js'

export const sentencesStage: Stage = {
  name: 'whosaid.sentences.rules',
  version: '1.0.0',
  requires: ['tokens'],
  assigns: ['sentences'],
  run(doc) {
    const tokens = doc.requireTokens()
    doc.sentences = splitSentences(doc.text, tokens)
    for (const sentence of doc.sentences) {
      tokens.flags[sentence.tokenStart] = tokens.flags[sentence.tokenStart]! | TokenFlag.SentenceStart
    }
    doc.markAssigned('sentences')
  },
}
