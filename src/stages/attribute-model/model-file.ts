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
import { LABELS, N_LABELS, type AttributionTagger } from './model.js'

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

/**
 * Analysis profiles, a choice between accuracy and speed: `accurate` (the default) reads dependency
 * features from the parser; `fast` uses a model trained without them, so nothing is parsed (about
 * half the CPU per article, 1-3 points of exact F1 less on PolNeAR test; models/attribution-fast.README.md).
 */
export const PROFILES = ['accurate', 'fast'] as const
export type Profile = (typeof PROFILES)[number]

/**
 * The profile of this process: WHOSAID_PROFILE, which the CLI's --profile sets and the analysis
 * worker threads inherit; `accurate` when unset.
 */
export function analysisProfile(): Profile {
  const value = process.env.WHOSAID_PROFILE || 'accurate'
  if (!(PROFILES as readonly string[]).includes(value)) throw new Error(`WHOSAID_PROFILE must be one of ${PROFILES.join(', ')}, not "${value}"`)
  return value as Profile
}

/** The model file of a profile in the models folder. */
export function profileModelPath(profile: Profile): string {
  return join(modelsDir(), profile === 'fast' ? 'attribution-fast.bin.gz' : 'attribution.bin.gz')
}

/** The shipped model of this process's profile, or the file named by WHOSAID_ATTRIBUTION_MODEL (to compare retrained candidates). */
export function attributionModelPath(): string {
  return process.env.WHOSAID_ATTRIBUTION_MODEL || profileModelPath(analysisProfile())
}

const round = (t: Float32Array): number[] => Array.from(t, (x) => Math.round(x * 1000) / 1000)

/**
 * Writes the model; `prune` drops weight rows whose largest |weight| is below that fraction of the
 * table's largest (0 keeps every row that survives quantisation; see encodeContainer).
 */
export function saveAttributionModel(path: string, tagger: AttributionTagger, meta: { parsed: boolean; [key: string]: unknown }, bits: 8 | 16 = 16, prune = 0): number {
  const fullMeta: ModelMeta = {
    ...meta,
    kind: MODEL_KIND,
    featureVersion: FEATURE_VERSION,
    transitions1: round(tagger.transitions1),
    transitions2: tagger.transitions2 ? round(tagger.transitions2) : null,
  }
  const buffer = encodeContainer({ meta: fullMeta, strings: {}, ints: {}, tables: { emission: tagger.table } }, bits, prune)
  writeFileSync(path, buffer)
  return buffer.length
}

/** The decoding settings beside a model file: `attribution.bin.gz` → `attribution.decoding.json`. */
export function decodingPath(modelPath: string): string {
  return modelPath.replace(/(\.bin)?(\.gz)?$/, '') + '.decoding.json'
}

/**
 * Label biases for decoding: WHOSAID_ATTRIBUTION_BIAS (comma-separated, one per label, for tuning)
 * or the model's decoding file (`{"labelBias": {"B-cue": -0.25, ...}}`); null when neither is set.
 */
export function readLabelBias(modelPath: string): Float32Array | null {
  const fromEnv = process.env.WHOSAID_ATTRIBUTION_BIAS
  if (fromEnv) {
    const values = fromEnv.split(',').map(Number)
    if (values.length !== N_LABELS || values.some((v) => !Number.isFinite(v))) {
      throw new Error(`WHOSAID_ATTRIBUTION_BIAS must hold ${N_LABELS} numbers (${LABELS.join(', ')}), not "${fromEnv}"`)
    }
    return Float32Array.from(values)
  }
  const path = decodingPath(modelPath)
  if (!existsSync(path)) return null
  const decoding = JSON.parse(readFileSync(path, 'utf8')) as { labelBias?: Record<string, number> }
  const bias = new Float32Array(N_LABELS)
  for (const [label, value] of Object.entries(decoding.labelBias ?? {})) {
    const index = (LABELS as readonly string[]).indexOf(label)
    if (index < 0 || !Number.isFinite(value)) throw new Error(`${path}: unknown label or bad bias "${label}": ${value}`)
    bias[index] = value
  }
  return bias
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
      labelBias: readLabelBias(path),
    },
    meta,
  }
}
