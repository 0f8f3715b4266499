import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { Queue, Worker } from 'bullmq'
import { WhosaidError } from '../errors.js'
import { parseRedisUrl, redactRedisUrl, RedisLink } from './connection.js'
import { deleteKeys, randomPrefix, requireRedis, TEST_REDIS, withRedis } from './scratch.js'

const prefix = randomPrefix('conn')
before(() => requireRedis())
after(() => deleteKeys(prefix))

describe('redis URLs', () => {
  it('should read host, port, credentials and database', () => {
    const target = parseRedisUrl('redis://worker:p%40ss@queue.example:6380/2')
    assert.deepEqual(
      { ...target },
      { host: 'queue.example', port: 6380, username: 'worker', password: 'p@ss', db: 2, tls: false, redacted: 'redis://worker:***@queue.example:6380/2' },
    )
    assert.deepEqual(parseRedisUrl('redis://127.0.0.1').port, 6379)
    assert.equal(parseRedisUrl('rediss://:secret@h').tls, true)
    assert.equal(redactRedisUrl('redis://:secret@h:1'), 'redis://:***@h:1')
  })

  it('should refuse what is not a redis URL', () => {
    for (const bad of ['http://h', 'h:6379', 'redis://h/x']) assert.throws(() => parseRedisUrl(bad), (e: unknown) => e instanceof WhosaidError && e.code === 'E010', bad)
  })
})

describe('redis link', () => {
  it('should say clearly when the server does not answer, without the password', async () => {
    await assert.rejects(RedisLink.open('redis://:hunter2@127.0.0.1:1'), (error: unknown) => {
      assert.ok(error instanceof WhosaidError && error.code === 'E013', String(error))
      assert.match(error.message, /Redis queue at redis:\/\/:\*\*\*@127\.0\.0\.1:1 does not answer \(.*ECONNREFUSED/)
      assert.doesNotMatch(JSON.stringify(error.toJSON()), /hunter2/)
      return true
    })
  })

  it('should select the database of the URL', async () => {
    const link = await RedisLink.open(`${TEST_REDIS.replace(/\/\d*$/, '')}/3`)
    const key = `${prefix}:db`
    try {
      await link.client.set(key, 'in db 3')
      assert.equal(await withRedis((client) => client.exists(key)), 0, 'not in database 0')
      assert.equal(await link.client.get(key), 'in db 3')
    } finally {
      await link.client.del(key)
      await link.close()
    }
    assert.equal(link.client.status, 'end')
  })

  it('should keep a BullMQ worker going when the server drops its connection', async () => {
    const link = await RedisLink.open(TEST_REDIS)
    const queue = new Queue('drop', { connection: link.client, prefix })
    const done: string[] = []
    const worker = new Worker('drop', async (job) => void done.push(job.id!), { connection: link.client, prefix })
    worker.on('error', () => undefined)
    const waitFor = async (id: string): Promise<void> => {
      for (let i = 0; i < 100 && !done.includes(id); i++) await new Promise((resolve) => setTimeout(resolve, 100))
      assert.ok(done.includes(id), `job ${id} processed`)
    }
    try {
      await queue.add('x', {}, { jobId: 'before' })
      await waitFor('before')
      // The worker's blocking connection is the one BullMQ names after the queue.
      await withRedis(async (admin) => {
        const clients = (await admin.call('CLIENT', 'LIST')) as string
        const ids = clients.split('\n').filter((line) => line.includes(` name=${prefix}:`)).map((line) => /\bid=(\d+)/.exec(line)![1]!)
        assert.equal(ids.length, 1, clients)
        await admin.call('CLIENT', 'KILL', 'ID', ids[0]!)
      })
      await queue.add('x', {}, { jobId: 'after' })
      await waitFor('after')
    } finally {
      await worker.close()
      await queue.close()
      await link.close()
    }
  })
})
