/**
 * Plain-text article pages: either text with a `Key: value` header block (the bundled examples),
 * or text as scraped from a news site, where the metadata lines sit above and below the body:
 *
 *     Asharq Al-Awsat                      ← site name        → outlet
 *     Arab World                           ← section (or both on one line: "Al Jazeera | Middle East",
 *                                            which may also come below the headline)
 *     Headline                             ← headline (a verbatim repeat below it is dropped)
 *     People gather in the square. (AFP)   ← photo caption    → captions[]
 *     By Jane Doe                          ← byline
 *     Tuesday, 14 May, 2019 - 09:30        ← dateline         → published
 *     Body paragraphs...
 *     Last Modified: Tuesday، 14 May 2019 09:05 PM            → modified
 */
import type { Article } from '../doc/schema.js'
import { WhosaidError } from '../errors.js'
import { buildArticle, type ArticleFields } from './article.js'
import { normalizeText } from './normalize.js'
import { bylineOf, dateKeyLine, dateLine, isCaptionLine, isCreditTrailer, isHeadlineLike, isNameLike, isRelatedLinkLine, siteSectionLine } from './page-lines.js'
import { joinParagraphs } from './paragraphs.js'
import { readHeaderBlock } from './text-header.js'
import { describeSource, type SourceRef } from './types.js'

interface Line {
  text: string
  /** Index in the full line list, to know what follows it. */
  at: number
}

const MARKDOWN_HEADING = /^#{1,6}\s+/

type Found = Omit<ArticleFields, 'text' | 'captions'> & { captions: string[] }

export function parseTextPage(raw: string, source: SourceRef): Article {
  const lines = normalizeText(raw).split('\n')
  const header = readHeaderBlock(lines)
  const found: Found = { captions: [] }
  let bodyLines: string[]
  if (header) {
    const { captions, ...fields } = header.fields
    Object.assign(found, fields)
    found.captions.push(...captions)
    bodyLines = lines.slice(header.bodyStart)
  } else {
    bodyLines = lines.slice(readTopMatter(lines, found))
  }
  const text = joinParagraphs(dropCreditTrailer(bodyLines.filter((line) => !leavesBody(line, found))))
  if (text === '') throw new WhosaidError('E001', 'no article text besides the page header', describeSource(source))
  return buildArticle({ ...found, text })
}

/**
 * Reads site, section, headline, captions, byline and dateline off the top of a scraped page into
 * `found`; returns the index of the first body line.
 */
function readTopMatter(lines: readonly string[], found: Found): number {
  const nonEmpty: Line[] = lines.flatMap((text, at) => (text === '' ? [] : [{ text, at }]))
  const blankAfter = (line: Line) => lines[line.at + 1] === '' || line.at + 1 === lines.length
  const [first, second, third] = nonEmpty
  if (!first) return lines.length
  let next = 0

  const breadcrumb = siteSectionLine(first.text)
  if (breadcrumb) {
    found.outlet = breadcrumb.outlet
    found.section = breadcrumb.section
    next = 1
  } else if (second && isNameLike(first.text) && second.text !== first.text) {
    const sectionThenHeadline =
      third && isNameLike(second.text) && second.text !== third.text && isHeadlineLike(third.text)
    if (sectionThenHeadline) {
      found.outlet = first.text
      found.section = second.text
      next = 2
    } else if (isHeadlineLike(second.text)) {
      found.outlet = first.text
      next = 1
    }
  }

  const candidate = nonEmpty[next]
  const after = nonEmpty[next + 1]
  // Markdown files mark their title: "# Council keeps the tram line".
  const title = candidate?.text.replace(MARKDOWN_HEADING, '')
  // With no site line above it, the first line is the headline only when it clearly stands apart.
  if (candidate && title && isHeadlineLike(title)) {
    const standsApart =
      next > 0 ||
      blankAfter(candidate) ||
      MARKDOWN_HEADING.test(candidate.text) ||
      (after !== undefined && isTopMatter(after.text, title))
    if (standsApart && after !== undefined) {
      found.headline = title
      next++
    }
  }

  while (next < nonEmpty.length && isTopMatter(nonEmpty[next].text, found.headline ?? null)) {
    takeTopLine(nonEmpty[next].text, found)
    next++
  }
  return next < nonEmpty.length ? nonEmpty[next].at : lines.length
}

function isTopMatter(line: string, headline: string | null): boolean {
  return line === headline || isCaptionLine(line, 'top') || bylineOf(line) !== null || dateLine(line) !== null || siteSectionLine(line) !== null
}

function takeTopLine(line: string, found: Found): void {
  if (line === found.headline) return
  const byline = bylineOf(line)
  const date = dateLine(line)
  const breadcrumb = siteSectionLine(line)
  if (breadcrumb !== null) {
    found.outlet ??= breadcrumb.outlet
    found.section ??= breadcrumb.section
  } else if (byline !== null) found.byline ??= byline
  else if (date !== null) found[date.kind] ??= date.iso
  else found.captions.push(line)
}

/** Credit lines at the very end of the body ("Source: Al Jazeera and news agencies"); not prose. */
function dropCreditTrailer(lines: string[]): string[] {
  let end = lines.length
  while (end > 0 && (lines[end - 1] === '' || isCreditTrailer(lines[end - 1]))) end--
  return lines.slice(0, end)
}

/** Body lines that are page furniture: captions and date trailers (recorded in `found`), links to other stories. */
function leavesBody(line: string, found: Found): boolean {
  if (line === '') return false
  if (isRelatedLinkLine(line)) return true
  const date = dateKeyLine(line)
  if (date) {
    found[date.kind] ??= date.iso
    return true
  }
  if (isCaptionLine(line, 'body')) {
    found.captions.push(line)
    return true
  }
  return false
}
