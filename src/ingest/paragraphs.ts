/**
 * Turns body lines into paragraphs separated by one blank line. Scraped pages put a paragraph on
 * each line, e-mail style text hard-wraps paragraphs at ~72 columns: both must come out right.
 */

const TERMINAL = /[.!?:"”’)\]]$/

/** True when the lines of a block are one paragraph wrapped at a fixed width. */
function isHardWrapped(lines: readonly string[]): boolean {
  if (lines.length < 2) return false
  const wrapped = lines.slice(0, -1)
  if (!wrapped.every((line) => line.length >= 30 && line.length <= 100)) return false
  // A wrapped line breaks mid-sentence far more often than at a full stop.
  const open = wrapped.filter((line) => !TERMINAL.test(line)).length
  return open * 2 >= wrapped.length
}

/** `lines` may contain '' for blank lines; the result is the body text. */
export function joinParagraphs(lines: readonly string[]): string {
  const paragraphs: string[] = []
  let block: string[] = []
  const flush = () => {
    if (block.length === 0) return
    if (isHardWrapped(block)) paragraphs.push(block.map((line) => line.trim()).join(' '))
    else paragraphs.push(...block)
    block = []
  }
  for (const line of lines) {
    if (line.trim() === '') flush()
    else block.push(line)
  }
  flush()
  return paragraphs.join('\n\n')
}
