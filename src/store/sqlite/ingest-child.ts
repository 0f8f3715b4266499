/**
 * Child process for the crash test (crash.test.ts): puts synthetic analyses into the store at argv[2]
 * one by one, forever, printing each number once its transaction has committed, until it is killed.
 * Not a test itself; kept beside the test so it compiles to dist with it.
 */
import { syntheticAnalysis } from '../sample-analyses.js'
import { SqliteStore } from './sqlite-store.js'

const path = process.argv[2]
if (!path) throw new Error('usage: node ingest-child.js path/to/store.db')

const store = SqliteStore.open(path)
for (let i = 0; ; i++) {
  await store.putAnalysis(syntheticAnalysis(i), 'crash-test')
  process.stdout.write(`${i}\n`)
}
