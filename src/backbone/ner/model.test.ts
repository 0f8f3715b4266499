import { test } from "node:test";
import assert from "node:assert/strict";
import { extractFeatures, FeatureScratch } from "./features.js";
import { decodeModel, encodeModel, NerModel } from "./model.js";
import type { NerSentence } from "./data.js";
import { IntMap } from "./util.js";
import type { WordStats } from "./clusters.js";

const emptyStats = (): WordStats => ({ clusters: new IntMap(), caps: new IntMap(), propn: new IntMap() });

function sent(text: string, spans: [number, number, string][]): NerSentence {
  return { words: text.split(" "), spans: spans.map(([start, end, type]) => ({ start, end, type })), doc: "t" };
}

const TRAIN: NerSentence[] = [
  sent("John Smith visited Paris yesterday .", [[0, 2, "PERSON"], [3, 4, "LOC"]]),
  sent("Mary Jones works for Acme Corp in London .", [[0, 2, "PERSON"], [4, 6, "ORG"], [7, 8, "LOC"]]),
  sent("The French minister met Ahmed al-Tayeb .", [[1, 2, "NORP"], [4, 6, "PERSON"]]),
  sent("Acme Corp said profits rose .", [[0, 2, "ORG"]]),
  sent("it rained in London and Paris .", [[3, 4, "LOC"], [5, 6, "LOC"]]),
  sent("nothing to see here .", []),
];

function train(scheme: "BIO" | "BILOU", epochs: number): NerModel {
  const m = new NerModel(scheme, emptyStats(), true);
  const sc = new FeatureScratch();
  const data = TRAIN.map((s) => {
    extractFeatures(s.words, m.stats, sc);
    return { s, gold: m.tags.encode(s.words.length, s.spans), feats: sc.feats.slice(), nf: sc.nf.slice() };
  });
  let clock = 1;
  for (let e = 0; e < epochs; e++) for (const d of data) m.trainStep(d.s.words, d.gold, d.feats, d.nf, clock++);
  m.finishTraining(clock);
  return m;
}

test("the learner fits a tiny hand-built training set", () => {
  for (const scheme of ["BIO", "BILOU"] as const) {
    const m = train(scheme, 10);
    for (const s of TRAIN) assert.deepEqual(m.predictSpans(s.words), s.spans, `${scheme}: ${s.words.join(" ")}`);
  }
});

test("save / load round trip keeps predictions", () => {
  const m = train("BILOU", 10);
  const buf = encodeModel(m);
  const m2 = decodeModel(buf);
  const probes = [...TRAIN.map((s) => s.words), "Smith met Jones in Paris".split(" "), "Acme Corp hired Mary".split(" "), [] as string[]];
  for (const w of probes) assert.deepEqual(m2.predictSpans(w), m.predictSpans(w));
  // encoding the loaded model again is byte-identical
  assert.deepEqual(encodeModel(m2), buf);
});

test("empty sentence and long sentence decode", () => {
  const m = train("BILOU", 3);
  assert.deepEqual(m.predictSpans([]), []);
  const long = Array.from({ length: 300 }, (_, i) => (i % 7 === 0 ? "Paris" : "word"));
  const spans = m.predictSpans(long);
  for (const s of spans) assert.ok(s.start >= 0 && s.end <= 300 && s.start < s.end);
});

test("typeSpans types exactly the candidate spans and leaves every other token O", () => {
  for (const scheme of ["BIO", "BILOU"] as const) {
    const m = train(scheme, 10);
    const words = "Mary Jones works for Acme Corp in London .".split(" ");
    // the full candidates get the learned types
    assert.deepEqual(m.typeSpans(words, [{ start: 0, end: 2 }, { start: 4, end: 6 }, { start: 7, end: 8 }]), [
      { start: 0, end: 2, type: "PERSON" },
      { start: 4, end: 6, type: "ORG" },
      { start: 7, end: 8, type: "LOC" },
    ]);
    // without candidates nothing is an entity, although the free decoder finds three
    assert.equal(m.predictSpans(words).length, 3);
    assert.deepEqual(m.typeSpans(words, []), []);
    // a candidate covering "works for" is typed only when the O penalty forces it
    assert.deepEqual(m.typeSpans(words, [{ start: 2, end: 4 }]), []);
    const forced = m.typeSpans(words, [{ start: 2, end: 4 }], 1e6);
    assert.equal(forced.length, 1);
    assert.deepEqual([forced[0]!.start, forced[0]!.end], [2, 4]);
  }
});
