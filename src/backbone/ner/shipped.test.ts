import { test } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { loadNer, NER_MODEL_FILE, type NerEntity } from "./index.js";
import { loadBackbone } from "../index.js";
import { defaultModelsDir } from "./data.js";
import { extractFeatures, FeatureScratch } from "./features.js";
import { loadModel } from "./model.js";

// Regression test of the shipped model (models/ner.bin.gz): hand-written news sentences.
const ner = loadNer();

function found(words: string[], ents: NerEntity[]): string[] {
  return ents.map((e) => `${e.type}:${words.slice(e.start, e.end).join(" ")}`);
}

function check(text: string, expected: string[]): void {
  const words = text.split(" ");
  const got = found(words, ner.recognize(words));
  for (const e of expected) assert.ok(got.includes(e), `expected ${e} in [${got.join(", ")}] for: ${text}`);
}

test("Arabic names with particles and titles", () => {
  check("Sheikh Ahmed al-Tayeb , the Grand Imam of Al-Azhar , met the Pope in Cairo on Monday .", ["PERSON:Ahmed al-Tayeb", "GPE:Cairo"]);
  check("Egyptian President Abd al-Fattah al-Sisi said the Muslim Brotherhood would remain banned .", [
    "PERSON:Abd al-Fattah al-Sisi",
    "ORG:Muslim Brotherhood",
  ]);
  check("Hezbollah leader Hassan Nasrallah said in a speech that Israel would pay a price .", ["PERSON:Hassan Nasrallah", "GPE:Israel"]);
  check("Osama bin Laden was killed in Abbottabad , Pakistan , in 2011 .", ["PERSON:Osama bin Laden", "GPE:Pakistan"]);
});

test("people, organisations and places in news sentences", () => {
  check("Barack Obama met Angela Merkel in Berlin on Tuesday , the White House said .", ["PERSON:Barack Obama", "PERSON:Angela Merkel", "GPE:Berlin"]);
  // known weakness: sentence-initial "The United Nations ..." yields only "Nations"
  check("Fighting in Syria could spread to Lebanon , the United Nations warned .", ["ORG:United Nations", "GPE:Syria", "GPE:Lebanon"]);
  check("Microsoft chief executive Satya Nadella told Reuters the company would invest in India .", ["ORG:Microsoft", "PERSON:Satya Nadella", "GPE:India"]);
});

test("a name inside a hyphenated modifier is no entity; hyphenated names stay whole", () => {
  const entities = (text: string): string[] => {
    const words = text.split(" ");
    return found(words, ner.recognize(words));
  };
  const protest = entities("Hundreds of anti-Trump protesters marched in Chicago , Mayor Rahm Emanuel said .");
  assert.ok(!protest.some((e) => e.includes("Trump")), protest.join(", "));
  assert.ok(protest.includes("PERSON:Rahm Emanuel"));
  const phrase = entities("Voters face an are-you-with-Trump test , Rahm Emanuel said .");
  assert.ok(!phrase.some((e) => e.includes("Trump")), phrase.join(", "));
  const era = entities("Carlos Lopez-Cantera said the Bush-era rules and Rubio-style politics were gone .");
  assert.deepEqual(era, ["PERSON:Carlos Lopez-Cantera"]);
  // a modifier at the edge of a longer name is left out of it; a lowercase piece of a name stays in
  const party = entities("The pro-Beijing New People Party won two seats , Wong Pik-wan said .");
  assert.deepEqual(party, ["ORG:New People Party", "PERSON:Wong Pik-wan"]);
});

test("a person's name stops where the recogniser ran it on into a place or an office", () => {
  const people = (text: string): string[] => {
    const words = text.split(" ");
    return found(words, ner.recognize(words)).filter((e) => e.startsWith("PERSON:"));
  };
  assert.deepEqual(people("Sen. Elizabeth Warren of Massachusetts said the bill was dead ."), ["PERSON:Elizabeth Warren"]);
  assert.deepEqual(people("Undersecretary for Education Mr. Toccafondi said so ."), ["PERSON:Toccafondi"]);
  // lowercase particles stay inside names
  assert.deepEqual(people("Ludwig van Beethoven and Charles de Gaulle met Osama bin Laden ."), [
    "PERSON:Ludwig van Beethoven",
    "PERSON:Charles de Gaulle",
    "PERSON:Osama bin Laden",
  ]);
});

test("API shape", () => {
  assert.deepEqual(ner.recognize([]), []);
  const words = "Police in Cairo arrested two men .".split(" ");
  for (const e of ner.recognize(words)) {
    assert.ok(Number.isInteger(e.start) && Number.isInteger(e.end) && e.start < e.end && e.end <= words.length);
    assert.ok(["PERSON", "ORG", "GPE", "LOC", "NORP"].includes(e.type));
  }
});

test("words alone and words with the backbone tagger's tags give the same entities", () => {
  const bb = loadBackbone();
  for (const text of [
    "Sheikh Ahmed al-Tayeb , the Grand Imam of Al-Azhar , met the Pope in Cairo on Monday .",
    "Microsoft chief executive Satya Nadella told Reuters the company would invest in India .",
    "the coca-cola company said on friday that it would open a plant in new york .",
  ]) {
    const words = text.split(" ");
    assert.deepEqual(ner.recognize(words, bb.tag(words)), ner.recognize(words), text);
  }
  assert.throws(() => ner.recognize(["Cairo", "."], { upos: ["PROPN"], xpos: ["NNP"] }), /differ in length/);
});

test("scores summed per word and reused equal the full per-token sums, bit for bit", () => {
  const model = loadModel(join(defaultModelsDir(), NER_MODEL_FILE));
  const scratch = new FeatureScratch();
  const sentences = [
    "Sheikh Ahmed al-Tayeb , the Grand Imam of Al-Azhar , met the Pope in Cairo on Monday .",
    "The Cairo court ruled that Ahmed Shafik , the former prime minister , could stand ; Shafik said he would .",
    "the coca-cola company said on friday that it would open a plant in new york .",
    "UN SECRETARY-GENERAL BAN KI-MOON TOLD REPORTERS IN NEW YORK THAT THE TALKS HAD FAILED .",
  ];
  let tokens = 0;
  // twice: the second round finds every word's sum already made
  for (let round = 0; round < 2; round++) {
    for (const text of sentences) {
      const words = text.split(" ");
      const n = words.length;
      const T = model.tags.size;
      const path = Array.from(model.decodeTags(words));
      const cached = model.lastEmissions.slice(0, n * T);
      extractFeatures(words, model.stats, scratch);
      const full = Array.from(model.decodeTags(words, { feats: scratch.feats, nf: scratch.nf }));
      assert.deepEqual(Array.from(cached), Array.from(model.lastEmissions.subarray(0, n * T)), text);
      assert.deepEqual(path, full);
      tokens += n;
    }
  }
  assert.ok(tokens > 100);
});
