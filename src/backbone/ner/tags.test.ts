import { test } from "node:test";
import assert from "node:assert/strict";
import { spansToTags, tagsToSpans, TagSet } from "./tags.js";

test("BIO and BILOU encode / decode round trip", () => {
  const spans = [
    { start: 0, end: 2, type: "PERSON" },
    { start: 2, end: 3, type: "PERSON" },
    { start: 4, end: 7, type: "ORG" },
  ];
  assert.deepEqual(spansToTags(8, spans, "BIO"), ["B-PERSON", "I-PERSON", "B-PERSON", "O", "B-ORG", "I-ORG", "I-ORG", "O"]);
  assert.deepEqual(spansToTags(8, spans, "BILOU"), ["B-PERSON", "L-PERSON", "U-PERSON", "O", "B-ORG", "I-ORG", "L-ORG", "O"]);
  for (const scheme of ["BIO", "BILOU"] as const) {
    const ts = new TagSet(scheme);
    assert.deepEqual(ts.decode(ts.encode(8, spans)), spans);
  }
});

test("tolerant decoding of invalid sequences", () => {
  // I- without B- opens a span (IOB1 style)
  assert.deepEqual(tagsToSpans(["I-LOC", "I-LOC", "O"]), [{ start: 0, end: 2, type: "LOC" }]);
  // type change inside a span splits it
  assert.deepEqual(tagsToSpans(["B-ORG", "I-PER", "I-PER"]), [
    { start: 0, end: 1, type: "ORG" },
    { start: 1, end: 3, type: "PER" },
  ]);
  // IOB1: B- between adjacent same-type entities
  assert.deepEqual(tagsToSpans(["I-PER", "B-PER"]), [
    { start: 0, end: 1, type: "PER" },
    { start: 1, end: 2, type: "PER" },
  ]);
  // BILOU: span left open at the end of the sentence is closed; L- closes; U- is a single token
  assert.deepEqual(tagsToSpans(["B-ORG", "I-ORG"]), [{ start: 0, end: 2, type: "ORG" }]);
  assert.deepEqual(tagsToSpans(["U-LOC", "L-LOC", "U-NORP"]), [
    { start: 0, end: 1, type: "LOC" },
    { start: 1, end: 2, type: "LOC" },
    { start: 2, end: 3, type: "NORP" },
  ]);
  assert.deepEqual(tagsToSpans(["B-PER", "L-PER", "L-PER"]), [
    { start: 0, end: 2, type: "PER" },
    { start: 2, end: 3, type: "PER" },
  ]);
  assert.deepEqual(tagsToSpans([]), []);
  assert.deepEqual(tagsToSpans(["O", "X", "B-"]), []);
});

test("BILOU transition constraints", () => {
  const ts = new TagSet("BILOU");
  const T = ts.size;
  const ix = (n: string): number => ts.index.get(n)!;
  const ok = (a: string | null, b: string): boolean => ts.allowed[(a === null ? T : ix(a)) * T + ix(b)] === 1;
  assert.equal(ok(null, "I-ORG"), false);
  assert.equal(ok(null, "B-ORG"), true);
  assert.equal(ok("B-ORG", "L-ORG"), true);
  assert.equal(ok("B-ORG", "L-PERSON"), false);
  assert.equal(ok("B-ORG", "O"), false);
  assert.equal(ok("L-ORG", "U-PERSON"), true);
  assert.equal(ok("U-ORG", "I-ORG"), false);
  assert.equal(ts.allowedEnd[ix("B-ORG")], 0);
  assert.equal(ts.allowedEnd[ix("L-ORG")], 1);
});
