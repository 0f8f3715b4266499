import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { WhosaidError } from '../errors.js'
import { SqliteStore } from '../store/sqlite/sqlite-store.js'
import { isLoopback, serve } from './serve.js'
import { stubAnalyze } from './seeded-app.js'

describe('serve', () => {
  it('should listen on a free port and serve the page and the API', async () => {
    const store = SqliteStore.open(':memory:')
    const server = await serve({ store, analyze: stubAnalyze, port: 0 })
    try {
      assert.match(server.url, /^http:\/\/127\.0\.0\.1:\d+$/)
      assert.notEqual(new URL(server.url).port, '0')
      const page = await fetch(`${server.url}/`)
      assert.equal(page.status, 200)
      assert.match(await page.text(), /<title>whosaid<\/title>/)
      const health = await fetch(`${server.url}/api/v1/health`)
      assert.deepEqual(await health.json(), { status: 'ok', store: 'sqlite' })
    } finally {
      await server.close()
      await store.close()
    }
  })

  it('should refuse a non-loopback address without a token', async () => {
    const store = SqliteStore.open(':memory:')
    try {
      await assert.rejects(
        serve({ store, analyze: stubAnalyze, host: '0.0.0.0', port: 0 }),
        (error: unknown) => error instanceof WhosaidError && error.code === 'E010' && /requires --token/.test(error.message),
      )
      await assert.rejects(serve({ store, analyze: stubAnalyze, port: 70000 }), WhosaidError)
    } finally {
      await store.close()
    }
  })

  it('should tell loopback addresses from others', () => {
    for (const host of ['127.0.0.1', '127.1.2.3', 'localhost', '::1', '[::1]', '::ffff:127.0.0.1']) assert.equal(isLoopback(host), true, host)
    for (const host of ['0.0.0.0', '::', '192.168.1.10', 'example.com', '128.0.0.1']) assert.equal(isLoopback(host), false, host)
  })
})
