import { hashString } from "./hash.js";

/** Word shape: X/x/d for upper/lower/digit, other chars kept; runs capped at 3. */
export function wordShape(w: string): string {
  let out = "";
  let last = "";
  let run = 0;
  for (let i = 0; i < w.length && i < 40; i++) {
    const ch = w[i]!;
    let c: string;
    if (ch >= "a" && ch <= "z") c = "x";
    else if (ch >= "A" && ch <= "Z") c = "X";
    else if (ch >= "0" && ch <= "9") c = "d";
    else {
      const lo = ch.toLowerCase();
      const up = ch.toUpperCase();
      c = lo !== up ? (ch === lo ? "x" : "X") : ch;
    }
    if (c === last) {
      run++;
      if (run > 3) continue;
    } else {
      run = 1;
      last = c;
    }
    out += c;
  }
  return out;
}

/** Short shape: runs collapsed to one character. */
export function shortShape(shape: string): string {
  let out = "";
  let last = "";
  for (const c of shape) {
    if (c !== last) out += c;
    last = c;
  }
  return out;
}

/** Per-word string features, hashed once and cached by the caller. */
export const enum WF {
  Word = 0,
  Lower,
  Pre1,
  Pre2,
  Pre3,
  Pre4,
  Suf1,
  Suf2,
  Suf3,
  Suf4,
  Shape,
  Short,
  Flags,
  Size,
}

export function wordFeatures(w: string): Int32Array {
  const f = new Int32Array(WF.Size);
  const lw = w.toLowerCase();
  f[WF.Word] = hashString(w);
  f[WF.Lower] = hashString(lw);
  const L = lw.length;
  f[WF.Pre1] = hashString(lw.slice(0, 1));
  f[WF.Pre2] = L >= 2 ? hashString(lw.slice(0, 2)) : 1;
  f[WF.Pre3] = L >= 3 ? hashString(lw.slice(0, 3)) : 1;
  f[WF.Pre4] = L >= 4 ? hashString(lw.slice(0, 4)) : 1;
  f[WF.Suf1] = hashString(lw.slice(-1));
  f[WF.Suf2] = L >= 2 ? hashString(lw.slice(-2)) : 1;
  f[WF.Suf3] = L >= 3 ? hashString(lw.slice(-3)) : 1;
  f[WF.Suf4] = L >= 4 ? hashString(lw.slice(-4)) : 1;
  const shape = wordShape(w);
  f[WF.Shape] = hashString(shape);
  f[WF.Short] = hashString(shortShape(shape));
  let flags = 0;
  if (w.includes("-")) flags |= 1;
  if (/\d/.test(w)) flags |= 2;
  if (w.length > 0 && w[0] !== w[0]!.toLowerCase()) flags |= 4;
  if (w.length > 1 && w === w.toUpperCase() && w !== lw) flags |= 8;
  if (/^[^\p{L}\p{N}]+$/u.test(w)) flags |= 16;
  if (/[@/]|^www\.|\.(com|org|net)$/i.test(w)) flags |= 32;
  f[WF.Flags] = flags + 7;
  return f;
}

/** Bounded cache of per-word features. */
export class WordFeatureCache {
  private map = new Map<string, Int32Array>();
  constructor(private readonly limit = 200_000) {}
  get(w: string): Int32Array {
    let f = this.map.get(w);
    if (!f) {
      if (this.map.size >= this.limit) this.map.clear();
      f = wordFeatures(w);
      this.map.set(w, f);
    }
    return f;
  }
}
