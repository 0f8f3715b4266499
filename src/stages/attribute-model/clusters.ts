/**
 * Word clusters for the attribution features: the ones shipped in the named-entity model
 * (models/ner.bin.gz, predictive exchange clustering over unlabelled news and treebank text; see
 * models/ner.README.md), read once. Words of one cluster share weights, so a reporting verb seen
 * rarely in training ("lamented") borrows from its frequent neighbours. Without the file every
 * word is in cluster 0.
 */
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { hashString } from '../../backbone/features/hash.js'
import { normWord } from '../../backbone/ner/clusters.js'
import { loadModel } from '../../backbone/ner/model.js'
import { modelsDir } from '../../backbone/paths.js'

let clusters: { get(key: number, dflt: number): number } | null | undefined

/** Packed cluster ids (10 bits per granularity, coarse to fine), 0 when unknown. */
export function clusterOf(word: string): number {
  if (clusters === undefined) {
    const path = join(modelsDir(), 'ner.bin.gz')
    clusters = existsSync(path) ? loadModel(path).stats.clusters : null
  }
  return clusters ? clusters.get(hashString(normWord(word)), 0) : 0
}
