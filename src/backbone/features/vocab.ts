/**
 * Word ids shared by the tagger, the parser and the NER model.
 *
 * Each model derives values from a word's form alone (hashes of the form, its lowercase, affixes,
 * shape, dictionary lookups). Computing them per token repeats the same string work for every
 * occurrence of a word and in each of the three models. Instead a word gets a small integer id
 * here, once, and each model keeps its per-word values in typed-array columns indexed by that id
 * (see WordColumns), filled the first time the model meets the word.
 *
 * The ids of the last sentence are kept, so tagging, parsing and recognising the same sentence
 * looks its words up once. The map is bounded: when full it starts over with a new epoch, and
 * the columns of every model notice the epoch change and forget their values.
 */
export class Vocab {
  private ids = new Map<string, number>();
  /**
   * Bumped whenever the ids start over; columns filled in an older epoch are stale. It starts at a
   * random value so that columns copied from another thread's vocabulary (a model rebuilt in a
   * worker, util/shared-models.ts) never take that thread's ids for this one's.
   */
  epoch = 1 + Math.floor(Math.random() * 0x3fffffff);
  private lastWords: string[] = [];
  private lastIds = new Int32Array(64);
  private lastEpoch = 0;

  constructor(readonly limit = 100_000) {}

  get size(): number {
    return this.ids.size;
  }

  /**
   * Ids of the words of a sentence (a view, valid until the next call). All ids of one call come
   * from the same epoch.
   */
  sentence(words: readonly string[]): Int32Array {
    const n = words.length;
    const last = this.lastWords;
    if (this.lastEpoch === this.epoch && last.length === n) {
      let same = true;
      for (let i = 0; i < n; i++) {
        if (words[i] !== last[i]) {
          same = false;
          break;
        }
      }
      if (same) return this.lastIds.subarray(0, n);
    }
    if (this.ids.size + n > this.limit) {
      this.ids.clear();
      this.epoch++;
    }
    if (this.lastIds.length < n) this.lastIds = new Int32Array(Math.max(n, this.lastIds.length * 2));
    const out = this.lastIds;
    const ids = this.ids;
    for (let i = 0; i < n; i++) {
      const w = words[i]!;
      let id = ids.get(w);
      if (id === undefined) {
        id = ids.size;
        ids.set(w, id);
      }
      out[i] = id;
    }
    last.length = n;
    for (let i = 0; i < n; i++) last[i] = words[i]!;
    this.lastEpoch = this.epoch;
    return out.subarray(0, n);
  }
}

/** The process-wide vocabulary the shipped models share. */
export const sharedVocab = new Vocab();

/**
 * What computes a model's values for one word. A method on the model, not a closure: models are
 * rebuilt in worker threads from their fields and prototypes (util/shared-models.ts), and a
 * function-valued field would not survive that.
 */
export interface WordValueSource {
  computeWordValues(word: string, values: Int32Array, offset: number): void
}

/**
 * Arrays of `width` values per word id of a vocabulary, each word's computed once, with a flag per id
 * telling whether they have been computed in the vocabulary's current epoch: the storage of
 * WordColumns and WordSums.
 */
abstract class PerWordArrays<A extends Int32Array | Float32Array> {
  values: A;
  private filled: Uint8Array;
  private epoch = 0;

  constructor(readonly vocab: Vocab, readonly width: number) {
    this.values = this.allocate(1024 * width);
    this.filled = new Uint8Array(1024);
  }

  /** A zeroed array of the subclass's element type (a method: models are rebuilt from prototypes). */
  protected abstract allocate(length: number): A;

  /** Forget every word's values when the vocabulary has started a new epoch. */
  protected sync(): void {
    if (this.epoch !== this.vocab.epoch) {
      this.filled.fill(0);
      this.epoch = this.vocab.epoch;
    }
  }

  /** Whether the values of `id` are still to be computed (the arrays grown to hold them). */
  protected missing(id: number): boolean {
    if (id >= this.filled.length) this.grow(id + 1);
    return this.filled[id] === 0;
  }

  protected computed(id: number): void {
    this.filled[id] = 1;
  }

  /** Forget every word's values (what they were computed from has changed). */
  clear(): void {
    this.filled.fill(0);
  }

  private grow(n: number): void {
    let cap = this.filled.length;
    while (cap < n) cap *= 2;
    const f = new Uint8Array(cap);
    f.set(this.filled);
    this.filled = f;
    const v = this.allocate(cap * this.width);
    v.set(this.values);
    this.values = v;
  }
}

/** Per-word values of one model: `width` int32 values per word id. */
export class WordColumns extends PerWordArrays<Int32Array> {
  protected allocate(length: number): Int32Array {
    return new Int32Array(length);
  }

  /**
   * Make sure every id in ids has its values (compute(word, values, offset) for those that do
   * not), then return the values array (offset of id = id * width).
   */
  fill(words: readonly string[], ids: Int32Array, source: WordValueSource): Int32Array {
    this.sync();
    for (let i = 0; i < ids.length; i++) {
      const id = ids[i]!;
      if (this.missing(id)) {
        source.computeWordValues(words[i]!, this.values, id * this.width);
        this.computed(id);
      }
    }
    return this.values;
  }
}

/** What sums a model's weights for one word (see WordSums). */
export interface WordSumSource {
  /** Adds the weights of the word's word-only features to sums[offset .. offset + width), which hold zeros. */
  computeWordSums(id: number, sums: Float32Array, offset: number): void
}

/**
 * Per-word score sums of one model: `width` floats per word id. A sequence labeller adds, for every
 * token, the weight rows of the features that depend on the token's word alone (its form, affixes,
 * shape, clusters, dictionary flags) to those of its context; the first part is the same wherever
 * the word recurs, so it is summed once per word and copied from here. Summing in float32 in the
 * same order as the full sum, then adding the context rows to the copy, gives the same scores bit
 * for bit. Forgotten, like WordColumns, when the vocabulary starts a new epoch.
 */
export class WordSums extends PerWordArrays<Float32Array> {
  protected allocate(length: number): Float32Array {
    return new Float32Array(length);
  }

  /** Make sure every id in ids has its sums, then return the sums array (offset of id = id * width). */
  fill(ids: Int32Array, source: WordSumSource): Float32Array {
    this.sync();
    for (let i = 0; i < ids.length; i++) {
      const id = ids[i]!;
      if (this.missing(id)) {
        const offset = id * this.width;
        this.values.fill(0, offset, offset + this.width);
        source.computeWordSums(id, this.values, offset);
        this.computed(id);
      }
    }
    return this.values;
  }
}
