/**
 * Output formats of `whosaid analyze`: json (one object, or an array for several articles), jsonl
 * (one object per line), csv (one row per statement) and table (for people).
 */
import type { Analysis, Balance } from '../doc/schema.js'

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
  'cue', 'content', 'content_start', 'content_end', 'stance', 'stance_score',
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
          statement.stance?.label ?? '', statement.stance ? String(statement.stance.score) : '',
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
  if (analysis.centralClaim !== undefined) {
    const claim = analysis.centralClaim
    lines.push(claim ? `Central claim (${claim.source === 'request' ? '--claim' : 'headline'}): ${claim.text}` : 'Central claim: none (the headline makes no claim; pass --claim to weigh the statements against one)')
  }
  if (analysis.question) lines.push(`Question: ${analysis.question.text} — alternatives: ${analysis.question.alternatives.map((a) => a.text).join(' | ')}`)
  if (analysis.centralClaim !== undefined || analysis.question) lines.push('')
  lines.push(`Statements (${analysis.statements.length})`)
  for (const statement of analysis.statements) {
    const who = statement.speaker.anonymous ? `${statement.speaker.text} (anonymous)` : statement.speaker.name
    lines.push(`  ${statement.id.padEnd(4)} ${statement.kind.padEnd(8)} ${who} [${statement.cue.text}]${statement.stance ? `  stance: ${stanceText(statement.stance)}` : ''}`)
    lines.push(`       ${ellipsis(statement.content.text, 160)}`)
  }
  if (analysis.sources) {
    lines.push('')
    lines.push(`Sources (${analysis.sources.length})`)
    for (const source of analysis.sources) {
      const roles = [...new Set(source.roles.map((role) => role.text))].join('; ')
      const tags = [source.anonymous ? 'anonymous' : source.entity ?? 'unresolved', source.statements.join(', ')]
      if (source.stance) tags.push(`stance: ${stanceText(source.stance)}`)
      if (source.alternative !== null) tags.push(`alternative: ${source.alternative}`)
      lines.push(`  ${source.id.padEnd(4)} ${source.name}${roles ? ` — ${roles}` : ''}  (${tags.join(' · ')})`)
      for (const item of source.evidence) lines.push(`       ${item.effect} ${item.alternative}: "${ellipsis(item.text, 80)}"${item.statement ? ` (${item.statement})` : ''} — ${item.note}`)
    }
  }
  if (analysis.balance) {
    lines.push('')
    lines.push(`Outlet claims (${analysis.claims.length})`)
    for (const claim of analysis.claims) {
      const about = claim.entities.map((id) => entityName(analysis, id)).join(', ')
      lines.push(`  ${claim.id.padEnd(4)} ${(claim.kinds ?? []).join('+')}${about ? ` — about ${about}` : ''}`)
      lines.push(`       ${ellipsis(claim.text, 160)}`)
    }
    lines.push('')
    lines.push(`Relations (${analysis.relations.length})`)
    for (const relation of analysis.relations) {
      lines.push(`  ${entityName(analysis, relation.subject)} ${relation.type.replace(/_/g, ' ')} ${entityName(analysis, relation.object)}  "${ellipsis(relation.evidence.text, 100)}"`)
    }
    lines.push('')
    lines.push(...balanceLines(analysis.balance))
  }
  for (const diagnostic of analysis.diagnostics) lines.push(`  ${diagnostic.severity} ${diagnostic.ruleId} ${diagnostic.message}`)
  return lines.join('\n') + '\n'
}

function balanceLines(balance: Balance): string[] {
  const share = balance.ownVoiceShare === null ? 'n/a' : `${Math.round(balance.ownVoiceShare * 100)}%`
  const lines = [
    'Balance',
    `  sources: ${balance.namedSources} named · ${balance.anonymousSources} anonymous · ${balance.unresolvedSources} unresolved; ${balance.statements} statements`,
    `  outlet claims: ${balance.outletClaims} (${share} of assertions in the outlet's own voice)`,
  ]
  if (balance.stances) lines.push(`  stances of sources: ${Object.entries(balance.stances).map(([label, n]) => `${label} ${n}`).join(' · ')}`)
  if (balance.alternatives) lines.push(`  alternatives of sources: ${Object.entries(balance.alternatives).map(([label, n]) => `${label} ${n}`).join(' · ')}`)
  return lines
}

function stanceText(stance: { label: string; score: number }): string {
  return `${stance.label} ${stance.score.toFixed(2)}`
}

function entityName(analysis: Analysis, id: string): string {
  return analysis.entities.find((entity) => entity.id === id)?.name ?? id
}

function ellipsis(text: string, max: number): string {
  const flat = text.replace(/\s+/g, ' ')
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat
}
