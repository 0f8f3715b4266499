import { test } from "node:test";
import assert from "node:assert/strict";
import { gumMentions, gumNamedSpans, propnSpans, tokenize, type GumToken, type UdToken } from "./data.js";
import { arabicParticleKind, placeKind } from "./lexicon.js";

function toks(rows: [string, string, number, string][]): GumToken[] {
  return rows.map(([form, upos, head, misc]) => ({ form, upos, head: head - 1, misc }));
}

test("GUM Entity brackets and named spans", () => {
  // "NASA Administrator Charles Bolden visited the University of Paris ."
  const t = toks([
    ["NASA", "PROPN", 2, "Entity=(1-person-new-x-cf1-1-coref-Charles_Bolden(2-organization-new-x-cf1-1-coref-NASA)"],
    ["Administrator", "PROPN", 4, "_"],
    ["Charles", "PROPN", 4, "_"],
    ["Bolden", "PROPN", 5, "Entity=1)"],
    ["visited", "VERB", 0, "_"],
    ["the", "DET", 7, "Entity=(3-organization-new-x-cf1-1-coref-University_of_Paris"],
    ["University", "PROPN", 5, "_"],
    ["of", "ADP", 9, "_"],
    ["Paris", "PROPN", 7, "Entity=(4-place-new-x-cf1-1-coref-Paris)3)"],
    [".", "PUNCT", 5, "_"],
  ]);
  const m = gumMentions(t);
  assert.equal(m.length, 4);
  assert.deepEqual(gumNamedSpans(t), [
    { start: 0, end: 1, type: "ORG" },
    { start: 2, end: 4, type: "PERSON" },
    { start: 6, end: 9, type: "ORG" },
  ]);
});

test("tokenizer keeps abbreviations and Arabic name particles", () => {
  assert.deepEqual(tokenize("Dr. Abd al-Fattah al-Sisi visited the U.S. today."), [
    "Dr.", "Abd", "al-Fattah", "al-Sisi", "visited", "the", "U.S.", "today", ".",
  ]);
  assert.deepEqual(tokenize("Egypt's army"), ["Egypt", "'s", "army"]);
});

test("lexicon helpers", () => {
  assert.equal(arabicParticleKind("al-Sisi"), 2);
  assert.equal(arabicParticleKind("bin"), 1);
  assert.equal(arabicParticleKind("Albert"), 0);
  assert.equal(placeKind(["Cairo"]), "GPE");
  assert.equal(placeKind(["Nile", "River"]), "LOC");
  assert.equal(placeKind(["Middle", "East"]), "LOC");
});

function ud(rows: [string, string, number, string][]): UdToken[] {
  return rows.map(([form, upos, head, deprel]) => ({ form, upos, head: head - 1, deprel }));
}

test("proper-noun runs of a UD sentence as silver candidate spans", () => {
  // "I called Bank of America about Greater Noida and Paris London trips ."
  const t = ud([
    ["I", "PRON", 2, "nsubj"],
    ["called", "VERB", 0, "root"],
    ["Bank", "PROPN", 2, "obj"],
    ["of", "ADP", 5, "case"],
    ["America", "PROPN", 3, "nmod"],
    ["about", "ADP", 8, "case"],
    ["Greater", "ADJ", 8, "amod"],
    ["Noida", "PROPN", 2, "obl"],
    ["and", "CCONJ", 10, "cc"],
    ["Paris", "PROPN", 8, "conj"],
    ["London", "PROPN", 12, "compound"],
    ["trips", "NOUN", 10, "conj"],
    [".", "PUNCT", 2, "punct"],
  ]);
  // "of" joins Bank + America, "Greater" modifies Noida, and Paris / London are not linked
  assert.deepEqual(propnSpans(t), [
    { start: 2, end: 5 },
    { start: 6, end: 8 },
    { start: 9, end: 10 },
    { start: 10, end: 11 },
  ]);
  // a sentence-initial capitalised adjective is not taken (sentence case)
  const u = ud([
    ["Greater", "ADJ", 2, "amod"],
    ["Noida", "PROPN", 0, "root"],
  ]);
  assert.deepEqual(propnSpans(u), [{ start: 1, end: 2 }]);
});
