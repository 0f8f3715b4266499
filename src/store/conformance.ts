/**
 * The store conformance suite: behaviour every backend must share, run by each backend's own test
 * file (`runStoreConformance(() => ...)`) so SQLite and PostgreSQL answer the same questions alike.
 * A backend that cannot share a case lists it in `skip` with the reason (conformance/case.ts).
 */
import { describe } from 'node:test'
import { group, withSkips, type ConformanceSkip } from './conformance/case.js'
import { entityCases } from './conformance/entities.js'
import { extensionCases } from './conformance/extensions.js'
import { readCases } from './conformance/read.js'
import { searchCases } from './conformance/search.js'
import { writeCases } from './conformance/write.js'
import type { Store } from './store.js'

export type MakeStore = () => Promise<Store>

export type { ConformanceSkip }

export interface ConformanceOptions {
  /** Cases this backend does not share, by `"group > case"` name, each with its reason. */
  skip?: readonly ConformanceSkip[]
}

export function runStoreConformance(makeStore: MakeStore, label = 'store', options: ConformanceOptions = {}): void {
  describe(`${label} conformance`, () =>
    withSkips(options.skip ?? [], () => {
      group('writing', () => writeCases(makeStore))
      group('reading articles', () => readCases(makeStore))
      group('searching statements', () => searchCases(makeStore))
      group('entity profiles', () => entityCases(makeStore))
      group('optional features', () => extensionCases(makeStore))
    }))
}
