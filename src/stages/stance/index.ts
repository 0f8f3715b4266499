/**
 * Stance of every statement towards the article's central claim, by the FNC-1 stance model
 * (src/stance, models/stance.bin.gz). The claim is analysed once and each statement's content once.
 */
import type { StanceAnnotation } from '../../doc/document.js'
import type { Stage } from '../../pipeline/stage.js'
import { loadStanceModel, type StancePrediction } from '../../stance/index.js'
import { centralClaimOf } from './central-claim.js'

export { centralClaimOf, checkClaim, isClaimHeadline, isQuestion, MAX_CLAIM_LENGTH } from './central-claim.js'

/** Scores are model probabilities; four decimals are more than the model can tell apart. */
const roundScore = (score: number): number => Math.round(score * 10_000) / 10_000

export function toStance(prediction: StancePrediction): StanceAnnotation {
  return { label: prediction.label, score: roundScore(prediction.scores[prediction.label]), scores: prediction.scores }
}

export const stanceStage: Stage = {
  name: 'whosaid.stance.fnc1',
  version: '1.0.0',
  requires: ['statements'],
  assigns: ['stance'],
  run(doc) {
    doc.centralClaim = centralClaimOf(doc.article, doc.request.claim)
    const claim = doc.centralClaim
    doc.stances = claim
      ? loadStanceModel()
          .predictMany(claim.text, doc.statements.map((statement) => doc.text.slice(statement.content.start, statement.content.end)))
          .map(toStance)
      : doc.statements.map(() => null)
    doc.markAssigned('stance')
  },
}
