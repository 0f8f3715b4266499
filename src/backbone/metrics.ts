/** CoNLL 2018-style scores over syntactic words (punctuation included). */
import type { Sentence } from "./conllu.js";

export interface Scores {
  words: number;
  upos: number;
  xpos: number;
  uas: number;
  /** head + universal deprel (subtype after ':' stripped) */
  las: number;
  /** head + full deprel */
  lasFull: number;
}

export interface Prediction {
  upos?: string[];
  xpos?: string[];
  heads?: Int32Array;
  deprels?: string[];
}

const univ = (d: string): string => {
  const k = d.indexOf(":");
  return k < 0 ? d : d.slice(0, k);
};

export function score(gold: Sentence[], pred: Prediction[]): Scores {
  let n = 0, up = 0, xp = 0, ua = 0, la = 0, lf = 0;
  for (let s = 0; s < gold.length; s++) {
    const g = gold[s]!;
    const p = pred[s]!;
    for (let i = 0; i < g.words.length; i++) {
      n++;
      if (p.upos && p.upos[i] === g.upos[i]) up++;
      if (p.xpos && p.xpos[i] === g.xpos[i]) xp++;
      if (p.heads && p.heads[i] === g.heads[i]) {
        ua++;
        if (p.deprels && univ(p.deprels[i]!) === univ(g.deprels[i]!)) la++;
        if (p.deprels && p.deprels[i] === g.deprels[i]) lf++;
      }
    }
  }
  const pct = (x: number): number => (n === 0 ? 0 : Math.round((10000 * x) / n) / 100);
  return { words: n, upos: pct(up), xpos: pct(xp), uas: pct(ua), las: pct(la), lasFull: pct(lf) };
}
