/**
 * Stance of a text towards a claim (FNC-1 labels): agree, disagree, discuss or unrelated.
 *
 *   const model = loadStanceModel()
 *   model.predict('Apple to buy Tesla', 'Apple denied reports that ...') // { label, scores }
 *
 * The model file (models/stance.bin.gz, about 0.3 MB) is read on first use and cached per folder.
 */
import { join } from 'node:path'
import { modelsDir } from './data.js'
import { loadModel, type Decision, type StanceModel, type StancePrediction } from './model.js'
export { LABELS, type StanceLabel } from './score.js'
export type { Decision, StancePrediction } from './model.js'

export interface StanceScorer {
  /** Stance of text towards claim (a headline, a user's claim or a quoted statement). */
  predict(claim: string, text: string): StancePrediction
  /** Same, for one claim against many texts (the claim is analysed once). */
  predictMany(claim: string, texts: string[]): StancePrediction[]
}

const cache = new Map<string, StanceModel>()

export interface StanceOptions {
  /**
   * How scores become a label (default: the one the model file names, 'argmax' for the shipped model):
   * 'argmax' picks the likeliest label; 'fnc' the label with the highest expected FNC-1 score, which
   * leans to the related labels when unsure.
   */
  decision?: Decision
}

/** A scorer over the model in modelsDir (default: the package's models/), loaded on the first call. */
export function loadStanceModel(dir?: string, options: StanceOptions = {}): StanceScorer {
  const path = join(dir ?? modelsDir(), 'stance.bin.gz')
  const get = (): StanceModel => {
    let m = cache.get(path)
    if (!m) {
      m = loadModel(path)
      cache.set(path, m)
    }
    return m
  }
  return {
    predict: (claim, text) => {
      const m = get()
      return m.predictAnalysed(m.analyse(claim), m.analyse(text), options.decision)
    },
    predictMany: (claim, texts) => {
      const m = get()
      const h = m.analyse(claim)
      return texts.map((t) => m.predictAnalysed(h, m.analyse(t), options.decision))
    },
  }
}
