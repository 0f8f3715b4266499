/**
 * Named-entity recogniser: public, lazily loading API.
 *
 *   const ner = loadNer();            // reads models/ner.bin.gz once
 *   ner.recognize(["Sheikh", "Ahmed", "al-Tayeb", "spoke", "in", "Cairo", "."])
 *   // [{ start: 1, end: 3, type: "PERSON" }, { start: 5, end: 6, type: "GPE" }]
 *   ner.recognize(words, bb.tag(words)) // with the backbone tagger's tags, when the caller has them
 *
 * Models trained with predicted-tag features (model.posMode) need the words' UPOS / XPOS; a caller
 * that passes only words gets them from the backbone tagger of the same models folder (loaded on
 * first use), so both calls give the same entities. Hyphenated tokens the recogniser splits
 * ("al-Sisi" -> "al - Sisi") are tagged whole and their pieces inherit the tags.
 */
import { join } from "node:path";
import { defaultModelsDir } from "./data.js";
import { placeKind, TITLES } from "./lexicon.js";
import { NAME_PARTICLES, NAME_PREFIX } from "../../lexicon/people.js";
import { sharedModel } from "../shared.js";
import { loadModel, type NerModel } from "./model.js";
import type { PosTags } from "./features.js";
import { loadBackbone } from "../index.js";
import type { EntityType } from "./tags.js";

export type { EntityType } from "./tags.js";

export interface NerEntity {
  start: number;
  /** exclusive */
  end: number;
  type: EntityType;
}

export interface Ner {
  /**
   * Entities of one tokenized sentence. `tags`: the backbone tagger's upos / xpos for `words`
   * (same length); when absent and the model uses tags, the recogniser tags the words itself.
   */
  recognize(words: string[], tags?: PosTags): NerEntity[];
  /** Reads the model now (a lazy recogniser reads it on the first `recognize`). */
  load(): void;
}

export const NER_MODEL_FILE = "ner.bin.gz";

/** Map internal spans (PERSON / ORG / LOC / NORP) to public entities. */
export function toEntities(words: readonly string[], spans: readonly { start: number; end: number; type: string }[]): NerEntity[] {
  const out: NerEntity[] = [];
  for (const s of spans) {
    let start = s.start;
    let end = s.end;
    let type: EntityType;
    switch (s.type) {
      case "PERSON":
        type = "PERSON";
        while (end - start > 1 && TITLES.has(words[start]!.toLowerCase())) start++;
        [start, end] = personName(words, start, end);
        break;
      case "ORG":
        type = "ORG";
        break;
      case "NORP":
        type = "NORP";
        break;
      case "LOC":
      case "GPE":
        type = placeKind(words.slice(start, end));
        break;
      default:
        continue;
    }
    out.push({ start, end, type });
  }
  return out;
}

/** A lowercase word that belongs inside a person's name: a particle alone ("bin", "van") or joined ("al-Sisi", "d'Ettorre"). */
function isNameParticle(word: string): boolean {
  return NAME_PARTICLES.has(word) || NAME_PREFIX.test(word) || /^[dl]['’]\p{Lu}/u.test(word);
}

/**
 * The person's name inside a span the recogniser typed PERSON, [start, end). It sometimes runs a
 * name on into what follows ("Elizabeth Warren of Massachusetts", a headline's "Chris Christie
 * savaged Rubio") or reads an office before the name into it ("Undersecretary for Education Mr.
 * Toccafondi"): the name stops before the first lowercase word after its first word that is not a
 * name particle, unless a title after that word introduces the name, which then starts after the
 * title. A name that is lowercase from its first word on ("mitt romney" in web text) is left as
 * it is.
 */
function personName(words: readonly string[], start: number, end: number): [number, number] {
  if (!/^\p{Lu}/u.test(words[start]!)) return [start, end];
  let cut = -1;
  for (let i = start + 1; i < end && cut < 0; i++) if (/^\p{Ll}/u.test(words[i]!) && !isNameParticle(words[i]!)) cut = i;
  if (cut < 0) return [start, end];
  for (let i = end - 2; i > cut; i--) {
    if (TITLES.has(words[i]!.toLowerCase()) && /^\p{Lu}/u.test(words[i + 1]!)) return personName(words, i + 1, end);
  }
  return [start, cut];
}

const HYPHENATED = /^[^\s-]+(?:-[^\s-]+)+$/;

/** Lowercase pieces before a name that make a hyphenated word a modifier: "anti-Trump", "pro-Beijing". */
const MODIFIER_PREFIXES = new Set(["anti", "pro", "post", "pre", "non", "neo", "stop", "de", "mid", "pan", "half"]);

/** Lowercase pieces after a name that make a hyphenated word a modifier: "Bush-era", "Rubio-style". */
const MODIFIER_SUFFIXES = new Set([
  "era", "style", "like", "type", "inspired", "related", "based", "backed", "led", "born", "themed", "branded",
  "linked", "leaning", "aligned", "supporting", "endorsing", "backing", "critic", "critics", "only", "level",
  "levels", "minded", "friendly", "owned", "run", "funded", "affiliated", "sponsored", "controlled", "held",
  "allied", "appointed", "nominated", "loyal", "loyalist", "loyalists", "bashing", "ism", "ist", "ists",
]);

/**
 * The training treebanks split hyphenated words ("al - Sisi", "Coca - Cola"),
 * so input tokens like "al-Sisi" are split the same way before tagging and
 * the spans are mapped back to the caller's tokens (widened to whole tokens), except a span that
 * covers only the name inside a hyphenated modifier ("anti-Trump", "Bush-era").
 */
export function recognizerFor(model: NerModel, tagger: () => { tag(words: readonly string[]): PosTags } = () => loadBackbone()): Ner {
  // Tags for the words the model decodes: the caller's, else the tagger's on the caller's words (so
  // recognize(words) and recognize(words, tag(words)) agree); split words inherit their token's
  // tags, and the "-" pieces are punctuation, as in the treebanks.
  const tagsFor = (words: readonly string[], given: PosTags | undefined, pieces: readonly string[] | null, origin: readonly number[] | null): PosTags | undefined => {
    // a caller's length mismatch is an error even for a model that reads no tags
    if (given && (given.upos.length !== words.length || given.xpos.length !== words.length)) throw new Error("ner: tags and words differ in length");
    if (!model.posMode) return undefined;
    const t = given ?? tagger().tag(words);
    if (!pieces || !origin) return t;
    const upos: string[] = [];
    const xpos: string[] = [];
    pieces.forEach((w, k) => {
      const i = origin[k]!;
      const hyphen = w === "-" && k > 0 && origin[k - 1] === i; // a piece of a split token, not a "-" token
      upos.push(hyphen ? "PUNCT" : t.upos[i]!);
      xpos.push(hyphen ? "HYPH" : t.xpos[i]!);
    });
    return { upos, xpos };
  };
  return {
    recognize(words: string[], tags?: PosTags): NerEntity[] {
      if (words.length === 0) return [];
      let split = false;
      for (const w of words) if (w.length > 2 && w.includes("-") && HYPHENATED.test(w)) split = true;
      if (!split) return toEntities(words, model.predictSpans(words, tagsFor(words, tags, null, null)));
      const pieces: string[] = [];
      const origin: number[] = [];
      words.forEach((w, i) => {
        if (w.length > 2 && w.includes("-") && HYPHENATED.test(w)) {
          w.split("-").forEach((p, k) => {
            if (k > 0) {
              pieces.push("-");
              origin.push(i);
            }
            pieces.push(p);
            origin.push(i);
          });
        } else {
          pieces.push(w);
          origin.push(i);
        }
      });
      const spans = model.predictSpans(pieces, tagsFor(words, tags, pieces, origin));
      // A name inside a hyphenated modifier ("anti-Trump", "pro-Beijing", "Bush-era", "Rubio-style",
      // "Mets-inspired"): the word is not a name, and widened to it the span would make it one.
      // Only these affixes count: other lowercase pieces are parts of names ("Wong Pik-wan").
      // So is a phrase written as one word ("are-you-with-Trump", "nothing-but-Donald"): three
      // pieces or more, one of them a lowercase word left out of the span that is no name particle.
      const modifierOnly = (s: { start: number; end: number }, i: number): boolean => {
        const phrase = words[i]!.split("-").length >= 3;
        for (let k = 0; k < pieces.length; k++) {
          if (origin[k] !== i || (k >= s.start && k < s.end) || pieces[k] === "-") continue;
          const piece = pieces[k]!;
          if ((k < s.start && MODIFIER_PREFIXES.has(piece)) || (k >= s.end && MODIFIER_SUFFIXES.has(piece))) return true;
          if (phrase && /^\p{Ll}/u.test(piece) && !isNameParticle(piece)) return true;
        }
        return false;
      };
      const out: { start: number; end: number; type: string }[] = [];
      for (const s of spans) {
        let start = origin[s.start]!;
        let end = origin[s.end - 1]! + 1;
        // a modifier at either end is left out of a longer span ("pro-Beijing New People Party")
        if (s.type !== "NORP" && modifierOnly(s, start)) start++;
        if (s.type !== "NORP" && end > start && modifierOnly(s, end - 1)) end--;
        if (end <= start) continue;
        const prev = out[out.length - 1];
        if (prev && start < prev.end) {
          if (prev.type === s.type) prev.end = Math.max(prev.end, end);
          continue;
        }
        out.push({ start, end, type: s.type });
      }
      return toEntities(words, out);
    },
    load() {},
  };
}

const cache = new Map<string, Ner>();

/**
 * Lazily loading recogniser: the model file is read on the first
 * `recognize` call (and shared between loaders of the same folder).
 */
export function loadNer(modelsDir?: string): Ner {
  const path = join(modelsDir ?? defaultModelsDir(), NER_MODEL_FILE);
  let inner: Ner | undefined;
  const get = (): Ner => {
    if (!inner) {
      inner = cache.get(path);
      if (!inner) {
        // One copy of the weights per process, shared by the analysis worker threads.
        inner = recognizerFor(sharedModel(path, () => loadModel(path)), () => loadBackbone(modelsDir ?? defaultModelsDir()));
        cache.set(path, inner);
      }
    }
    return inner;
  };
  return {
    recognize: (words: string[], tags?: PosTags): NerEntity[] => get().recognize(words, tags),
    load: () => void get(),
  };
}
