/**
 * Token features for the NER sequence labeller, written as 32-bit hashed keys
 * into a reusable Int32Array (no per-token objects on the hot path).
 *
 * Per token: word form / lowercase, neighbouring words (±2) and bigrams,
 * prefixes / suffixes, word shapes (±1 and conjunctions), capitalisation
 * pattern and corpus capitalisation ratio, sentence position and sentence
 * case mode, word clusters at three granularities (±1), and lexicon flags
 * (titles, Arabic name particles and names, NORP words, organisation and
 * place head words).
 *
 * Optionally (posMode bits, set per model) the backbone tagger's predicted tags in context: UD EWT
 * tags names PROPN, so the tag of a word and its neighbours helps find and bound names where the
 * word alone is ambiguous (a capitalised sentence-initial word, "Apple" vs "apple"). The tags must
 * be as noisy in training as at run time (pos.ts).
 */
import { ARABIC_NAMES, LOC_NAMES, LOC_WORDS, NORP_WORDS, ORG_WORDS, TITLES, arabicParticleKind } from "./lexicon.js";
import { normWord, type WordStats } from "./clusters.js";
import { h1, h2, h3, hashString } from "./util.js";

// flag bits
const F_INITCAP = 1;
const F_ALLCAP = 2;
const F_DIGIT = 4;
const F_HYPHEN = 8;
const F_PERIOD = 16;
const F_TITLE = 32;
const F_PARTICLE = 64;
const F_PARTICLE_HYPH = 128;
const F_NORP = 256;
const F_ORGW = 512;
const F_LOCW = 1024;
const F_LOCN = 2048;
const F_ARABN = 4096;
const F_LOWER = 8192;
const F_PUNCT = 16384;
const NFLAGS = 15;

export const MAX_FEATS_PER_TOKEN = 80;

/** posMode bits: which predicted-tag features a model uses (0 = none: the recogniser needs no tags). */
export const POS_UPOS = 1; // UPOS of the word and of its neighbours (±1), UPOS bigrams
export const POS_XPOS = 2; // XPOS of the word (NNP / NNPS, POS) and of its neighbours
export const POS_WIDE = 4; // UPOS at ±2, UPOS trigram
export const POS_SHAPE = 8; // neighbour UPOS with the word's shape; UPOS with the capitalisation ratio
export const POS_RUN = 16; // position and length of the word's PROPN run
export const POS_WORD = 32; // UPOS with the lowercase word

/** Predicted tags of a sentence (the backbone tagger's upos / xpos). */
export interface PosTags {
  upos: readonly string[];
  xpos: readonly string[];
}

// tag string -> hash, memoised (a few dozen distinct tags)
const tagHash = new Map<string, number>();
function hashTag(t: string): number {
  let h = tagHash.get(t);
  if (h === undefined) {
    h = hashString("pos:" + t);
    tagHash.set(t, h);
  }
  return h;
}
const PROPN_HASH = hashTag("PROPN");

/** Per-sentence scratch buffers, grown on demand. */
export class FeatureScratch {
  cap = 0;
  form = new Int32Array(0);
  low = new Int32Array(0);
  shortShape = new Int32Array(0);
  clus = new Int32Array(0);
  capb = new Int32Array(0);
  propn = new Int32Array(0);
  flags = new Int32Array(0);
  /** hashed predicted UPOS / XPOS (posMode models), padded like the other token arrays */
  upos = new Int32Array(0);
  xpos = new Int32Array(0);
  /** features, MAX_FEATS_PER_TOKEN per token */
  feats = new Int32Array(0);
  /** number of features of token i: feats[i*MAX .. i*MAX + nf[i]) */
  nf = new Int32Array(0);
  /** number of word-only features of token i (the first ones of its features; 0 with `contextOnly`) */
  nw = new Int32Array(0);
  /** one word's values (wordValues) when they are not cached */
  one: Int32Array = new Int32Array(WORD_VALUES);

  ensure(n: number): void {
    const m = n + 4;
    if (m <= this.cap) return;
    let cap = 64;
    while (cap < m) cap *= 2;
    this.cap = cap;
    this.form = new Int32Array(cap);
    this.low = new Int32Array(cap);
    this.shortShape = new Int32Array(cap);
    this.clus = new Int32Array(cap);
    this.capb = new Int32Array(cap);
    this.propn = new Int32Array(cap);
    this.flags = new Int32Array(cap);
    this.upos = new Int32Array(cap);
    this.xpos = new Int32Array(cap);
    this.feats = new Int32Array(cap * MAX_FEATS_PER_TOKEN);
    this.nf = new Int32Array(cap);
    this.nw = new Int32Array(cap);
  }
}

const BOS = [hashString("<s>"), hashString("<s2>")];
const EOS = [hashString("</s>"), hashString("</s2>")];

function shapeHashes(w: string): [number, number] {
  // long shape: char classes with runs capped at 2 (Xxx -> Xxx, 1999 -> dd); short: runs collapsed
  let hl = 0x811c9dc5 | 0;
  let hs = 0x811c9dc5 | 0;
  let prev = -1;
  let run = 0;
  for (let i = 0; i < w.length; i++) {
    const c = w.charCodeAt(i);
    let k: number;
    if (c >= 65 && c <= 90) k = 88; // X
    else if (c >= 97 && c <= 122) k = 120; // x
    else if (c >= 48 && c <= 57) k = 100; // d
    else if (c > 127) {
      const ch = w[i]!;
      k = ch.toLowerCase() !== ch ? 88 : ch.toUpperCase() !== ch ? 120 : c;
    } else k = c;
    if (k === prev) run++;
    else {
      run = 1;
      hs ^= k;
      hs = Math.imul(hs, 0x01000193);
    }
    if (run <= 2) {
      hl ^= k;
      hl = Math.imul(hl, 0x01000193);
    }
    prev = k;
  }
  return [hl ^ 0x1234567, hs ^ 0x7654321];
}

function flagsOf(w: string, low: string): number {
  let f = 0;
  const c0 = w.charCodeAt(0);
  const upper0 = (c0 >= 65 && c0 <= 90) || (c0 > 127 && w[0]!.toLowerCase() !== w[0]);
  if (upper0) f |= F_INITCAP;
  let letters = 0;
  let uppers = 0;
  let alnum = 0;
  for (let i = 0; i < w.length; i++) {
    const c = w.charCodeAt(i);
    if (c >= 65 && c <= 90) {
      uppers++;
      letters++;
      alnum++;
    } else if (c >= 97 && c <= 122) {
      letters++;
      alnum++;
    } else if (c >= 48 && c <= 57) {
      f |= F_DIGIT;
      alnum++;
    } else if (c === 45) f |= F_HYPHEN;
    else if (c === 46) f |= F_PERIOD;
    else if (c > 127 && w[i]!.toLowerCase() !== w[i]!.toUpperCase()) {
      letters++;
      alnum++;
      if (w[i]!.toLowerCase() !== w[i]) uppers++;
    }
  }
  if (letters > 1 && uppers === letters) f |= F_ALLCAP;
  if (letters > 0 && uppers === 0) f |= F_LOWER;
  if (alnum === 0) f |= F_PUNCT;
  if (TITLES.has(low)) f |= F_TITLE;
  const pk = arabicParticleKind(w);
  if (pk === 1) f |= F_PARTICLE;
  else if (pk >= 2) f |= F_PARTICLE_HYPH;
  if (NORP_WORDS.has(low)) f |= F_NORP;
  if (ORG_WORDS.has(low)) f |= F_ORGW;
  if (LOC_WORDS.has(low)) f |= F_LOCW;
  if (LOC_NAMES.has(low)) f |= F_LOCN;
  const d = low.lastIndexOf("-");
  if (ARABIC_NAMES.has(low) || (d > 0 && ARABIC_NAMES.has(low.slice(d + 1)))) f |= F_ARABN;
  return f;
}

/** Number of per-word values written by wordValues. */
export const WORD_VALUES = 16;

/**
 * The values of a word that depend on its form alone (and the model's word statistics), at
 * values[o ..]: form, lowercase, long and short shape hashes, cluster ids, capitalisation and
 * PROPN buckets, flags, prefix hashes 1..4, suffix hashes 1..4 (0 when the word is shorter).
 */
export function wordValues(w: string, stats: WordStats, values: Int32Array, o: number): void {
  const lw = w.toLowerCase();
  values[o] = hashString(w);
  const low = hashString(lw);
  values[o + 1] = low;
  const [sl, ss] = shapeHashes(w);
  values[o + 2] = sl;
  values[o + 3] = ss;
  values[o + 4] = stats.clusters.get(hashString(normWord(w)), 0);
  values[o + 5] = stats.caps.get(low, 0);
  values[o + 6] = stats.propn.get(low, 0);
  values[o + 7] = flagsOf(w, lw);
  // prefixes / suffixes of the lowercase form (lengths 1..4)
  let h = 0x811c9dc5 | 0;
  for (let k = 0; k < 4; k++) {
    if (k < lw.length) {
      h ^= lw.charCodeAt(k);
      h = Math.imul(h, 0x01000193);
      values[o + 8 + k] = h ^ (k + 1);
    } else values[o + 8 + k] = 0;
  }
  h = 0x811c9dc5 | 0;
  for (let k = 0; k < 4; k++) {
    if (k < lw.length) {
      h ^= lw.charCodeAt(lw.length - 1 - k);
      h = Math.imul(h, 0x01000193);
      values[o + 12 + k] = h ^ (k + 11);
    } else values[o + 12 + k] = 0;
  }
}

/** Most word-only features a token can have (wordFeatureKeys). */
export const MAX_WORD_FEATS = 40;

/**
 * The features of a token that depend on its own word alone, from the word's values (wordValues at
 * v[o ..]), written at out[p ..]; returns the new end. A recogniser sums their weights once per
 * word and reuses the sum wherever the word recurs (NerModel.decodeTags), so every template here
 * must read nothing but v[o ..]; templates that look at neighbours, the sentence or tags belong in
 * extractFeatures' context part.
 */
export function wordFeatureKeys(v: Int32Array, o: number, out: Int32Array, p: number): number {
  const form = v[o]!;
  const low = v[o + 1]!;
  const shape = v[o + 2]!;
  const shortShape = v[o + 3]!;
  const c = v[o + 4]!;
  const capb = v[o + 5]!;
  const propn = v[o + 6]!;
  const fl = v[o + 7]!;
  const c2 = (c >>> 10) & 1023;
  const c3 = (c >>> 20) & 1023;
  out[p++] = h1(1, 1);
  out[p++] = h1(2, form);
  out[p++] = h1(3, low);
  for (let k = 1; k < 4; k++) if (v[o + 8 + k]) out[p++] = h1(11 + k, v[o + 8 + k]!);
  for (let k = 0; k < 4; k++) if (v[o + 12 + k]) out[p++] = h1(15 + k, v[o + 12 + k]!);
  out[p++] = h1(20, shape);
  out[p++] = h2(27, capb, fl & (F_INITCAP | F_ALLCAP | F_LOWER));
  if (c) {
    out[p++] = h1(30, c & 1023);
    out[p++] = h1(31, c2);
    out[p++] = h1(32, c3);
    out[p++] = h2(33, c2, shortShape);
    out[p++] = h2(34, c3, fl & (F_INITCAP | F_ALLCAP | F_LOWER));
  } else out[p++] = h2(35, shortShape, capb);
  for (let b = 5; b < NFLAGS; b++) if (fl & (1 << b)) out[p++] = h1(50 + b, 1);
  out[p++] = h2(80, propn, fl & (F_INITCAP | F_ALLCAP | F_LOWER));
  out[p++] = h2(82, propn, c2);
  return p;
}

/**
 * Fill scratch.feats / scratch.nf for a sentence. Token arrays are padded by
 * two on each side (index i + 2). `cached` supplies the words' values (wordValues) already
 * computed: values of word j at cached.values[cached.ids[j] * WORD_VALUES ..].
 * A token's features are its word-only ones (wordFeatureKeys; scratch.nw[j] of them) followed by
 * its context ones; with `contextOnly` the word-only ones are left out (nw[j] = 0), for a caller
 * that adds their weights from a per-word sum.
 */
export function extractFeatures(
  words: readonly string[],
  stats: WordStats,
  s: FeatureScratch,
  cached?: { ids: Int32Array; values: Int32Array },
  tags?: PosTags,
  posMode = 0,
  contextOnly = false,
): void {
  const n = words.length;
  s.ensure(n);
  const { form, low, shortShape, clus, capb, propn, flags, nw } = s;
  const M = MAX_FEATS_PER_TOKEN;
  const out = s.feats;
  let lowerInit = 0;
  let upperInit = 0;
  let alpha = 0;
  const one = s.one;
  for (let j = 0; j < n; j++) {
    let v: Int32Array = one;
    let o = 0;
    if (cached) {
      v = cached.values;
      o = cached.ids[j]! * WORD_VALUES;
    } else wordValues(words[j]!, stats, one, 0);
    nw[j] = contextOnly ? 0 : wordFeatureKeys(v, o, out, j * M) - j * M;
    const i = j + 2;
    form[i] = v[o]!;
    low[i] = v[o + 1]!;
    shortShape[i] = v[o + 3]!;
    clus[i] = v[o + 4]!;
    capb[i] = v[o + 5]!;
    propn[i] = v[o + 6]!;
    const f = v[o + 7]!;
    flags[i] = f;
    if (!(f & F_PUNCT) && !(f & F_DIGIT)) {
      alpha++;
      if (f & F_LOWER) lowerInit++;
      if (f & F_ALLCAP) upperInit++;
    }
  }
  for (let k = 0; k < 2; k++) {
    const a = 1 - k;
    const b = n + 2 + k;
    form[a] = low[a] = shortShape[a] = BOS[k]!;
    form[b] = low[b] = shortShape[b] = EOS[k]!;
    clus[a] = 1023 - k;
    clus[b] = 1021 - k;
    capb[a] = capb[b] = 7;
    propn[a] = propn[b] = 31;
    flags[a] = flags[b] = 0;
  }
  const { upos, xpos } = s;
  if (posMode) {
    if (!tags || tags.upos.length !== n || tags.xpos.length !== n) throw new Error("ner: this model needs the predicted POS tags of every word");
    const withX = (posMode & POS_XPOS) !== 0;
    for (let j = 0; j < n; j++) {
      upos[j + 2] = hashTag(tags.upos[j]!);
      if (withX) xpos[j + 2] = hashTag(tags.xpos[j]!);
    }
    for (let k = 0; k < 2; k++) {
      upos[1 - k] = xpos[1 - k] = BOS[k]!;
      upos[n + 2 + k] = xpos[n + 2 + k] = EOS[k]!;
    }
  }
  // sentence case mode: 0 mixed, 1 mostly lowercase, 2 mostly uppercase
  const mode = alpha >= 4 && lowerInit >= alpha * 0.97 ? 1 : alpha >= 3 && upperInit >= alpha * 0.7 ? 2 : 0;
  for (let j = 0; j < n; j++) {
    const i = j + 2;
    let p = j * M + nw[j]!;
    const fl = flags[i]!;
    const c = clus[i]!;
    const c2 = (c >>> 10) & 1023;
    const c3 = (c >>> 20) & 1023;
    const cp = clus[i - 1]!;
    const cn = clus[i + 1]!;
    out[p++] = h1(4, low[i - 1]!);
    out[p++] = h1(5, low[i + 1]!);
    out[p++] = h1(6, low[i - 2]!);
    out[p++] = h1(7, low[i + 2]!);
    out[p++] = h2(8, low[i - 1]!, low[i]!);
    out[p++] = h2(9, low[i]!, low[i + 1]!);
    out[p++] = h2(10, form[i - 1]!, shortShape[i]!);
    out[p++] = h1(21, shortShape[i - 1]!);
    out[p++] = h1(22, shortShape[i + 1]!);
    out[p++] = h2(23, shortShape[i - 1]!, shortShape[i]!);
    out[p++] = h2(24, shortShape[i]!, shortShape[i + 1]!);
    out[p++] = h3(25, shortShape[i - 1]!, shortShape[i]!, shortShape[i + 1]!);
    out[p++] = h2(26, shortShape[i]!, mode);
    out[p++] = h3(28, capb[i]!, fl & F_INITCAP, j === 0 ? 1 : 0);
    out[p++] = h3(29, j === 0 ? 1 : j === n - 1 ? 2 : 0, shortShape[i]!, mode);
    out[p++] = h1(36, cp & 1023);
    out[p++] = h1(37, (cp >>> 10) & 1023);
    out[p++] = h1(38, cn & 1023);
    out[p++] = h1(39, (cn >>> 10) & 1023);
    out[p++] = h2(40, (cp >>> 20) & 1023, c3);
    out[p++] = h2(41, c3, (cn >>> 20) & 1023);
    const fp = flags[i - 1]!;
    const fn = flags[i + 1]!;
    const fp2 = flags[i - 2]!;
    const fn2 = flags[i + 2]!;
    const ctxMask = F_TITLE | F_PARTICLE | F_PARTICLE_HYPH | F_ORGW | F_LOCW | F_ARABN | F_INITCAP | F_NORP;
    out[p++] = h2(70, fp & ctxMask, fl & (F_INITCAP | F_PARTICLE | F_PARTICLE_HYPH | F_LOWER));
    out[p++] = h2(71, fn & ctxMask, fl & (F_INITCAP | F_PARTICLE | F_PARTICLE_HYPH | F_LOWER));
    out[p++] = h1(72, fp2 & (F_TITLE | F_PARTICLE | F_PARTICLE_HYPH | F_INITCAP));
    out[p++] = h1(73, fn2 & (F_ORGW | F_LOCW | F_PARTICLE_HYPH | F_INITCAP));
    if (fl & (F_PARTICLE | F_PARTICLE_HYPH)) out[p++] = h2(74, fn & F_INITCAP, fp & F_INITCAP);
    out[p++] = h3(81, propn[i - 1]!, propn[i]!, propn[i + 1]!);
    if (posMode) {
      const u = upos[i]!;
      const up = upos[i - 1]!;
      const un = upos[i + 1]!;
      if (posMode & POS_UPOS) {
        out[p++] = h1(90, u);
        out[p++] = h1(91, up);
        out[p++] = h1(92, un);
        out[p++] = h2(93, up, u);
        out[p++] = h2(94, u, un);
        out[p++] = h2(95, u, fl & (F_INITCAP | F_ALLCAP | F_LOWER));
      }
      if (posMode & POS_XPOS) {
        out[p++] = h1(96, xpos[i]!);
        out[p++] = h2(97, xpos[i - 1]!, xpos[i]!);
        out[p++] = h2(98, xpos[i]!, xpos[i + 1]!);
      }
      if (posMode & POS_WIDE) {
        out[p++] = h1(99, upos[i - 2]!);
        out[p++] = h1(100, upos[i + 2]!);
        out[p++] = h3(101, up, u, un);
      }
      if (posMode & POS_SHAPE) {
        out[p++] = h2(102, up, shortShape[i]!);
        out[p++] = h2(103, shortShape[i]!, un);
        out[p++] = h2(104, u, capb[i]!);
      }
      if (posMode & POS_WORD) out[p++] = h2(105, u, low[i]!);
      if (posMode & POS_RUN) {
        // the PROPN run around the word: where the word sits in it (single / first / inside / last) and its length
        let a = i;
        let b = i;
        if (u === PROPN_HASH) {
          while (upos[a - 1] === PROPN_HASH) a--;
          while (upos[b + 1] === PROPN_HASH) b++;
        }
        const len = u === PROPN_HASH ? Math.min(b - a + 1, 5) : 0;
        const at = len === 0 ? 0 : len === 1 ? 1 : i === a ? 2 : i === b ? 4 : 3;
        out[p++] = h2(106, at, len);
        out[p++] = h3(107, at, fl & (F_INITCAP | F_ALLCAP | F_LOWER), c2);
      }
    }
    s.nf[j] = p - j * M;
  }
}
