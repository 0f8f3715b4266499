/**
 * The ingest entry point: files, folders and standard input in, one `IngestItem` per article out.
 * A bad input never stops the run: it becomes an error item (with the file, or file:line, it
 * concerns) and reading goes on with the next input, so one broken line cannot sink a corpus.
 *
 * `readRawInputs` is the reading half alone (bytes → units of text, see raw.ts); the parallel ingest
 * reads with it on the main thread and parses the units on worker threads.
 */
import { readFile, stat } from 'node:fs/promises'
import { WhosaidError } from '../errors.js'
import { fileKindOfPath, isGzip, isWarc, sniffFormat } from './formats.js'
import { assertSize, decodeInput, DEFAULT_MAX_BYTES } from './guard.js'
import { asWhosaidError, failure, streamFailure } from './items.js'
import { readJsonlRaw } from './jsonl-stream.js'
import { parseRawUnit, type RawInput } from './raw.js'
import { readStdinRaw } from './stdin.js'
import { fileChunks, readAllBounded, readHead } from './streams.js'
import type { IngestItem, SourceRef } from './types.js'
import { listInputFiles } from './walk.js'
import { readWarcRaw } from './warc.js'

export interface ReadOptions {
  /** Largest accepted article (a whole file, one JSONL line, one WARC record), in bytes. Default 10 MB. */
  maxBytes?: number
  /** What `-` reads; process.stdin unless given (tests pass their own stream). */
  stdin?: NodeJS.ReadableStream
  /** Called with the number of input bytes read (compressed bytes for gzip files), for progress. */
  onBytes?: (bytes: number) => void
}

/** How much of an extensionless file is looked at to guess its format. */
const SNIFF_CHARS = 64 * 1024

/** Bytes read from the start of every file to recognise gzip and WARC content. */
const MAGIC_BYTES = 8

/**
 * Articles from `paths`: files (format by extension, or sniffed), folders (walked recursively in
 * sorted order) and `-` for standard input.
 */
export async function* readInputs(paths: readonly string[], options: ReadOptions = {}): AsyncGenerator<IngestItem> {
  for await (const raw of readRawInputs(paths, options)) {
    if (raw.kind === 'error') yield failure(raw.error, raw.source)
    else yield* parseRawUnit(raw)
  }
}

/** The units of text in `paths`, unparsed, in the order `readInputs` yields their articles. */
export async function* readRawInputs(paths: readonly string[], options: ReadOptions = {}): AsyncGenerator<RawInput> {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES
  for (const path of paths) {
    if (path === '-') {
      yield* readStdinRaw(options.stdin ?? process.stdin, maxBytes)
      continue
    }
    let files: string[]
    try {
      files = (await stat(path)).isDirectory() ? await listInputFiles(path) : [path]
    } catch (cause) {
      yield { kind: 'error', error: new WhosaidError('E008', undefined, path, { cause }), source: { name: path } }
      continue
    }
    for (const file of files) yield* readFileRaw(file, maxBytes, options.onBytes)
  }
}

async function* readFileRaw(path: string, maxBytes: number, onBytes?: (bytes: number) => void): AsyncGenerator<RawInput> {
  const source: SourceRef = { name: path }
  const error = (cause: unknown): RawInput => ({ kind: 'error', error: asWhosaidError(cause, 'E008', source), source })
  let head: Buffer
  let size: number
  try {
    size = (await stat(path)).size
    head = await readHead(path, MAGIC_BYTES)
  } catch (cause) {
    yield error(cause)
    return
  }
  // Content decides compression: a gzip file is read through gunzip whatever its name.
  const gzip = isGzip(head)
  let format = fileKindOfPath(path)?.format ?? null
  if (format === null && !gzip && isWarc(head)) format = 'warc'
  if (format === 'jsonl') {
    yield* readJsonlRaw(fileChunks(path, gzip, onBytes), source, maxBytes)
    return
  }
  if (format === 'warc') {
    yield* readWarcRaw(fileChunks(path, gzip, onBytes), source, maxBytes)
    return
  }

  let bytes: Buffer
  try {
    if (gzip) {
      const read = await readAllBounded(fileChunks(path, true, onBytes), maxBytes)
      if (read.bytes === null) throw new WhosaidError('E004', `more than ${maxBytes} bytes once decompressed, the limit is ${maxBytes}`, path)
      bytes = read.bytes
    } else {
      // Refuse an oversize file before reading it into memory.
      assertSize(size, source, maxBytes)
      bytes = await readFile(path)
      onBytes?.(bytes.length)
    }
  } catch (cause) {
    yield { kind: 'error', error: streamFailure(cause, source), source }
    return
  }
  if (format === null && isWarc(bytes)) {
    // An extensionless gzip file holding a WARC archive.
    yield* readWarcRaw((async function* () { yield bytes })(), source, maxBytes)
    return
  }
  let text: string
  try {
    text = decodeInput(bytes, source, { maxBytes })
  } catch (cause) {
    yield error(cause)
    return
  }
  yield { kind: 'document', text, format: format ?? sniffFormat(text.slice(0, SNIFF_CHARS)), source }
}
