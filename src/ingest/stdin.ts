/**
 * Standard input (`-`): it has no file name, so its format is sniffed from its first bytes. Gzip is
 * gunzipped; WARC archives and JSONL are streamed like files of that kind (a pipe may carry a whole
 * corpus); anything else is read whole.
 */
import { assertSize, decodeInput } from './guard.js'
import { sniffFormat, isGzip, isWarc } from './formats.js'
import { asWhosaidError, streamFailure } from './items.js'
import { readJsonlRaw } from './jsonl-stream.js'
import type { RawInput } from './raw.js'
import { gunzipChunks } from './streams.js'
import type { SourceRef } from './types.js'
import { readWarcRaw } from './warc.js'

/** The most that is read before deciding the format, if no full first line has come by then. */
const SNIFF_BYTES = 64 * 1024

function toBuffer(chunk: Buffer | string): Buffer {
  return typeof chunk === 'string' ? Buffer.from(chunk) : chunk
}

/** Reads chunks until `enough` says the head suffices; the head and the whole stream after. */
async function peek(
  stream: AsyncIterable<Buffer | string>,
  enough: (head: Buffer) => boolean,
): Promise<{ head: Buffer; all: () => AsyncGenerator<Buffer> }> {
  const iterator = stream[Symbol.asyncIterator]()
  const parts: Buffer[] = []
  let head = Buffer.alloc(0)
  let ended = false
  while (head.length < SNIFF_BYTES && !enough(head)) {
    const next = await iterator.next()
    if (next.done) {
      ended = true
      break
    }
    parts.push(toBuffer(next.value))
    head = Buffer.concat(parts)
  }
  async function* all(): AsyncGenerator<Buffer> {
    yield* parts
    if (ended) return
    for (let next = await iterator.next(); !next.done; next = await iterator.next()) yield toBuffer(next.value)
  }
  return { head, all }
}

export async function* readStdinRaw(stream: NodeJS.ReadableStream, maxBytes: number): AsyncGenerator<RawInput> {
  const source: SourceRef = { name: 'stdin' }
  let input: AsyncIterable<Buffer | string> = stream as AsyncIterable<Buffer | string>
  let sniffed: Awaited<ReturnType<typeof peek>>
  try {
    const magic = await peek(input, (head) => head.length >= 2)
    input = isGzip(magic.head) ? gunzipChunks(magic.all()) : magic.all()
    // Read until the first line with content is complete: that is all the sniffing needs.
    sniffed = await peek(input, (head) => head.length >= 5 && (isWarc(head) || /\S[^\n]*\n/.test(head.toString('utf8'))))
  } catch (cause) {
    yield { kind: 'error', error: streamFailure(cause, source), source }
    return
  }
  if (isWarc(sniffed.head)) {
    yield* readWarcRaw(sniffed.all(), source, maxBytes)
    return
  }
  const format = sniffFormat(sniffed.head.toString('utf8'))
  if (format === 'jsonl') {
    yield* readJsonlRaw(sniffed.all(), source, maxBytes)
    return
  }
  const kept: Buffer[] = []
  let size = 0
  let text: string
  try {
    for await (const chunk of sniffed.all()) {
      size += chunk.length
      // Past the limit the rest is still drained, so the writing end of the pipe does not fail.
      if (size <= maxBytes) kept.push(chunk)
    }
    assertSize(size, source, maxBytes)
    text = decodeInput(Buffer.concat(kept), source, { maxBytes })
  } catch (error) {
    const zlib = String((error as { code?: unknown }).code ?? '').startsWith('Z_')
    yield { kind: 'error', error: zlib ? streamFailure(error, source) : asWhosaidError(error, 'E001', source), source }
    return
  }
  yield { kind: 'document', text, format, source }
}
