import assert from 'node:assert/strict'
import { test } from 'node:test'
import { analyzeArticle } from '../../pipeline/analyze.js'
import { makeArticle } from '../../testing/make-article.js'

interface Expected {
  kind?: 'direct' | 'indirect' | 'mixed'
  speaker: string
  /** Canonical name the speaker resolves to; null for anonymous or unresolved speakers. */
  name?: string | null
  cue: string
  content: string
  anonymous?: boolean
}

const cases: Array<{ should: string; text: string; expected: Expected[] }> = [
  {
    should: 'attribute "X said on DAY that ..." with a title before the name',
    text: 'Egyptian Foreign Minister Sameh Shoukry said on Tuesday that Cairo would not accept the plan.',
    expected: [{ kind: 'indirect', speaker: 'Sameh Shoukry', name: 'Sameh Shoukry', cue: 'said', content: 'Cairo would not accept the plan' }],
  },
  {
    should: 'attribute "X ruled out ..." with the object as content and "adding that" as a second statement',
    text: 'Abd al-Fattah al-Sisi ruled out the possibility that Egypt would send troops to Libya, adding that the army would protect the borders.',
    expected: [
      { kind: 'indirect', speaker: 'Abd al-Fattah al-Sisi', cue: 'ruled out', content: 'the possibility that Egypt would send troops to Libya' },
      { kind: 'indirect', speaker: 'Abd al-Fattah al-Sisi', cue: 'adding', content: 'the army would protect the borders' },
    ],
  },
  {
    should: 'attribute a speaker whose premodifier opens with a demonym, at the start of a sentence and after a comma',
    text: 'Egyptian political analyst Hamdi Bekheet said Egypt would keep close ties with Riyadh. On Monday, Saudi analyst Ali Saad said the talks had failed.',
    expected: [
      { kind: 'indirect', speaker: 'Hamdi Bekheet', cue: 'said', content: 'Egypt would keep close ties with Riyadh' },
      { kind: 'indirect', speaker: 'Ali Saad', cue: 'said', content: 'the talks had failed' },
    ],
  },
  {
    should: 'not take a speech verb inside a name ("the United States") for a cue',
    text: 'Turkey is caught between Russia and the United States after the vote. Sergei Lavrov said Ankara would stay close to Moscow.',
    expected: [{ kind: 'indirect', speaker: 'Sergei Lavrov', cue: 'said', content: 'Ankara would stay close to Moscow' }],
  },
  {
    should: 'attribute a speaker after a role apposition placed before the name',
    text: 'A Chilean political analyst, Patricio Navia, said the decision reflected a shift in priorities.',
    expected: [{ speaker: 'Patricio Navia', cue: 'said', content: 'the decision reflected a shift in priorities' }],
  },
  {
    should: 'attribute "..., X said." to a later surname-only mention resolved to the full name',
    text: 'Patricio Navia teaches in Santiago.\n\nThe crisis will deepen unless both sides compromise, Navia said.',
    expected: [{ speaker: 'Navia', name: 'Patricio Navia', cue: 'said', content: 'The crisis will deepen unless both sides compromise' }],
  },
  {
    should: 'attribute "..., said X, a former ..." with a post-posed speaker',
    text: 'The vote was rigged from the start, said Mohamed ElBaradei, a former vice president.',
    expected: [{ speaker: 'Mohamed ElBaradei', cue: 'said', content: 'The vote was rigged from the start' }],
  },
  {
    should: 'attribute "according to X" at the start of a sentence',
    text: 'According to the ministry, 25 people were killed in the attack on Monday.',
    expected: [{ speaker: 'the ministry', name: 'the ministry', cue: 'According to', content: '25 people were killed in the attack on Monday' }],
  },
  {
    should: 'attribute "according to X" at the end of a sentence',
    text: 'Turnout reached 40 percent, according to the electoral commission.',
    expected: [{ speaker: 'the electoral commission', cue: 'according to', content: 'Turnout reached 40 percent' }],
  },
  {
    should: 'mark plural officials as an anonymous source and split at ", but X warned"',
    text: 'Officials said the talks would resume next week, but Dr. Hassan Nafaa warned that the gap remained wide.',
    expected: [
      { speaker: 'Officials', name: null, anonymous: true, cue: 'said', content: 'the talks would resume next week' },
      { speaker: 'Hassan Nafaa', cue: 'warned', content: 'the gap remained wide' },
    ],
  },
  {
    should: 'skip the listener of "told" and the apposition of the speaker',
    text: 'Sheikh Ahmed al-Tayeb, the Grand Imam of Al-Azhar, told Al-Ahram that dialogue was the only way forward.',
    expected: [{ speaker: 'Ahmed al-Tayeb', cue: 'told', content: 'dialogue was the only way forward' }],
  },
  {
    should: 'resolve "He added that" to the last person who spoke',
    text: 'Sheikh Ahmed al-Tayeb told reporters that dialogue was essential. He added that leaders had a duty to speak out.',
    expected: [
      { speaker: 'Ahmed al-Tayeb', cue: 'told', content: 'dialogue was essential' },
      { speaker: 'He', name: 'Ahmed al-Tayeb', cue: 'added', content: 'leaders had a duty to speak out' },
    ],
  },
  {
    should: 'attribute a direct quotation with the cue after it ("...," X said)',
    text: '“We will continue our efforts with all parties,” Shoukry said.',
    expected: [{ kind: 'direct', speaker: 'Shoukry', cue: 'said', content: 'We will continue our efforts with all parties' }],
  },
  {
    should: 'attribute a direct quotation with an inverted cue ("...," said X)',
    text: '"The decision is final," said Defence Minister Ali Hassan.',
    expected: [{ kind: 'direct', speaker: 'Ali Hassan', cue: 'said', content: 'The decision is final' }],
  },
  {
    should: 'attribute a direct quotation introduced by a colon',
    text: 'Prime Minister Najib Razak said: "We are in contact with all relevant parties."',
    expected: [{ kind: 'direct', speaker: 'Najib Razak', cue: 'said', content: 'We are in contact with all relevant parties.' }],
  },
  {
    should: 'continue a quotation into the next quoted paragraph without a new cue',
    text: '"There is no alternative to peace," Shoukry told reporters. "We will keep talking to every side in this conflict.\n\n"Nobody gains from more fighting in the region."',
    expected: [
      { kind: 'direct', speaker: 'Shoukry', cue: 'told', content: 'There is no alternative to peace' },
      { kind: 'direct', speaker: 'Shoukry', cue: 'told', content: 'We will keep talking to every side in this conflict.\n\n"Nobody gains from more fighting in the region.' },
    ],
  },
  {
    should: 'treat a short quotation inside reported speech as a mixed statement',
    text: 'Hassan Nafaa warned that the plan was "a historic mistake" for the region.',
    expected: [{ kind: 'mixed', speaker: 'Hassan Nafaa', cue: 'warned', content: 'the plan was "a historic mistake" for the region' }],
  },
  {
    should: 'attribute reported speech from an organisation',
    text: 'The Egyptian Foreign Ministry said in a statement that the embassy would reopen.',
    expected: [{ speaker: 'Egyptian Foreign Ministry', cue: 'said', content: 'the embassy would reopen' }],
  },
  {
    should: 'not treat "maintained a policy" as speech',
    text: 'Indonesia has maintained a policy of turning away boats.',
    expected: [],
  },
  {
    should: 'skip an adverb between the speaker and the cue',
    text: 'President Donald Trump reportedly told aides that the deal was dead.',
    expected: [{ speaker: 'Donald Trump', cue: 'told', content: 'the deal was dead' }],
  },
  {
    should: 'ignore scare quotes with no speaker',
    text: 'The so-called "peace plan" was published on Monday.',
    expected: [],
  },
  {
    should: 'resolve "she" across sentences to the last woman who spoke, not to a mention in between',
    text: 'Sehar Memon said the movement had helped. Ahmed Mohamed was not there. She said it was only a start.',
    expected: [
      { speaker: 'Sehar Memon', cue: 'said', content: 'the movement had helped' },
      { speaker: 'She', name: 'Sehar Memon', cue: 'said', content: 'it was only a start' },
    ],
  },
]

for (const { should, text, expected } of cases) {
  test(`should ${should}`, () => {
    const analysis = analyzeArticle(makeArticle(text))
    const actual = analysis.statements.map((statement) => ({
      kind: statement.kind,
      speaker: statement.speaker.text,
      name: statement.speaker.entity ? statement.speaker.name : null,
      cue: statement.cue.text,
      content: statement.content.text,
      anonymous: statement.speaker.anonymous,
    }))
    assert.equal(actual.length, expected.length, JSON.stringify(actual, null, 1))
    expected.forEach((want, index) => {
      const got = actual[index]!
      assert.equal(got.speaker, want.speaker)
      assert.equal(got.cue, want.cue)
      assert.equal(got.content, want.content)
      if (want.kind) assert.equal(got.kind, want.kind)
      if (want.name !== undefined) assert.equal(got.name, want.name === 'the ministry' ? null : want.name)
      if (want.anonymous !== undefined) assert.equal(got.anonymous, want.anonymous)
    })
    for (const statement of analysis.statements) {
      for (const span of [statement.speaker, statement.cue, statement.content]) assert.equal(text.slice(span.start, span.end), span.text)
    }
  })
}
