/** The Porter (1980) stemming algorithm for lowercase English words. */

function isCons(w: string, i: number): boolean {
  const c = w[i]!
  if (c === 'a' || c === 'e' || c === 'i' || c === 'o' || c === 'u') return false
  if (c === 'y') return i === 0 ? true : !isCons(w, i - 1)
  return true
}

/** m: the number of VC sequences in w[0, end). */
function measure(w: string, end: number): number {
  let n = 0
  let i = 0
  while (i < end && isCons(w, i)) i++
  while (i < end) {
    while (i < end && !isCons(w, i)) i++
    if (i >= end) break
    n++
    while (i < end && isCons(w, i)) i++
  }
  return n
}

function hasVowel(w: string, end: number): boolean {
  for (let i = 0; i < end; i++) if (!isCons(w, i)) return true
  return false
}

function doubleCons(w: string, end: number): boolean {
  return end >= 2 && w[end - 1] === w[end - 2] && isCons(w, end - 1)
}

/** cvc at the end of w[0, end), last consonant not w, x or y. */
function cvc(w: string, end: number): boolean {
  if (end < 3) return false
  if (!isCons(w, end - 1) || isCons(w, end - 2) || !isCons(w, end - 3)) return false
  const c = w[end - 1]!
  return c !== 'w' && c !== 'x' && c !== 'y'
}

function replaceIf(w: string, suffix: string, repl: string, minM: number): string | null {
  if (!w.endsWith(suffix)) return null
  const stem = w.length - suffix.length
  if (measure(w, stem) > minM) return w.slice(0, stem) + repl
  return w
}

const STEP2: [string, string][] = [
  ['ational', 'ate'], ['tional', 'tion'], ['enci', 'ence'], ['anci', 'ance'], ['izer', 'ize'], ['bli', 'ble'],
  ['alli', 'al'], ['entli', 'ent'], ['eli', 'e'], ['ousli', 'ous'], ['ization', 'ize'], ['ation', 'ate'],
  ['ator', 'ate'], ['alism', 'al'], ['iveness', 'ive'], ['fulness', 'ful'], ['ousness', 'ous'], ['aliti', 'al'],
  ['iviti', 'ive'], ['biliti', 'ble'], ['logi', 'log'],
]
const STEP3: [string, string][] = [
  ['icate', 'ic'], ['ative', ''], ['alize', 'al'], ['iciti', 'ic'], ['ical', 'ic'], ['ful', ''], ['ness', ''],
]
const STEP4 = ['al', 'ance', 'ence', 'er', 'ic', 'able', 'ible', 'ant', 'ement', 'ment', 'ent', 'ion', 'ou', 'ism', 'ate', 'iti', 'ous', 'ive', 'ize']

export function porterStem(word: string): string {
  let w = word
  if (w.length <= 2) return w
  // step 1a
  if (w.endsWith('sses')) w = w.slice(0, -2)
  else if (w.endsWith('ies')) w = w.slice(0, -2)
  else if (w.endsWith('ss')) {
    /* keep */
  } else if (w.endsWith('s')) w = w.slice(0, -1)
  // step 1b
  let again = false
  if (w.endsWith('eed')) {
    if (measure(w, w.length - 3) > 0) w = w.slice(0, -1)
  } else if (w.endsWith('ed') && hasVowel(w, w.length - 2)) {
    w = w.slice(0, -2)
    again = true
  } else if (w.endsWith('ing') && hasVowel(w, w.length - 3)) {
    w = w.slice(0, -3)
    again = true
  }
  if (again) {
    if (w.endsWith('at') || w.endsWith('bl') || w.endsWith('iz')) w += 'e'
    else if (doubleCons(w, w.length)) {
      const c = w[w.length - 1]
      if (c !== 'l' && c !== 's' && c !== 'z') w = w.slice(0, -1)
    } else if (measure(w, w.length) === 1 && cvc(w, w.length)) w += 'e'
  }
  // step 1c
  if (w.endsWith('y') && hasVowel(w, w.length - 1)) w = w.slice(0, -1) + 'i'
  // step 2
  for (const [s, r] of STEP2) {
    if (w.endsWith(s)) {
      w = replaceIf(w, s, r, 0)!
      break
    }
  }
  // step 3
  for (const [s, r] of STEP3) {
    if (w.endsWith(s)) {
      w = replaceIf(w, s, r, 0)!
      break
    }
  }
  // step 4
  for (const s of STEP4) {
    if (w.endsWith(s)) {
      const stem = w.length - s.length
      if (measure(w, stem) > 1) {
        if (s === 'ion') {
          const c = w[stem - 1]
          if (c === 's' || c === 't') w = w.slice(0, stem)
        } else w = w.slice(0, stem)
      }
      break
    }
  }
  // step 5a
  if (w.endsWith('e')) {
    const m = measure(w, w.length - 1)
    if (m > 1 || (m === 1 && !cvc(w, w.length - 1))) w = w.slice(0, -1)
  }
  // step 5b
  if (measure(w, w.length) > 1 && doubleCons(w, w.length) && w.endsWith('l')) w = w.slice(0, -1)
  return w
}
