/**
 * Greedy arc-hybrid dependency parser with two averaged perceptrons:
 * a move classifier (SHIFT / LEFT / RIGHT) over Zhang & Nivre (2011)-style
 * templates, and an arc labeller applied when an arc is made.
 */
import { h1, h2, h3, h4, hashString } from "../features/hash.js";
import { WeightTable } from "../features/table.js";
import { sharedVocab, WordColumns } from "../features/vocab.js";
import { LEFT, N_MOVES, RIGHT, SHIFT, State } from "./system.js";

export interface ParserData {
  labels: string[];
  /** hash(direction, dependent XPOS) -> labels seen with it in training (decoding restriction) */
  labelCands?: Map<number, Int32Array>;
  /** lowercased word -> hash of the UPOS set it takes in training (tag-error-robust word class) */
  wordClass?: Map<string, number>;
  moves: WeightTable;
  arcs: WeightTable;
}

export const MAX_MOVE_FEATS = 192;
export const MAX_LABEL_FEATS = 64;

const NONE = hashString("<none>");
const ROOTW = hashString("<root>");
const ROOTP = hashString("<ROOT>");

function distBucket(d: number): number {
  return d <= 4 ? d : d <= 6 ? 5 : d <= 9 ? 6 : d <= 14 ? 7 : 8;
}

/** Per-sentence token values. index 0 = root. */
export class ParseInput {
  n = 0;
  W = new Int32Array(257);
  P = new Int32Array(257);
  U = new Int32Array(257);
  S = new Int32Array(257);
  /** word class (UPOS set) hash */
  A = new Int32Array(257);
  private classes: Map<string, number> = new Map();
  /** lowercased word -> class hash; replacing it drops the per-word cache built from the old one */
  get wordClass(): Map<string, number> {
    return this.classes;
  }
  set wordClass(m: Map<string, number>) {
    this.classes = m;
    this.columns = new WordColumns(sharedVocab, 4);
  }
  /**
   * Per word id of the shared vocabulary (features/vocab.ts), the values that depend on the form
   * alone: hash of the lowercase form, of its suffix, the word class and whether it has one (else
   * the class is the word's UPOS). A sentence then costs no string work per word; tag hashes are
   * cached per tag string likewise.
   */
  private columns = new WordColumns(sharedVocab, 4);
  computeWordValues(w: string, values: Int32Array, o: number): void {
    const lw = w.toLowerCase();
    values[o] = hashString(lw);
    values[o + 1] = hashString("\u0004" + lw.slice(-3));
    const a = this.classes.get(lw);
    values[o + 2] = a ?? 0;
    values[o + 3] = a === undefined ? 0 : 1;
  }
  private xposHash = new Map<string, number>();
  private uposHash = new Map<string, number>();

  private static tagHash(cache: Map<string, number>, prefix: string, tag: string): number {
    let v = cache.get(tag);
    if (v === undefined) {
      if (cache.size > 10_000) cache.clear(); // tags are a small closed set; guard against misuse
      v = hashString(prefix + tag);
      cache.set(tag, v);
    }
    return v;
  }

  set(words: readonly string[], upos: readonly string[], xpos: readonly string[]): void {
    const n = words.length;
    if (n + 1 > this.W.length) {
      const m = Math.max(n + 1, this.W.length * 2);
      this.W = new Int32Array(m);
      this.P = new Int32Array(m);
      this.U = new Int32Array(m);
      this.S = new Int32Array(m);
      this.A = new Int32Array(m);
    }
    this.n = n;
    this.W[0] = ROOTW;
    this.P[0] = ROOTP;
    this.U[0] = ROOTP;
    this.S[0] = ROOTW;
    this.A[0] = ROOTW;
    const ids = sharedVocab.sentence(words);
    const col = this.columns.fill(words, ids, this);
    for (let i = 0; i < n; i++) {
      const o = ids[i]! * 4;
      this.W[i + 1] = col[o]!;
      this.P[i + 1] = ParseInput.tagHash(this.xposHash, "\u0002", xpos[i]!);
      this.U[i + 1] = ParseInput.tagHash(this.uposHash, "\u0003", upos[i]!);
      this.S[i + 1] = col[o + 1]!;
      this.A[i + 1] = col[o + 3] ? col[o + 2]! : this.U[i + 1]!;
    }
  }
}

/**
 * Roles in which one token brings features of its own (word, tags, word class, and for a child
 * its relation) to the move classifier. Those features depend on the token and the role only, and
 * a token keeps its role over ~2 consecutive configurations, so at inference their summed weights
 * are cached per (role, token) for the sentence; the other features are looked up per
 * configuration. See Parser.scoreMoves.
 */
export const enum Role {
  S0, B0, B1, B2, S1, S2, S0L1, S0R1, B0L1, S1R1, S1L1, S0L2, S0R2, B0L2, Count,
}

export class Parser {
  readonly labels: string[];
  readonly moves: WeightTable;
  readonly arcs: WeightTable;
  readonly state = new State();
  readonly input = new ParseInput();
  readonly mfeats = new Int32Array(MAX_MOVE_FEATS);
  readonly lfeats = new Int32Array(MAX_LABEL_FEATS);
  readonly mscores = new Float32Array(N_MOVES);
  readonly lscores: Float32Array;
  labelCands: Map<number, Int32Array>;
  /** per (role, token + 1): summed int8 weights of the role's features (4 lanes), valid when stamp = gen */
  private roleSums = new Int32Array(Role.Count * 258 * 4);
  private roleStamp = new Int32Array(Role.Count * 258);
  private roleCap = 258;
  private gen = 0;
  private readonly rfeats = new Int32Array(8);
  private readonly macc = new Int32Array(4);
  private readonly racc = new Int32Array(4);
  /** number of buffer features at the start of the last restMoveFeatures output */
  nBufferFeatures = 0;
  /** direct-mapped memo of stack-feature sums: signature (s0, s1, s2, nl/nr of s0, s1) + gen, and 3 sums */
  static readonly STACK_MEMO = 1024;
  private readonly stackSig = new Int32Array(Parser.STACK_MEMO * 8);
  private readonly stackSums = new Int32Array(Parser.STACK_MEMO * 3);

  constructor(d: ParserData) {
    this.labels = d.labels;
    this.labelCands = d.labelCands ?? new Map();
    this.input.wordClass = d.wordClass ?? new Map();
    this.moves = d.moves;
    this.arcs = d.arcs;
    this.lscores = new Float32Array(d.labels.length);
  }

  /** Move features of the current state. */
  moveFeatures(out: Int32Array): number {
    const st = this.state;
    const inp = this.input;
    const W = inp.W, P = inp.P, U = inp.U;
    const s0 = st.s(0), s1 = st.s(1), s2 = st.s(2);
    const b0 = st.buf(0), b1 = st.buf(1), b2 = st.buf(2);
    const w = (x: number): number => (x < 0 ? NONE : W[x]!);
    const p = (x: number): number => (x < 0 ? NONE : P[x]!);
    const l = (x: number): number => (x < 0 ? NONE : st.labels[x]! + 3);
    const lc1 = (x: number): number => (x < 0 ? -1 : st.lc1[x]!);
    const lc2 = (x: number): number => (x < 0 ? -1 : st.lc2[x]!);
    const rc1 = (x: number): number => (x < 0 ? -1 : st.rc1[x]!);
    const rc2 = (x: number): number => (x < 0 ? -1 : st.rc2[x]!);
    const s0w = w(s0), s0p = p(s0), s1w = w(s1), s1p = p(s1), s2p = p(s2);
    const b0w = w(b0), b0p = p(b0), b1w = w(b1), b1p = p(b1), b2w = w(b2), b2p = p(b2);
    const s0u = s0 < 0 ? NONE : U[s0]!, s1u = s1 < 0 ? NONE : U[s1]!, b0u = b0 < 0 ? NONE : U[b0]!;
    const s0L1 = lc1(s0), s0L2 = lc2(s0), s0R1 = rc1(s0), s0R2 = rc2(s0);
    const s1L1 = lc1(s1), s1R1 = rc1(s1), s1R2 = rc2(s1);
    const b0L1 = lc1(b0), b0L2 = lc2(b0);
    const d0 = s0 >= 0 && b0 >= 0 ? distBucket(b0 - s0) : 0;
    const d1 = s0 >= 0 && s1 >= 0 ? distBucket(s0 - s1) : 0;
    const s0vl = s0 >= 0 ? st.nl[s0]! : -1, s0vr = s0 >= 0 ? st.nr[s0]! : -1;
    const s1vl = s1 >= 0 ? st.nl[s1]! : -1, s1vr = s1 >= 0 ? st.nr[s1]! : -1;
    const b0vl = b0 >= 0 ? st.nl[b0]! : -1;
    const s0sl = s0 >= 0 ? h2(0, st.lsetLo[s0]!, st.lsetHi[s0]!) : NONE;
    const s0sr = s0 >= 0 ? h2(0, st.rsetLo[s0]!, st.rsetHi[s0]!) : NONE;
    const s1sr = s1 >= 0 ? h2(0, st.rsetLo[s1]!, st.rsetHi[s1]!) : NONE;
    const b0sl = b0 >= 0 ? h2(0, st.lsetLo[b0]!, st.lsetHi[b0]!) : NONE;
    let k = 0;
    out[k++] = h1(1, 0);
    // unigrams
    out[k++] = h2(2, s0w, s0p);
    out[k++] = h1(3, s0w);
    out[k++] = h1(4, s0p);
    out[k++] = h2(5, b0w, b0p);
    out[k++] = h1(6, b0w);
    out[k++] = h1(7, b0p);
    out[k++] = h2(8, b1w, b1p);
    out[k++] = h1(9, b1w);
    out[k++] = h1(10, b1p);
    out[k++] = h1(11, b2w);
    out[k++] = h1(12, b2p);
    out[k++] = h2(13, s1w, s1p);
    out[k++] = h1(14, s1w);
    out[k++] = h1(15, s1p);
    out[k++] = h1(16, w(s2));
    out[k++] = h1(17, s2p);
    // pairs s0-b0
    out[k++] = h4(20, s0w, s0p, b0w, b0p);
    out[k++] = h3(21, s0w, s0p, b0w);
    out[k++] = h3(22, s0w, b0w, b0p);
    out[k++] = h3(23, s0w, s0p, b0p);
    out[k++] = h3(24, s0p, b0w, b0p);
    out[k++] = h2(25, s0w, b0w);
    out[k++] = h2(26, s0p, b0p);
    out[k++] = h2(27, b0p, b1p);
    out[k++] = h2(28, b0w, b1w);
    // pairs s1-s0
    out[k++] = h4(30, s1w, s1p, s0w, s0p);
    out[k++] = h3(31, s1w, s1p, s0w);
    out[k++] = h3(32, s1w, s0w, s0p);
    out[k++] = h3(33, s1w, s1p, s0p);
    out[k++] = h3(34, s1p, s0w, s0p);
    out[k++] = h2(35, s1w, s0w);
    out[k++] = h2(36, s1p, s0p);
    out[k++] = h3(37, s1p, s0p, b0p);
    out[k++] = h3(38, s1w, s0p, b0p);
    out[k++] = h3(39, s1p, s0w, b0p);
    // tag trigrams
    out[k++] = h3(40, b0p, b1p, b2p);
    out[k++] = h3(41, s0p, b0p, b1p);
    out[k++] = h3(42, s2p, s1p, s0p);
    out[k++] = h3(43, s0p, p(s0L1), b0p);
    out[k++] = h3(44, s0p, p(s0R1), b0p);
    out[k++] = h3(45, s0p, b0p, p(b0L1));
    out[k++] = h3(46, s1p, s0p, p(s0L1));
    out[k++] = h3(47, s1p, p(s1R1), s0p);
    out[k++] = h3(48, s1p, s0p, p(s0R1));
    out[k++] = h3(49, s1p, p(s1L1), s0p);
    out[k++] = h3(50, s0u, b0u, s1u);
    out[k++] = h4(51, s0p, b0p, b1p, b2p);
    // distance
    out[k++] = h2(60, s0w, d0);
    out[k++] = h2(61, s0p, d0);
    out[k++] = h2(62, b0w, d0);
    out[k++] = h2(63, b0p, d0);
    out[k++] = h3(64, s0w, b0w, d0);
    out[k++] = h3(65, s0p, b0p, d0);
    out[k++] = h2(66, s1w, d1);
    out[k++] = h2(67, s1p, d1);
    out[k++] = h2(68, s0w, d1);
    out[k++] = h3(69, s1p, s0p, d1);
    out[k++] = h3(70, s1w, s0w, d1);
    out[k++] = h4(71, s1p, s0p, d1, d0);
    // valency
    out[k++] = h2(80, s0w, s0vr);
    out[k++] = h2(81, s0p, s0vr);
    out[k++] = h2(82, s0w, s0vl);
    out[k++] = h2(83, s0p, s0vl);
    out[k++] = h2(84, b0w, b0vl);
    out[k++] = h2(85, b0p, b0vl);
    out[k++] = h2(86, s1w, s1vr);
    out[k++] = h2(87, s1p, s1vr);
    out[k++] = h2(88, s1p, s1vl);
    // children unigrams
    out[k++] = h1(90, w(s0L1));
    out[k++] = h1(91, p(s0L1));
    out[k++] = h1(92, l(s0L1));
    out[k++] = h1(93, w(s0R1));
    out[k++] = h1(94, p(s0R1));
    out[k++] = h1(95, l(s0R1));
    out[k++] = h1(96, w(b0L1));
    out[k++] = h1(97, p(b0L1));
    out[k++] = h1(98, l(b0L1));
    out[k++] = h1(99, w(s1R1));
    out[k++] = h1(100, p(s1R1));
    out[k++] = h1(101, l(s1R1));
    out[k++] = h2(102, p(s1L1), l(s1L1));
    // third order
    out[k++] = h1(110, w(s0L2));
    out[k++] = h1(111, p(s0L2));
    out[k++] = h1(112, l(s0L2));
    out[k++] = h1(113, w(s0R2));
    out[k++] = h1(114, p(s0R2));
    out[k++] = h1(115, l(s0R2));
    out[k++] = h1(116, w(b0L2));
    out[k++] = h1(117, p(b0L2));
    out[k++] = h1(118, l(b0L2));
    out[k++] = h3(119, s0p, l(s0L1), l(s0L2));
    out[k++] = h3(120, s0p, l(s0R1), l(s0R2));
    out[k++] = h3(121, b0p, l(b0L1), l(b0L2));
    out[k++] = h3(122, s1p, l(s1R1), l(rc2(s1)));
    out[k++] = h3(123, s0p, p(s0L1), p(s0L2));
    out[k++] = h3(124, s0p, p(s0R1), p(s0R2));
    out[k++] = h3(125, b0p, p(b0L1), p(b0L2));
    out[k++] = h3(126, s1p, p(s1R1), p(s1R2));
    out[k++] = h3(127, s0p, l(s0L1), l(s0R1));
    // label sets
    out[k++] = h2(130, s0w, s0sr);
    out[k++] = h2(131, s0p, s0sr);
    out[k++] = h2(132, s0w, s0sl);
    out[k++] = h2(133, s0p, s0sl);
    out[k++] = h2(134, b0w, b0sl);
    out[k++] = h2(135, b0p, b0sl);
    out[k++] = h2(136, s1p, s1sr);
    out[k++] = h3(137, s0p, b0p, s0sl);
    out[k++] = h3(138, s1p, s0p, s0sl);
    // universal tags (more reliable than PTB tags when predicted)
    const b1u = b1 < 0 ? NONE : U[b1]!;
    out[k++] = h1(140, s0u);
    out[k++] = h1(141, b0u);
    out[k++] = h1(142, s1u);
    out[k++] = h2(143, s0u, b0u);
    out[k++] = h2(144, s1u, s0u);
    out[k++] = h3(145, s0w, s0u, b0u);
    out[k++] = h3(146, s0u, b0w, b0u);
    out[k++] = h3(147, s1w, s1u, s0u);
    out[k++] = h3(148, s1u, s0w, s0u);
    out[k++] = h3(149, b0u, b1u, s0u);
    out[k++] = h2(150, inp.S[s0 < 0 ? 0 : s0]!, b0u);
    out[k++] = h2(151, s0u, b0 < 0 ? NONE : inp.S[b0]!);
    out[k++] = h3(152, s0u, b0u, d0);
    out[k++] = h3(153, s1u, s0u, d1);
    // word classes (sets of UPOS seen in training), robust to tagging errors
    const A = inp.A;
    const s0a = s0 < 0 ? NONE : A[s0]!, b0a = b0 < 0 ? NONE : A[b0]!, s1a = s1 < 0 ? NONE : A[s1]!;
    out[k++] = h1(160, s0a);
    out[k++] = h1(161, b0a);
    out[k++] = h1(162, s1a);
    out[k++] = h1(163, b1 < 0 ? NONE : A[b1]!);
    out[k++] = h2(164, s0a, b0a);
    out[k++] = h2(165, s1a, s0a);
    out[k++] = h2(166, s0a, b0p);
    out[k++] = h2(167, s0p, b0a);
    // s1 and b0: the two candidate heads of s0 (RIGHT vs LEFT)
    const d2 = s1 >= 0 && b0 >= 0 ? distBucket(b0 - s1) : 0;
    out[k++] = h2(170, s1p, b0p);
    out[k++] = h3(171, s1p, b0p, d2);
    out[k++] = h2(172, s1w, b0p);
    out[k++] = h2(173, s1p, b0w);
    out[k++] = h3(174, s1u, b0u, s0u);
    return k;
  }

  /** Token in a role in the current configuration, or -1. */
  roleToken(role: Role): number {
    const st = this.state;
    switch (role) {
      case Role.S0: return st.s(0);
      case Role.B0: return st.buf(0);
      case Role.B1: return st.buf(1);
      case Role.B2: return st.buf(2);
      case Role.S1: return st.s(1);
      case Role.S2: return st.s(2);
      case Role.S0L1: { const x = st.s(0); return x < 0 ? -1 : st.lc1[x]!; }
      case Role.S0R1: { const x = st.s(0); return x < 0 ? -1 : st.rc1[x]!; }
      case Role.B0L1: { const x = st.buf(0); return x < 0 ? -1 : st.lc1[x]!; }
      case Role.S1R1: { const x = st.s(1); return x < 0 ? -1 : st.rc1[x]!; }
      case Role.S1L1: { const x = st.s(1); return x < 0 ? -1 : st.lc1[x]!; }
      case Role.S0L2: { const x = st.s(0); return x < 0 ? -1 : st.lc2[x]!; }
      case Role.S0R2: { const x = st.s(0); return x < 0 ? -1 : st.rc2[x]!; }
      case Role.B0L2: { const x = st.buf(0); return x < 0 ? -1 : st.lc2[x]!; }
      default: return -1;
    }
  }

  /**
   * The features token x (-1 = none) brings in a role: exactly the templates of moveFeatures
   * that read nothing but that token (same template ids and arguments).
   */
  roleFeatures(role: Role, x: number, out: Int32Array): number {
    const inp = this.input;
    const w = x < 0 ? NONE : inp.W[x]!;
    const p = x < 0 ? NONE : inp.P[x]!;
    const u = x < 0 ? NONE : inp.U[x]!;
    const a = x < 0 ? NONE : inp.A[x]!;
    const l = x < 0 ? NONE : this.state.labels[x]! + 3;
    let k = 0;
    switch (role) {
      case Role.S0: out[k++] = h2(2, w, p); out[k++] = h1(3, w); out[k++] = h1(4, p); out[k++] = h1(140, u); out[k++] = h1(160, a); break;
      case Role.B0: out[k++] = h2(5, w, p); out[k++] = h1(6, w); out[k++] = h1(7, p); out[k++] = h1(141, u); out[k++] = h1(161, a); break;
      case Role.B1: out[k++] = h2(8, w, p); out[k++] = h1(9, w); out[k++] = h1(10, p); out[k++] = h1(163, a); break;
      case Role.B2: out[k++] = h1(11, w); out[k++] = h1(12, p); break;
      case Role.S1: out[k++] = h2(13, w, p); out[k++] = h1(14, w); out[k++] = h1(15, p); out[k++] = h1(142, u); out[k++] = h1(162, a); break;
      case Role.S2: out[k++] = h1(16, w); out[k++] = h1(17, p); break;
      case Role.S0L1: out[k++] = h1(90, w); out[k++] = h1(91, p); out[k++] = h1(92, l); break;
      case Role.S0R1: out[k++] = h1(93, w); out[k++] = h1(94, p); out[k++] = h1(95, l); break;
      case Role.B0L1: out[k++] = h1(96, w); out[k++] = h1(97, p); out[k++] = h1(98, l); break;
      case Role.S1R1: out[k++] = h1(99, w); out[k++] = h1(100, p); out[k++] = h1(101, l); break;
      case Role.S1L1: out[k++] = h2(102, p, l); break;
      case Role.S0L2: out[k++] = h1(110, w); out[k++] = h1(111, p); out[k++] = h1(112, l); break;
      case Role.S0R2: out[k++] = h1(113, w); out[k++] = h1(114, p); out[k++] = h1(115, l); break;
      case Role.B0L2: out[k++] = h1(116, w); out[k++] = h1(117, p); out[k++] = h1(118, l); break;
    }
    return k;
  }

  /**
   * Move features of the current configuration other than the role features (roleFeatures):
   * first those that read the buffer (b0, b1, b2, b0's children, the s0-b0 distance), then, when
   * withStack, those that read only the stack (s0, s1, s2 and their children) — moveFeatures
   * without the role features, in another order. Returns the total; the buffer part is
   * out[0 .. this.nBufferFeatures).
   */
  restMoveFeatures(out: Int32Array, withStack = true): number {
    const st = this.state;
    const inp = this.input;
    const W = inp.W, P = inp.P, U = inp.U, A = inp.A, S = inp.S;
    const sp = st.sp, stack = st.stack, n = st.n, b = st.b;
    const s0 = sp > 0 ? stack[sp - 1]! : -1, s1 = sp > 1 ? stack[sp - 2]! : -1, s2 = sp > 2 ? stack[sp - 3]! : -1;
    const b0 = b <= n ? b : -1, b1 = b + 1 <= n ? b + 1 : -1, b2 = b + 2 <= n ? b + 2 : -1;
    const lc1 = st.lc1, lc2 = st.lc2, rc1 = st.rc1, rc2 = st.rc2, labels = st.labels;
    const s0w = s0 < 0 ? NONE : W[s0]!, s0p = s0 < 0 ? NONE : P[s0]!;
    const s1w = s1 < 0 ? NONE : W[s1]!, s1p = s1 < 0 ? NONE : P[s1]!;
    const s2p = s2 < 0 ? NONE : P[s2]!;
    const b0w = b0 < 0 ? NONE : W[b0]!, b0p = b0 < 0 ? NONE : P[b0]!;
    const b1w = b1 < 0 ? NONE : W[b1]!, b1p = b1 < 0 ? NONE : P[b1]!;
    const b2p = b2 < 0 ? NONE : P[b2]!;
    const s0u = s0 < 0 ? NONE : U[s0]!, s1u = s1 < 0 ? NONE : U[s1]!, b0u = b0 < 0 ? NONE : U[b0]!;
    const s0L1 = s0 < 0 ? -1 : lc1[s0]!, s0L2 = s0 < 0 ? -1 : lc2[s0]!, s0R1 = s0 < 0 ? -1 : rc1[s0]!, s0R2 = s0 < 0 ? -1 : rc2[s0]!;
    const s1L1 = s1 < 0 ? -1 : lc1[s1]!, s1R1 = s1 < 0 ? -1 : rc1[s1]!, s1R2 = s1 < 0 ? -1 : rc2[s1]!;
    const b0L1 = b0 < 0 ? -1 : lc1[b0]!, b0L2 = b0 < 0 ? -1 : lc2[b0]!;
    const ps0L1 = s0L1 < 0 ? NONE : P[s0L1]!, ps0L2 = s0L2 < 0 ? NONE : P[s0L2]!;
    const ps0R1 = s0R1 < 0 ? NONE : P[s0R1]!, ps0R2 = s0R2 < 0 ? NONE : P[s0R2]!;
    const ps1L1 = s1L1 < 0 ? NONE : P[s1L1]!, ps1R1 = s1R1 < 0 ? NONE : P[s1R1]!, ps1R2 = s1R2 < 0 ? NONE : P[s1R2]!;
    const pb0L1 = b0L1 < 0 ? NONE : P[b0L1]!, pb0L2 = b0L2 < 0 ? NONE : P[b0L2]!;
    const ls0L1 = s0L1 < 0 ? NONE : labels[s0L1]! + 3, ls0L2 = s0L2 < 0 ? NONE : labels[s0L2]! + 3;
    const ls0R1 = s0R1 < 0 ? NONE : labels[s0R1]! + 3, ls0R2 = s0R2 < 0 ? NONE : labels[s0R2]! + 3;
    const ls1R1 = s1R1 < 0 ? NONE : labels[s1R1]! + 3, ls1R2 = s1R2 < 0 ? NONE : labels[s1R2]! + 3;
    const lb0L1 = b0L1 < 0 ? NONE : labels[b0L1]! + 3, lb0L2 = b0L2 < 0 ? NONE : labels[b0L2]! + 3;
    const d0 = s0 >= 0 && b0 >= 0 ? distBucket(b0 - s0) : 0;
    const d1 = s0 >= 0 && s1 >= 0 ? distBucket(s0 - s1) : 0;
    const s0vl = s0 >= 0 ? st.nl[s0]! : -1, s0vr = s0 >= 0 ? st.nr[s0]! : -1;
    const s1vl = s1 >= 0 ? st.nl[s1]! : -1, s1vr = s1 >= 0 ? st.nr[s1]! : -1;
    const b0vl = b0 >= 0 ? st.nl[b0]! : -1;
    const b0sl = b0 >= 0 ? h2(0, st.lsetLo[b0]!, st.lsetHi[b0]!) : NONE;
    const s0sl = s0 >= 0 ? h2(0, st.lsetLo[s0]!, st.lsetHi[s0]!) : NONE;
    let k = 0;
    out[k++] = h1(1, 0);
    out[k++] = h4(20, s0w, s0p, b0w, b0p);
    out[k++] = h3(21, s0w, s0p, b0w);
    out[k++] = h3(22, s0w, b0w, b0p);
    out[k++] = h3(23, s0w, s0p, b0p);
    out[k++] = h3(24, s0p, b0w, b0p);
    out[k++] = h2(25, s0w, b0w);
    out[k++] = h2(26, s0p, b0p);
    out[k++] = h2(27, b0p, b1p);
    out[k++] = h2(28, b0w, b1w);
    out[k++] = h3(37, s1p, s0p, b0p);
    out[k++] = h3(38, s1w, s0p, b0p);
    out[k++] = h3(39, s1p, s0w, b0p);
    out[k++] = h3(40, b0p, b1p, b2p);
    out[k++] = h3(41, s0p, b0p, b1p);
    out[k++] = h3(43, s0p, ps0L1, b0p);
    out[k++] = h3(44, s0p, ps0R1, b0p);
    out[k++] = h3(45, s0p, b0p, pb0L1);
    out[k++] = h3(50, s0u, b0u, s1u);
    out[k++] = h4(51, s0p, b0p, b1p, b2p);
    out[k++] = h2(60, s0w, d0);
    out[k++] = h2(61, s0p, d0);
    out[k++] = h2(62, b0w, d0);
    out[k++] = h2(63, b0p, d0);
    out[k++] = h3(64, s0w, b0w, d0);
    out[k++] = h3(65, s0p, b0p, d0);
    out[k++] = h4(71, s1p, s0p, d1, d0);
    out[k++] = h2(84, b0w, b0vl);
    out[k++] = h2(85, b0p, b0vl);
    out[k++] = h3(121, b0p, lb0L1, lb0L2);
    out[k++] = h3(125, b0p, pb0L1, pb0L2);
    out[k++] = h2(134, b0w, b0sl);
    out[k++] = h2(135, b0p, b0sl);
    out[k++] = h3(137, s0p, b0p, s0sl);
    const b1u = b1 < 0 ? NONE : U[b1]!;
    out[k++] = h2(143, s0u, b0u);
    out[k++] = h3(145, s0w, s0u, b0u);
    out[k++] = h3(146, s0u, b0w, b0u);
    out[k++] = h3(149, b0u, b1u, s0u);
    out[k++] = h2(150, S[s0 < 0 ? 0 : s0]!, b0u);
    out[k++] = h2(151, s0u, b0 < 0 ? NONE : S[b0]!);
    out[k++] = h3(152, s0u, b0u, d0);
    const s0a = s0 < 0 ? NONE : A[s0]!, b0a = b0 < 0 ? NONE : A[b0]!, s1a = s1 < 0 ? NONE : A[s1]!;
    out[k++] = h2(164, s0a, b0a);
    out[k++] = h2(166, s0a, b0p);
    out[k++] = h2(167, s0p, b0a);
    const d2 = s1 >= 0 && b0 >= 0 ? distBucket(b0 - s1) : 0;
    out[k++] = h2(170, s1p, b0p);
    out[k++] = h3(171, s1p, b0p, d2);
    out[k++] = h2(172, s1w, b0p);
    out[k++] = h2(173, s1p, b0w);
    out[k++] = h3(174, s1u, b0u, s0u);
    this.nBufferFeatures = k;
    if (!withStack) return k;
    const s0sr = s0 >= 0 ? h2(0, st.rsetLo[s0]!, st.rsetHi[s0]!) : NONE;
    const s1sr = s1 >= 0 ? h2(0, st.rsetLo[s1]!, st.rsetHi[s1]!) : NONE;
    out[k++] = h4(30, s1w, s1p, s0w, s0p);
    out[k++] = h3(31, s1w, s1p, s0w);
    out[k++] = h3(32, s1w, s0w, s0p);
    out[k++] = h3(33, s1w, s1p, s0p);
    out[k++] = h3(34, s1p, s0w, s0p);
    out[k++] = h2(35, s1w, s0w);
    out[k++] = h2(36, s1p, s0p);
    out[k++] = h3(42, s2p, s1p, s0p);
    out[k++] = h3(46, s1p, s0p, ps0L1);
    out[k++] = h3(47, s1p, ps1R1, s0p);
    out[k++] = h3(48, s1p, s0p, ps0R1);
    out[k++] = h3(49, s1p, ps1L1, s0p);
    out[k++] = h2(66, s1w, d1);
    out[k++] = h2(67, s1p, d1);
    out[k++] = h2(68, s0w, d1);
    out[k++] = h3(69, s1p, s0p, d1);
    out[k++] = h3(70, s1w, s0w, d1);
    out[k++] = h2(80, s0w, s0vr);
    out[k++] = h2(81, s0p, s0vr);
    out[k++] = h2(82, s0w, s0vl);
    out[k++] = h2(83, s0p, s0vl);
    out[k++] = h2(86, s1w, s1vr);
    out[k++] = h2(87, s1p, s1vr);
    out[k++] = h2(88, s1p, s1vl);
    out[k++] = h3(119, s0p, ls0L1, ls0L2);
    out[k++] = h3(120, s0p, ls0R1, ls0R2);
    out[k++] = h3(122, s1p, ls1R1, ls1R2);
    out[k++] = h3(123, s0p, ps0L1, ps0L2);
    out[k++] = h3(124, s0p, ps0R1, ps0R2);
    out[k++] = h3(126, s1p, ps1R1, ps1R2);
    out[k++] = h3(127, s0p, ls0L1, ls0R1);
    out[k++] = h2(130, s0w, s0sr);
    out[k++] = h2(131, s0p, s0sr);
    out[k++] = h2(132, s0w, s0sl);
    out[k++] = h2(133, s0p, s0sl);
    out[k++] = h2(136, s1p, s1sr);
    out[k++] = h3(138, s1p, s0p, s0sl);
    out[k++] = h2(144, s1u, s0u);
    out[k++] = h3(147, s1w, s1u, s0u);
    out[k++] = h3(148, s1u, s0w, s0u);
    out[k++] = h3(153, s1u, s0u, d1);
    out[k++] = h2(165, s1a, s0a);
    return k;
  }

  /**
   * Move scores of the current configuration into sc (int8 packed move table): the same values
   * as moves.score(moveFeatures) — integer sums of the same weights, grouped differently — with
   * the role features' sums taken from the per-sentence cache.
   */
  scoreMoves(sc: Float32Array): void {
    const acc = this.macc;
    acc.fill(0);
    // stack part: the same stack (tokens and their numbers of children) as in an earlier
    // configuration of the sentence has the same stack features (after LEFT pops the token
    // SHIFT pushed, ~30% of configurations), so their sums are memoised by that signature
    const st = this.state;
    const sp = st.sp;
    const s0 = st.stack[sp - 1]!;
    const s1 = sp > 1 ? st.stack[sp - 2]! : -1;
    const s2 = sp > 2 ? st.stack[sp - 3]! : -1;
    const nl0 = st.nl[s0]!, nr0 = st.nr[s0]!;
    const nl1 = s1 >= 0 ? st.nl[s1]! : 0, nr1 = s1 >= 0 ? st.nr[s1]! : 0;
    let h = Math.imul(s0 + 1, 0x9e3779b1) ^ Math.imul(s1 + 2, 0x85ebca6b) ^ Math.imul(s2 + 3, 0xc2b2ae35);
    h ^= Math.imul(nl0 + 31 * nr0 + 961 * nl1 + 29791 * nr1, 0x27d4eb2f);
    h = (h ^ (h >>> 15)) & (Parser.STACK_MEMO - 1);
    const sig = this.stackSig;
    const o = h * 8;
    const hit = sig[o + 7] === this.gen && sig[o] === s0 && sig[o + 1] === s1 && sig[o + 2] === s2 && sig[o + 3] === nl0 && sig[o + 4] === nr0 && sig[o + 5] === nl1 && sig[o + 6] === nr1;
    const k = this.restMoveFeatures(this.mfeats, !hit);
    const kb = this.nBufferFeatures;
    this.moves.addPacked(this.mfeats, kb, acc);
    const memo = this.stackSums;
    if (!hit) {
      const ra = this.racc;
      ra.fill(0);
      this.moves.addPacked(this.mfeats, k, ra, kb);
      sig[o] = s0;
      sig[o + 1] = s1;
      sig[o + 2] = s2;
      sig[o + 3] = nl0;
      sig[o + 4] = nr0;
      sig[o + 5] = nl1;
      sig[o + 6] = nr1;
      sig[o + 7] = this.gen;
      memo[h * 3] = ra[0]!;
      memo[h * 3 + 1] = ra[1]!;
      memo[h * 3 + 2] = ra[2]!;
    }
    acc[0]! += memo[h * 3]!;
    acc[1]! += memo[h * 3 + 1]!;
    acc[2]! += memo[h * 3 + 2]!;
    const sums = this.roleSums;
    const stamp = this.roleStamp;
    const cap = this.roleCap;
    const gen = this.gen;
    for (let r = 0; r < Role.Count; r++) {
      const x = this.roleToken(r);
      const slot = r * cap + x + 1;
      const o = slot * 4;
      if (stamp[slot] !== gen) {
        const ra = this.racc;
        ra.fill(0);
        this.moves.addPacked(this.rfeats, this.roleFeatures(r, x, this.rfeats), ra);
        sums[o] = ra[0]!;
        sums[o + 1] = ra[1]!;
        sums[o + 2] = ra[2]!;
        stamp[slot] = gen;
      }
      acc[0]! += sums[o]!;
      acc[1]! += sums[o + 1]!;
      acc[2]! += sums[o + 2]!;
    }
    const q = this.moves.quantScale;
    sc[0] = acc[0]! * q;
    sc[1] = acc[1]! * q;
    sc[2] = acc[2]! * q;
  }

  /** Start a sentence of n words (after input.set and state.reset): invalidates the role cache. */
  beginSentence(n: number): void {
    if (n + 2 > this.roleCap) {
      let cap = this.roleCap;
      while (cap < n + 2) cap *= 2;
      this.roleCap = cap;
      this.roleSums = new Int32Array(Role.Count * cap * 4);
      this.roleStamp = new Int32Array(Role.Count * cap);
      this.stackSig.fill(0);
      this.gen = 0;
    }
    this.gen++;
    if (this.gen === 0x7fffffff) {
      this.roleStamp.fill(0);
      this.stackSig.fill(0);
      this.gen = 1;
    }
  }

  /**
   * Features for labelling an arc head h -> dependent d made by `move`. Scoring them over the
   * label candidates is a sixth of parsing time, so templates whose removal changed no more
   * labels right than wrong on dev (the head word with the dependent tag and vice versa, the
   * dependent's right children, valency and suffix with the head tag, the right-context tag
   * pairs) were dropped: same dev label accuracy, ~10% faster parsing of EWT dev. Richer label
   * templates (the token after the dependent's subtree, the head's likely head, label sets with
   * both tags) did not change the label accuracy either.
   */
  labelFeatures(move: number, h: number, d: number, out: Int32Array): number {
    const st = this.state;
    const inp = this.input;
    const W = inp.W, P = inp.P, U = inp.U, S = inp.S;
    const n = inp.n;
    const w = (x: number): number => (x < 0 ? NONE : W[x]!);
    const p = (x: number): number => (x < 0 || x > n ? NONE : P[x]!);
    const l = (x: number): number => (x < 0 ? NONE : st.labels[x]! + 3);
    const dir = move;
    const hw = W[h]!, hp = P[h]!, dw = W[d]!, dp = P[d]!;
    const dist = distBucket(Math.abs(h - d));
    const dL1 = st.lc1[d]!;
    const hL1 = st.lc1[h]!, hR1 = st.rc1[h]!;
    const dsl = h2(0, st.lsetLo[d]!, st.lsetHi[d]!);
    let k = 0;
    out[k++] = h1(1, dir);
    out[k++] = h2(2, dir, dw);
    out[k++] = h2(3, dir, dp);
    out[k++] = h2(4, dir, U[d]!);
    out[k++] = h3(5, dir, dw, dp);
    out[k++] = h2(6, dir, hw);
    out[k++] = h2(7, dir, hp);
    out[k++] = h3(8, dir, hw, hp);
    out[k++] = h3(9, dir, hp, dp);
    out[k++] = h3(12, dir, hw, dw);
    out[k++] = h4(13, dir, hp, dp, dist);
    out[k++] = h3(14, dir, U[h]!, U[d]!);
    out[k++] = h2(15, dir, S[d]!);
    // dependent's children (complete)
    out[k++] = h3(20, dir, dp, l(dL1));
    out[k++] = h3(22, dir, dp, p(dL1));
    out[k++] = h3(24, dir, dp, dsl);
    out[k++] = h3(26, dir, dw, dsl);
    out[k++] = h3(28, dir, w(dL1), dp);
    // head's other children so far
    out[k++] = h3(30, dir, hp, l(hL1));
    out[k++] = h3(31, dir, hp, l(hR1));
    out[k++] = h3(33, dir, hw, l(dir === LEFT ? hL1 : hR1));
    // context
    out[k++] = h3(40, dir, dp, p(d - 1));
    out[k++] = h3(43, dir, hp, p(h + 1));
    out[k++] = h3(44, dir, hp, p(h - 1));
    out[k++] = h2(46, dir, h === 0 ? 1 : 0);
    out[k++] = h3(47, dir, d === 1 ? 1 : 0, dp);
    return k;
  }

  static labelCandKey(move: number, depTag: number): number {
    return h2(0x77, move, depTag);
  }

  bestLabel(move: number, h: number, d: number): number {
    const cand = this.labelCands.get(Parser.labelCandKey(move, this.input.P[d]!));
    if (cand && cand.length === 1) return cand[0]!;
    const k = this.labelFeatures(move, h, d, this.lfeats);
    const sc = this.lscores;
    if (cand) {
      this.arcs.scoreSubset(this.lfeats, k, cand, sc);
      let best = cand[0]!;
      for (let j = 1; j < cand.length; j++) if (sc[cand[j]!]! > sc[best]!) best = cand[j]!;
      return best;
    }
    this.arcs.score(this.lfeats, k, sc);
    let best = 0;
    for (let c = 1; c < sc.length; c++) if (sc[c]! > sc[best]!) best = c;
    return best;
  }

  /** Parse one sentence; heads 1-based (0 = root). */
  parse(words: readonly string[], upos: readonly string[], xpos: readonly string[]): { heads: Int32Array; deprels: string[] } {
    const n = words.length;
    const st = this.state;
    this.input.set(words, upos, xpos);
    st.reset(n);
    this.beginSentence(n);
    const sc = this.mscores;
    const fast = this.moves.isPacked && N_MOVES === 3;
    while (!st.terminal()) {
      let best = -1;
      let nValid = 0;
      for (let m = 0; m < N_MOVES; m++) {
        if (st.valid(m)) {
          nValid++;
          best = m;
        }
      }
      // forced moves (only the root on the stack, or an empty buffer) need no scoring
      if (nValid > 1) {
        if (fast) this.scoreMoves(sc);
        else this.moves.score(this.mfeats, this.moveFeatures(this.mfeats), sc);
        best = -1;
        for (let m = 0; m < N_MOVES; m++) {
          if (st.valid(m) && (best < 0 || sc[m]! > sc[best]!)) best = m;
        }
      }
      let label = 0;
      if (best !== SHIFT) {
        const [h, d] = st.arcOf(best);
        label = this.bestLabel(best, h, d);
      }
      st.apply(best, label);
    }
    const heads = new Int32Array(n);
    const deprels = new Array<string>(n);
    for (let i = 1; i <= n; i++) {
      heads[i - 1] = st.heads[i]!;
      deprels[i - 1] = this.labels[st.labels[i]!]!;
    }
    return { heads, deprels };
  }
}

export { LEFT, RIGHT, SHIFT };
