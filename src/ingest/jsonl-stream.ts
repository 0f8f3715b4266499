/**
 * JSONL streamed line by line: memory stays bounded by `maxBytes` whatever the corpus size, and
 * each bad line becomes an error item numbered `file.jsonl:LINE` while the rest is still read.
 */
import { WhosaidError } from '../errors.js'
import { parseJsonLine } from './documents.js'
import { looksBinary } from './guard.js'
import { failure } from './items.js'
import { splitLines } from './lines.js'
import { describeSource, type IngestItem, type SourceRef } from './types.js'

export async function* readJsonlStream(
  chunks: AsyncIterable<Buffer | string>,
  source: SourceRef,
  maxBytes: number,
): AsyncGenerator<IngestItem> {
  let records = 0
  try {
    for await (const line of splitLines(chunks, maxBytes)) {
      const lineSource = { name: source.name, line: line.number }
      const where = describeSource(lineSource)
      if (line.bytes === null) {
        records++
        yield failure(new WhosaidError('E004', `the line has ${line.size} bytes, the limit is ${maxBytes}`, where), lineSource)
        continue
      }
      // A binary file renamed .jsonl would otherwise yield one E005 per "line" of garbage.
      if (line.number === 1 && looksBinary(line.bytes)) {
        yield failure(new WhosaidError('E002', undefined, describeSource(source)), source)
        return
      }
      let text: string
      try {
        text = new TextDecoder('utf-8', { fatal: true }).decode(line.bytes)
      } catch (cause) {
        records++
        yield failure(new WhosaidError('E003', undefined, where, { cause }), lineSource)
        continue
      }
      if (text.trim() === '') continue
      records++
      yield parseJsonLine(text, lineSource)
    }
  } catch (cause) {
    // The stream failed (an unreadable file): report it and let the caller go on.
    yield failure(new WhosaidError('E008', (cause as Error).message, describeSource(source), { cause }), source)
    return
  }
  if (records === 0) yield failure(new WhosaidError('E001', 'no records', describeSource(source)), source)
}
