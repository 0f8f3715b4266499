import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parseConllu } from "../conllu.js";
import { mulberry32 } from "../features/hash.js";
import { loadParser, loadTagger } from "../model-io.js";
import { repoRoot } from "../paths.js";
import { N_MOVES, SHIFT } from "./system.js";
import { Role } from "./model.js";

/**
 * Inference scores moves from the role features (cached per token) plus the rest
 * (restMoveFeatures); training and the reference use moveFeatures. On every configuration met
 * while parsing real sentences, greedily and along random move sequences, both must see the same
 * feature keys and give bit-identical scores.
 */
test("cached role features + the rest = moveFeatures, with identical move scores", () => {
  const root = repoRoot();
  const sample = parseConllu(readFileSync(join(root, "src", "backbone", "testdata", "ewt-dev-sample.conllu"), "utf8")).slice(0, 25);
  const tagger = loadTagger(join(root, "models", "tagger.bin.gz"));
  const parser = loadParser(join(root, "models", "parser.bin.gz"));
  assert.ok(parser.moves.isPacked);
  const rand = mulberry32(3);
  const all = new Int32Array(256);
  const part = new Int32Array(256);
  const ref = new Float32Array(N_MOVES);
  const fast = new Float32Array(N_MOVES);
  let configurations = 0;
  for (const s of sample) {
    const { upos, xpos } = tagger.tag(s.words);
    for (const randomWalk of [false, true]) {
      const st = parser.state;
      parser.input.set(s.words, upos, xpos);
      st.reset(s.words.length);
      parser.beginSentence(s.words.length);
      while (!st.terminal()) {
        const valid = [0, 1, 2].filter((m) => st.valid(m));
        const nAll = parser.moveFeatures(all);
        parser.moves.score(all, nAll, ref);
        parser.scoreMoves(fast);
        assert.deepEqual(fast, ref);
        let n = parser.restMoveFeatures(part);
        for (let r = 0; r < Role.Count; r++) n += parser.roleFeatures(r, parser.roleToken(r), part.subarray(n));
        assert.deepEqual([...part.subarray(0, n)].sort(), [...all.subarray(0, nAll)].sort());
        configurations++;
        let move = valid[0]!;
        if (randomWalk) move = valid[Math.floor(rand() * valid.length)]!;
        else for (const m of valid) if (ref[m]! > ref[move]!) move = m;
        const label = move === SHIFT ? 0 : parser.bestLabel(move, ...st.arcOf(move));
        st.apply(move, label);
      }
    }
  }
  assert.ok(configurations > 1000);
});
