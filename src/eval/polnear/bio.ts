/**
 * BIO tags ⇄ token spans, with the exact semantics of the evaluation code behind the published
 * PolNeAR table (CofeNet `get_element`): a span starts at `B-X` and continues over the following
 * `I-X`; an `I-X` that does not continue an open span of label X closes the open span (if any) and
 * starts nothing; `O` closes the open span. Spans are token index ranges `[start, end)`.
 */

export const LABELS = ['source', 'cue', 'content'] as const
export type Label = (typeof LABELS)[number]

export interface TokenSpan {
  start: number
  end: number
}

export type SpansByLabel = Record<Label, TokenSpan[]>

export function emptySpans(): SpansByLabel {
  return { source: [], cue: [], content: [] }
}

function isLabel(value: string): value is Label {
  return (LABELS as readonly string[]).includes(value)
}

/** Spans per label from one BIO sequence (unknown labels are read but not returned). */
export function bioToSpans(tags: readonly string[]): SpansByLabel {
  const out = emptySpans()
  let open: string | null = null
  let start = -1
  const close = (end: number): void => {
    if (open !== null && isLabel(open)) out[open].push({ start, end })
    open = null
    start = -1
  }
  tags.forEach((tag, index) => {
    if (tag.startsWith('B-')) {
      close(index)
      open = tag.slice(2)
      start = index
    } else if (tag.startsWith('I-')) {
      if (open !== null && tag.slice(2) === open) return
      close(index) // "B-source I-content": the I- ends the source and starts nothing
    } else {
      close(index)
    }
  })
  close(tags.length)
  return out
}

/**
 * Renders predicted spans into one BIO sequence, as a tagger would have to output them: each token
 * carries one tag. Within a label, overlapping spans cannot both be encoded: the longer one (then
 * the earlier one) is kept and the others are dropped; identical spans collapse into one. Across
 * labels the later label in `precedence` overwrites the earlier (default: content, then source,
 * then cue, so a speaker or cue inside a predicted content interrupts the content). A content
 * interrupted that way resumes with a fresh `B-` after the interruption, which BIO can express.
 */
export function spansToBio(
  length: number,
  spans: SpansByLabel,
  precedence: readonly Label[] = ['content', 'source', 'cue'],
): string[] {
  const tags: string[] = new Array<string>(length).fill('O')
  const owner = new Int32Array(length).fill(-1) // index of the span that wrote the token
  let spanId = 0
  for (const label of precedence) {
    for (const span of nonOverlapping(spans[label])) {
      const id = spanId++
      const start = Math.max(0, span.start)
      const end = Math.min(length, span.end)
      for (let t = start; t < end; t++) {
        tags[t] = `${t === start ? 'B' : 'I'}-${label}`
        owner[t] = id
      }
    }
  }
  // Re-open a span whose beginning was overwritten by another label: its first surviving token gets B-.
  for (let t = 0; t < length; t++) {
    const tag = tags[t]!
    if (!tag.startsWith('I-')) continue
    if (t === 0 || owner[t - 1] !== owner[t]) tags[t] = `B-${tag.slice(2)}`
  }
  return tags
}

/** Keeps a set of pairwise non-overlapping spans: longest first, then earliest; sorted by start. */
export function nonOverlapping(spans: readonly TokenSpan[]): TokenSpan[] {
  const candidates = spans
    .filter((s) => s.end > s.start)
    .sort((a, b) => b.end - b.start - (a.end - a.start) || a.start - b.start)
  const kept: TokenSpan[] = []
  for (const span of candidates) {
    if (kept.some((k) => k.start < span.end && span.start < k.end)) continue
    kept.push(span)
  }
  return kept.sort((a, b) => a.start - b.start)
}
