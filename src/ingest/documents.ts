/** Inputs held in memory as one decoded string (a file, standard input), parsed by their format. */
import { WhosaidError } from '../errors.js'
import type { InputFormat } from './formats.js'
import { parseHtmlPage } from './html.js'
import { attempt, failure } from './items.js'
import { parseJsonRecord } from './jsonl.js'
import { parseTextPage } from './text.js'
import { describeSource, type IngestItem, type SourceRef } from './types.js'

export function* parseDocument(text: string, format: InputFormat, source: SourceRef): Generator<IngestItem> {
  switch (format) {
    case 'text':
      yield attempt(source, format, () => parseTextPage(text, source))
      return
    case 'html':
      yield attempt(source, format, () => parseHtmlPage(text, source))
      return
    case 'json':
      yield* parseJsonDocument(text, source)
      return
    case 'jsonl':
      for (const [index, line] of text.split('\n').entries()) {
        if (line.trim() !== '') yield parseJsonLine(line, { name: source.name, line: index + 1 })
      }
      return
  }
}

/** A `.json` file: one record, or an array of records (numbered from 1 like lines). */
function* parseJsonDocument(text: string, source: SourceRef): Generator<IngestItem> {
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch (cause) {
    yield failure(new WhosaidError('E005', 'the file is not valid JSON', describeSource(source), { cause }), source)
    return
  }
  if (!Array.isArray(value)) {
    yield attempt(source, 'json', () => parseJsonRecord(value, source))
    return
  }
  for (const [index, record] of value.entries()) {
    const recordSource = { name: source.name, line: index + 1 }
    yield attempt(recordSource, 'json', () => parseJsonRecord(record, recordSource))
  }
}

/** One JSONL line: E005 when it is not JSON, else its article (or E006 when it has no text). */
export function parseJsonLine(line: string, source: SourceRef): IngestItem {
  let value: unknown
  try {
    value = JSON.parse(line)
  } catch (cause) {
    return failure(new WhosaidError('E005', (cause as Error).message, describeSource(source), { cause }), source)
  }
  return attempt(source, 'jsonl', () => parseJsonRecord(value, source))
}
