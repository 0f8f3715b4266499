/**
 * Opens a fresh store for one conformance case, optionally seeded with the sample articles, and
 * always closes it, pass or fail.
 */
import type { Analysis } from '../../doc/schema.js'
import { sampleAnalyses } from '../sample-analyses.js'
import type { Store } from '../store.js'

export interface Seeded {
  store: Store
  samples: Analysis[]
  /** Article ids of the samples, in sample order (Ahram, Reuters, The National). */
  ids: number[]
}

export async function withStore(
  makeStore: () => Promise<Store>,
  run: (seeded: Seeded) => Promise<void>,
  options: { seed?: boolean } = {},
): Promise<void> {
  const store = await makeStore()
  try {
    const samples = sampleAnalyses()
    const ids: number[] = []
    if (options.seed ?? true) {
      // One after the other: ingestion order decides ids and the undated article's ingestion time.
      for (const analysis of samples) ids.push((await store.putAnalysis(analysis, 'fixture')).id)
    }
    await run({ store, samples, ids })
  } finally {
    await store.close()
  }
}
