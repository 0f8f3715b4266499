import { test } from "node:test";
import assert from "node:assert/strict";
import type { Sentence } from "../conllu.js";
import { reverseSentence } from "./reverse.js";

const sent = (words: string[], heads: number[], deprels: string[]): Sentence => {
  const f = (): string[] => words.map(() => "_");
  return { comments: [], words, lemmas: f(), upos: f(), xpos: f(), feats: f(), heads: Int32Array.from(heads), deprels, deps: f(), misc: f(), multiwords: [] };
};

test("reverseSentence maps heads to the mirrored positions and back", () => {
  const s = sent(["I", "know", "it", "."], [2, 0, 2, 2], ["nsubj", "root", "obj", "punct"]);
  const r = reverseSentence(s);
  assert.deepEqual(r.words, [".", "it", "know", "I"]);
  assert.deepEqual([...r.heads], [3, 3, 0, 3]);
  assert.deepEqual(r.deprels, ["punct", "obj", "root", "nsubj"]);
  const back = reverseSentence(r);
  assert.deepEqual([...back.heads], [...s.heads]);
  assert.deepEqual(back.words, s.words);
});
