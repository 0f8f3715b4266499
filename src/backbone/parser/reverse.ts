/**
 * Right-to-left parsing: the sentence reversed (word i of n becomes word n + 1 - i, heads mapped
 * alike, 0 = root stays). A parser trained on reversed trees makes different errors from a
 * left-to-right one, which makes it a diverse member for tri-training (silver.ts).
 */
import type { Sentence } from "../conllu.js";
import type { Parser } from "./model.js";

const flip = (h: number, n: number): number => (h === 0 ? 0 : n + 1 - h);

export function reverseSentence(s: Sentence): Sentence {
  const n = s.words.length;
  const heads = new Int32Array(n);
  for (let i = 0; i < n; i++) heads[n - 1 - i] = flip(s.heads[i]!, n);
  const r = <T>(a: T[]): T[] => a.slice().reverse();
  return {
    comments: s.comments,
    words: r(s.words),
    lemmas: r(s.lemmas),
    upos: r(s.upos),
    xpos: r(s.xpos),
    feats: r(s.feats),
    heads,
    deprels: r(s.deprels),
    deps: r(s.deps),
    misc: r(s.misc),
    multiwords: [],
  };
}

/** Parse with a right-to-left parser: input reversed, output mapped back to left-to-right order. */
export function parseReversed(p: Parser, words: readonly string[], upos: readonly string[], xpos: readonly string[]): { heads: Int32Array; deprels: string[] } {
  const n = words.length;
  const out = p.parse(words.slice().reverse(), upos.slice().reverse(), xpos.slice().reverse());
  const heads = new Int32Array(n);
  const deprels = new Array<string>(n);
  for (let i = 0; i < n; i++) {
    heads[n - 1 - i] = flip(out.heads[i]!, n);
    deprels[n - 1 - i] = out.deprels[i]!;
  }
  return { heads, deprels };
}
