/**
 * `models/attribution.bin.gz`: the two passes' weights (one table, see `combinePasses`) in the
 * backbone's compact container (gzip,
 * sorted varint feature keys, quantised weights; src/backbone/model-io.ts) plus the transition
 * weights and settings in its JSON header. Loaded lazily, once, by the attribution stage.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { decodeContainer, encodeContainer } from '../../backbone/model-io.js'
import { modelsDir } from '../../backbone/paths.js'
import { N_LABELS, type AttributionTagger } from './model.js'

export const MODEL_KIND = 'whosaid-attribution'
/** Bumped whenever the features change, so an old model file is not read with new features. */
export const FEATURE_VERSION = 9

export interface ModelMeta {
  kind: typeof MODEL_KIND
  featureVersion: number
  /** Whether the model was trained with dependency features (needs models/parser.bin.gz). */
  parsed: boolean
  transitions1: number[]
  transitions2: number[] | null
  [key: string]: unknown
}

/** The shipped model, or the file named by WHOSAID_ATTRIBUTION_MODEL (to compare retrained candidates). */
export function attributionModelPath(): string {
  return process.env.WHOSAID_ATTRIBUTION_MODEL || join(modelsDir(), 'attribution.bin.gz')
}

const round = (t: Float32Array): number[] => Array.from(t, (x) => Math.round(x * 1000) / 1000)

export function saveAttributionModel(path: string, tagger: AttributionTagger, meta: { parsed: boolean; [key: string]: unknown }, bits: 8 | 16 = 16): number {
  const fullMeta: ModelMeta = {
    ...meta,
    kind: MODEL_KIND,
    featureVersion: FEATURE_VERSION,
    transitions1: round(tagger.transitions1),
    transitions2: tagger.transitions2 ? round(tagger.transitions2) : null,
  }
  const buffer = encodeContainer({ meta: fullMeta, strings: {}, ints: {}, tables: { emission: tagger.table } }, bits)
  writeFileSync(path, buffer)
  return buffer.length
}

export interface LoadedAttributionModel {
  tagger: AttributionTagger
  meta: ModelMeta
}

/** Reads a model file; null when it is missing or was written for other features. */
export function loadAttributionModel(path = attributionModelPath()): LoadedAttributionModel | null {
  if (!existsSync(path)) return null
  const container = decodeContainer(readFileSync(path))
  const meta = container.meta as ModelMeta
  if (meta.kind !== MODEL_KIND || meta.featureVersion !== FEATURE_VERSION) return null
  const table = container.tables['emission']
  const classes = meta.transitions2 ? 2 * N_LABELS : N_LABELS
  if (!table || table.nClasses !== classes) return null
  return {
    tagger: {
      table,
      classes,
      transitions1: Float32Array.from(meta.transitions1),
      transitions2: meta.transitions2 ? Float32Array.from(meta.transitions2) : null,
    },
    meta,
  }
}
