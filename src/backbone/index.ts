/**
 * whosaid backbone: POS tagger (UPOS + PTB XPOS) and UD dependency parser,
 * trained in pure TypeScript on UD English-EWT (see models/README.md).
 *
 * ```ts
 * import { loadBackbone } from "./backbone/index.js";
 * const bb = loadBackbone();               // models/ of this package; nothing read yet
 * const { upos, xpos } = bb.tag(words);    // loads models/tagger.bin.gz on first call
 * const { heads, deprels } = bb.parse(words, upos, xpos); // heads 1-based, 0 = root
 * const all = bb.analyze(words);           // tag + parse in one call
 * ```
 *
 * Input is one sentence of already tokenized words (UD tokenization: "don't" ->
 * "do", "n't"). Instances are not re-entrant across threads but can be shared
 * within one thread; models are cached per directory.
 */
import { join } from "node:path";
import { loadParser, loadTagger } from "./model-io.js";
import { sharedModel } from "./shared.js";
import { modelsDir as defaultModelsDir } from "./paths.js";
import type { Parser } from "./parser/model.js";
import type { Tagger } from "./tagger/model.js";

export interface TagResult {
  upos: string[];
  xpos: string[];
}

export interface ParseResult {
  /** 1-based head per word, 0 = root (CoNLL-U convention) */
  heads: Int32Array;
  /** UD relations, with subtypes (e.g. "nmod:poss") */
  deprels: string[];
}

export interface Backbone {
  tag(words: readonly string[]): TagResult;
  parse(words: readonly string[], upos: readonly string[], xpos: readonly string[]): ParseResult;
  analyze(words: readonly string[]): TagResult & ParseResult;
  /** Force loading the models now (e.g. at startup): the tagger, and the parser unless `parser` is false. */
  preload(parser?: boolean): void;
}

const cache = new Map<string, Backbone>();

export function loadBackbone(modelsDir: string = defaultModelsDir()): Backbone {
  const hit = cache.get(modelsDir);
  if (hit) return hit;
  let tagger: Tagger | null = null;
  let parser: Parser | null = null;
  // One copy of the weights per process, shared by the analysis worker threads (shared.ts).
  const taggerPath = join(modelsDir, "tagger.bin.gz");
  const parserPath = join(modelsDir, "parser.bin.gz");
  const getTagger = (): Tagger => (tagger ??= sharedModel(taggerPath, () => loadTagger(taggerPath)));
  const getParser = (): Parser => (parser ??= sharedModel(parserPath, () => loadParser(parserPath)));
  const bb: Backbone = {
    tag(words) {
      if (words.length === 0) return { upos: [], xpos: [] };
      return getTagger().tag(words);
    },
    parse(words, upos, xpos) {
      if (words.length === 0) return { heads: new Int32Array(0), deprels: [] };
      if (upos.length !== words.length || xpos.length !== words.length) throw new Error("parse: words, upos and xpos differ in length");
      return getParser().parse(words, upos, xpos);
    },
    analyze(words) {
      const t = bb.tag(words);
      return { ...t, ...bb.parse(words, t.upos, t.xpos) };
    },
    preload(withParser = true) {
      getTagger();
      if (withParser) getParser();
    },
  };
  cache.set(modelsDir, bb);
  return bb;
}

export { parseConllu, writeConllu, type Sentence } from "./conllu.js";
export { score, type Scores } from "./metrics.js";
