/**
 * The store conformance suite: behaviour every backend must share, run by each backend's own test
 * file (`runStoreConformance(() => ...)`) so SQLite and PostgreSQL answer the same questions alike.
 */
import { describe } from 'node:test'
import { entityCases } from './conformance/entities.js'
import { readCases } from './conformance/read.js'
import { searchCases } from './conformance/search.js'
import { writeCases } from './conformance/write.js'
import type { Store } from './store.js'

export type MakeStore = () => Promise<Store>

export function runStoreConformance(makeStore: MakeStore, label = 'store'): void {
  describe(`${label} conformance`, () => {
    describe('writing', () => writeCases(makeStore))
    describe('reading articles', () => readCases(makeStore))
    describe('searching statements', () => searchCases(makeStore))
    describe('entity profiles', () => entityCases(makeStore))
  })
}
