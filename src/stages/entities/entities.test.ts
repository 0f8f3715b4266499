import assert from 'node:assert/strict'
import { test } from 'node:test'
import { analyzeArticle } from '../../pipeline/analyze.js'
import { makeArticle } from '../../testing/make-article.js'
import { nameKey } from './names.js'

const entitiesOf = (text: string) => analyzeArticle(makeArticle(text)).entities

test('should fold transliteration variants of one name to one key', () => {
  assert.equal(nameKey('Abdel Fattah el-Sisi'), nameKey('Abd al-Fattah al-Sisi'))
  assert.equal(nameKey('Abdul Fattah Al-Sisi'), nameKey('abd al fattah al sisi'))
  assert.equal(nameKey("Ma'ruf"), nameKey('Ma’ruf'))
  assert.equal(nameKey('Mohamed Morsi'), nameKey('Muhammad Morsi'))
})

test('should type people, organisations, places and groups', () => {
  const entities = entitiesOf('Egyptian President Abdel Fattah el-Sisi met NATO officials and the Muslim Brotherhood in Cairo.')
  const byName = Object.fromEntries(entities.map((entity) => [entity.name, entity.type]))
  assert.equal(byName['Abdel Fattah el-Sisi'], 'PERSON')
  assert.equal(byName['NATO'], 'ORG')
  assert.equal(byName['Muslim Brotherhood'], 'ORG')
  assert.equal(byName['Cairo'], 'GPE')
})

test('should type news agencies and outlets cited as sources as organisations, not people', () => {
  const entities = entitiesOf('Reuters reported that talks would resume. Asharq Al-Awsat said the meeting was postponed, while Al-Ahram quoted officials.')
  const byName = Object.fromEntries(entities.map((entity) => [entity.name, entity.type]))
  assert.equal(byName['Reuters'], 'ORG')
  assert.equal(byName['Asharq Al-Awsat'], 'ORG')
  assert.equal(byName['Al-Ahram'], 'ORG')
})

test('should type well-known armed groups and bodies as organisations whatever the model reads', () => {
  const entities = entitiesOf('Maliki told state television that the protests in Anbar province were being exploited by al Qaeda.')
  assert.equal(entities.find((entity) => entity.name === 'al Qaeda')?.type, 'ORG')
})

test('should not type a place written with "the" as a person', () => {
  const entities = entitiesOf("Shoukry said Cairo would not send troops to Yemen, saying the army's priority remained the Sinai.")
  assert.equal(entities.find((entity) => entity.name === 'Sinai')?.type, 'GPE')
})

test('should make a name introduced as an alias ("X, known as Y") and its later mentions one entity with X', () => {
  const text = 'RSF commander Mohamed Hamdan Dagalo, known as Hemedti, said his forces were ready for peace. Hemedti did not say when talks would start.'
  const entities = entitiesOf(text)
  const dagalo = entities.find((entity) => entity.name === 'Mohamed Hamdan Dagalo')
  assert.ok(dagalo, JSON.stringify(entities))
  assert.ok(dagalo.aliases.includes('Hemedti'))
  assert.equal(dagalo.mentions.length, 3)
  assert.equal(entities.filter((entity) => entity.name === 'Hemedti').length, 0)
})

test("should make an acronym and the full name of its organisation or person one entity, named in full", () => {
  const entities = entitiesOf('The army vowed to crush the Rapid Support Forces. The RSF said it would defend itself.')
  const rsf = entities.find((entity) => entity.name === 'Rapid Support Forces')
  assert.deepEqual(rsf?.aliases, ['RSF'])
  assert.equal(entities.filter((entity) => entity.type === 'ORG').length, 1)
  const prince = entitiesOf('Saudi Crown Prince Mohammed bin Salman met officials on Monday. MBS told them output would rise.')
  assert.deepEqual(prince.find((entity) => entity.name === 'Mohammed bin Salman')?.aliases, ['MBS'])
})

test("should type a mention of the article's own outlet as an organisation", () => {
  const text = 'Talks resumed on Monday, Sada al-Balad learned from officials in Cairo.'
  const own = analyzeArticle(makeArticle(text, { outlet: 'Sada al-Balad' })).entities.find((entity) => entity.name === 'Sada al-Balad')
  assert.equal(own?.type, 'ORG')
})

test("should not resolve a pronoun speaker to the article's own outlet", () => {
  const text = 'Council members told Wikinews the budget vote was delayed. They said the mayor had asked for more time.'
  const analysis = analyzeArticle(makeArticle(text, { outlet: 'Wikinews' }))
  const wikinews = analysis.entities.find((entity) => entity.name === 'Wikinews')
  assert.equal(wikinews?.type, 'ORG')
  const they = analysis.statements.find((statement) => statement.speaker.text === 'They')
  assert.ok(they, JSON.stringify(analysis.statements.map((s) => s.speaker.text)))
  assert.notEqual(they.speaker.entity, wikinews.id)
})

test('should resolve surname-only and variant mentions to the full name, with aliases', () => {
  const [sisi] = entitiesOf('Abdel Fattah el-Sisi spoke first. Later, al-Sisi left. Sisi returned on Monday.').filter((entity) => entity.type === 'PERSON')
  assert.equal(sisi!.name, 'Abdel Fattah el-Sisi')
  assert.deepEqual(sisi!.aliases, ['al-Sisi', 'Sisi'])
  assert.equal(sisi!.mentions.length, 3)
})

test('should not read a capitalised common word as a later mention of a person whose name it only resembles', () => {
  // "About" folds like "Abbott", "Meet" like "Mitt", "More" like "Moore" and "His" like "Hess" once
  // vowels are folded; a common word joins a person only when it is spelt as the name is.
  const analysis = analyzeArticle(
    makeArticle(
      'Gov. Greg Abbott said on Monday that Mitt Romney and Roy Moore had met Rudolf Hess. About 200 people came. Meet the Press aired it. More than half left. His aides disagreed. Later, Abbott left and Moore stayed.',
    ),
  )
  const mentioned = analysis.entities.flatMap((entity) => entity.mentions.map((mention) => mention.text))
  for (const word of ['About', 'Meet', 'More', 'His']) assert.ok(!mentioned.includes(word), `${word} read as a name: ${mentioned.join(', ')}`)
  const abbott = analysis.entities.find((entity) => entity.name === 'Greg Abbott')!
  assert.deepEqual(abbott.mentions.map((mention) => mention.text), ['Greg Abbott', 'Abbott'])
  assert.ok(analysis.entities.find((entity) => entity.name === 'Roy Moore')!.mentions.some((mention) => mention.text === 'Moore'))
})

test('should still take a later surname that is also a common word when it is spelt as the name', () => {
  const analysis = analyzeArticle(makeArticle('California Gov. Jerry Brown signed the bill on Friday. Brown said the state would lead.'))
  const brown = analysis.entities.find((entity) => entity.name === 'Jerry Brown')!
  assert.deepEqual(brown.mentions.map((mention) => mention.text), ['Jerry Brown', 'Brown'])
})

test('should make a hyphenated "person" whose initials the article uses an organisation with its acronym', () => {
  const entities = entitiesOf('Carly Fiorina, who ran Hewlett-Packard until 2005, defended her record on Tuesday. At HP, she cut 30,000 jobs, her critics say. Fiorina said the cuts saved the company.')
  const hp = entities.find((entity) => entity.name === 'Hewlett-Packard')!
  assert.equal(hp.type, 'ORG')
  assert.deepEqual(hp.mentions.map((mention) => mention.text), ['Hewlett-Packard', 'HP'])
  assert.equal(entities.find((entity) => entity.name === 'Carly Fiorina')?.type, 'PERSON')
})

test('should not make two people named together with a hyphen a person, and keep a double-barrelled surname', () => {
  const entities = entitiesOf(
    'Donald Trump and Hillary Clinton met in St. Louis. The Trump-Clinton debate drew 84 million viewers, more than the Clinton-Trump rematch. Carlos Lopez-Cantera watched; Lopez-Cantera said Clinton won.',
  )
  const people = entities.filter((entity) => entity.type === 'PERSON')
  assert.deepEqual(people.map((entity) => entity.name).sort(), ['Carlos Lopez-Cantera', 'Donald Trump', 'Hillary Clinton'])
  assert.deepEqual(people.find((entity) => entity.name === 'Carlos Lopez-Cantera')!.mentions.map((mention) => mention.text), ['Carlos Lopez-Cantera', 'Lopez-Cantera'])
})

test('should read roles from titles, premodifiers and appositions', () => {
  const entities = entitiesOf(
    'Sheikh Ahmed al-Tayeb, the Grand Imam of Al-Azhar, spoke. Egyptian political analyst Hamdi Bekheet disagreed. Nabil Fahmy, a member of the National Council for Human Rights, left.',
  )
  const rolesOf = (name: string) => entities.find((entity) => entity.name === name)!.roles.map((role) => `${role.kind}:${role.text}`)
  assert.deepEqual(rolesOf('Ahmed al-Tayeb'), ['title:Sheikh', 'apposition:Grand Imam of Al-Azhar'])
  assert.deepEqual(rolesOf('Hamdi Bekheet'), ['premodifier:Egyptian political analyst'])
  assert.deepEqual(rolesOf('Nabil Fahmy'), ['apposition:member of the National Council for Human Rights'])
})

test('should read a premodifier before a title and stop it at a preposition', () => {
  const entities = entitiesOf(
    "Sunni cleric Sheikh Abdul Malik al-Saadi, a leading figure in the protests, said talks had failed. The drink was named after a word coined in advice columnist Dan Savage's column.",
  )
  const rolesOf = (name: string) => entities.find((entity) => entity.name === name)!.roles.map((role) => `${role.kind}:${role.text}`)
  assert.deepEqual(rolesOf('Abdul Malik al-Saadi'), ['title:Sheikh', 'premodifier:Sunni cleric', 'apposition:leading figure in the protests'])
  assert.deepEqual(rolesOf('Dan Savage'), ['premodifier:advice columnist'])
  const envoy = entitiesOf("Emir Sheikh Tamim bin Hamad Al Thani received Hezbollah leader Hassan Nasrallah's envoy on Monday.")
  assert.deepEqual(envoy.find((entity) => entity.name === 'Hassan Nasrallah')?.roles.map((role) => role.text), ['Hezbollah leader'])
})

test('should not take an office ("Prime Minister") or a sentence-initial word for a person', () => {
  const entities = entitiesOf('The Prime Minister said no. Officials said the vote would go ahead.')
  assert.deepEqual(entities.filter((entity) => entity.type === 'PERSON'), [])
})

test('should read a possessive apposition before the name as a role ("France\'s president, W,")', () => {
  const entities = entitiesOf("France's president, Emmanuel Macron, spoke first. Saudi Arabia's foreign minister, Adel al-Jubeir, left.")
  const rolesOf = (name: string) => entities.find((entity) => entity.name === name)!.roles.map((role) => `${role.kind}:${role.text}:${role.start}`)
  assert.deepEqual(rolesOf('Emmanuel Macron'), ["apposition:France's president:0"])
  assert.deepEqual(rolesOf('Adel al-Jubeir'), ["apposition:Saudi Arabia's foreign minister:50"])
})
