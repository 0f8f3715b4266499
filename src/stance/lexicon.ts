/** Cue words, matched on Porter stems of lowercase words. */
import { stem } from './text.js'

const RAW: Record<string, string> = {
  // refuting: the FNC-1 baseline list and relatives
  refute:
    'fake fraud hoax false deny denies denied denial denying nope doubt doubts doubtful bogus debunk debunked debunks debunking prank pranks retract retracted retraction untrue myth fabricated fabrication misleading satire satirical parody lie lies lied lying incorrect inaccurate wrong rumour-mill dismiss dismissed dismisses rejected rejects refuted refutes refute contrary baseless unfounded nonsense joke spoof hoaxer photoshopped doctored fiction fictional',
  negation: 'not no never none nothing nobody neither nor cannot without',
  hedge:
    'alleged allegedly apparently appears claim claims claimed could evidently largely likely mainly may maybe might mostly perhaps presumably probably purported purportedly reported reportedly rumor rumors rumour rumours rumored rumoured says said seems somewhat unconfirmed unverified speculation speculate speculated suggest suggests suggested possibly believed supposedly according report reports if whether',
  support:
    'confirm confirmed confirms confirmation official officially announced announces announcement revealed reveals proof proves proved true indeed verified genuine authentic actually definitely evidence footage shows showed',
  question: 'what why how who whether',
}

export const LEXICONS = Object.keys(RAW)
/** stem → bit mask of the lexicons it belongs to */
export const LEX_MASK = new Map<string, number>()
LEXICONS.forEach((name, k) => {
  for (const w of RAW[name]!.split(' ')) LEX_MASK.set(stem(w), (LEX_MASK.get(stem(w)) ?? 0) | (1 << k))
})

/** Single cue stems, each its own feature (the lexicons plus discourse words that mark reporting). */
const EXTRA =
  'say tell told insist insists insisted stated statement spokesman spokeswoman source sources unnamed anonymous tweet tweeted posted photo video image pictures viral internet social media website site satire onion rumor hoax claim story stories however but although though yet still actually really seem appear believe think thought suspect suspected investigate investigation police authorities confirmed deny truth real fact facts check snopes fake'
export const CUES: string[] = [...new Set([...LEX_MASK.keys(), ...EXTRA.split(' ').map((w) => stem(w))])].sort()
export const CUE_INDEX = new Map<string, number>(CUES.map((c, i) => [c, i]))
