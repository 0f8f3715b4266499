import assert from 'node:assert/strict'
import { test } from 'node:test'
import { boundedMemo } from './bounded-memo.js'

test('should compute each argument once and forget everything at the limit', () => {
  const calls: string[] = []
  const upper = boundedMemo((s) => (calls.push(s), s.toUpperCase()), 2)
  assert.deepEqual([upper('a'), upper('b'), upper('a')], ['A', 'B', 'A'])
  assert.deepEqual(calls, ['a', 'b'])
  assert.equal(upper('c'), 'C')
  assert.equal(upper('a'), 'A')
  assert.deepEqual(calls, ['a', 'b', 'c', 'a'])
})
