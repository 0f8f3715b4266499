import assert from 'node:assert/strict'
import { test } from 'node:test'
import { tokenize } from '../tokenize/tokenize.js'
import { splitSentences } from './split.js'

const sentences = (text: string): string[] => splitSentences(text, tokenize(text)).map(({ start, end }) => text.slice(start, end))

test('should not split after titles and initials', () => {
  assert.deepEqual(sentences('Dr. Hassan Nafaa met Gen. J. R. Allen. They talked.'), ['Dr. Hassan Nafaa met Gen. J. R. Allen.', 'They talked.'])
})

test('should split after U.S. only when a sentence opener follows', () => {
  assert.deepEqual(sentences('He flew to the U.S. The talks began. U.S. President Trump spoke.'), [
    'He flew to the U.S.', 'The talks began.', 'U.S. President Trump spoke.',
  ])
  assert.deepEqual(sentences('The U.S. State Department agreed.'), ['The U.S. State Department agreed.'])
})

test('should keep closing quotes with their sentence and not split inside "said" clauses', () => {
  assert.deepEqual(sentences('“We will win.” He smiled. “Never,” she said. "Stop!" he shouted.'), [
    '“We will win.”', 'He smiled.', '“Never,” she said.', '"Stop!" he shouted.',
  ])
})

test('should split at paragraph breaks and after a headline line without punctuation', () => {
  assert.deepEqual(sentences('Egypt rules out troops\nCairo said no.\n\nA new paragraph'), ['Egypt rules out troops', 'Cairo said no.', 'A new paragraph'])
})

test('should not split decimals or numbers', () => {
  assert.deepEqual(sentences('Growth was 3.5 percent in 2019. It fell.'), ['Growth was 3.5 percent in 2019.', 'It fell.'])
})
