/**
 * Arc-hybrid transition system (Kuhlmann et al. 2011) with the dynamic oracle of
 * Goldberg & Nivre (2013). The root (index 0) sits at the bottom of the stack and
 * may only take its (single) child once the buffer is empty.
 *
 * Transitions: SHIFT moves b0 onto the stack; LEFT attaches s0 to b0 and pops;
 * RIGHT attaches s0 to s1 and pops.
 */
export const SHIFT = 0;
export const LEFT = 1;
export const RIGHT = 2;
export const N_MOVES = 3;

/** Parser configuration, reusable across sentences (grows as needed). */
export class State {
  n = 0;
  stack = new Int32Array(256);
  sp = 0;
  /** front of the buffer (1..n; > n means empty) */
  b = 1;
  heads = new Int32Array(257);
  labels = new Int32Array(257);
  /** leftmost / second leftmost / rightmost / second rightmost child, -1 = none */
  lc1 = new Int32Array(257);
  lc2 = new Int32Array(257);
  rc1 = new Int32Array(257);
  rc2 = new Int32Array(257);
  nl = new Int32Array(257);
  nr = new Int32Array(257);
  /** label bit sets of left / right children (labels 0..30 low word, rest folded in high word) */
  lsetLo = new Int32Array(257);
  lsetHi = new Int32Array(257);
  rsetLo = new Int32Array(257);
  rsetHi = new Int32Array(257);

  reset(n: number): void {
    if (n + 1 > this.heads.length) {
      const m = Math.max(n + 1, this.heads.length * 2);
      this.stack = new Int32Array(m);
      this.heads = new Int32Array(m);
      this.labels = new Int32Array(m);
      this.lc1 = new Int32Array(m);
      this.lc2 = new Int32Array(m);
      this.rc1 = new Int32Array(m);
      this.rc2 = new Int32Array(m);
      this.nl = new Int32Array(m);
      this.nr = new Int32Array(m);
      this.lsetLo = new Int32Array(m);
      this.lsetHi = new Int32Array(m);
      this.rsetLo = new Int32Array(m);
      this.rsetHi = new Int32Array(m);
    }
    this.n = n;
    this.sp = 1;
    this.stack[0] = 0;
    this.b = 1;
    const k = n + 1;
    this.heads.fill(-1, 0, k);
    this.labels.fill(-1, 0, k);
    this.lc1.fill(-1, 0, k);
    this.lc2.fill(-1, 0, k);
    this.rc1.fill(-1, 0, k);
    this.rc2.fill(-1, 0, k);
    this.nl.fill(0, 0, k);
    this.nr.fill(0, 0, k);
    this.lsetLo.fill(0, 0, k);
    this.lsetHi.fill(0, 0, k);
    this.rsetLo.fill(0, 0, k);
    this.rsetHi.fill(0, 0, k);
  }

  terminal(): boolean {
    return this.b > this.n && this.sp === 1;
  }

  canShift(): boolean {
    return this.b <= this.n;
  }
  canLeft(): boolean {
    return this.sp >= 2 && this.b <= this.n;
  }
  canRight(): boolean {
    return this.sp >= 3 || (this.sp === 2 && this.b > this.n);
  }
  valid(move: number): boolean {
    return move === SHIFT ? this.canShift() : move === LEFT ? this.canLeft() : this.canRight();
  }

  /** s_i (0 = top) or -1. */
  s(i: number): number {
    return i < this.sp ? this.stack[this.sp - 1 - i]! : -1;
  }
  /** b_i or -1. */
  buf(i: number): number {
    const x = this.b + i;
    return x <= this.n ? x : -1;
  }

  private attach(h: number, d: number, label: number): void {
    this.heads[d] = h;
    this.labels[d] = label;
    const bitLo = label < 31 ? 1 << label : 0;
    const bitHi = label >= 31 ? 1 << (label - 31) % 31 : 0;
    if (d < h) {
      if (this.lc1[h]! === -1 || d < this.lc1[h]!) {
        this.lc2[h] = this.lc1[h]!;
        this.lc1[h] = d;
      } else if (this.lc2[h]! === -1 || d < this.lc2[h]!) this.lc2[h] = d;
      this.nl[h]!++;
      this.lsetLo[h]! |= bitLo;
      this.lsetHi[h]! |= bitHi;
    } else {
      if (this.rc1[h]! === -1 || d > this.rc1[h]!) {
        this.rc2[h] = this.rc1[h]!;
        this.rc1[h] = d;
      } else if (this.rc2[h]! === -1 || d > this.rc2[h]!) this.rc2[h] = d;
      this.nr[h]!++;
      this.rsetLo[h]! |= bitLo;
      this.rsetHi[h]! |= bitHi;
    }
  }

  /** Head and dependent an arc move would create: [head, dep]. */
  arcOf(move: number): [number, number] {
    const s0 = this.stack[this.sp - 1]!;
    return move === LEFT ? [this.b, s0] : [this.stack[this.sp - 2]!, s0];
  }

  apply(move: number, label: number): void {
    if (move === SHIFT) {
      this.stack[this.sp++] = this.b++;
    } else if (move === LEFT) {
      const s0 = this.stack[--this.sp]!;
      this.attach(this.b, s0, label);
    } else {
      const s0 = this.stack[--this.sp]!;
      this.attach(this.stack[this.sp - 1]!, s0, label);
    }
  }

  /** Dynamic-oracle cost of a valid move given (projective) gold heads gh (index 1..n). */
  cost(move: number, gh: Int32Array): number {
    const n = this.n;
    const b = this.b;
    if (move === SHIFT) {
      const b0 = b;
      let c = 0;
      const g = gh[b0]!;
      for (let i = 0; i < this.sp; i++) {
        const d = this.stack[i]!;
        if (d !== 0 && gh[d] === b0) c++;
        if (g === d && i !== this.sp - 1) c++;
      }
      return c;
    }
    const s0 = this.stack[this.sp - 1]!;
    let c = 0;
    for (let d = b; d <= n; d++) if (gh[d] === s0) c++;
    const g = gh[s0]!;
    if (move === LEFT) {
      const s1 = this.stack[this.sp - 2]!;
      if (g !== b && (g === s1 || g > b)) c++;
    } else {
      if (g >= b && b <= n) c++;
    }
    return c;
  }
}

/**
 * Lift non-projective arcs (head := grandparent) until the tree is projective.
 * heads: 1-based gold heads, index 0 unused. Returns a new array.
 */
export function projectivize(heads: Int32Array): Int32Array {
  const h = Int32Array.from(heads);
  const n = h.length - 1;
  const dominates = (a: number, x: number): boolean => {
    let y = x;
    let guard = 0;
    while (y !== 0 && guard++ <= n) {
      if (y === a) return true;
      y = h[y]!;
    }
    return a === 0;
  };
  for (let iter = 0; iter < n * n; iter++) {
    let best = -1;
    let bestLen = Infinity;
    for (let d = 1; d <= n; d++) {
      const hd = h[d]!;
      const lo = Math.min(hd, d);
      const hi = Math.max(hd, d);
      if (hi - lo >= bestLen) continue;
      for (let k = lo + 1; k < hi; k++) {
        if (!dominates(hd, k)) {
          best = d;
          bestLen = hi - lo;
          break;
        }
      }
    }
    if (best < 0) break;
    h[best] = h[h[best]!]!;
  }
  return h;
}
