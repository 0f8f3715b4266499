/**
 * Standard input (`-`): it has no file name, so its format is sniffed from its first line. JSONL
 * is streamed like a .jsonl file (a pipe may carry a whole corpus); anything else is read whole.
 */
import { assertSize, decodeInput } from './guard.js'
import { parseDocument } from './documents.js'
import { sniffFormat } from './formats.js'
import { asWhosaidError, failure } from './items.js'
import { readJsonlStream } from './jsonl-stream.js'
import type { IngestItem, SourceRef } from './types.js'

/** The most that is read before deciding the format, if no full first line has come by then. */
const SNIFF_BYTES = 64 * 1024

function toBuffer(chunk: Buffer | string): Buffer {
  return typeof chunk === 'string' ? Buffer.from(chunk) : chunk
}

export async function* readStdin(stream: NodeJS.ReadableStream, maxBytes: number): AsyncGenerator<IngestItem> {
  const source: SourceRef = { name: 'stdin' }
  const iterator = stream[Symbol.asyncIterator]()
  const head: Buffer[] = []
  let headSize = 0
  let ended = false
  // Read until the first line with content is complete: that is all the sniffing needs.
  while (headSize < SNIFF_BYTES && !/\S[^\n]*\n/.test(Buffer.concat(head).toString('utf8'))) {
    const next = await iterator.next()
    if (next.done) {
      ended = true
      break
    }
    const chunk = toBuffer(next.value)
    head.push(chunk)
    headSize += chunk.length
  }
  async function* all(): AsyncGenerator<Buffer> {
    yield* head
    if (ended) return
    for (let next = await iterator.next(); !next.done; next = await iterator.next()) yield toBuffer(next.value)
  }

  const format = sniffFormat(Buffer.concat(head).toString('utf8'))
  if (format === 'jsonl') {
    yield* readJsonlStream(all(), source, maxBytes)
    return
  }
  const kept: Buffer[] = []
  let size = 0
  for await (const chunk of all()) {
    size += chunk.length
    // Past the limit the rest is still drained, so the writing end of the pipe does not fail.
    if (size <= maxBytes) kept.push(chunk)
  }
  let text: string
  try {
    assertSize(size, source, maxBytes)
    text = decodeInput(Buffer.concat(kept), source, { maxBytes })
  } catch (error) {
    yield failure(asWhosaidError(error, 'E001', source), source)
    return
  }
  yield* parseDocument(text, format, source)
}
