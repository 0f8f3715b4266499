import assert from 'node:assert/strict'
import { test } from 'node:test'
import { analyzeArticle } from '../../pipeline/analyze.js'
import { makeArticle } from '../../testing/make-article.js'

const said = (text: string): string[] =>
  analyzeArticle(makeArticle(text)).statements.map((s) => `${s.speaker.text} | ${s.cue.text} | ${s.content.text}`)

test('should not take a one-off capitalised label ("UPDATE:") for a speaker', () => {
  const statements = said('UPDATE: The bridge reopened on Tuesday after repairs.\n\nTraffic was light in the morning.')
  assert.ok(!statements.some((s) => s.startsWith('UPDATE |')), statements.join('\n'))
})

test('should read a label that opens two paragraphs as transcript turns, and leave a closing mark outside the content as the opening one is', () => {
  const statements = said('"Q: Will the talks resume?"\n\n"HASSAN: We are ready to meet them tomorrow."\n\n"Q: Where?"')
  assert.ok(statements.includes('HASSAN | : | We are ready to meet them tomorrow.'), statements.join('\n'))
})
