/**
 * The OpenAPI 3.1 description of /api/v1, written by hand next to the routes it describes. The
 * Analysis schema is generated from the zod schema so the two can never drift apart.
 */
import { z } from 'zod'
import { AnalysisSchema } from '../doc/schema.js'
import { DEFAULT_LIMIT, MAX_LIMIT } from '../store/paging.js'

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` })
const json = (schema: object) => ({ 'application/json': { schema } })
const ok = (description: string, schema: object) => ({ description, content: json(schema) })
const error = (description: string) => ({ description, content: json(ref('Error')) })
const cached = { ETag: { schema: { type: 'string' } }, 'Cache-Control': { schema: { type: 'string' } } }
const notModified = { description: 'The copy named by If-None-Match is current' }

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
      statements: { type: 'array', items: ref('StatementHit') },
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
    },
  },
}

const paths = {
  '/health': { get: { summary: 'Liveness', responses: { 200: ok('Up', { type: 'object' }) } } },
  '/analyze': {
    post: {
      summary: 'Analyse one article: who said what',
      parameters: [{ name: 'store', in: 'query', schema: { type: 'boolean', default: false }, description: 'Also store the analysis' }],
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
          content: json({ type: 'object', properties: { total: { type: 'integer' }, items: { type: 'array', items: ref('ArticleSummary') } } }),
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
        { name: 'since', in: 'query', schema: { type: 'string' }, description: 'Published (or ingested, if undated) on or after this ISO date' },
        limit,
        offset,
      ],
      responses: {
        200: {
          description: 'Matches, best first (newest first without q)',
          headers: cached,
          content: json({ type: 'object', properties: { total: { type: 'integer' }, items: { type: 'array', items: ref('StatementHit') } } }),
        },
        304: notModified,
        400: error('Invalid parameter or full-text syntax (E012)'),
      },
    },
  },
  '/entities/{name}': {
    get: {
      summary: 'Everything about a named entity across articles',
      parameters: [{ name: 'name', in: 'path', required: true, schema: { type: 'string' } }],
      responses: { 200: { ...ok('The merged profile', ref('EntityProfile')), headers: cached }, 304: notModified, 404: error('Unknown name') },
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

export function openApiDocument(): object {
  document ??= {
    openapi: '3.1.0',
    info: { title: 'whosaid', version: '1', description: 'Who said what in news articles.' },
    servers: [{ url: '/api/v1' }],
    security: [{}, { bearer: [] }],
    components: { schemas, securitySchemes: { bearer: { type: 'http', scheme: 'bearer', description: 'Required when the server runs with --token' } } },
    paths,
  }
  return document
}

function analysisSchema(): object {
  const { $schema: _dialect, ...schema } = z.toJSONSchema(AnalysisSchema) as Record<string, unknown>
  return schema
}
