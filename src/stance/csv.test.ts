import { test } from 'node:test'
import assert from 'node:assert/strict'
import { parseCsv, parseCsvObjects } from './csv.js'

test('plain rows, LF and CRLF record ends, trailing newline', () => {
  assert.deepEqual(parseCsv('a,b\n1,2\r\n3,4\n'), [['a', 'b'], ['1', '2'], ['3', '4']])
  assert.deepEqual(parseCsv('a,b\n1,2'), [['a', 'b'], ['1', '2']])
})

test('quoted fields hold commas, doubled quotes and line breaks', () => {
  const text = 'Body ID,articleBody\n7,"He said ""no"", then left.\n\nSecond paragraph, still\r\nthe same body."\n8,plain\n'
  assert.deepEqual(parseCsv(text), [
    ['Body ID', 'articleBody'],
    ['7', 'He said "no", then left.\n\nSecond paragraph, still\r\nthe same body.'],
    ['8', 'plain'],
  ])
})

test('empty fields, empty quoted fields and a byte-order mark', () => {
  assert.deepEqual(parseCsv('\ufeffa,b,c\n,"",x\n'), [['a', 'b', 'c'], ['', '', 'x']])
  assert.deepEqual(parseCsv('"",\n'), [['', '']])
})

test('a quote inside an unquoted field is kept as is', () => {
  assert.deepEqual(parseCsv('a,b\n5 "inch" screen,2\n'), [['a', 'b'], ['5 "inch" screen', '2']])
})

test('objects keyed by the header; wrong field counts are errors', () => {
  assert.deepEqual(parseCsvObjects('Headline,Body ID,Stance\n"Yes, really",3,agree\n'), [
    { Headline: 'Yes, really', 'Body ID': '3', Stance: 'agree' },
  ])
  assert.throws(() => parseCsvObjects('a,b\n1,2,3\n'), /3 fields/)
})
