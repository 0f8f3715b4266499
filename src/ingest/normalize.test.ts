import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { normalizeLine, normalizeText } from './normalize.js'

describe('normalizeText', () => {
  it('should strip the BOM and turn CRLF and CR line breaks into LF', () => {
    assert.equal(normalizeText('\uFEFFFirst line\r\nSecond line\rThird line'), 'First line\nSecond line\nThird line')
  })

  it('should compose to NFC so that "é" is one code unit', () => {
    const text = normalizeText('Cafe\u0301 owners said')
    assert.equal(text, 'Caf\u00E9 owners said')
    assert.equal(text.length, 'Café owners said'.length)
  })

  it('should turn tabs and non-breaking spaces into plain spaces', () => {
    assert.equal(normalizeText('10\u00A0km\tnorth of\u202FParis'), '10 km north of Paris')
  })

  it('should remove zero-width characters and bidi embedding, override and isolate controls', () => {
    assert.equal(normalizeText('mini\u200Bster said \u202Eevil\u202C and \u2066isolated\u2069 text\u2060'), 'minister said evil and isolated text')
  })

  it('should keep the LRM and RLM marks that right-to-left text needs', () => {
    assert.equal(normalizeText('\u0627\u0644\u0642\u0627\u0647\u0631\u0629\u200F (Cairo)\u200E'), '\u0627\u0644\u0642\u0627\u0647\u0631\u0629\u200F (Cairo)\u200E')
  })

  it('should trim trailing spaces and separate paragraphs by exactly one blank line', () => {
    const raw = '  \n\nThe minister resigned.   \n \n\n\t\nShe said she was "deeply sorry".  \nOfficials declined to comment.\n\n\n'
    assert.equal(normalizeText(raw), 'The minister resigned.\n\nShe said she was "deeply sorry".\nOfficials declined to comment.')
  })

  it('should be idempotent', () => {
    const once = normalizeText('A\r\n\r\n\r\nB\u00A0\u200Bc  \n')
    assert.equal(normalizeText(once), once)
  })
})

describe('normalizeLine', () => {
  it('should collapse a multi-line field to one line', () => {
    assert.equal(normalizeLine('  Harbour city\n  votes  to keep\ttram '), 'Harbour city votes to keep tram')
  })
})
