/**
 * Dates as articles state them, turned into the ISO 8601 forms the document model accepts:
 * `YYYY-MM-DD`, or `YYYY-MM-DDTHH:MM:SS` with the offset when the source gives one. The wall-clock
 * time is kept as written (never shifted to the machine's zone): that is what the article said.
 */
import * as chrono from 'chrono-node'

const ISO = /^(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)\s*(Z|[+-]\d{2}:?\d{2})?)?$/i

const pad = (n: number, width = 2) => String(n).padStart(width, '0')

function formatOffset(minutes: number): string {
  if (minutes === 0) return 'Z'
  const sign = minutes < 0 ? '-' : '+'
  const abs = Math.abs(minutes)
  return `${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`
}

/** ISO date (or date-time) from a date written in any common English form; null when unsure. */
export function toIsoDate(raw: string | number | null | undefined): string | null {
  if (raw === null || raw === undefined) return null
  if (typeof raw === 'number') return fromEpoch(raw)
  // Arabic-language sites write "Tuesday، 14 May 2019" with the ARABIC COMMA; chrono wants ",".
  const text = raw.replace(/\u060C/g, ',').replace(/\s+/g, ' ').trim()
  if (text === '') return null
  const iso = ISO.exec(text)
  if (iso) {
    const [, day, time, zone] = iso
    if (!time) return day
    const seconds = time.length === 5 ? `${time}:00` : time
    return `${day}T${seconds}${zone ? (zone.toUpperCase() === 'Z' ? 'Z' : zone) : ''}`
  }
  if (/^\d{10,13}$/.test(text)) return fromEpoch(Number(text))
  return fromChrono(text)
}

function fromEpoch(value: number): string | null {
  if (!Number.isFinite(value) || value <= 0) return null
  // Ten digits are seconds, thirteen are milliseconds: both appear in scraped corpora.
  const ms = value < 1e11 ? value * 1000 : value
  const date = new Date(ms)
  // A number past year 9999 is no date an article was written on (nor one ISO 8601's four-digit
  // year can state); past ±8.64e15 ms there is no Date at all.
  if (Number.isNaN(date.getTime()) || date.getUTCFullYear() > 9999) return null
  return date.toISOString().replace(/\.000Z$/, 'Z')
}

/**
 * Without a written year chrono fills one in from today ("May 14", "yesterday"): for an article's
 * metadata that would be an invented date, so only dates that spell out their year count.
 */
function statesItsYear(found: chrono.ParsedResult): boolean {
  return found.start.isCertain('year') && /\d{4}/.test(found.text)
}

function fromChrono(text: string): string | null {
  const found = chrono.parse(text).find(statesItsYear)
  if (!found) return null
  const start = found.start
  const year = start.get('year') ?? 0
  if (year < 1 || year > 9999) return null
  const day = `${pad(start.get('year') ?? 0, 4)}-${pad(start.get('month') ?? 1)}-${pad(start.get('day') ?? 1)}`
  if (!start.isCertain('hour')) return day
  const time = `${pad(start.get('hour') ?? 0)}:${pad(start.get('minute') ?? 0)}:${pad(start.get('second') ?? 0)}`
  const offset = start.isCertain('timezoneOffset') ? start.get('timezoneOffset') : null
  return `${day}T${time}${offset === null || offset === undefined ? '' : formatOffset(offset)}`
}

/**
 * The date in a short line that is nothing but a date ("Tuesday, 14 May, 2019 - 09:30",
 * "Published 14 May 2019 at 21:05 GMT"), or null when the line has other words: then it is prose.
 */
export function dateOfDateLine(line: string): string | null {
  const text = line.replace(/\u060C/g, ',').trim()
  if (text.length > 80) return null
  const found = chrono.parse(text).find(statesItsYear)
  if (!found) return null
  const rest = (text.slice(0, found.index) + ' ' + text.slice(found.index + found.text.length)).toLowerCase()
  const words = rest.split(/[^a-z]+/).filter(Boolean)
  const allowed = new Set(['published', 'posted', 'updated', 'last', 'modified', 'on', 'at', 'date', 'gmt', 'utc', 'local', 'time', 'am', 'pm',
    'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'])
  if (!words.every((word) => allowed.has(word))) return null
  return toIsoDate(found.text)
}
