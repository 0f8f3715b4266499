/**
 * The simple metadata header a plain-text article may start with (the bundled examples use it):
 *
 *     Title: Hundreds dead in Hajj stampede
 *     Outlet: Wikinews
 *     Date: 2006-01-12
 *
 *     Body text...
 */

export interface HeaderFields {
  headline?: string
  outlet?: string
  section?: string
  byline?: string
  published?: string
  modified?: string
  url?: string
  captions: string[]
}

type FieldName = Exclude<keyof HeaderFields, 'captions'> | 'captions' | 'ignored'

const KEYS: Record<string, FieldName> = {
  title: 'headline',
  headline: 'headline',
  outlet: 'outlet',
  source: 'outlet',
  site: 'outlet',
  publisher: 'outlet',
  publication: 'outlet',
  section: 'section',
  category: 'section',
  author: 'byline',
  authors: 'byline',
  byline: 'byline',
  by: 'byline',
  date: 'published',
  published: 'published',
  'date published': 'published',
  modified: 'modified',
  updated: 'modified',
  'last modified': 'modified',
  'date modified': 'modified',
  url: 'url',
  link: 'url',
  'source url': 'url',
  caption: 'captions',
  photo: 'captions',
  language: 'ignored',
}

const KEY_LINE = /^([A-Za-z][A-Za-z ]{0,20}?)\s*:\s*(.*)$/

function fieldOf(line: string): { field: FieldName; value: string } | null {
  const match = KEY_LINE.exec(line)
  if (!match) return null
  const field = KEYS[match[1].toLowerCase()]
  return field ? { field, value: match[2].trim() } : null
}

/**
 * Reads the header block at the top of `lines` (already normalised). Returns the fields and the
 * index of the first body line, or null when the text does not start with a header block.
 */
export function readHeaderBlock(lines: readonly string[]): { fields: HeaderFields; bodyStart: number } | null {
  let end = 0
  while (end < lines.length && lines[end] !== '') end++
  const block = lines.slice(0, end).map(fieldOf)
  if (block.length === 0 || block.some((entry) => entry === null)) return null
  // One "Updated: ..." or "Source: ..." line alone may be the article's first line; a header
  // is either several key lines or a single line that only a header would have.
  const only = block[0]!.field
  if (block.length === 1 && only !== 'headline' && only !== 'url') return null
  const fields: HeaderFields = { captions: [] }
  for (const entry of block) {
    const { field, value } = entry!
    if (value === '' || field === 'ignored') continue
    if (field === 'captions') fields.captions.push(value)
    else fields[field] ??= value
  }
  return { fields, bodyStart: end }
}
