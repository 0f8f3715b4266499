import assert from 'node:assert/strict'
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, describe, it } from 'node:test'
import { WhosaidError } from '../errors.js'
import { openStore, parseStoreUrl } from './open.js'

const dir = mkdtempSync(join(tmpdir(), 'whosaid-open-'))
after(() => rmSync(dir, { recursive: true, force: true }))

const isCode = (code: string) => (error: unknown) => error instanceof WhosaidError && error.code === code

describe('openStore', () => {
  it('should read sqlite URLs, memory and bare .db paths', () => {
    assert.deepEqual(parseStoreUrl('sqlite:data/news.db'), { kind: 'sqlite', path: 'data/news.db' })
    assert.deepEqual(parseStoreUrl('sqlite::memory:'), { kind: 'sqlite', path: ':memory:' })
    assert.deepEqual(parseStoreUrl('sqlite:///var/news.db'), { kind: 'sqlite', path: '/var/news.db' })
    assert.deepEqual(parseStoreUrl('news.db'), { kind: 'sqlite', path: 'news.db' })
    assert.deepEqual(parseStoreUrl('postgres://u:p@host/db'), { kind: 'postgres', url: 'postgres://u:p@host/db' })
  })

  it('should open a sqlite file store and a memory store', async () => {
    const path = join(dir, 'opened.db')
    const file = await openStore(`sqlite:${path}`)
    assert.equal(file.kind, 'sqlite')
    await file.close()
    assert.ok(existsSync(path))
    const bare = await openStore(path)
    assert.deepEqual(await bare.stats(), { articles: 0, statements: 0, entities: 0 })
    await bare.close()
    const memory = await openStore('sqlite::memory:')
    await memory.close()
  })

  it('should report a PostgreSQL server that does not answer, without echoing the password', async () => {
    // Port 1 on loopback refuses at once; postgres/postgres-store.test.ts covers a live server.
    await assert.rejects(openStore('postgres://reader:s3cret@127.0.0.1:1/news'), (error: unknown) => {
      assert.ok(isCode('E013')(error))
      assert.match((error as Error).message, /cannot open postgres:\/\/reader:\*\*\*@127\.0\.0\.1:1\/news/)
      assert.doesNotMatch(JSON.stringify((error as WhosaidError).toJSON()), /s3cret/)
      return true
    })
  })

  it('should reject a URL it does not understand', async () => {
    await assert.rejects(openStore('mysql://host/db'), isCode('E010'))
    await assert.rejects(openStore('sqlite:'), isCode('E010'))
    await assert.rejects(openStore('news.txt'), isCode('E010'))
  })
})
