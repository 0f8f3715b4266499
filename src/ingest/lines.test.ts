import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { splitLines } from './lines.js'

async function lines(chunks: string[], maxBytes = 100): Promise<Array<[number, string | null, number]>> {
  const out: Array<[number, string | null, number]> = []
  const source = (async function* () {
    for (const chunk of chunks) yield Buffer.from(chunk)
  })()
  for await (const line of splitLines(source, maxBytes)) {
    out.push([line.number, line.bytes ? line.bytes.toString('utf8') : null, line.size])
  }
  return out
}

describe('splitLines', () => {
  it('should split on LF across chunk boundaries and drop CR before LF', async () => {
    assert.deepEqual(await lines(['one\r\ntw', 'o\n', '\nthr', 'ee']), [
      [1, 'one', 4],
      [2, 'two', 3],
      [3, '', 0],
      [4, 'three', 5],
    ])
  })

  it('should not yield an empty last line after a final line break', async () => {
    assert.deepEqual(await lines(['one\n']), [[1, 'one', 3]])
  })

  it('should drop the bytes of an overlong line but count its size and keep going', async () => {
    assert.deepEqual(await lines(['0123456', '789\nok\n'], 5), [
      [1, null, 10],
      [2, 'ok', 2],
    ])
  })
})
