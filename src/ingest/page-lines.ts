/**
 * Classifiers for the lines of a scraped news page: which line is the site name, the headline, a
 * photo caption, the byline, a dateline or a date trailer. They decide what leaves the body text,
 * so every rule errs on the side of keeping prose.
 */
import { dateOfDateLine, toIsoDate } from './dates.js'

/** Picture agencies and credits that end (or open) a caption: "... in Khartoum. (AFP)". */
const CREDIT_NAMES =
  'AFP|Reuters|AP|EPA|EPA-EFE|SPA|WAM|KUNA|QNA|Anadolu|Getty(?: Images)?|Xinhua|dpa|Shutterstock|ANSA|UPI|NurPhoto|Wikimedia Commons|File|Archive'
const CREDIT = `(?:${CREDIT_NAMES})`
const CREDIT_AT_END = new RegExp(`\\(\\s*${CREDIT}(?:\\s*[/|]\\s*[^()]{1,60})?\\s*\\)[.]?$`, 'i')
const CREDIT_AT_START = new RegExp(`^\\(\\s*${CREDIT}(?:\\s*[/|]\\s*[^()]{1,60})?\\s*\\)`, 'i')
const CREDIT_ANYWHERE = new RegExp(`\\(\\s*${CREDIT}(?:\\s*[/|]\\s*[^()]{1,60})?\\s*\\)`, 'i')
const CREDIT_AFTER_SENTENCE = new RegExp(`[.!?]["”’]?\\s+\\(\\s*${CREDIT}\\b[^()]{0,60}\\)`, 'i')
/** A wire dateline opening a body paragraph: "LONDON (Reuters) - ..." is prose, not a caption. */
const WIRE_DATELINE = new RegExp(`^[\\p{Lu}][\\p{L} .,'’/-]{0,40}\\(\\s*${CREDIT}\\s*\\)\\s*[-–—:]`, 'iu')
// "Photos of the damage circulated online, police said." is prose: only "File photo ..." and
// "Photo: ..." / "Photo by ..." / "Photo - ..." open a caption.
const PHOTO_OPENING =
  /^\(?\s*(?:(?:file|archive|handout)\s+(?:photo(?:graph)?|image|picture)s?\b|(?:photo(?:graph)?|image|picture|credit)s?\s*(?::|\bby\b|[-–—]))/i
const PHOTO_INSIDE = /\((?:file\s+)?(?:photo|image|picture)s?\s*(?::|\bby\b|\/)/i
const PHOTO_CREDIT_TAIL = /[.!?]["”’]?\s+(?:photo|image|picture)s?\s*:\s*[^.]{1,60}\.?$/i

/** Al Jazeera style credits in brackets: "... in Khartoum [File: Reuters]", "[Ali Smith/AP Photo]". */
const BRACKET_CREDIT = new RegExp(`\\[[^\\[\\]]{0,80}\\b(?:${CREDIT_NAMES}|Photo|Image)\\b[^\\[\\]]{0,80}\\][.]?$`, 'i')

/** Captions are short; a long paragraph that mentions an agency is prose. */
const MAX_CAPTION = 400

/**
 * True for a photo caption line. `top` (the lines between headline and body) accepts any agency
 * credit in parentheses; in the body the credit must open or close the line, or follow a sentence.
 */
export function isCaptionLine(line: string, zone: 'top' | 'body' = 'body'): boolean {
  if (line.length > MAX_CAPTION || WIRE_DATELINE.test(line)) return false
  if (PHOTO_OPENING.test(line) || PHOTO_INSIDE.test(line) || PHOTO_CREDIT_TAIL.test(line)) return true
  if (CREDIT_AT_END.test(line) || CREDIT_AT_START.test(line) || CREDIT_AFTER_SENTENCE.test(line)) return true
  if (BRACKET_CREDIT.test(line)) return true
  return zone === 'top' && CREDIT_ANYWHERE.test(line)
}

const BYLINE = /^(?:by|written by|words by|reporting by)\s+(\p{Lu}.{1,80})$/iu

/** The name(s) in a byline line ("By Jane Doe" → "Jane Doe"), or null. */
export function bylineOf(line: string): string | null {
  const match = BYLINE.exec(line)
  if (!match) return null
  const names = match[1].trim()
  if (names.split(/\s+/).length > 12 || /[.!?]$/.test(names.replace(/\b\p{Lu}\.$/u, ''))) return null
  return names
}

const DATE_KEY = /^(last[ -]modified|last[ -]updated|updated(?: on| at)?|modified|published(?: on| at)?|first published|posted(?: on| at)?|date)\s*[:：]\s*(.+)$/i

/** A "Published: ..." / "Last Modified: ..." line: which date it gives and its ISO form. */
export function dateKeyLine(line: string): { kind: 'published' | 'modified'; iso: string } | null {
  const match = DATE_KEY.exec(line)
  if (!match) return null
  const iso = toIsoDate(match[2])
  if (!iso) return null
  return { kind: /modif|updat/i.test(match[1]) ? 'modified' : 'published', iso }
}

/** A line that is only a date, such as "Tuesday, 14 May, 2019 - 09:30" under the headline. */
export function dateLine(line: string): { kind: 'published' | 'modified'; iso: string } | null {
  const keyed = dateKeyLine(line)
  if (keyed) return keyed
  const iso = dateOfDateLine(line)
  if (!iso) return null
  return { kind: /modif|updat/i.test(line) ? 'modified' : 'published', iso }
}

/** Small words that may stay lower case inside a site or section name. */
const NAME_PARTICLES = new Set(['al', 'el', 'de', 'del', 'der', 'di', 'du', 'la', 'le', 'of', 'the', 'and', 'for', 'on', 'von', 'van', 'y', '&', '-', '|'])
const DOMAIN = /^[\p{L}\d-]+(?:\.[\p{L}\d-]+)+$/u

/** Looks like the name of a site or a section: "Asharq Al-Awsat", "Arab World", "news.com.au". */
export function isNameLike(line: string): boolean {
  if (line.length > 40 || /[.,;:!?]$/.test(line) || !/\p{L}/u.test(line)) return false
  const words = line.split(/\s+/)
  if (words.length > 5) return false
  if (words.length === 1 && DOMAIN.test(line)) return true
  // Scripts without letter case (Arabic, Chinese...) cannot be judged by capitals.
  if (!/[A-Za-z\u00C0-\u024F]/.test(line)) return true
  return words.every((word) => /^[\p{Lu}\d]/u.test(word) || NAME_PARTICLES.has(word.toLowerCase()))
}

/** Separators of a site / section breadcrumb line ("Al Jazeera | Middle East", "BBC News › World"). */
const BREADCRUMB = /\s+[|›»]\s+/

/**
 * A site and section on one line ("Al Jazeera | Middle East"): two name-like parts around a pipe
 * or a breadcrumb arrow; null for any other line.
 */
export function siteSectionLine(line: string): { outlet: string; section: string } | null {
  const parts = line.split(BREADCRUMB)
  if (parts.length !== 2 || !parts.every(isNameLike)) return null
  return { outlet: parts[0]!, section: parts[1]! }
}

/** Could be a headline: one short line without final full stop that is not some other page part. */
export function isHeadlineLike(line: string): boolean {
  if (line.length < 3 || line.length > 200 || !/\p{L}/u.test(line)) return false
  if (line.split(/\s+/).length > 30) return false
  if (/[.,;:]["”’)]*$/.test(line) && !/\.\.\.$|…$/.test(line)) return false
  return !isCaptionLine(line, 'top') && bylineOf(line) === null && dateLine(line) === null && siteSectionLine(line) === null
}

const CREDIT_TRAILER = /^(?:sources?|reporting by|writing by|editing by|additional reporting by|compiled by|with agencies|\(?with reporting by)\b/i

/** The wire-service credit under an article ("Reporting by ...; Editing by ...", "Source: agencies"). */
export function isCreditTrailer(line: string): boolean {
  return CREDIT_TRAILER.test(line) && line.split(/\s+/).length <= 20
}

/**
 * A link to another story inside the body ("Read more: Sudan war: what you need to know",
 * "Related: ...", "ALSO READ | ..."): page furniture that reads like a headline, not the article's
 * prose. Short, and opened by one of the phrases sites use for such links.
 */
const RELATED_LINK =
  /^(?:read more|read also|also read|more from|related(?: articles?| stories| coverage| content)?|see also|recommended|further reading|you may also like|more on this(?: story)?|must read|watch|listen)\s*(?:[:：|»›>]|[-–—]\s)\s*\S/i

export function isRelatedLinkLine(line: string): boolean {
  return RELATED_LINK.test(line) && line.split(/\s+/).length <= 25
}
