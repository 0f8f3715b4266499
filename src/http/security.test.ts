import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { seededApp, type SeededApp } from './seeded-app.js'
import { loadWebAssets } from './web.js'

describe('caching', () => {
  let seeded: SeededApp
  before(async () => (seeded = await seededApp()))
  after(() => seeded.cleanup())

  it('should send an ETag and answer a matching If-None-Match with 304', async () => {
    const first = await seeded.app.request('/api/v1/stats')
    const etag = first.headers.get('etag')
    assert.ok(etag)
    assert.equal(first.headers.get('cache-control'), 'no-cache')
    for (const ifNoneMatch of [etag, `W/${etag}`, `"other", ${etag}`, '*']) {
      const again = await seeded.app.request('/api/v1/stats', { headers: { 'If-None-Match': ifNoneMatch } })
      assert.equal(again.status, 304, ifNoneMatch)
      assert.equal(await again.text(), '')
      assert.equal(again.headers.get('etag'), etag)
    }
    const stale = await seeded.app.request('/api/v1/stats', { headers: { 'If-None-Match': '"stale"' } })
    assert.equal(stale.status, 200)
  })

  it('should change the ETag when the data changes', async () => {
    const before = (await seeded.app.request('/api/v1/articles')).headers.get('etag')!
    await seeded.app.request('/api/v1/analyze?store=true', { method: 'POST', body: JSON.stringify({ text: 'A new article.' }) })
    const after = await seeded.app.request('/api/v1/articles', { headers: { 'If-None-Match': before } })
    assert.equal(after.status, 200)
    assert.notEqual(after.headers.get('etag'), before)
  })

  it('should send ETags on every read endpoint', async () => {
    const paths = ['/api/v1/articles', `/api/v1/articles/${seeded.ids[0]}`, '/api/v1/statements?q=said', '/api/v1/entities/Shoukry', '/api/v1/openapi.json']
    for (const path of paths) {
      const response = await seeded.app.request(path)
      assert.equal(response.status, 200, path)
      assert.ok(response.headers.get('etag'), path)
      assert.ok(response.headers.get('cache-control'), path)
    }
  })
})

describe('bearer token', () => {
  let seeded: SeededApp
  before(async () => (seeded = await seededApp({ token: 'open-sesame' })))
  after(() => seeded.cleanup())

  it('should refuse requests without the right token with a JSON 401', async () => {
    for (const authorization of [undefined, 'Bearer wrong', 'Basic b3Blbi1zZXNhbWU=', 'Bearer', 'open-sesame']) {
      for (const path of ['/api/v1/health', '/api/v1/articles', '/api/v1/nowhere']) {
        const response = await seeded.app.request(path, { headers: authorization ? { Authorization: authorization } : {} })
        assert.equal(response.status, 401, `${path} with ${authorization}`)
        assert.match(response.headers.get('www-authenticate') ?? '', /^Bearer/)
        assert.equal(((await response.json()) as { error: { code: string } }).error.code, 'unauthorized')
      }
    }
  })

  it('should serve the page itself without the token, since it holds no stored data and asks for the token', async () => {
    for (const path of ['/', '/app.js', '/app.css', '/api.js', '/article.js']) {
      const response = await seeded.app.request(path)
      assert.equal(response.status, 200, path)
    }
    const script = await (await seeded.app.request('/api.js')).text()
    assert.match(script, /Authorization: `Bearer \$\{token\}`/)
  })

  it('should let requests with the token through and mark responses private', async () => {
    const response = await seeded.app.request('/api/v1/stats', { headers: { Authorization: 'Bearer open-sesame' } })
    assert.equal(response.status, 200)
    assert.equal(response.headers.get('cache-control'), 'private, no-cache')
    const lower = await seeded.app.request('/api/v1/health', { headers: { Authorization: 'bearer open-sesame' } })
    assert.equal(lower.status, 200)
  })
})

describe('web page', () => {
  let seeded: SeededApp
  before(async () => (seeded = await seededApp()))
  after(() => seeded.cleanup())

  it('should serve the page, script and style with a strict CSP', async () => {
    const expected = { '/': 'text/html', '/app.js': 'text/javascript', '/app.css': 'text/css' }
    for (const [path, type] of Object.entries(expected)) {
      const response = await seeded.app.request(path)
      assert.equal(response.status, 200, path)
      assert.ok(response.headers.get('content-type')?.startsWith(type), path)
      const csp = response.headers.get('content-security-policy') ?? ''
      assert.match(csp, /default-src 'self'/)
      assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval/)
      assert.equal(response.headers.get('x-content-type-options'), 'nosniff')
      assert.ok(response.headers.get('etag'))
    }
  })

  it('should load its script from a file, with no inline script or style', async () => {
    const html = await (await seeded.app.request('/')).text()
    assert.match(html, /<script type="module" src="\/app.js"><\/script>/)
    assert.equal(html.match(/<script/g)?.length, 1)
    assert.doesNotMatch(html, /<style|\sstyle=|\son[a-z]+=/)
  })

  it('should build the DOM without HTML parsing of any content', () => {
    const assets = loadWebAssets()
    assert.ok(assets)
    const scripts = { 'app.js': assets.js, ...assets.modules }
    assert.ok(Object.keys(scripts).length > 5)
    for (const [name, source] of Object.entries(scripts)) {
      assert.doesNotMatch(source, /\.(innerHTML|outerHTML)\b|insertAdjacentHTML|document\.write|\beval\(|new Function|setAttribute\(\s*['"](style|on)/, name)
    }
  })

  it('should serve only the page modules, with the same CSP, and nothing else from the folder', async () => {
    const assets = loadWebAssets()!
    for (const name of Object.keys(assets.modules ?? {})) {
      const response = await seeded.app.request(`/${name}`)
      assert.equal(response.status, 200, name)
      assert.ok(response.headers.get('content-type')?.startsWith('text/javascript'), name)
      assert.match(response.headers.get('content-security-policy') ?? '', /script-src 'self'/)
    }
    for (const path of ['/index.html', '/../package.json', '/web.ts', '/app.css.map']) {
      assert.equal((await seeded.app.request(path)).status, 404, path)
    }
  })

  it('should mark API responses nosniff too', async () => {
    assert.equal((await seeded.app.request('/api/v1/health')).headers.get('x-content-type-options'), 'nosniff')
    assert.equal((await seeded.app.request('/api/v1/articles/987654')).headers.get('x-content-type-options'), 'nosniff')
  })
})
