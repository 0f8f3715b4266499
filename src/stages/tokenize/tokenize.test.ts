import assert from 'node:assert/strict'
import { test } from 'node:test'
import { TokenFlag, TokenKind } from '../../doc/tokens.js'
import { tokenize } from './tokenize.js'

const words = (text: string): string[] => {
  const tokens = tokenize(text)
  return Array.from({ length: tokens.count }, (_, i) => text.slice(tokens.start[i]!, tokens.end[i]!))
}

test('should keep titles, initials and dotted abbreviations whole', () => {
  assert.deepEqual(words('Dr. J. Smith met U.S. officials at 9 a.m.'), ['Dr.', 'J.', 'Smith', 'met', 'U.S.', 'officials', 'at', '9', 'a.m.'])
})

test('should keep decimals, thousands and ordinals as one number', () => {
  assert.deepEqual(words('It cost $3.5 billion, or 10,000 jobs, on the 21st.'), ['It', 'cost', '$', '3.5', 'billion', ',', 'or', '10,000', 'jobs', ',', 'on', 'the', '21st', '.'])
})

test('should keep transliterated and apostrophised names whole and split English clitics', () => {
  assert.deepEqual(words("al-Maliki, Ma'ruf and O'Neill don't agree with Abd al-Fattah al-Sisi's plan"), [
    'al-Maliki', ',', "Ma'ruf", 'and', "O'Neill", 'do', "n't", 'agree', 'with', 'Abd', 'al-Fattah', 'al-Sisi', "'s", 'plan',
  ])
})

test('should split curly and straight quotes and dashes from words', () => {
  assert.deepEqual(words('“We won,” he said — "again..."'), ['“', 'We', 'won', ',', '”', 'he', 'said', '—', '"', 'again', '...', '"'])
})

test('should treat the Arabic comma, semicolon and question mark as punctuation', () => {
  const text = 'Tuesday، 14 May؛ why؟'
  const tokens = tokenize(text)
  assert.deepEqual(words(text), ['Tuesday', '،', '14', 'May', '؛', 'why', '؟'])
  assert.equal(tokens.kind[1], TokenKind.Punct)
})

test('should keep URLs and e-mails whole without trailing punctuation', () => {
  assert.deepEqual(words('See https://example.org/a?b=1. Write to desk@example.org.'), ['See', 'https://example.org/a?b=1', '.', 'Write', 'to', 'desk@example.org', '.'])
})

test('should be lossless: tokens plus the gaps rebuild the text exactly', () => {
  const text = 'Headline here\n\nCairo — Egypt’s “plan”، said Dr. Ahmed  al-Tayeb… 3,000 people.\nLast Modified: Tuesday، 14 May 2019 09:05 PM'
  const tokens = tokenize(text)
  let rebuilt = ''
  let previousEnd = 0
  for (let i = 0; i < tokens.count; i++) {
    const gap = text.slice(previousEnd, tokens.start[i]!)
    assert.match(gap, /^\s*$/)
    rebuilt += gap + text.slice(tokens.start[i]!, tokens.end[i]!)
    previousEnd = tokens.end[i]!
  }
  assert.equal(rebuilt + text.slice(previousEnd), text)
})

test('should flag paragraph and line starts and capitalisation', () => {
  const text = 'One line\nNext line\n\nNew paragraph NATO'
  const tokens = tokenize(text)
  assert.ok(tokens.flags[0]! & TokenFlag.ParagraphStart)
  assert.ok(tokens.flags[2]! & TokenFlag.LineStart)
  assert.ok(tokens.flags[4]! & TokenFlag.ParagraphStart)
  assert.ok(tokens.flags[6]! & TokenFlag.AllCaps)
  assert.ok(tokens.flags[4]! & TokenFlag.Capitalised)
  assert.equal(tokens.flags[4]! & TokenFlag.AllCaps, 0)
  assert.equal(tokens.flags[5]! & TokenFlag.Capitalised, 0)
})
