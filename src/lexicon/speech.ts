/**
 * Cue words for attribution: verbs of speaking and cognition in their inflected forms, multi-word
 * cues, and descriptions of anonymous sources. Hand-written facts.
 */
const words = (block: string): Set<string> => new Set(block.split(/\s+/).filter(Boolean))

/** Past-tense and present forms of reporting verbs. Lowercase. */
export const SPEECH_VERBS = words(`
  said says say saying told tells tell added adds adding stated states explained explains noted notes
  stressed stresses warned warns argued argues claimed claims insisted insists denied denies confirmed
  confirms announced announces asserted asserts declared declares acknowledged acknowledges admitted
  admits believes believed believe thinks thought urged urges wrote writes tweeted tweets posted
  replied replies responded responds asked asks suggested suggests emphasized emphasised emphasizes
  emphasises affirmed affirms revealed reveals reported reports indicated indicates predicted
  predicts estimated estimates commented comments continued continues reiterated reiterates
  maintained maintains alleged alleges accused accuses criticized criticised criticizes described
  describes expressed hoped hopes feared fears rejected rejects dismissed dismisses vowed vows
  pledged pledges promised promises cautioned cautions concluded concludes mentioned mentions
  observed observes remarked remarks recalled recalls disclosed discloses conceded concedes
  contended contends countered counters objected questioned speculated testified blamed blames
  considered considers agreed agrees disagreed explained announced informed informs assured assures
  demanded demands called calls proposed proposes recommended recommends clarified clarifies
  elaborated highlighted highlights underlined underlines pointed confided complained complains
  charged charges shouted yelled whispered told answered answers wondered wonders stressed
  projected forecast forecasts expects expected believes knows knew understood acknowledged
`)

/** Multi-word cues, lowercase, matched token by token. */
export const PHRASE_CUES: readonly string[][] = [
  'ruled out', 'rules out', 'pointed out', 'points out', 'made clear', 'makes clear', 'went on',
  'goes on', 'according to', 'in a statement', 'in an interview', 'in a interview', 'in remarks',
  'in a speech', 'in a tweet', 'in a post', 'in a press conference', 'in a news conference',
  'spoke of', 'speaking to', 'speaking on', 'quoted as saying', 'was quoted as saying', 'is quoted as saying',
  'called for', 'calls for', 'called on', 'calls on', 'expressed hope', 'expressed concern',
].map((phrase) => phrase.split(' '))

/** Plural or indefinite descriptions that mark an anonymous source. */
export const ANONYMOUS_HEADS = words(`official officials source sources diplomat diplomats witness witnesses
  resident residents analyst analysts expert experts observer observers insider insiders aide aides
  spokesman spokeswoman spokesperson activist activists critic critics people person someone police
  authorities investigators officers soldier soldiers protesters protester employee employees staff`)

export const PRONOUNS = new Map<string, 'person' | 'plural' | 'thing'>([
  ['he', 'person'], ['she', 'person'], ['i', 'person'], ['we', 'plural'], ['they', 'plural'], ['it', 'thing'],
])

/**
 * Possessive determiners that stand for their owner when they are the whole source of a statement
 * ("his claim that ...", "her acknowledgment that ..."). The first-person ones refer as "I" and
 * "we" do (the one speaking); the third-person ones to the nearest name before them.
 */
export const POSSESSIVE_PRONOUNS = new Map<string, { person: 'first' | 'third'; kind: 'person' | 'plural' | 'thing' }>([
  ['my', { person: 'first', kind: 'person' }],
  ['our', { person: 'first', kind: 'plural' }],
  ['his', { person: 'third', kind: 'person' }],
  ['her', { person: 'third', kind: 'person' }],
  ['their', { person: 'third', kind: 'plural' }],
  ['its', { person: 'third', kind: 'thing' }],
])

/**
 * Verbs that report speech only with a clause after them ("maintained that ...", "asked: ..."); with a
 * plain object they usually mean something else ("maintained a policy", "asked the council to").
 */
export const NEEDS_COMPLEMENT = words(`maintained maintains called calls asked asks expected expects reported
  reports described describes considered considers expressed continued continues agreed agrees proposed
  proposes demanded demands recommended recommends charged charges projected forecast forecasts knows knew
  understood hoped hopes feared fears promised promises pledged pledges posted informed observed observes
  questioned highlighted highlights revealed reveals indicated indicates estimated estimates predicted predicts`)
