/**
 * Words that keep their trailing period as part of the token. Titles never end a sentence; the
 * others may (decided by the sentence stage).
 */
export const TITLE_ABBREVIATIONS = new Set([
  'mr', 'mrs', 'ms', 'dr', 'prof', 'gen', 'lt', 'col', 'maj', 'capt', 'cpt', 'sgt', 'cmdr', 'adm',
  'gov', 'sen', 'rep', 'rev', 'fr', 'sr', 'jr', 'st', 'pres', 'supt', 'insp', 'hon', 'messrs', 'mme', 'mlle',
])

export const OTHER_ABBREVIATIONS = new Set([
  'co', 'corp', 'inc', 'ltd', 'plc', 'bros', 'dept', 'univ', 'assn', 'est', 'approx', 'vs', 'etc', 'ft', 'mt', 'ave', 'blvd', 'rd', 'jan', 'feb', 'mar', 'apr', 'jun', 'jul', 'aug',
  'sep', 'sept', 'oct', 'nov', 'dec', 'mon', 'tue', 'tues', 'wed', 'thu', 'thurs', 'fri', 'sat', 'sun',
  'cf', 'al', 'ca', 'op', 'pp', 'ed', 'eds', 'min', 'max', 'govt', 'intl', 'natl', 'mass', 'calif',
  'fla', 'ill', 'penn', 'conn', 'wash', 'ariz', 'colo', 'mich', 'minn', 'tenn', 'okla', 'ore', 'wis',
])

/** Abbreviations that only stand before a number ("No. 10", "Vol. 3"); elsewhere they are words. */
export const NUMBER_ABBREVIATIONS = new Set(['no', 'nos', 'vol', 'fig', 'pp', 'op', 'art'])

/** Abbreviations that are titles: a following capitalised word belongs to the same name. */
export function isTitleAbbreviation(lowerWord: string): boolean {
  return TITLE_ABBREVIATIONS.has(lowerWord)
}

export function isKnownAbbreviation(lowerWord: string): boolean {
  return TITLE_ABBREVIATIONS.has(lowerWord) || OTHER_ABBREVIATIONS.has(lowerWord)
}
