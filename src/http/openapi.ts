/**
 * The OpenAPI 3.1 description of /api/v1, written by hand next to the routes it describes. The
 * Analysis schema is generated from the zod schema so the two can never drift apart.
 */
import { z } from 'zod'
import { AnalysisSchema } from '../doc/schema.js'
import { DEFAULT_LIMIT, MAX_LIMIT } from '../store/paging.js'
import { MAX_CLAIM_LENGTH } from '../stages/stance/central-claim.js'

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` })
const json = (schema: object) => ({ 'application/json': { schema } })
const ok = (description: string, schema: object) => ({ description, content: json(schema) })
const error = (description: string) => ({ description, content: json(ref('Error')) })
const cached = { ETag: { schema: { type: 'string' } }, 'Cache-Control': { schema: { type: 'string' } } }
const notModified = { description: 'The copy named by If-None-Match is current' }
const tooMany = {
  description: 'Too many requests from this client (per-address token bucket); wait Retry-After seconds',
  headers: { 'Retry-After': { schema: { type: 'integer' } } },
  content: json(ref('Error')),
}
const span = { type: 'object', required: ['start', 'end'], properties: { start: { type: 'integer' }, end: { type: 'integer' } } }
const page = (item: string) =>
  json({ type: 'object', required: ['total', 'items'], properties: { total: { type: 'integer' }, items: { type: 'array', items: ref(item) } } })

const limit = {
  name: 'limit',
  in: 'query',
  schema: { type: 'integer', minimum: 1, maximum: MAX_LIMIT, default: DEFAULT_LIMIT },
}
const offset = { name: 'offset', in: 'query', schema: { type: 'integer', minimum: 0, default: 0 } }
const nullableString = { type: ['string', 'null'] }

const schemas = {
  Error: {
    type: 'object',
    required: ['error'],
    properties: {
      error: {
        type: 'object',
        required: ['code', 'message'],
        properties: {
          code: { type: 'string', description: 'E0xx (see errors.ts), `unauthorized`, or `internal`', examples: ['E010'] },
          message: { type: 'string' },
          where: { type: 'string', description: 'The field or input the error concerns' },
        },
      },
    },
  },
  Analysis: analysisSchema(),
  StatementHit: {
    type: 'object',
    required: ['articleId', 'headline', 'outlet', 'published', 'statement', 'speakerName', 'snippet'],
    properties: {
      articleId: { type: 'integer' },
      headline: nullableString,
      outlet: nullableString,
      published: nullableString,
      statement: { $ref: '#/components/schemas/Analysis/properties/statements/items' },
      speakerName: { type: 'string' },
      snippet: { type: 'string', description: 'Statement content with the matched terms between [ and ]' },
      context: {
        type: 'object',
        required: ['start', 'end', 'text'],
        properties: { start: { type: 'integer' }, end: { type: 'integer' }, text: { type: 'string' } },
        description: 'The sentence(s) around the statement: a span into article.text (optional; SQLite fills it)',
      },
      matches: { type: 'array', items: span, description: 'Where the full-text query matched in the content: spans into article.text' },
    },
  },
  CoSpeaker: {
    type: 'object',
    required: ['name', 'anonymous', 'articles', 'statements'],
    properties: {
      name: { type: 'string' },
      anonymous: { type: 'boolean' },
      articles: { type: 'integer', description: 'Articles that mention the entity and quote this speaker' },
      statements: { type: 'integer', description: "This speaker's statements in those articles" },
    },
  },
  FacetValue: { type: 'object', required: ['value', 'count'], properties: { value: { type: 'string' }, count: { type: 'integer' } } },
  Facets: {
    type: 'object',
    required: ['outlets', 'speakers', 'stances'],
    properties: {
      outlets: { type: 'array', items: ref('FacetValue'), description: 'Counted in articles' },
      speakers: { type: 'array', items: ref('FacetValue'), description: 'Named speakers, counted in statements' },
      stances: { type: 'array', items: ref('FacetValue'), description: 'Stance labels, counted in statements' },
    },
  },
  IngestBody: {
    type: 'object',
    additionalProperties: false,
    description: 'Exactly one of text and html',
    properties: {
      text: { type: 'string', minLength: 1, description: 'Article text (a scraped page or plain text)' },
      html: { type: 'string', minLength: 1, description: 'A whole HTML article page' },
      headline: { type: 'string' },
      outlet: { type: 'string' },
      url: { type: 'string' },
      published: { type: 'string', description: 'ISO date, e.g. 2024-03-05' },
      languageCheck: { type: 'boolean', default: true, description: 'false: analyse even when the text is not detected as English' },
    },
  },
  IngestedArticle: {
    type: 'object',
    required: ['id', 'inserted', 'headline', 'outlet', 'published', 'language', 'statements', 'entities'],
    properties: {
      id: { type: 'integer' },
      inserted: { type: 'boolean', description: 'False when the article was already stored' },
      headline: nullableString,
      outlet: nullableString,
      published: nullableString,
      language: { type: 'string' },
      statements: { type: 'integer' },
      entities: { type: 'integer' },
    },
  },
  IngestLine: {
    type: 'object',
    description:
      'One line of the NDJSON answer to a JSONL body: {line, status: stored|exists, ...IngestedArticle}, {line, status: skipped} ' +
      '(already stored, not analysed again), {line, status: failed, error: {code, message, where}}; the last line is the summary ' +
      '{done: true, read, stored, skipped, failed, stopped}',
    properties: {
      line: { type: ['integer', 'null'] },
      status: { type: 'string', enum: ['stored', 'exists', 'skipped', 'failed'] },
      error: { type: 'object', properties: { code: { type: 'string' }, message: { type: 'string' }, where: nullableString } },
      done: { type: 'boolean' },
    },
  },
  ArticleSummary: {
    type: 'object',
    properties: {
      id: { type: 'integer' },
      contentHash: { type: 'string' },
      headline: nullableString,
      outlet: nullableString,
      published: nullableString,
      source: { type: 'string' },
      statementCount: { type: 'integer' },
      entityCount: { type: 'integer' },
      ingestedAt: { type: 'string', format: 'date-time' },
    },
  },
  EntityProfile: {
    type: 'object',
    properties: {
      name: { type: 'string' },
      type: { type: 'string', enum: ['PERSON', 'ORG', 'GPE', 'LOC', 'NORP'] },
      aliases: { type: 'array', items: { type: 'string' } },
      roles: { type: 'array', items: { type: 'string' } },
      articleIds: { type: 'array', items: { type: 'integer' } },
      statements: { type: 'array', items: ref('StatementHit'), description: 'One page (limit, offset), newest first' },
      statementTotal: { type: 'integer', description: 'All statements of the entity' },
      timeline: {
        type: 'array',
        items: { type: 'object', properties: { month: { type: 'string', examples: ['2024-03'] }, statements: { type: 'integer' } } },
        description: 'Statements per month of the article date, oldest first; months without statements are left out',
      },
      coSpeakers: { type: 'array', items: ref('CoSpeaker'), description: 'Other speakers quoted in the articles that mention the entity (top 50)' },
    },
  },
  AnalyzeInput: {
    type: 'object',
    required: ['text'],
    additionalProperties: false,
    properties: {
      text: { type: 'string', minLength: 1, description: 'Article text, or a whole HTML page with format=html' },
      headline: { type: 'string' },
      outlet: { type: 'string' },
      url: { type: 'string' },
      published: { type: 'string', description: 'ISO date, e.g. 2024-03-05' },
      format: { type: 'string', enum: ['text', 'html'], default: 'text' },
      claim: {
        type: 'string',
        minLength: 1,
        maxLength: MAX_CLAIM_LENGTH,
        description:
          'A proposition to weigh every statement against instead of the headline (`centralClaim.source` is then `request`); ' +
          'each statement and source gets a stance towards it. Not accepted with store=true.',
        examples: ['Egypt will side with Saudi Arabia'],
      },
    },
  },
}

const paths = {
  '/health': { get: { summary: 'Liveness', responses: { 200: ok('Up', { type: 'object' }) } } },
  '/analyze': {
    post: {
      summary: 'Analyse one article: who said what, where the sources stand (towards the headline or a given claim), outlet claims, relations, balance',
      parameters: [{ name: 'store', in: 'query', schema: { type: 'boolean', default: false }, description: 'Also store the analysis (not with a claim)' }],
      requestBody: { required: true, content: json(ref('AnalyzeInput')) },
      responses: {
        200: ok('The analysis (with id and inserted=false when store=true found it already stored)', ref('Analysis')),
        201: ok('Analysed and newly stored: the analysis with its id and inserted=true', ref('Analysis')),
        400: error('Invalid body; `where` names the field'),
        413: error('Body larger than 5 MB'),
        422: error('The article is not in English'),
      },
    },
  },
  '/articles': {
    get: {
      summary: 'Stored articles, newest first',
      parameters: [limit, offset],
      responses: {
        200: {
          description: 'One page',
          headers: cached,
          content: page('ArticleSummary'),
        },
        304: notModified,
        400: error('Invalid paging'),
      },
    },
  },
  '/articles/{id}': {
    get: {
      summary: 'One stored analysis, with its id',
      parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'integer', minimum: 1 } }],
      responses: { 200: { ...ok('The analysis', ref('Analysis')), headers: cached }, 304: notModified, 400: error('Bad id'), 404: error('No such article') },
    },
  },
  '/statements': {
    get: {
      summary: 'Search statements',
      parameters: [
        { name: 'q', in: 'query', schema: { type: 'string' }, description: 'FTS5 query over content and speaker; empty lists all, newest first' },
        { name: 'speaker', in: 'query', schema: { type: 'string' }, description: 'Speaker name or alias contains this (case- and accent-insensitive)' },
        { name: 'entity', in: 'query', schema: { type: 'string' }, description: 'The article mentions an entity whose name contains this' },
        { name: 'outlet', in: 'query', schema: { type: 'string' }, description: 'The outlet contains this (case- and accent-insensitive)' },
        { name: 'stance', in: 'query', schema: { type: 'string' }, description: 'The statement stance label is this (case-insensitive)' },
        { name: 'since', in: 'query', schema: { type: 'string' }, description: 'Published (or ingested, if undated) on or after this ISO date' },
        { name: 'until', in: 'query', schema: { type: 'string' }, description: 'Published (or ingested, if undated) on or before this ISO date; a date alone includes the day' },
        limit,
        offset,
      ],
      responses: {
        200: {
          description: 'Matches, best first (newest first without q)',
          headers: cached,
          content: page('StatementHit'),
        },
        304: notModified,
        400: error('Invalid parameter or full-text syntax (E012)'),
      },
    },
  },
  '/entities/{name}': {
    get: {
      summary: 'Everything about a named entity across articles',
      parameters: [{ name: 'name', in: 'path', required: true, schema: { type: 'string' } }, limit, offset],
      responses: {
        200: { ...ok('The merged profile, with one page of statements', ref('EntityProfile')), headers: cached },
        304: notModified,
        400: error('Invalid paging'),
        404: error('Unknown name'),
      },
    },
  },
  '/facets': {
    get: {
      summary: 'Values to offer as search filters: outlets, named speakers, stance labels, most frequent first',
      parameters: [{ name: 'limit', in: 'query', schema: { type: 'integer', minimum: 1, maximum: 500, default: 50 }, description: 'At most this many of each' }],
      responses: { 200: { ...ok('The facets', ref('Facets')), headers: cached }, 304: notModified, 400: error('Invalid limit') },
    },
  },
  '/ingest': {
    post: {
      summary: 'Analyse and store articles: one pasted article, one uploaded file, or a JSONL corpus streamed line by line',
      parameters: [
        { name: 'name', in: 'query', schema: { type: 'string', maxLength: 200 }, description: 'File name for messages (`corpus.jsonl:12`)' },
        { name: 'line', in: 'query', schema: { type: 'integer', minimum: 1, default: 1 }, description: 'Number of the first line of a JSONL chunk' },
        { name: 'languageCheck', in: 'query', schema: { type: 'boolean', default: true }, description: 'false: analyse articles not detected as English' },
      ],
      requestBody: {
        required: true,
        content: {
          'application/json': { schema: ref('IngestBody') },
          'text/plain': { schema: { type: 'string' }, description: 'A text article page, raw bytes (UTF-8, at most 10 MB)' },
          'text/html': { schema: { type: 'string' }, description: 'An HTML article page, raw bytes (UTF-8, at most 10 MB)' },
          'application/x-ndjson': { schema: { type: 'string' }, description: 'JSONL: one article record a line (at most 64 MB a request)' },
        },
      },
      responses: {
        200: {
          description: 'Already stored (inserted=false); for a JSONL body, the NDJSON stream of per-line results',
          content: { 'application/json': { schema: ref('IngestedArticle') }, 'application/x-ndjson': { schema: ref('IngestLine') } },
        },
        201: { ...ok('Analysed and stored', ref('IngestedArticle')), headers: { Location: { schema: { type: 'string' } } } },
        400: error('Bad input: E001 empty, E002 binary, E003 not UTF-8, E007 no article body, E010 bad field or Content-Type'),
        413: error('Body too large (E004)'),
        422: error('The article is not in English (E009)'),
      },
    },
  },
  '/stats': {
    get: {
      summary: 'Corpus counts',
      responses: {
        200: {
          ...ok('Counts', {
            type: 'object',
            properties: { articles: { type: 'integer' }, statements: { type: 'integer' }, entities: { type: 'integer' } },
          }),
          headers: cached,
        },
        304: notModified,
      },
    },
  },
  '/openapi.json': { get: { summary: 'This document', responses: { 200: ok('OpenAPI 3.1', { type: 'object' }) } } },
}

let document: object | null = null

/** Every operation can meet the rate limit. */
function withRateLimit(all: Record<string, Record<string, { responses: Record<string, unknown> }>>): object {
  for (const operations of Object.values(all)) {
    for (const operation of Object.values(operations)) operation.responses[429] = tooMany
  }
  return all
}

export function openApiDocument(): object {
  document ??= {
    openapi: '3.1.0',
    info: { title: 'whosaid', version: '1', description: 'Who said what in news articles.' },
    servers: [{ url: '/api/v1' }],
    security: [{}, { bearer: [] }],
    components: { schemas, securitySchemes: { bearer: { type: 'http', scheme: 'bearer', description: 'Required when the server runs with --token' } } },
    paths: withRateLimit(paths),
  }
  return document
}

function analysisSchema(): object {
  const { $schema: _dialect, ...schema } = z.toJSONSchema(AnalysisSchema) as Record<string, unknown>
  return schema
}
