import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { WhosaidError } from '../errors.js'
import { syntheticAnalysis } from '../store/sample-analyses.js'
import { SqliteStore } from '../store/sqlite/sqlite-store.js'
import { BatchWriter } from './batch-writer.js'

const isCode = (code: string) => (error: unknown) => error instanceof WhosaidError && error.code === code

describe('batch writer', () => {
  it('should store the jobs in flight in one transaction, each learning its own outcome', async () => {
    const store = SqliteStore.open(':memory:')
    try {
      const writer = new BatchWriter(store, 3, 10_000)
      const broken = syntheticAnalysis(2)
      broken.statements = [broken.statements[0]!, { ...broken.statements[0]! }]
      const [one, failed, three] = await Promise.allSettled([
        writer.put({ analysis: syntheticAnalysis(1), source: 'job 1' }),
        writer.put({ analysis: broken, source: 'job 2' }),
        writer.put({ analysis: syntheticAnalysis(3), source: 'job 3' }),
      ])
      // The third put filled the batch: written at once, not after the 10 s wait.
      assert.equal(writer.batches, 1)
      assert.equal(one.status === 'fulfilled' && one.value.inserted, true)
      assert.ok(failed.status === 'rejected' && isCode('E010')(failed.reason), String(failed.status === 'rejected' && failed.reason))
      assert.equal(three.status === 'fulfilled' && three.value.inserted, true)
      assert.equal((await store.stats()).articles, 2)
      await writer.close()
    } finally {
      await store.close()
    }
  })

  it('should write a partial batch after the wait, and what waits on close', async () => {
    const store = SqliteStore.open(':memory:')
    try {
      const writer = new BatchWriter(store, 10, 20)
      const first = await writer.put({ analysis: syntheticAnalysis(1), source: 'a' })
      assert.equal(first.inserted, true)
      const pending = writer.put({ analysis: syntheticAnalysis(1), source: 'again' })
      await writer.close()
      assert.deepEqual(await pending, { id: first.id, inserted: false })
      assert.equal(writer.batches, 2)
    } finally {
      await store.close()
    }
  })

  it('should fail every job of a batch the store could not write, and store none of them', async () => {
    const store = SqliteStore.open(':memory:')
    await store.close()
    const writer = new BatchWriter(store, 2, 10_000)
    const results = await Promise.allSettled([
      writer.put({ analysis: syntheticAnalysis(1), source: 'a' }),
      writer.put({ analysis: syntheticAnalysis(2), source: 'b' }),
    ])
    for (const result of results) assert.ok(result.status === 'rejected' && isCode('E013')(result.reason))
    assert.equal(writer.batches, 0)
  })
})
