/**
 * The Document: one immutable normalised text plus annotation layers, each written by exactly one
 * stage. Every annotation is a standoff `[start, end)` pair into `text` (UTF-16 code units).
 */
import type { Article, Balance, CentralClaim, ClaimKind, Diagnostic, EntityType, Relation, RelationType, Role, SourceEvidence, Span, Stance } from './schema.js'
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
  /**
   * A speaker with no entity that the span only points to ("a spokesman for the ministry, who
   * said": the span is "who"): the offsets of the phrase that describes it, which names it.
   */
  description?: { start: number; end: number }
}

/** How a speaker with no entity is named: the phrase that describes it, else its span as printed. */
export function printedSpeaker(text: string, speaker: SpeakerRef): string {
  const named = speaker.description ?? speaker
  return text.slice(named.start, named.end)
}

export interface StatementAnnotation {
  kind: 'direct' | 'indirect' | 'mixed'
  speaker: SpeakerRef
  cue: { start: number; end: number }
  content: { start: number; end: number }
}

/** An offset pair into `doc.text`, before it is serialised into a span with its text. */
export interface Offsets {
  start: number
  end: number
}

/** A relation between two entities (indexes into `doc.entities`), with the offsets of its evidence. */
export interface RelationAnnotation {
  type: RelationType
  subject: number
  object: number
  subjectMention: Offsets
  objectMention: Offsets
  role: Offsets | null
  pattern: NonNullable<Relation['pattern']>
  evidence: Offsets
}

/** A check-worthy sentence in the outlet's own voice. */
export interface ClaimAnnotation extends Offsets {
  /** Indexes into `doc.entities`, in order of first mention in the claim. */
  entities: number[]
  kinds: ClaimKind[]
  evidence: Offsets[]
}

export interface QuestionAnnotation {
  text: string
  alternatives: Array<{ text: string; span: Offsets | null }>
}

export interface SourceEvidenceAnnotation extends Offsets, Omit<SourceEvidence, 'start' | 'end' | 'text' | 'statement'> {
  /** Index into `doc.statements`, or -1. */
  statement: number
}

/** One source: a speaker entity, or an anonymous or unresolved speaker by its printed name. */
export interface SourceAnnotation {
  /** Index into `doc.entities`, or -1. */
  entity: number
  name: string
  anonymous: boolean
  /** Indexes into `doc.statements`. */
  statements: number[]
  stance: Stance | null
  alternative: string | null
  evidence: SourceEvidenceAnnotation[]
}

/** A statement's stance, with the model's probability for every label (kept for weighing sources; not serialised). */
export interface StanceAnnotation extends Stance {
  scores: Record<Stance['label'], number>
}

/** What the caller asks of one analysis beyond the article itself. */
export interface AnalysisRequest {
  /** A proposition to weigh the statements against instead of the headline. */
  claim?: string | null
}

/** The names of the layers, used by stages to declare what they require and assign. */
export type LayerName =
  | 'tokens'
  | 'sentences'
  | 'quotes'
  | 'mentions'
  | 'entities'
  | 'statements'
  | 'relations'
  | 'claims'
  | 'stance'
  | 'question'
  | 'sources'
  | 'balance'

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
  relations: RelationAnnotation[] = []
  claims: ClaimAnnotation[] = []
  /** The proposition the `stance` layer weighs statements against, or null. */
  centralClaim: CentralClaim | null = null
  /** One stance per statement (same order as `statements`); null entries when there is no central claim. */
  stances: Array<StanceAnnotation | null> = []
  question: QuestionAnnotation | null = null
  sources: SourceAnnotation[] = []
  balance: Balance | null = null
  readonly request: Readonly<AnalysisRequest>
  readonly diagnostics: Diagnostic[] = []
  private readonly assigned = new Set<LayerName>()
  private frozen = false

  constructor(article: Article, request: AnalysisRequest = {}) {
    this.article = article
    this.text = article.text
    this.request = Object.freeze({ ...request })
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
