/**
 * The ingest entry point: files, folders and standard input in, one `IngestItem` per article out.
 * A bad input never stops the run: it becomes an error item (with the file, or file:line, it
 * concerns) and reading goes on with the next input, so one broken line cannot sink a corpus.
 */
import { createReadStream } from 'node:fs'
import { readFile, stat } from 'node:fs/promises'
import { WhosaidError } from '../errors.js'
import { parseDocument } from './documents.js'
import { formatOfPath, sniffFormat } from './formats.js'
import { assertSize, decodeInput, DEFAULT_MAX_BYTES } from './guard.js'
import { asWhosaidError, failure } from './items.js'
import { readJsonlStream } from './jsonl-stream.js'
import { readStdin } from './stdin.js'
import type { IngestItem, SourceRef } from './types.js'
import { listInputFiles } from './walk.js'

export interface ReadOptions {
  /** Largest accepted article (a whole file, or one JSONL line), in bytes. Default 10 MB. */
  maxBytes?: number
  /** What `-` reads; process.stdin unless given (tests pass their own stream). */
  stdin?: NodeJS.ReadableStream
}

/** How much of an extensionless file is looked at to guess its format. */
const SNIFF_CHARS = 64 * 1024

/**
 * Articles from `paths`: files (format by extension, or sniffed), folders (walked recursively in
 * sorted order) and `-` for standard input.
 */
export async function* readInputs(paths: readonly string[], options: ReadOptions = {}): AsyncGenerator<IngestItem> {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES
  for (const path of paths) {
    if (path === '-') {
      yield* readStdin(options.stdin ?? process.stdin, maxBytes)
      continue
    }
    let files: string[]
    try {
      files = (await stat(path)).isDirectory() ? await listInputFiles(path) : [path]
    } catch (cause) {
      yield failure(new WhosaidError('E008', undefined, path, { cause }), { name: path })
      continue
    }
    for (const file of files) yield* readFileInput(file, maxBytes)
  }
}

async function* readFileInput(path: string, maxBytes: number): AsyncGenerator<IngestItem> {
  const source: SourceRef = { name: path }
  const format = formatOfPath(path)
  if (format === 'jsonl') {
    yield* readJsonlStream(createReadStream(path), source, maxBytes)
    return
  }
  let text: string
  try {
    // Refuse an oversize file before reading it into memory.
    assertSize((await stat(path)).size, source, maxBytes)
    text = decodeInput(await readFile(path), source, { maxBytes })
  } catch (error) {
    yield failure(asWhosaidError(error, 'E008', source), source)
    return
  }
  yield* parseDocument(text, format ?? sniffFormat(text.slice(0, SNIFF_CHARS)), source)
}
