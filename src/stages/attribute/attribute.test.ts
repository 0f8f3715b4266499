import assert from 'node:assert/strict'
import { test } from 'node:test'
import { Document } from '../../doc/document.js'
import { analyzeArticle } from '../../pipeline/analyze.js'
import { createPipeline } from '../../pipeline/pipeline.js'
import { makeArticle } from '../../testing/make-article.js'
import { entitiesStage, resolveStage } from '../entities/index.js'
import { sentencesStage } from '../sentences/index.js'
import { tokenizeStage } from '../tokenize/index.js'
import { attributeStage } from './index.js'

/**
 * The attribution conventions are PolNeAR's (docs/SCHEMA.md): the speaker is the whole source
 * phrase (titles, descriptions, appositions and the comma closing them), the cue keeps its
 * auxiliaries and adverbs, the content keeps its quotation marks and a leading "that".
 */
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
  // Direct quotations.
  {
    should: 'attribute a direct quotation with the cue after it ("...," X said), marks in the content',
    text: '“We will continue our efforts with all parties,” Shoukry said.',
    expected: [{ kind: 'direct', speaker: 'Shoukry', name: 'Shoukry', cue: 'said', content: '“We will continue our efforts with all parties,”' }],
  },
  {
    should: 'attribute a direct quotation with an inverted cue ("...," said X) and a title before the name',
    text: '"The decision is final," said Defence Minister Ali Hassan.',
    expected: [{ kind: 'direct', speaker: 'Defence Minister Ali Hassan', name: 'Ali Hassan', cue: 'said', content: '"The decision is final,"' }],
  },
  {
    should: 'attribute a direct quotation introduced by a colon, the colon in the cue',
    text: 'Prime Minister Najib Razak said: "We are in contact with all relevant parties."',
    expected: [{ kind: 'direct', speaker: 'Prime Minister Najib Razak', name: 'Najib Razak', cue: 'said:', content: '"We are in contact with all relevant parties."' }],
  },
  {
    should: 'attribute a direct quotation after "added:"',
    text: 'Trump added: “We are going to win so much.”',
    expected: [{ kind: 'direct', speaker: 'Trump', name: 'Trump', cue: 'added:', content: '“We are going to win so much.”' }],
  },
  {
    should: 'attribute both halves of a quotation interrupted by its cue',
    text: '“This is a disaster,” the mayor said, “and we will not accept it.”',
    expected: [
      { kind: 'direct', speaker: 'the mayor', cue: 'said', content: '“This is a disaster,”' },
      { kind: 'direct', speaker: 'the mayor', cue: 'said', content: '“and we will not accept it.”' },
    ],
  },
  {
    should: 'attribute a second quotation in the sentence after a post-posed speaker with an apposition',
    text: '“It is too early to say,” said John Smith, the head of the agency. “We need more data.”',
    expected: [
      { kind: 'direct', speaker: 'John Smith, the head of the agency', name: 'John Smith', cue: 'said', content: '“It is too early to say,”' },
      { kind: 'direct', speaker: 'John Smith, the head of the agency', name: 'John Smith', cue: 'said', content: '“We need more data.”' },
    ],
  },
  {
    should: 'attribute a speaker whose premodifier opens with a demonym, at the start of a sentence and after a comma',
    text: 'Egyptian political analyst Hamdi Bekheet said Egypt would keep close ties with Riyadh. On Monday, Saudi analyst Ali Saad said the talks had failed.',
    expected: [
      { kind: 'indirect', speaker: 'Egyptian political analyst Hamdi Bekheet', name: 'Hamdi Bekheet', cue: 'said', content: 'Egypt would keep close ties with Riyadh' },
      { kind: 'indirect', speaker: 'Saudi analyst Ali Saad', name: 'Ali Saad', cue: 'said', content: 'the talks had failed' },
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
    expected: [{ speaker: 'A Chilean political analyst, Patricio Navia,', name: 'Patricio Navia', cue: 'said', content: 'the decision reflected a shift in priorities' }],
  },
  {
    should: 'continue a quotation into the next paragraph with the cue of the first',
    text: '“There is no alternative to peace,” Shoukry told reporters. “We will keep talking to every side in this conflict.\n\n“Nobody gains from more fighting in the region.”',
    expected: [
      { kind: 'direct', speaker: 'Shoukry', cue: 'told', content: '“There is no alternative to peace,”' },
      { kind: 'direct', speaker: 'Shoukry', cue: 'told', content: '“We will keep talking to every side in this conflict.' },
      { kind: 'direct', speaker: 'Shoukry', cue: 'told', content: '“Nobody gains from more fighting in the region.”' },
    ],
  },
  {
    should: 'attribute a quotation told to a named outlet',
    text: '“I never said that,” Trump told Fox News on Sunday.',
    expected: [{ kind: 'direct', speaker: 'Trump', name: 'Trump', cue: 'told', content: '“I never said that,”' }],
  },
  {
    should: 'read the NYT style of quotation marks (two apostrophes)',
    text: "''This isn't tax reform,'' said Douglas Holtz-Eakin, an economist.",
    expected: [{ kind: 'direct', speaker: 'Douglas Holtz-Eakin, an economist', name: 'Douglas Holtz-Eakin', cue: 'said', content: "''This isn't tax reform,''" }],
  },
  // Mixed and reported speech.
  {
    should: 'treat a short quotation inside reported speech as a mixed statement',
    text: 'Hassan Nafaa warned that the plan was "a historic mistake" for the region.',
    expected: [{ kind: 'mixed', speaker: 'Hassan Nafaa', name: 'Hassan Nafaa', cue: 'warned', content: 'that the plan was "a historic mistake" for the region' }],
  },
  {
    should: 'attribute "X said on DAY that ...", "that" in the content and the title in the speaker',
    text: 'Egyptian Foreign Minister Sameh Shoukry said on Tuesday that Cairo would not accept the plan.',
    expected: [{ kind: 'indirect', speaker: 'Egyptian Foreign Minister Sameh Shoukry', name: 'Sameh Shoukry', cue: 'said', content: 'that Cairo would not accept the plan' }],
  },
  {
    should: 'attribute "X told Y that ...", skipping the listener',
    text: 'Sheikh Ahmed al-Tayeb told reporters that dialogue was essential.',
    expected: [{ speaker: 'Sheikh Ahmed al-Tayeb', name: 'Ahmed al-Tayeb', cue: 'told', content: 'that dialogue was essential' }],
  },
  {
    should: 'keep the apposition of a speaker before "told"',
    text: 'The spokesman for the White House, Josh Earnest, told reporters that the president would veto the bill.',
    expected: [{ speaker: 'The spokesman for the White House, Josh Earnest,', name: 'Josh Earnest', cue: 'told', content: 'that the president would veto the bill' }],
  },
  {
    should: 'attribute "according to X" at the start of a sentence',
    text: 'According to the ministry, 25 people were killed in the attack on Monday.',
    expected: [{ speaker: 'the ministry', name: null, cue: 'According to', content: '25 people were killed in the attack on Monday' }],
  },
  {
    should: 'keep the apposition after "according to X" in the speaker, not in the content',
    text: 'According to Sheikh Abd al-Rahman bin Jassim Al Thani, the Qatari mediator, talks would resume next week.',
    expected: [{ speaker: 'Sheikh Abd al-Rahman bin Jassim Al Thani, the Qatari mediator,', name: 'Abd al-Rahman bin Jassim Al Thani', cue: 'According to', content: 'talks would resume next week' }],
  },
  {
    should: 'attribute "according to X" at the end of a sentence',
    text: 'Turnout reached 40 percent, according to the electoral commission.',
    expected: [{ speaker: 'the electoral commission', cue: 'according to', content: 'Turnout reached 40 percent' }],
  },
  {
    should: 'attribute "X ruled out ..." with its object, and ", adding that ..." as a second statement',
    text: 'Abd al-Fattah al-Sisi ruled out the possibility that Egypt would send troops to Libya, adding that the army would protect the borders.',
    expected: [
      { kind: 'indirect', speaker: 'Abd al-Fattah al-Sisi', cue: 'ruled out', content: 'the possibility that Egypt would send troops to Libya' },
      { kind: 'indirect', speaker: 'Abd al-Fattah al-Sisi', cue: 'adding', content: 'that the army would protect the borders' },
    ],
  },
  {
    should: 'give the content between "told ... that ..." and ", adding that ..." to the first cue, the second its own',
    text: 'Abd al-Fattah el-Sisi told reporters on Monday that negotiations would continue, adding that Egypt "will not give up a single drop".',
    expected: [
      { kind: 'indirect', speaker: 'Abd al-Fattah el-Sisi', cue: 'told', content: 'that negotiations would continue' },
      { kind: 'mixed', speaker: 'Abd al-Fattah el-Sisi', cue: 'adding', content: 'that Egypt "will not give up a single drop"' },
    ],
  },
  {
    should: 'leave the dateline that opens a paragraph out of the speaker',
    text: 'BAGHDAD - Shiite cleric Muqtada al-Sadr called on his supporters to stay off the streets.',
    expected: [{ speaker: 'Shiite cleric Muqtada al-Sadr', name: 'Muqtada al-Sadr', cue: 'called on', content: 'his supporters to stay off the streets' }],
  },
  {
    should: 'read an Arabic comma before ", adding that ..." as a comma',
    text: 'Abd al-Fattah el-Sisi told reporters on Monday that negotiations would continue، adding that Egypt would not give up a single drop.',
    expected: [
      { kind: 'indirect', speaker: 'Abd al-Fattah el-Sisi', cue: 'told', content: 'that negotiations would continue' },
      { kind: 'indirect', speaker: 'Abd al-Fattah el-Sisi', cue: 'adding', content: 'that Egypt would not give up a single drop' },
    ],
  },
  {
    should: 'attribute "..., said X, a former ..." with the apposition in the speaker',
    text: 'The vote was rigged from the start, said Mohamed ElBaradei, a former vice president.',
    expected: [{ speaker: 'Mohamed ElBaradei, a former vice president', name: 'Mohamed ElBaradei', cue: 'said', content: 'The vote was rigged from the start' }],
  },
  {
    should: 'attribute a speaker after a role apposition placed before the name',
    text: 'A Chilean political analyst, Patricio Navia, said the decision reflected a shift in priorities.',
    expected: [{ speaker: 'A Chilean political analyst, Patricio Navia,', name: 'Patricio Navia', cue: 'said', content: 'the decision reflected a shift in priorities' }],
  },
  {
    should: 'resolve a speaker with a possessive description to the named person, not the possessor',
    text: 'Clinton’s campaign manager, Robby Mook, said the campaign expected a close race.',
    expected: [{ speaker: 'Clinton’s campaign manager, Robby Mook,', name: 'Robby Mook', cue: 'said', content: 'the campaign expected a close race' }],
  },
  {
    should: 'attribute "..., X said." to a later surname-only mention resolved to the full name',
    text: 'Patricio Navia teaches in Santiago.\n\nThe crisis will deepen unless both sides compromise, Navia said.',
    expected: [{ speaker: 'Navia', name: 'Patricio Navia', cue: 'said', content: 'The crisis will deepen unless both sides compromise' }],
  },
  {
    should: 'resolve "she" to the woman who spoke before',
    text: 'Sehar Memon said the movement had helped. She said it was only a start.',
    expected: [
      { speaker: 'Sehar Memon', name: 'Sehar Memon', cue: 'said', content: 'the movement had helped' },
      { speaker: 'She', name: 'Sehar Memon', cue: 'said', content: 'it was only a start' },
    ],
  },
  {
    should: 'resolve "He added that" to the last person who spoke',
    text: 'Sheikh Ahmed al-Tayeb told reporters that dialogue was essential. He added that leaders had a duty to speak out.',
    expected: [
      { speaker: 'Sheikh Ahmed al-Tayeb', name: 'Ahmed al-Tayeb', cue: 'told', content: 'that dialogue was essential' },
      { speaker: 'He', name: 'Ahmed al-Tayeb', cue: 'added', content: 'that leaders had a duty to speak out' },
    ],
  },
  {
    should: 'attribute to a description ("the minister")',
    text: 'The minister said the budget would be cut by a third.',
    expected: [{ speaker: 'The minister', name: null, cue: 'said', content: 'the budget would be cut by a third' }],
  },
  {
    should: 'mark plural officials as an anonymous source',
    text: 'Officials said the talks would resume next week.',
    expected: [{ speaker: 'Officials', name: null, anonymous: true, cue: 'said', content: 'the talks would resume next week' }],
  },
  {
    should: 'mark "a source close to ..." as an anonymous source',
    text: 'A source close to the negotiations said the deal was almost done.',
    expected: [{ speaker: 'A source close to the negotiations', name: null, anonymous: true, cue: 'said', content: 'the deal was almost done' }],
  },
  {
    should: 'mark an official described by an organisation as anonymous, not as the organisation',
    text: '“We are very concerned,” a State Department official said.',
    expected: [{ kind: 'direct', speaker: 'a State Department official', name: null, anonymous: true, cue: 'said', content: '“We are very concerned,”' }],
  },
  {
    should: 'attribute reported speech from an organisation, "in a statement" in the cue',
    text: 'The Egyptian Foreign Ministry said in a statement that the embassy would reopen.',
    expected: [{ speaker: 'The Egyptian Foreign Ministry', name: 'Egyptian Foreign Ministry', cue: 'said in a statement', content: 'that the embassy would reopen' }],
  },
  {
    should: 'attribute to a company after a fronted "In a statement,"',
    text: 'In a statement, the company said it would appeal the ruling.',
    expected: [{ speaker: 'the company', cue: 'said', content: 'it would appeal the ruling' }],
  },
  {
    should: 'attribute a participle ", saying ..." to the subject of the clause',
    text: 'Senator Elizabeth Warren criticized the bank, saying it had cheated its customers.',
    expected: [
      { speaker: 'Senator Elizabeth Warren', name: 'Elizabeth Warren', cue: 'criticized', content: 'the bank' },
      { speaker: 'Senator Elizabeth Warren', name: 'Elizabeth Warren', cue: 'saying', content: 'it had cheated its customers' },
    ],
  },
  {
    should: 'attribute "..., who said ..." to the relative pronoun resolved to the person before it',
    text: 'The rally was organized by Maria Lopez, who said the city needed more housing.',
    expected: [{ speaker: 'who', name: 'Maria Lopez', cue: 'said', content: 'the city needed more housing' }],
  },
  {
    should: 'keep an auxiliary in the cue ("has said")',
    text: 'Senator Bernie Sanders has said that the system is rigged.',
    expected: [{ speaker: 'Senator Bernie Sanders', name: 'Bernie Sanders', cue: 'has said', content: 'that the system is rigged' }],
  },
  {
    should: 'keep an adverb in the cue ("also said")',
    text: 'Clinton also said the economy was improving.',
    expected: [{ speaker: 'Clinton', name: 'Clinton', cue: 'also said', content: 'the economy was improving' }],
  },
  {
    should: 'keep an adverb in the cue ("reportedly told")',
    text: 'President Donald Trump reportedly told aides that the deal was dead.',
    expected: [{ speaker: 'President Donald Trump', name: 'Donald Trump', cue: 'reportedly told', content: 'that the deal was dead' }],
  },
  {
    should: 'attribute a written statement across the medium ("wrote on Twitter that")',
    text: 'Obama wrote on Twitter that the vote was a victory for democracy.',
    expected: [{ speaker: 'Obama', name: 'Obama', cue: 'wrote', content: 'that the vote was a victory for democracy' }],
  },
  {
    should: 'attribute an argument',
    text: 'Pence argued that the tax plan would create jobs.',
    expected: [{ speaker: 'Pence', name: 'Pence', cue: 'argued', content: 'that the tax plan would create jobs' }],
  },
  {
    should: 'attribute the evidence of a poll ("shows")',
    text: 'A new poll shows that Clinton leads Trump by four points.',
    expected: [{ speaker: 'A new poll', name: null, cue: 'shows', content: 'that Clinton leads Trump by four points' }],
  },
  {
    should: 'attribute the finding of an investigation',
    text: 'An investigation found that the agency had ignored the warnings.',
    expected: [{ speaker: 'An investigation', cue: 'found', content: 'that the agency had ignored the warnings' }],
  },
  {
    should: 'attribute an intention ("wants to")',
    text: 'Trump wants to build a wall on the border.',
    expected: [{ speaker: 'Trump', name: 'Trump', cue: 'wants', content: 'to build a wall on the border' }],
  },
  {
    should: 'attribute a belief of a group',
    text: 'Many Republicans believe the election was stolen.',
    expected: [{ speaker: 'Many Republicans', cue: 'believe', content: 'the election was stolen' }],
  },
  {
    should: 'attribute an accusation with its object',
    text: 'Democrats accused Trump of lying about his taxes.',
    expected: [{ speaker: 'Democrats', cue: 'accused', content: 'Trump of lying about his taxes' }],
  },
  {
    should: 'attribute to witnesses, an anonymous source',
    text: 'Witnesses said the gunman fired at least ten shots.',
    expected: [{ speaker: 'Witnesses', name: null, anonymous: true, cue: 'said', content: 'the gunman fired at least ten shots' }],
  },
  {
    should: 'attribute to a plural pronoun left unresolved',
    text: 'They said the shooting was unjustified.',
    expected: [{ speaker: 'They', name: null, cue: 'said', content: 'the shooting was unjustified' }],
  },
  // No attribution.
  {
    should: 'not read "the United States" as a cue',
    text: 'The United States imposed new sanctions on Monday.',
    expected: [],
  },
  {
    should: 'not read the noun "claims" as a cue',
    text: 'The company paid the insurance claims within a month.',
    expected: [],
  },
  {
    should: 'not treat "maintained a policy" as speech',
    text: 'Indonesia has maintained a policy of turning away boats.',
    expected: [],
  },
  {
    should: 'ignore scare quotes with no speaker',
    text: 'The so-called "peace plan" was published on Monday.',
    expected: [],
  },
  // Reported speech before its source, and sources whose phrase holds other names.
  {
    should: 'take the opening clause as content when the source and cue sit between commas',
    text: 'Prices will rise again, the minister said, because the subsidy ends in May.',
    expected: [
      { kind: 'indirect', speaker: 'the minister', cue: 'said', content: 'Prices will rise again' },
      { kind: 'indirect', speaker: 'the minister', cue: 'said', content: 'because the subsidy ends in May' },
    ],
  },
  {
    should: 'take the whole opening clause when the cue has a listener before the comma',
    text: 'The deal is dead, Omar Saleh told reporters, and talks will not resume.',
    expected: [
      { speaker: 'Omar Saleh', name: 'Omar Saleh', cue: 'told', content: 'The deal is dead' },
      // PolNeAR leaves the conjunction out of a content that follows ", and" (34 to 2 in train).
      { speaker: 'Omar Saleh', name: 'Omar Saleh', cue: 'told', content: 'talks will not resume' },
    ],
  },
  {
    should: 'keep coordinated clauses together in reported speech before its cue',
    text: 'The city will hire forty new teachers, and the schools will reopen in September, the governor said.',
    expected: [{ speaker: 'the governor', cue: 'said', content: 'The city will hire forty new teachers, and the schools will reopen in September' }],
  },
  {
    should: 'not resolve "the X campaign" to X',
    text: 'Senator Maria Lopez visited the port on Monday. The Lopez campaign said the visit was private.',
    expected: [{ speaker: 'The Lopez campaign', name: null, cue: 'said', content: 'the visit was private' }],
  },
  {
    should: 'not resolve advisers to a person to that person',
    text: 'Advisers to Prime Minister Nawaz Sharif said the talks would continue.',
    expected: [{ speaker: 'Advisers to Prime Minister Nawaz Sharif', name: null, cue: 'said', content: 'the talks would continue' }],
  },
  {
    should: 'resolve "a report by X" to X',
    text: 'A report by Amnesty International found that prisoners were tortured.',
    expected: [{ speaker: 'A report by Amnesty International', name: 'Amnesty International', cue: 'found', content: 'that prisoners were tortured' }],
  },
  {
    should: 'take the whole fronted clause as content when the tagger starts it mid-clause, and leave a circumstance after the cue out',
    text: 'Rescue teams pulled 40 people from the rubble, the governor said, during a visit to the town.',
    expected: [{ speaker: 'the governor', cue: 'said', content: 'Rescue teams pulled 40 people from the rubble' }],
  },
  {
    should: 'not take a time adverbial after the cue (", officials said, after ...") for a second content',
    text: 'The ministry reopened the border crossing on Sunday, officials said, after three weeks of talks.',
    expected: [{ speaker: 'officials', cue: 'said', content: 'The ministry reopened the border crossing on Sunday', anonymous: true }],
  },
  {
    should: "resolve a description that is an organisation's acronym to the organisation named in full",
    text: 'The International Monetary Fund cut its forecast on Tuesday.\n\nHowever, slower growth is being offset by faster growth elsewhere, the IMF said.',
    expected: [{ speaker: 'the IMF', name: 'International Monetary Fund', cue: 'said', content: 'slower growth is being offset by faster growth elsewhere' }],
  },
  {
    should: 'keep the one told out of the content ("told state television that ...")',
    text: 'Maliki, who has governed since 2006, told state television that the protests in Anbar province were being exploited by al Qaeda.',
    expected: [{ speaker: 'Maliki, who has governed since 2006,', cue: 'told', content: 'that the protests in Anbar province were being exploited by al Qaeda' }],
  },
  // Statements running over paragraphs.
  {
    should: 'continue a quotation that runs on in the next paragraph with the statement before it',
    text: 'Maliki told reporters that the talks had failed. "The door is closed," he said.\n\n"We gave them every chance. Now it is up to them."',
    expected: [
      { kind: 'indirect', speaker: 'Maliki', cue: 'told', content: 'that the talks had failed' },
      { kind: 'direct', speaker: 'he', name: 'Maliki', cue: 'said', content: '"The door is closed,"' },
      { kind: 'direct', speaker: 'he', name: 'Maliki', cue: 'said', content: '"We gave them every chance. Now it is up to them."' },
    ],
  },
  {
    should: 'make a cue ending a paragraph with a colon and the quotation below it one statement',
    text: 'Talks collapsed on Monday. The minister said in a statement:\n\n"We will not return to the table until the shelling stops. Our people have suffered enough."',
    expected: [{ kind: 'direct', speaker: 'The minister', cue: 'said in a statement:', content: '"We will not return to the table until the shelling stops. Our people have suffered enough."' }],
  },
  {
    should: "not give the outlet's own words in a later paragraph to the source quoted before them",
    text: 'The attack was the deadliest in the capital since January. Police said the bomber had parked near a bus stop.\n\nIraq has struggled to contain a wave of violence that has claimed more than 3,000 lives this year.',
    expected: [{ kind: 'indirect', speaker: 'Police', cue: 'said', content: 'the bomber had parked near a bus stop' }],
  },
  // Speaker labels (interview transcripts).
  {
    should: 'attribute each turn of a transcript to its capitalised speaker label, the colon as cue',
    text: 'The interview follows.\n\n"WALLACE: Let\'s start with the news. Will she attend?\n\n"PENCE: Well, look, this is a game show to them. But this is America, Chris.',
    expected: [
      { kind: 'direct', speaker: 'WALLACE', cue: ':', content: "Let's start with the news. Will she attend?" },
      { kind: 'direct', speaker: 'PENCE', cue: ':', content: 'Well, look, this is a game show to them. But this is America, Chris.' },
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
      if (want.name !== undefined) assert.equal(got.name, want.name)
      if (want.anonymous !== undefined) assert.equal(got.anonymous, want.anonymous)
    })
    for (const statement of analysis.statements) {
      for (const span of [statement.speaker, statement.cue, statement.content]) assert.equal(text.slice(span.start, span.end), span.text)
    }
  })
}

test('should keep the rule-based stage available as whosaid.attribute.rules', () => {
  const pipeline = createPipeline([tokenizeStage, sentencesStage, entitiesStage, resolveStage, attributeStage])
  const doc: Document = pipeline.run(makeArticle('“We will continue our efforts,” Shoukry said.'))
  assert.equal(attributeStage.name, 'whosaid.attribute.rules')
  assert.equal(doc.statements.length, 1)
  assert.equal(doc.text.slice(doc.statements[0]!.cue.start, doc.statements[0]!.cue.end), 'said')
})

test('should name a speaker written "who" by the phrase it stands for, and not make one source of two such speakers', () => {
  const text =
    'The embassy was closed on Monday. A spokesman for the ministry, who said the embassy would reopen soon, declined to give a date.\n\n' +
    'Hours later the police arrested a young man who said he had planted the bomb.'
  const analysis = analyzeArticle(makeArticle(text))
  const byWho = analysis.statements.filter((statement) => statement.speaker.text === 'who')
  assert.deepEqual(
    byWho.map((statement) => [statement.speaker.name, statement.speaker.anonymous, statement.content.text]),
    [
      ['A spokesman for the ministry', true, 'the embassy would reopen soon'],
      ['a young man', false, 'he had planted the bomb'],
    ],
  )
  const sourceNames = (analysis.sources ?? []).map((source) => source.name)
  assert.ok(sourceNames.includes('a young man') && !sourceNames.includes('who'), sourceNames.join(' | '))
})

test('should not make a statement of a question put to "you" in an interview', () => {
  const text =
    'Wikinews: October is National Magic Month in the US. Do you think magic is alive as a viable form of entertainment today?\n\n' +
    'William Evans: Absolutely. There are more magicians working today than ever before.'
  const speakers = analyzeArticle(makeArticle(text)).statements.map((statement) => statement.speaker.text)
  assert.deepEqual(speakers, ['William Evans'])
})

test('should not make statements of a "you know" filler', () => {
  const text =
    'Santorum cocktail\n[The santorum neologism is] offensive beyond, you know, anything that any public figure or anybody in America should tolerate, and the mainstream media laughs about it. — Rick Santorum'
  const speakers = analyzeArticle(makeArticle(text)).statements.map((statement) => statement.speaker.text)
  assert.ok(!speakers.includes('you'), speakers.join(' | '))
})

test('should read a quotation signed with a dash and a name as that person’s statement, and not a photo credit', () => {
  const text =
    'Readers shared their reactions to the debate.\n\n' +
    '“Mr. Trump embodies the lasting legacy of racism in the United States. He represents our greatest shame.” ― Sonya Herridge\n' +
    '“Trump must stop portraying Latinos as dangerous gangsters when most of us are hard-working.”― Carla Sanchez.\n\n' +
    'Supporters wave flags at a rally in Ohio on Monday. — AP'
  const statements = analyzeArticle(makeArticle(text)).statements
  assert.deepEqual(
    statements.filter((statement) => statement.cue.text === '―').map((statement) => [statement.speaker.name, statement.kind, statement.content.text.slice(0, 20)]),
    [
      ['Sonya Herridge', 'direct', '“Mr. Trump embodies '],
      ['Carla Sanchez', 'direct', '“Trump must stop por'],
    ],
  )
  assert.ok(!statements.some((statement) => statement.speaker.text === 'AP'))
})

test('should resolve a possessive source ("her claim that ...") to the nearest name before it', () => {
  const analysis = analyzeArticle(
    makeArticle('Senator Ann Walsh said on Monday that the budget was balanced. Contrary to her claim that the state would save money, the plan costs more.'),
  )
  const claim = analysis.statements.find((statement) => statement.cue.text === 'claim')
  assert.ok(claim, analysis.statements.map((statement) => `${statement.speaker.text} / ${statement.cue.text}`).join('; '))
  assert.equal(claim.speaker.text, 'her')
  assert.equal(claim.speaker.name, 'Ann Walsh')
})
