/**
 * Named-entity recogniser: public, lazily loading API.
 *
 *   const ner = loadNer();            // reads models/ner.bin.gz once
 *   ner.recognize(["Sheikh", "Ahmed", "al-Tayeb", "spoke", "in", "Cairo", "."])
 *   // [{ start: 1, end: 3, type: "PERSON" }, { start: 5, end: 6, type: "GPE" }]
 */
import { join } from "node:path";
import { defaultModelsDir } from "./data.js";
import { placeKind, TITLES } from "./lexicon.js";
import { sharedModel } from "../shared.js";
import { loadModel, type NerModel } from "./model.js";
import type { EntityType } from "./tags.js";

export type { EntityType } from "./tags.js";

export interface NerEntity {
  start: number;
  /** exclusive */
  end: number;
  type: EntityType;
}

export interface Ner {
  recognize(words: string[]): NerEntity[];
  /** Reads the model now (a lazy recogniser reads it on the first `recognize`). */
  load(): void;
}

export const NER_MODEL_FILE = "ner.bin.gz";

/** Map internal spans (PERSON / ORG / LOC / NORP) to public entities. */
export function toEntities(words: readonly string[], spans: readonly { start: number; end: number; type: string }[]): NerEntity[] {
  const out: NerEntity[] = [];
  for (const s of spans) {
    let start = s.start;
    const end = s.end;
    let type: EntityType;
    switch (s.type) {
      case "PERSON":
        type = "PERSON";
        while (end - start > 1 && TITLES.has(words[start]!.toLowerCase())) start++;
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

const HYPHENATED = /^[^\s-]+(?:-[^\s-]+)+$/;

/**
 * The training treebanks split hyphenated words ("al - Sisi", "Coca - Cola"),
 * so input tokens like "al-Sisi" are split the same way before tagging and
 * the spans are mapped back to the caller's tokens (widened to whole tokens).
 */
export function recognizerFor(model: NerModel): Ner {
  return {
    recognize(words: string[]): NerEntity[] {
      if (words.length === 0) return [];
      let split = false;
      for (const w of words) if (w.length > 2 && w.includes("-") && HYPHENATED.test(w)) split = true;
      if (!split) return toEntities(words, model.predictSpans(words));
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
      const out: { start: number; end: number; type: string }[] = [];
      for (const s of model.predictSpans(pieces)) {
        const start = origin[s.start]!;
        const end = origin[s.end - 1]! + 1;
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
        inner = recognizerFor(sharedModel(path, () => loadModel(path)));
        cache.set(path, inner);
      }
    }
    return inner;
  };
  return {
    recognize: (words: string[]): NerEntity[] => get().recognize(words),
    load: () => void get(),
  };
}
