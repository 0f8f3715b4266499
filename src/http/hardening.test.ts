import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { SqliteStore } from '../store/sqlite/sqlite-store.js'
import { rateLimit, tokenBuckets } from './rate-limit.js'
import { seededApp } from './seeded-app.js'
import { serve } from './serve.js'
import { stubAnalyze } from './seeded-app.js'
import { Hono } from 'hono'

describe('token buckets', () => {
  it('should allow a burst, then one request per refill interval', () => {
    let now = 0
    const buckets = tokenBuckets({ perMinute: 60, burst: 3 }, () => now)
    assert.deepEqual([buckets.take('a'), buckets.take('a'), buckets.take('a')], [0, 0, 0])
    assert.equal(buckets.take('a'), 1)
    assert.equal(buckets.take('b'), 0, 'another client has its own bucket')
    now += 1000
    assert.equal(buckets.take('a'), 0)
    assert.equal(buckets.take('a'), 1)
    now += 60_000
    assert.deepEqual([buckets.take('a'), buckets.take('a'), buckets.take('a'), buckets.take('a')], [0, 0, 0, 1], 'refills up to the burst only')
  })

  it('should say how long to wait when the rate is slow', () => {
    let now = 0
    const buckets = tokenBuckets({ perMinute: 2, burst: 1 }, () => now)
    assert.equal(buckets.take('a'), 0)
    assert.equal(buckets.take('a'), 30)
    now += 29_500
    assert.equal(buckets.take('a'), 1)
  })

  it('should forget idle clients once many are tracked', () => {
    let now = 0
    const buckets = tokenBuckets({ perMinute: 600, burst: 5 }, () => now)
    for (let i = 0; i < 10_000; i++) buckets.take(`client-${i}`)
    assert.equal(buckets.size, 10_000)
    now += 60_000
    buckets.take('newcomer')
    assert.equal(buckets.size, 1)
  })

  it('should refuse nonsense settings', () => {
    assert.throws(() => tokenBuckets({ perMinute: 0, burst: 1 }), RangeError)
    assert.throws(() => tokenBuckets({ perMinute: 10, burst: 0.5 }), RangeError)
  })
})

describe('rate limit on the API', () => {
  it('should answer 429 with Retry-After and the JSON error shape, per client', async () => {
    let client = 'a'
    const app = new Hono()
    app.use('*', rateLimit({ perMinute: 60, burst: 2 }, () => client))
    app.get('/x', (c) => c.text('ok'))
    assert.equal((await app.request('/x')).status, 200)
    assert.equal((await app.request('/x')).status, 200)
    const limited = await app.request('/x')
    assert.equal(limited.status, 429)
    assert.equal(limited.headers.get('retry-after'), '1')
    assert.equal(((await limited.json()) as { error: { code: string } }).error.code, 'rate_limited')
    client = 'b'
    assert.equal((await app.request('/x')).status, 200)
  })

  it('should limit the API but not the page, and be off when asked', async () => {
    const seeded = await seededApp({ rateLimit: { perMinute: 1, burst: 2 } })
    try {
      const statuses = []
      for (let i = 0; i < 3; i++) statuses.push((await seeded.app.request('/api/v1/stats')).status)
      assert.deepEqual(statuses, [200, 200, 429])
      assert.equal((await seeded.app.request('/')).status, 200)
    } finally {
      await seeded.cleanup()
    }
    const unlimited = await seededApp({ rateLimit: false })
    try {
      for (let i = 0; i < 400; i++) assert.equal((await unlimited.app.request('/api/v1/health')).status, 200)
    } finally {
      await unlimited.cleanup()
    }
  })

  it('should key clients by their socket address on a real server', async () => {
    const store = SqliteStore.open(':memory:')
    const server = await serve({ store, analyze: stubAnalyze, port: 0, rateLimit: { perMinute: 1, burst: 1 } })
    try {
      assert.equal((await fetch(`${server.url}/api/v1/health`)).status, 200)
      const limited = await fetch(`${server.url}/api/v1/health`)
      assert.equal(limited.status, 429)
      assert.ok(Number(limited.headers.get('retry-after')) >= 1)
    } finally {
      await server.close()
      await store.close()
    }
  })
})

describe('CORS', () => {
  const origin = 'https://newsroom.example'

  it('should send no CORS headers unless configured', async () => {
    const seeded = await seededApp()
    try {
      const response = await seeded.app.request('/api/v1/stats', { headers: { Origin: origin } })
      assert.equal(response.status, 200)
      assert.equal(response.headers.get('access-control-allow-origin'), null)
      const preflight = await seeded.app.request('/api/v1/stats', { method: 'OPTIONS', headers: { Origin: origin, 'Access-Control-Request-Method': 'GET' } })
      assert.equal(preflight.headers.get('access-control-allow-origin'), null)
    } finally {
      await seeded.cleanup()
    }
  })

  it('should allow the configured origins only, and answer preflights before the token check', async () => {
    const seeded = await seededApp({ cors: [origin], token: 'secret' })
    try {
      const preflight = await seeded.app.request('/api/v1/statements', {
        method: 'OPTIONS',
        headers: { Origin: origin, 'Access-Control-Request-Method': 'GET', 'Access-Control-Request-Headers': 'authorization' },
      })
      assert.equal(preflight.status, 204)
      assert.equal(preflight.headers.get('access-control-allow-origin'), origin)
      assert.match(preflight.headers.get('access-control-allow-headers') ?? '', /Authorization/i)
      const allowed = await seeded.app.request('/api/v1/stats', { headers: { Origin: origin, Authorization: 'Bearer secret' } })
      assert.equal(allowed.headers.get('access-control-allow-origin'), origin)
      assert.match(allowed.headers.get('access-control-expose-headers') ?? '', /ETag/)
      const other = await seeded.app.request('/api/v1/stats', { headers: { Origin: 'https://evil.example', Authorization: 'Bearer secret' } })
      assert.equal(other.headers.get('access-control-allow-origin'), null)
      assert.equal((await seeded.app.request('/api/v1/stats', { headers: { Origin: origin } })).status, 401)
    } finally {
      await seeded.cleanup()
    }
  })
})
