import type { Stage } from '../../pipeline/stage.js'
import { recognizeEntities } from './recognize.js'
import { loadNerModel, recognizeWithModel } from './trained.js'
import { resolveMentions } from './resolve.js'
import { findRoles } from './roles.js'

export { nameKey, nameParts } from './names.js'

/** Entity mentions from the trained recogniser (models/ner.bin.gz); the default. */
export const entitiesStage: Stage = {
  name: 'whosaid.entities.trained',
  version: '1.0.0',
  requires: ['tokens', 'sentences'],
  assigns: ['mentions'],
  run(doc) {
    doc.mentions = recognizeWithModel({ text: doc.text, tokens: doc.requireTokens(), sentences: doc.sentences, outlet: doc.article.outlet })
    doc.markAssigned('mentions')
  },
  load: loadNerModel,
}

/** Rule-based mentions (gazetteers, titles, capitalised runs): the v1 stand-in, kept for comparison. */
export const ruleEntitiesStage: Stage = {
  name: 'whosaid.entities.rules',
  version: '1.0.0',
  requires: ['tokens', 'sentences'],
  assigns: ['mentions'],
  run(doc) {
    doc.mentions = recognizeEntities({ text: doc.text, tokens: doc.requireTokens(), sentences: doc.sentences })
    doc.markAssigned('mentions')
  },
}

export const resolveStage: Stage = {
  name: 'whosaid.resolve.rules',
  version: '1.0.0',
  requires: ['mentions'],
  assigns: ['entities'],
  run(doc) {
    doc.entities = resolveMentions(doc.text, doc.mentions)
    for (const mention of doc.mentions) {
      const entity = doc.entities[mention.entity]
      if (!entity || entity.type !== 'PERSON') continue
      for (const role of findRoles(doc, mention)) {
        if (!entity.roles.some((known) => known.text.toLowerCase() === role.text.toLowerCase())) entity.roles.push(role)
      }
    }
    doc.markAssigned('entities')
  },
}
