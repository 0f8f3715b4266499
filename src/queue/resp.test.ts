import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { Queue, Worker } from 'bullmq'
import { WhosaidError } from '../errors.js'
import { RedisLink } from './connection.js'
import { parseRedisUrl, parseReply, RedisReplyError, redactRedisUrl, RespClient } from './resp.js'
import { deleteKeys, randomPrefix, requireRedis, TEST_REDIS } from './scratch.js'

const prefix = randomPrefix('resp')
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

describe('RESP replies', () => {
  const parse = (text: string) => parseReply(Buffer.from(text), 0)

  it('should parse every reply type, nested errors as Error values', () => {
    assert.deepEqual(parse('+OK\r\n'), { value: 'OK', next: 5 })
    assert.deepEqual(parse(':42\r\n'), { value: 42, next: 5 })
    assert.deepEqual(parse('$-1\r\n'), { value: null, next: 5 })
    assert.deepEqual(parse('$4\r\nhé!\r\n'), { value: 'hé!', next: 10 })
    const array = parse('*3\r\n$1\r\na\r\n:1\r\n-ERR nope\r\n')
    assert.notEqual(typeof array, 'symbol')
    const { value } = array as { value: unknown[] }
    assert.equal(value[0], 'a')
    assert.equal(value[1], 1)
    assert.ok(value[2] instanceof RedisReplyError && value[2].message === 'ERR nope')
  })

  it('should wait for the rest of a reply split across packets', () => {
    const whole = '*2\r\n$5\r\nhello\r\n$5\r\nworld\r\n'
    for (let cut = 0; cut < whole.length; cut++) assert.equal(typeof parse(whole.slice(0, cut)), 'symbol', `cut at ${cut}`)
    assert.deepEqual(parse(whole), { value: ['hello', 'world'], next: whole.length })
  })
})

describe('RESP client', () => {
  it('should pipeline commands and match replies in order, binary arguments too', async () => {
    const client = new RespClient(parseRedisUrl(TEST_REDIS))
    try {
      await client.connect()
      const key = `${prefix}:pipeline`
      const replies = await Promise.all(Array.from({ length: 200 }, (_, i) => client.send('RPUSH', [key, `item ${i}`])))
      assert.deepEqual(replies, Array.from({ length: 200 }, (_, i) => i + 1))
      const bytes = Buffer.from([0, 255, 13, 10, 36])
      await client.send('SET', [`${prefix}:bytes`, bytes])
      assert.equal(await client.send('STRLEN', [`${prefix}:bytes`]), 5)
      assert.equal(await client.send('LINDEX', [key, '199']), 'item 199')
      await assert.rejects(client.send('INCR', [key]), /WRONGTYPE/)
      // A MULTI/EXEC with one failing command reports it inside the reply array.
      const [multi, queued1, queued2, exec] = await Promise.all([
        client.send('MULTI', []),
        client.send('INCR', [`${prefix}:counter`]),
        client.send('LPUSH', [`${prefix}:counter`, 'x']).catch((e: Error) => e),
        client.send<unknown[]>('EXEC', []),
      ])
      assert.deepEqual([multi, queued1, queued2], ['OK', 'QUEUED', 'QUEUED'])
      assert.equal(exec[0], 1)
      assert.ok(exec[1] instanceof Error)
    } finally {
      client.close()
    }
  })

  it('should fail commands waiting for a reply when the connection closes', async () => {
    const client = new RespClient(parseRedisUrl(TEST_REDIS))
    await client.connect()
    const blocked = client.send('BLPOP', [`${prefix}:never`, '5'])
    client.close()
    await assert.rejects(blocked, /^Error: Connection closed/)
    await assert.rejects(client.send('PING', []), /Connection closed/)
  })

  it('should say clearly when the server does not answer', async () => {
    await assert.rejects(RedisLink.open('redis://:hunter2@127.0.0.1:1'), (error: unknown) => {
      assert.ok(error instanceof WhosaidError && error.code === 'E013', String(error))
      assert.match(error.message, /Redis queue at redis:\/\/:\*\*\*@127\.0\.0\.1:1 does not answer \(.*ECONNREFUSED/)
      assert.doesNotMatch(JSON.stringify(error.toJSON()), /hunter2/)
      return true
    })
  })

  it('should keep a BullMQ worker going when the server drops its connection', async () => {
    const link = await RedisLink.open(TEST_REDIS)
    const admin = new RespClient(parseRedisUrl(TEST_REDIS))
    const queue = new Queue('drop', { connection: link.client, prefix })
    const done: string[] = []
    const worker = new Worker('drop', async (job) => void done.push(job.id!), { connection: link.client, prefix })
    worker.on('error', () => undefined)
    const waitFor = async (id: string): Promise<void> => {
      for (let i = 0; i < 100 && !done.includes(id); i++) await new Promise((resolve) => setTimeout(resolve, 100))
      assert.ok(done.includes(id), `job ${id} processed`)
    }
    try {
      await admin.connect()
      await queue.add('x', {}, { jobId: 'before' })
      await waitFor('before')
      // The worker's blocking connection is the one BullMQ names after the queue.
      const clients = await admin.send<string>('CLIENT', ['LIST'])
      const ids = clients.split('\n').filter((line) => line.includes(` name=${prefix}:`)).map((line) => /\bid=(\d+)/.exec(line)![1]!)
      assert.equal(ids.length, 1, clients)
      await admin.send('CLIENT', ['KILL', 'ID', ids[0]!])
      await queue.add('x', {}, { jobId: 'after' })
      await waitFor('after')
    } finally {
      await worker.close()
      await queue.close()
      await link.close()
      admin.close()
    }
  })
})
