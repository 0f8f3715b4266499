import assert from 'node:assert/strict'
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, it } from 'node:test'
import { examplesDir } from './fixtures.js'
import { detectLanguage } from './language.js'

/** The body of a bundled example: everything after its header block. */
function exampleBody(file: string): string {
  const text = readFileSync(join(examplesDir(), file), 'utf8')
  return text.slice(text.indexOf('\n\n') + 2)
}

describe('detectLanguage', () => {
  it('should say eng for every bundled Wikinews article', () => {
    const files = readdirSync(examplesDir()).filter((file) => file.endsWith('.txt'))
    assert.equal(files.length, 43)
    const wrong = files.filter((file) => detectLanguage(exampleBody(file)) !== 'eng')
    assert.deepEqual(wrong, [])
  })

  it('should say eng for a single English news paragraph', () => {
    const paragraph = exampleBody('GUM_news_iodine.txt').split('\n\n')[1]
    assert.match(paragraph, /^Almost half of all Australian primary school children/)
    assert.equal(detectLanguage(paragraph), 'eng')
  })

  it('should tell French, Spanish and German news apart from English', () => {
    assert.equal(
      detectLanguage("Le conseil municipal a voté lundi le maintien de la ligne de tramway, a annoncé le maire lors d'une conférence de presse."),
      'fra',
    )
    assert.equal(
      detectLanguage('El ayuntamiento aprobó el lunes mantener la línea de tranvía, según informó el alcalde en una rueda de prensa.'),
      'spa',
    )
    assert.equal(
      detectLanguage('Der Stadtrat hat am Montag beschlossen, die Straßenbahnlinie zu erhalten, teilte der Bürgermeister auf einer Pressekonferenz mit.'),
      'deu',
    )
  })

  it('should say und when the text is too short to tell', () => {
    assert.equal(detectLanguage('Police said.'), 'und')
    assert.equal(detectLanguage(''), 'und')
  })
})

it('should call short plain English paragraphs English, not Scots', () => {
  for (const text of [
    'The minister said on Tuesday that the talks would resume next week in Cairo.',
    'Officials said the border would reopen on Monday after a week of clashes.',
    'He told reporters the plan was a mistake and that he would not back it.',
  ]) {
    assert.equal(detectLanguage(text), 'eng', text)
  }
})
