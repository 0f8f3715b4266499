import assert from 'node:assert/strict'
import { test } from 'node:test'
import type { Analysis } from '../../doc/schema.js'
import { makeArticle } from '../../testing/make-article.js'
import { analyzeWithRules } from '../../testing/rules-pipeline.js'

/** Each relation as `subject type object`, with its pattern and evidence span. */
function relationsOf(text: string) {
  const analysis = analyzeWithRules(makeArticle(text))
  const name = (id: string) => analysis.entities.find((entity) => entity.id === id)!.name
  return analysis.relations.map((relation) => ({
    relation: `${name(relation.subject)} ${relation.type} ${name(relation.object)}`,
    pattern: relation.pattern,
    evidence: [relation.evidence.start, relation.evidence.end, relation.evidence.text],
    role: relation.role ? relation.role.text : null,
    spansMatch: spansMatch(analysis, relation),
  }))
}

function spansMatch(analysis: Analysis, relation: Analysis['relations'][number]): boolean {
  const text = analysis.article.text
  return [relation.evidence, relation.subjectMention!, relation.objectMention!, ...(relation.role ? [relation.role] : [])].every(
    (span) => text.slice(span.start, span.end) === span.text && span.start >= relation.evidence.start && span.end <= relation.evidence.end,
  )
}

const cases: Array<{ should: string; text: string; expected: Array<{ relation: string; pattern: string; evidence: [number, number, string]; role: string | null }> }> = [
  {
    should: 'read a possessive apposition before the name as a role in the country ("France\'s president, W,")',
    text: "France's president, Emmanuel Macron, met reporters.",
    expected: [{ relation: 'Emmanuel Macron leads France', pattern: 'apposition', evidence: [0, 35, "France's president, Emmanuel Macron"], role: "France's president" }],
  },
  {
    should: 'read an apposition after the name, with the demonym standing for the country the article names',
    text: 'Iran rejected the plan. Hassan Rouhani, the Iranian president, left early.',
    expected: [{ relation: 'Hassan Rouhani leads Iran', pattern: 'apposition', evidence: [24, 61, 'Hassan Rouhani, the Iranian president'], role: 'Iranian president' }],
  },
  {
    should: 'tell members and other roles from leaders',
    text: 'Nabil Fahmy, a member of the National Council for Human Rights, left. Adel al-Jubeir is Saudi Arabia\'s foreign minister.',
    expected: [
      { relation: 'Nabil Fahmy member_of National Council for Human Rights', pattern: 'apposition', evidence: [0, 62, 'Nabil Fahmy, a member of the National Council for Human Rights'], role: 'member of the National Council for Human Rights' },
      { relation: 'Adel al-Jubeir role_in Saudi Arabia', pattern: 'copula', evidence: [70, 119, "Adel al-Jubeir is Saudi Arabia's foreign minister"], role: "Saudi Arabia's foreign minister" },
    ],
  },
  {
    should: 'read "headed by", "heads", "loyal to" and "X-backed"',
    text: 'The Arab League, headed by Ahmed Aboul Gheit, met on Monday. Mohamed Kamal heads the Al-Ahram Center. Iran-backed Hezbollah fired rockets. The Houthis, loyal to Iran, advanced.',
    expected: [
      { relation: 'Ahmed Aboul Gheit leads Arab League', pattern: 'participle', evidence: [4, 44, 'Arab League, headed by Ahmed Aboul Gheit'], role: null },
      { relation: 'Mohamed Kamal leads Al-Ahram Center', pattern: 'verb', evidence: [61, 100, 'Mohamed Kamal heads the Al-Ahram Center'], role: null },
      { relation: 'Hezbollah backed_by Iran', pattern: 'compound', evidence: [102, 123, 'Iran-backed Hezbollah'], role: null },
      { relation: 'Houthis backed_by Iran', pattern: 'participle', evidence: [143, 165, 'Houthis, loyal to Iran'], role: null },
    ],
  },
  {
    should: 'place a city in the country named after it, but not read a list of countries as places',
    text: 'Fishermen rescued 700 people near Aceh, Indonesia. Sweden, Belgium, England won.',
    expected: [{ relation: 'Aceh located_in Indonesia', pattern: 'place', evidence: [34, 49, 'Aceh, Indonesia'], role: null }],
  },
  {
    should: 'find nothing where no role, copula or relation pattern links two entities',
    text: 'Emmanuel Macron met Hassan Rouhani in Paris on Monday.',
    expected: [],
  },
]

for (const { should, text, expected } of cases) {
  test(`should ${should}`, () => {
    const actual = relationsOf(text)
    assert.deepEqual(
      actual.map(({ relation, pattern, evidence, role }) => ({ relation, pattern, evidence, role })),
      expected,
    )
    for (const relation of actual) assert.ok(relation.spansMatch, `${relation.relation}: spans inside the evidence and equal to the text`)
  })
}
