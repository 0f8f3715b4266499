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

test('should keep a report inside an interview answer as a statement of its own, beside the turn', () => {
  const statements = said('Q: Will the talks resume?\n\nHASSAN: We are ready. The foreign minister told us that the talks would resume in Cairo next week.\n\nQ: Where?\n\nHASSAN: In Cairo, as I said.')
  assert.ok(statements.includes('HASSAN | : | We are ready. The foreign minister told us that the talks would resume in Cairo next week.'), statements.join('\n'))
  assert.ok(statements.includes('The foreign minister | told | that the talks would resume in Cairo next week'), statements.join('\n'))
})

test('should not repeat the turn speaker’s own "I think" inside the turn as a statement of its own', () => {
  const statements = said('Q: Will the talks resume?\n\nHASSAN: I think that the talks will resume in Cairo next week.\n\nQ: Where?\n\nHASSAN: In Cairo, as I said.')
  assert.ok(statements.includes('HASSAN | : | I think that the talks will resume in Cairo next week.'), statements.join('\n'))
  assert.ok(!statements.some((s) => s.startsWith('I |')), statements.join('\n'))
})
