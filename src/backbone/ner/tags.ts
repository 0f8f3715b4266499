/**
 * Entity types, spans and BIO / BILOU encoding and (tolerant) decoding.
 *
 * Internally the sequence model uses four span classes: PERSON, ORG, LOC (any
 * place: the training corpora do not tell GPE from LOC) and NORP. The public
 * API splits LOC into GPE / LOC afterwards (see lexicon.ts placeKind).
 */
export type EntityType = "PERSON" | "ORG" | "GPE" | "LOC" | "NORP";

/** Internal classes of the sequence model. */
export const CLASSES = ["PERSON", "ORG", "LOC", "NORP"] as const;
export type NerClass = (typeof CLASSES)[number];

export interface Span {
  start: number;
  /** exclusive */
  end: number;
  type: string;
}

export type Scheme = "BIO" | "BILOU";

/** Tag inventory: index 0 is O; then per class the scheme's prefixes. */
export function tagNames(scheme: Scheme, classes: readonly string[] = CLASSES): string[] {
  const pre = scheme === "BIO" ? ["B", "I"] : ["B", "I", "L", "U"];
  const out = ["O"];
  for (const c of classes) for (const p of pre) out.push(`${p}-${c}`);
  return out;
}

/** Encode spans (non-overlapping, sorted or not) as tag strings. */
export function spansToTags(n: number, spans: readonly Span[], scheme: Scheme): string[] {
  const tags = new Array<string>(n).fill("O");
  for (const s of spans) {
    if (s.end <= s.start) continue;
    for (let i = s.start; i < s.end; i++) {
      if (scheme === "BIO") tags[i] = (i === s.start ? "B-" : "I-") + s.type;
      else if (s.end - s.start === 1) tags[i] = "U-" + s.type;
      else tags[i] = (i === s.start ? "B-" : i === s.end - 1 ? "L-" : "I-") + s.type;
    }
  }
  return tags;
}

/**
 * Decode BIO / IOB1 / BILOU tag strings into spans, tolerating invalid
 * sequences: an I-/L- that does not continue a span of the same type opens a
 * new one; B-/U- always open a new span; L-/U- close the span.
 */
export function tagsToSpans(tags: readonly string[]): Span[] {
  const out: Span[] = [];
  let cur: Span | null = null;
  const close = (i: number): void => {
    if (cur) {
      cur.end = i;
      out.push(cur);
      cur = null;
    }
  };
  for (let i = 0; i < tags.length; i++) {
    const t = tags[i]!;
    if (t === "O" || t === "" || t.length < 3 || t[1] !== "-") {
      close(i);
      continue;
    }
    const p = t[0]!;
    const type = t.slice(2);
    if (p === "B" || p === "U" || p === "S" || !cur || cur.type !== type) {
      close(i);
      cur = { start: i, end: i + 1, type };
    }
    if (p === "L" || p === "U" || p === "S" || p === "E") close(i + 1);
  }
  close(tags.length);
  return out;
}

/** Tag-index helpers for the numeric model. */
export class TagSet {
  readonly names: string[];
  readonly scheme: Scheme;
  readonly classes: readonly string[];
  readonly index: Map<string, number>;
  /** allowed[prev * T + cur]; prev = T means sentence start. */
  readonly allowed: Uint8Array;
  /** allowed as last tag of a sentence */
  readonly allowedEnd: Uint8Array;

  constructor(scheme: Scheme, classes: readonly string[] = CLASSES) {
    this.scheme = scheme;
    this.classes = classes;
    this.names = tagNames(scheme, classes);
    this.index = new Map(this.names.map((n, i) => [n, i]));
    const T = this.names.length;
    this.allowed = new Uint8Array((T + 1) * T);
    this.allowedEnd = new Uint8Array(T);
    const pref = (i: number): string => (i === T ? "S" : this.names[i]![0]!);
    const typ = (i: number): string => (i === T || i === 0 ? "" : this.names[i]!.slice(2));
    for (let a = 0; a <= T; a++) {
      for (let b = 0; b < T; b++) {
        const pa = pref(a);
        const pb = pref(b);
        let ok: boolean;
        if (scheme === "BIO") {
          ok = pb !== "I" || ((pa === "B" || pa === "I") && typ(a) === typ(b));
        } else {
          const inside = pa === "B" || pa === "I";
          if (inside) ok = (pb === "I" || pb === "L") && typ(a) === typ(b);
          else ok = pb === "O" || pb === "B" || pb === "U";
        }
        this.allowed[a * T + b] = ok ? 1 : 0;
      }
    }
    for (let b = 0; b < T; b++) {
      const pb = this.names[b]![0];
      this.allowedEnd[b] = scheme === "BIO" || !(pb === "B" || pb === "I") ? 1 : 0;
    }
  }

  get size(): number {
    return this.names.length;
  }

  encode(n: number, spans: readonly Span[]): Int32Array {
    const tags = spansToTags(n, spans, this.scheme);
    const out = new Int32Array(n);
    for (let i = 0; i < n; i++) out[i] = this.index.get(tags[i]!) ?? 0;
    return out;
  }

  decode(tags: ArrayLike<number>, n = tags.length): Span[] {
    const names: string[] = new Array(n);
    for (let i = 0; i < n; i++) names[i] = this.names[tags[i]!]!;
    return tagsToSpans(names);
  }
}
