/**
 * JSONL streamed line by line: memory stays bounded by `maxBytes` whatever the corpus size, and
 * each bad line becomes an error item numbered `file.jsonl:LINE` while the rest is still read.
 * A gzip stream that breaks off (`corpus.jsonl.gz` cut short) ends with an E015 naming the line
 * where the damage starts; every whole line before it is still read.
 */
import { WhosaidError } from '../errors.js'
import { looksBinary } from './guard.js'
import { streamFailure } from './items.js'
import { splitLines } from './lines.js'
import type { RawInput } from './raw.js'
import { describeSource, type SourceRef } from './types.js'

/** The lines of a JSONL stream as raw units (parsed later), or error items for unreadable lines. */
export async function* readJsonlRaw(chunks: AsyncIterable<Buffer | string>, source: SourceRef, maxBytes: number): AsyncGenerator<RawInput> {
  let records = 0
  let lastLine = 0
  try {
    for await (const line of splitLines(chunks, maxBytes)) {
      lastLine = line.number
      const lineSource = { name: source.name, line: line.number }
      const where = describeSource(lineSource)
      if (line.bytes === null) {
        records++
        yield { kind: 'error', error: new WhosaidError('E004', `the line has ${line.size} bytes, the limit is ${maxBytes}`, where), source: lineSource }
        continue
      }
      // A binary file renamed .jsonl would otherwise yield one E005 per "line" of garbage.
      if (line.number === 1 && looksBinary(line.bytes)) {
        yield { kind: 'error', error: new WhosaidError('E002', undefined, describeSource(source)), source }
        return
      }
      let text: string
      try {
        text = new TextDecoder('utf-8', { fatal: true }).decode(line.bytes)
      } catch (cause) {
        records++
        yield { kind: 'error', error: new WhosaidError('E003', undefined, where, { cause }), source: lineSource }
        continue
      }
      if (text.trim() === '') continue
      records++
      yield { kind: 'jsonl-line', text, source: lineSource }
    }
  } catch (cause) {
    // The stream failed: a damaged gzip stream (named by the line it broke in), or an unreadable file.
    const failed = streamFailure(cause, source, { name: source.name, line: lastLine + 1 })
    yield { kind: 'error', error: failed, source }
    return
  }
  if (records === 0) yield { kind: 'error', error: new WhosaidError('E001', 'no records', describeSource(source)), source }
}
