/**
 * The Document: one immutable normalised text plus annotation layers, each written by exactly one
 * stage. Every annotation is a standoff `[start, end)` pair into `text` (UTF-16 code units).
 */
import type { Article, Diagnostic, EntityType, Role, Span } from './schema.js'
import type { TokenColumns } from './tokens.js'

export interface SentenceSpan {
  start: number
  end: number
  /** First token of the sentence and one past its last token. */
  tokenStart: number
  tokenEnd: number
}

/** One occurrence of a named entity in the text (a NER hit), before resolution. */
export interface Mention {
  start: number
  end: number
  tokenStart: number
  tokenEnd: number
  type: EntityType
  /** Index into `doc.entities`, set by the resolution stage; -1 before it. */
  entity: number
  /** A title written right before the name (President, Sheikh, Dr.), kept out of the name itself. */
  title: { start: number; end: number } | null
}

/** An entity of the article: mentions resolved to one referent. */
export interface ResolvedEntity {
  type: EntityType
  name: string
  aliases: string[]
  roles: Role[]
  /** Indexes into `doc.mentions`. */
  mentions: number[]
}

export interface SpeakerRef {
  start: number
  end: number
  /** Index into `doc.entities`, or -1 when unresolved or anonymous. */
  entity: number
  anonymous: boolean
}

export interface StatementAnnotation {
  kind: 'direct' | 'indirect' | 'mixed'
  speaker: SpeakerRef
  cue: { start: number; end: number }
  content: { start: number; end: number }
}

/** The names of the layers, used by stages to declare what they require and assign. */
export type LayerName = 'tokens' | 'sentences' | 'quotes' | 'mentions' | 'entities' | 'statements'

export class Document {
  readonly text: string
  readonly article: Article
  tokens: TokenColumns | null = null
  sentences: SentenceSpan[] = []
  /** Quotation spans including their marks, paired across paragraphs where a quote continues. */
  quotes: Array<{ start: number; end: number }> = []
  mentions: Mention[] = []
  entities: ResolvedEntity[] = []
  statements: StatementAnnotation[] = []
  readonly diagnostics: Diagnostic[] = []
  private readonly assigned = new Set<LayerName>()
  private frozen = false

  constructor(article: Article) {
    this.article = article
    this.text = article.text
  }

  has(layer: LayerName): boolean {
    return this.assigned.has(layer)
  }

  /** Records that a stage wrote a layer; writing after the pipeline finished is a bug. */
  markAssigned(layer: LayerName): void {
    if (this.frozen) throw new Error(`whosaid: layer "${layer}" written after the document was frozen`)
    this.assigned.add(layer)
  }

  freeze(): this {
    this.frozen = true
    return this
  }

  span(start: number, end: number): Span {
    return { start, end, text: this.text.slice(start, end) }
  }

  tokenText(index: number): string {
    const tokens = this.requireTokens()
    return this.text.slice(tokens.start[index]!, tokens.end[index]!)
  }

  requireTokens(): TokenColumns {
    if (!this.tokens) throw new Error('whosaid: the tokens layer is missing; run the tokenize stage first')
    return this.tokens
  }

  warn(source: string, ruleId: string, message: string, place: { start: number; end: number } | null): void {
    this.diagnostics.push({
      severity: 'warning',
      ruleId,
      source,
      message,
      place: place ? this.span(place.start, place.end) : null,
    })
  }
}
