/**
 * Scoring protocols.
 *
 * UNER: our PERSON -> PER, ORG -> ORG, GPE + LOC -> LOC; NORP is dropped
 * (UNER's guideline: nationalities and groups such as "American" are not
 * entities). Exact-span micro P/R/F1 over the UNER gold PER / ORG / LOC.
 *
 * GUM: gold = named mentions (see data.ts gumNamedSpans) of type person /
 * organization / place; ours PERSON / ORG / GPE + LOC (place). NORP is
 * dropped on both sides (single-token group names such as "Texans" that GUM
 * types as person are NORP in our scheme).
 */
import type { NerSentence } from "./data.js";
import type { Ner } from "./index.js";
import { SpanScorer } from "./metrics.js";
import type { Span } from "./tags.js";

export const UNER_OF: Record<string, string> = { PERSON: "PER", ORG: "ORG", GPE: "LOC", LOC: "LOC" };
const GUM_OF: Record<string, string> = { PERSON: "person", ORG: "organization", GPE: "place", LOC: "place" };

/** Spans in a protocol's types (UNER: PER / ORG / LOC), others dropped. */
export function mapSpans(spans: readonly Span[], table: Record<string, string>): Span[] {
  const out: Span[] = [];
  for (const s of spans) {
    const t = table[s.type];
    if (t) out.push({ start: s.start, end: s.end, type: t });
  }
  return out;
}

export function scoreCorpus(ner: Ner, sents: readonly NerSentence[], protocol: "uner" | "gum"): SpanScorer {
  const table = protocol === "uner" ? UNER_OF : GUM_OF;
  const sc = new SpanScorer();
  for (const s of sents) {
    const pred = ner.recognize(s.words, s.upos && s.xpos ? { upos: s.upos, xpos: s.xpos } : undefined);
    sc.add(mapSpans(s.spans, table), mapSpans(pred, table));
  }
  return sc;
}
