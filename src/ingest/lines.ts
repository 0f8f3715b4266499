/**
 * Splits a byte stream into lines with bounded memory. node:readline would buffer a line of any
 * length and silently repair invalid UTF-8; here an overlong line is dropped as it streams by
 * (reported with its size) and every line stays bytes, so the UTF-8 check can name the line.
 */

export interface StreamLine {
  /** 1-based line number. */
  number: number
  /** The line without its line break, or null when it was longer than `maxBytes`. */
  bytes: Buffer | null
  /** Size in bytes (counted even when the line was dropped). */
  size: number
}

const LF = 0x0a
const CR = 0x0d

export async function* splitLines(chunks: AsyncIterable<Buffer | string>, maxBytes: number): AsyncGenerator<StreamLine> {
  let parts: Buffer[] = []
  let size = 0
  let number = 0
  const take = (): StreamLine => {
    number++
    let bytes = size > maxBytes ? null : Buffer.concat(parts)
    if (bytes && bytes.length > 0 && bytes[bytes.length - 1] === CR) bytes = bytes.subarray(0, -1)
    const line = { number, bytes, size }
    parts = []
    size = 0
    return line
  }
  for await (const chunk of chunks) {
    const buffer = typeof chunk === 'string' ? Buffer.from(chunk) : chunk
    let from = 0
    while (from < buffer.length) {
      const newline = buffer.indexOf(LF, from)
      const end = newline === -1 ? buffer.length : newline
      size += end - from
      // Past the limit the line's bytes are no longer kept: only its size is.
      if (size <= maxBytes) parts.push(buffer.subarray(from, end))
      else parts = []
      if (newline === -1) break
      yield take()
      from = newline + 1
    }
  }
  if (size > 0 || parts.length > 0) yield take()
}
