/**
 * Output formats of `whosaid analyze`: json (one object, or an array for several articles), jsonl
 * (one object per line), csv (one row per statement) and table (for people).
 */
import type { Analysis } from '../doc/schema.js'

export const FORMATS = ['json', 'jsonl', 'csv', 'table'] as const
export type OutputFormat = (typeof FORMATS)[number]

export function formatAnalyses(analyses: readonly Analysis[], format: OutputFormat): string {
  switch (format) {
    case 'json':
      return JSON.stringify(analyses.length === 1 ? analyses[0] : analyses, null, 2) + '\n'
    case 'jsonl':
      return analyses.map((analysis) => JSON.stringify(analysis)).join('\n') + '\n'
    case 'csv':
      return toCsv(analyses)
    case 'table':
      return analyses.map(toTable).join('\n')
  }
}

const CSV_COLUMNS = [
  'article', 'headline', 'statement', 'kind', 'speaker', 'speaker_entity', 'speaker_name', 'anonymous',
  'cue', 'content', 'content_start', 'content_end',
]

function toCsv(analyses: readonly Analysis[]): string {
  const rows = [CSV_COLUMNS.join(',')]
  for (const analysis of analyses) {
    for (const statement of analysis.statements) {
      rows.push(
        [
          analysis.provenance.contentHash.slice(0, 12), analysis.article.headline ?? '', statement.id, statement.kind,
          statement.speaker.text, statement.speaker.entity ?? '', statement.speaker.name, String(statement.speaker.anonymous),
          statement.cue.text, statement.content.text, String(statement.content.start), String(statement.content.end),
        ].map(csvCell).join(','),
      )
    }
  }
  return rows.join('\n') + '\n'
}

function csvCell(value: string): string {
  // Cells that a spreadsheet would run as a formula are prefixed with a quote (CSV injection).
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value
  return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe
}

function toTable(analysis: Analysis): string {
  const { article } = analysis
  const lines: string[] = []
  lines.push(article.headline ?? '(no headline)')
  const meta = [article.outlet, article.published, article.byline, article.url].filter(Boolean).join(' · ')
  if (meta) lines.push(meta)
  lines.push('')
  lines.push(`Entities (${analysis.entities.length})`)
  for (const entity of analysis.entities) {
    const roles = entity.roles.map((role) => role.text).join('; ')
    const aliases = entity.aliases.length ? ` aka ${entity.aliases.join(', ')}` : ''
    lines.push(`  ${entity.id.padEnd(4)} ${entity.type.padEnd(6)} ${entity.name}${aliases}${roles ? ` — ${roles}` : ''}  ×${entity.mentions.length}`)
  }
  lines.push('')
  lines.push(`Statements (${analysis.statements.length})`)
  for (const statement of analysis.statements) {
    const who = statement.speaker.anonymous ? `${statement.speaker.text} (anonymous)` : statement.speaker.name
    lines.push(`  ${statement.id.padEnd(4)} ${statement.kind.padEnd(8)} ${who} [${statement.cue.text}]`)
    lines.push(`       ${ellipsis(statement.content.text, 160)}`)
  }
  for (const diagnostic of analysis.diagnostics) lines.push(`  ${diagnostic.severity} ${diagnostic.ruleId} ${diagnostic.message}`)
  return lines.join('\n') + '\n'
}

function ellipsis(text: string, max: number): string {
  const flat = text.replace(/\s+/g, ' ')
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat
}
