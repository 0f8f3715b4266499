/**
 * The whosaid document model, version 1: the shape of every analysed article that leaves the library
 * (CLI JSON, HTTP API, store). One normalised text per article; every annotation is a standoff span
 * into that text. Offsets are UTF-16 code units (JavaScript string indices), `end` exclusive.
 */
import { z } from 'zod'

export const SCHEMA_ID = 'whosaid/1'

const offset = z.number().int().nonnegative()

/** A standoff span: `text === article.text.slice(start, end)` always holds. */
export const SpanSchema = z.object({ start: offset, end: offset, text: z.string() })
export type Span = z.infer<typeof SpanSchema>

export const EntityTypeSchema = z.enum(['PERSON', 'ORG', 'GPE', 'LOC', 'NORP'])
export type EntityType = z.infer<typeof EntityTypeSchema>

/** ISO 8601 date or date-time, or null when the article does not say. */
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}(T[\d:.]+(Z|[+-]\d{2}:?\d{2})?)?$/).nullable()

export const ArticleSchema = z.object({
  /** Normalised body text: NFC, LF line breaks, paragraphs separated by one blank line. */
  text: z.string(),
  headline: z.string().nullable(),
  outlet: z.string().nullable(),
  section: z.string().nullable(),
  byline: z.string().nullable(),
  published: isoDate,
  modified: isoDate,
  /** Photo captions found around the body; they are not part of `text`. */
  captions: z.array(z.string()),
  /** ISO 639-3 code from language identification (`eng`), or `und` when the text is too short. */
  language: z.string(),
  url: z.string().nullable(),
})
export type Article = z.infer<typeof ArticleSchema>

export const RoleSchema = SpanSchema.extend({
  /** How the role was found: a title before the name, an apposition, a premodifier, or a copula. */
  kind: z.enum(['title', 'apposition', 'premodifier', 'copula']),
})
export type Role = z.infer<typeof RoleSchema>

export const EntitySchema = z.object({
  id: z.string(),
  type: EntityTypeSchema,
  /** Canonical name: the longest full-name mention in the article, without titles. */
  name: z.string(),
  /** Other surface forms seen in the article (surname only, title + surname, spelling variants). */
  aliases: z.array(z.string()),
  roles: z.array(RoleSchema),
  mentions: z.array(SpanSchema),
})
export type Entity = z.infer<typeof EntitySchema>

export const SpeakerSchema = SpanSchema.extend({
  /** Id of the entity the speaker resolves to, or null (anonymous or unresolved). */
  entity: z.string().nullable(),
  /** The resolved name (the entity's canonical name), or the speaker text when unresolved. */
  name: z.string(),
  /** True for anonymous sources: "officials", "a source close to the talks". */
  anonymous: z.boolean(),
})
export type Speaker = z.infer<typeof SpeakerSchema>

export const StatementSchema = z.object({
  id: z.string(),
  kind: z.enum(['direct', 'indirect', 'mixed']),
  speaker: SpeakerSchema,
  cue: SpanSchema,
  content: SpanSchema,
})
export type Statement = z.infer<typeof StatementSchema>

/** A check-worthy assertion in the outlet's own voice (filled by the claims stage; empty in v1). */
export const ClaimSchema = SpanSchema.extend({ id: z.string(), entities: z.array(z.string()) })
export type Claim = z.infer<typeof ClaimSchema>

/** A relation stated in the text, with its evidence (filled by the relations stage; empty in v1). */
export const RelationSchema = z.object({
  type: z.string(),
  subject: z.string(),
  object: z.string(),
  evidence: SpanSchema,
})
export type Relation = z.infer<typeof RelationSchema>

export const DiagnosticSchema = z.object({
  severity: z.enum(['info', 'warning', 'fatal']),
  /** Stable rule identifier such as `W101`. */
  ruleId: z.string(),
  /** The stage that raised it. */
  source: z.string(),
  message: z.string(),
  place: SpanSchema.nullable(),
})
export type Diagnostic = z.infer<typeof DiagnosticSchema>

export const ProvenanceSchema = z.object({
  /** Offset unit of every span. */
  offsets: z.literal('utf16'),
  /** The stages that ran, with versions, in order. */
  pipeline: z.array(z.object({ name: z.string(), version: z.string() })),
  /** sha256 of the normalised text and metadata: the article's identity in every store. */
  contentHash: z.string(),
})

export const AnalysisSchema = z.object({
  schema: z.literal(SCHEMA_ID),
  article: ArticleSchema,
  sentences: z.array(z.object({ start: offset, end: offset })),
  entities: z.array(EntitySchema),
  statements: z.array(StatementSchema),
  claims: z.array(ClaimSchema),
  relations: z.array(RelationSchema),
  diagnostics: z.array(DiagnosticSchema),
  provenance: ProvenanceSchema,
})
export type Analysis = z.infer<typeof AnalysisSchema>
