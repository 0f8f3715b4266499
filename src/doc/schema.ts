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

/** FNC-1 stance labels: the text agrees with the claim, disagrees, discusses it without taking a side, or is about something else. */
export const StanceLabelSchema = z.enum(['agree', 'disagree', 'discuss', 'unrelated'])
export type StanceLabel = z.infer<typeof StanceLabelSchema>

/** A stance towards the article's central claim: the label and the model's probability for it. */
export const StanceSchema = z.object({ label: StanceLabelSchema, score: z.number().min(0).max(1) })
export type Stance = z.infer<typeof StanceSchema>

export const StatementSchema = z.object({
  id: z.string(),
  kind: z.enum(['direct', 'indirect', 'mixed']),
  speaker: SpeakerSchema,
  cue: SpanSchema,
  content: SpanSchema,
  /**
   * Stance of the content towards `centralClaim`; null when the article has no central claim. Absent in
   * records written before the stance stage existed (the field is additive within whosaid/1).
   */
  stance: StanceSchema.nullable().optional(),
})
export type Statement = z.infer<typeof StatementSchema>

/** The proposition statements are weighed against: the headline when it makes a claim, or one the user passed. */
export const CentralClaimSchema = z.object({ text: z.string(), source: z.enum(['headline', 'request']) })
export type CentralClaim = z.infer<typeof CentralClaimSchema>

/** One option of a question headline ("Saudi Arabia or Iran?"); `span` is null when it comes from the headline, which is not part of `text`. */
export const AlternativeSchema = z.object({ text: z.string(), span: SpanSchema.nullable() })
export type Alternative = z.infer<typeof AlternativeSchema>

export const QuestionSchema = z.object({ text: z.string(), alternatives: z.array(AlternativeSchema) })
export type Question = z.infer<typeof QuestionSchema>

/** Why a source was given an alternative: one span of the article and what it did to the decision. */
export const SourceEvidenceSchema = SpanSchema.extend({
  /** The statement the span belongs to or was read for; null for a tie found elsewhere in the article. */
  statement: z.string().nullable(),
  /** The alternative (its text) the span concerns. */
  alternative: z.string(),
  /**
   * `mention`: the statement names the alternative, or a capital, demonym or person tied to it;
   * `polarity`: a negation or opposition word that turns a mention against the alternative;
   * `tie`: the text that ties a name to the alternative (an apposition, a role, a relation);
   * `affiliation`: the source itself is tied to the alternative and its statements name no side.
   */
  kind: z.enum(['mention', 'polarity', 'tie', 'affiliation']),
  effect: z.enum(['supports', 'opposes']),
  /** A short human-readable reason: "Riyadh is the capital of Saudi Arabia". */
  note: z.string(),
})
export type SourceEvidence = z.infer<typeof SourceEvidenceSchema>

/** Each source once: a speaker entity, or an unresolved or anonymous speaker by its printed name. */
export const SourceSchema = z.object({
  id: z.string(),
  /** Entity id, or null for anonymous and unresolved speakers. */
  entity: z.string().nullable(),
  name: z.string(),
  anonymous: z.boolean(),
  roles: z.array(RoleSchema),
  /** Statement ids, in reading order. */
  statements: z.array(z.string()),
  /** The source's stance towards `centralClaim` (from its statements' stances); null without a central claim. */
  stance: StanceSchema.nullable(),
  /** For a question headline: the alternative the source's statements support, `split`, or `none`; null when there is no question. */
  alternative: z.string().nullable(),
  evidence: z.array(SourceEvidenceSchema),
})
export type Source = z.infer<typeof SourceSchema>

export const ClaimKindSchema = z.enum(['quantity', 'causal', 'comparative'])
export type ClaimKind = z.infer<typeof ClaimKindSchema>

/** A check-worthy assertion in the outlet's own voice: a sentence inside no statement or quotation. */
export const ClaimSchema = SpanSchema.extend({
  id: z.string(),
  /** Ids of the entities mentioned in the claim. */
  entities: z.array(z.string()),
  /** What makes it check-worthy (absent in records written before the claims stage). */
  kinds: z.array(ClaimKindSchema).optional(),
  /** The words that make it so: numbers and quantities, causal and comparative cues. */
  evidence: z.array(SpanSchema).optional(),
})
export type Claim = z.infer<typeof ClaimSchema>

export const RelationTypeSchema = z.enum(['leads', 'member_of', 'role_in', 'backed_by', 'located_in'])
export type RelationType = z.infer<typeof RelationTypeSchema>

/** A relation stated in the text between two entities, with its evidence. */
export const RelationSchema = z.object({
  /** `leads` (heads, chairs, presides over), `member_of`, `role_in` (any other role), `backed_by` (also "loyal to"), `located_in`. */
  type: RelationTypeSchema,
  /** Entity ids. */
  subject: z.string(),
  object: z.string(),
  /** The phrase that states the relation. */
  evidence: SpanSchema,
  /** The mentions of the subject and the object inside the evidence (absent before the relations stage). */
  subjectMention: SpanSchema.optional(),
  objectMention: SpanSchema.optional(),
  /** The role words, for roles ("foreign minister", "member"); null for other relations. */
  role: SpanSchema.nullable().optional(),
  /** The textual pattern that stated it. */
  pattern: z.enum(['title', 'premodifier', 'apposition', 'copula', 'verb', 'participle', 'compound', 'place']).optional(),
})
export type Relation = z.infer<typeof RelationSchema>

/** How one-sided the sourcing is. */
export const BalanceSchema = z.object({
  /** Distinct sources resolved to a named entity. */
  namedSources: z.number().int().nonnegative(),
  /** Distinct anonymous sources ("officials", "a source close to the talks"). */
  anonymousSources: z.number().int().nonnegative(),
  /** Other sources: pronouns and descriptions that were not resolved to an entity. */
  unresolvedSources: z.number().int().nonnegative(),
  statements: z.number().int().nonnegative(),
  /** Sources per stance label; null without a central claim. */
  stances: z.record(StanceLabelSchema, z.number().int().nonnegative()).nullable(),
  /** Sources per alternative (its text), `split` and `none`; null without a question headline. */
  alternatives: z.record(z.string(), z.number().int().nonnegative()).nullable(),
  /** Claims in the outlet's own voice (`claims.length`). */
  outletClaims: z.number().int().nonnegative(),
  /** outletClaims / (outletClaims + statements): the share of assertions the outlet makes itself; null when there are none. */
  ownVoiceShare: z.number().min(0).max(1).nullable(),
})
export type Balance = z.infer<typeof BalanceSchema>

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
  /** The claim statements are weighed against, or null (absent in records written before the stance stage). */
  centralClaim: CentralClaimSchema.nullable().optional(),
  /** The question headline and its alternatives, or null. */
  question: QuestionSchema.nullable().optional(),
  sources: z.array(SourceSchema).optional(),
  claims: z.array(ClaimSchema),
  relations: z.array(RelationSchema),
  balance: BalanceSchema.optional(),
  diagnostics: z.array(DiagnosticSchema),
  provenance: ProvenanceSchema,
})
export type Analysis = z.infer<typeof AnalysisSchema>
