/**
 * `models/attribution.bin.gz`: the tagger's weights in the backbone's compact container (gzip,
 * sorted varint feature keys, quantised weights; src/backbone/model-io.ts) plus the transition
 * weights and settings in its JSON header. Loaded lazily, once, by the attribution stage.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { decodeContainer, encodeContainer } from '../../backbone/model-io.js'
import { modelsDir } from '../../backbone/paths.js'
import { N_LABELS, TaggerModel } from './model.js'

export const MODEL_KIND = 'whosaid-attribution'
/** Bumped whenever the features change, so an old model file is not read with new features. */
export const FEATURE_VERSION = 2

export interface ModelMeta {
  kind: typeof MODEL_KIND
  featureVersion: number
  /** Whether the model was trained with dependency features (needs models/parser.bin.gz). */
  parsed: boolean
  transitions: number[]
  [key: string]: unknown
}

export function attributionModelPath(): string {
  return join(modelsDir(), 'attribution.bin.gz')
}

export function saveAttributionModel(path: string, model: TaggerModel, meta: { parsed: boolean; [key: string]: unknown }, bits: 8 | 16 = 16): number {
  const fullMeta: ModelMeta = {
    ...meta,
    kind: MODEL_KIND,
    featureVersion: FEATURE_VERSION,
    transitions: Array.from(model.transitions, (x) => Math.round(x * 1000) / 1000),
  }
  const buffer = encodeContainer({ meta: fullMeta, strings: {}, ints: {}, tables: { emission: model.table } }, bits)
  writeFileSync(path, buffer)
  return buffer.length
}

export interface LoadedAttributionModel {
  model: TaggerModel
  meta: ModelMeta
}

/** Reads a model file; null when it is missing or was written for other features. */
export function loadAttributionModel(path = attributionModelPath()): LoadedAttributionModel | null {
  if (!existsSync(path)) return null
  const container = decodeContainer(readFileSync(path))
  const meta = container.meta as ModelMeta
  if (meta.kind !== MODEL_KIND || meta.featureVersion !== FEATURE_VERSION) return null
  const table = container.tables['emission']
  if (!table || table.nClasses !== N_LABELS) return null
  return { model: new TaggerModel(table, Float32Array.from(meta.transitions)), meta }
}
