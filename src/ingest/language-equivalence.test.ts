import assert from 'node:assert/strict'
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, it } from 'node:test'
import fc from 'fast-check'
import { franc } from 'franc'
import { examplesDir } from './fixtures.js'
import { CANDIDATES, identify, languageSample } from './language.js'

const reference = (sample: string) => franc(sample, { minLength: 20, only: CANDIDATES })

const texts = readdirSync(examplesDir())
  .filter((file) => file.endsWith('.txt'))
  .sort()
  .map((file) => readFileSync(join(examplesDir(), file), 'utf8'))

const FOREIGN = [
  "Le conseil municipal a voté lundi le maintien de la ligne de tramway, a annoncé le maire lors d'une conférence de presse.",
  'El ayuntamiento aprobó el lunes mantener la línea de tranvía, según informó el alcalde en una rueda de prensa.',
  'Der Stadtrat hat am Montag beschlossen, die Straßenbahnlinie zu erhalten, teilte der Bürgermeister auf einer Pressekonferenz mit.',
  'Городской совет в понедельник проголосовал за сохранение трамвайной линии, сообщил мэр на пресс-конференции.',
  'وقال وزير الخارجية المصري سامح شكري إن الحكومة ستواصل دعم الحوار بين الأطراف',
  'Το δημοτικό συμβούλιο ψήφισε τη Δευτέρα τη διατήρηση της γραμμής του τραμ.',
  '市议会周一投票决定保留有轨电车线路，市长在新闻发布会上宣布。',
  'राष्ट्रपति ने सोमवार को कहा कि सरकार सभी पक्षों के बीच बातचीत का समर्थन करती रहेगी।',
  'Belediye meclisi pazartesi günü tramvay hattının korunmasına karar verdi, dedi belediye başkanı.',
]

describe('identify (franc with merged models)', () => {
  it('should answer as franc does on the sample articles, their paragraphs and other languages', () => {
    const samples = [...texts.map(languageSample), ...texts.flatMap((text) => text.split('\n\n').map(languageSample)), ...FOREIGN.map(languageSample)]
    for (const sample of samples) assert.equal(identify(sample), reference(sample), sample.slice(0, 80))
  })

  it('should answer as franc does on random and mixed-script text', () => {
    const words = fc.constantFrom(...FOREIGN.flatMap((text) => text.split(' ')), ...texts[0]!.split(/\s+/).slice(0, 200))
    const mixed = fc.array(fc.oneof(words, fc.string({ unit: 'grapheme', maxLength: 8 }), fc.string({ unit: 'binary', maxLength: 8 })), { maxLength: 120 }).map((parts) => parts.join(' '))
    fc.assert(
      fc.property(fc.oneof(mixed, fc.string({ unit: 'binary', maxLength: 400 }), fc.string({ unit: 'grapheme', maxLength: 400 })), (text) => {
        const sample = languageSample(text)
        assert.equal(identify(sample), reference(sample))
      }),
      { numRuns: 500, seed: 7 },
    )
  })
})
