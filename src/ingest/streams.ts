/**
 * Byte streams for the readers: files read in chunks, gunzipped when they start with the gzip magic
 * number (whatever their name says), with the raw bytes counted for progress reporting.
 */
import { createReadStream } from 'node:fs'
import { open } from 'node:fs/promises'
import { pipeline, Transform, type Readable } from 'node:stream'
import { createGunzip } from 'node:zlib'

/** The first `bytes` bytes of a file (fewer when it is shorter). */
export async function readHead(path: string, bytes: number): Promise<Buffer> {
  const handle = await open(path, 'r')
  try {
    const buffer = Buffer.alloc(bytes)
    const { bytesRead } = await handle.read(buffer, 0, bytes, 0)
    return buffer.subarray(0, bytesRead)
  } finally {
    await handle.close()
  }
}

function counter(onBytes: (bytes: number) => void): Transform {
  return new Transform({
    transform(chunk: Buffer, _encoding, done) {
      onBytes(chunk.length)
      done(null, chunk)
    },
  })
}

/**
 * The content of a file as a stream of chunks, gunzipped when `gzip` is set. Errors of any stage
 * (an unreadable file, a damaged gzip stream) surface when the stream is iterated.
 */
export function fileChunks(path: string, gzip: boolean, onBytes?: (bytes: number) => void): Readable {
  const stages: Array<NodeJS.ReadableStream | NodeJS.ReadWriteStream> = [createReadStream(path)]
  if (onBytes) stages.push(counter(onBytes))
  if (gzip) stages.push(createGunzip())
  if (stages.length === 1) return stages[0] as Readable
  // pipeline() destroys every stage when one fails, so the error reaches whoever reads the last.
  return pipeline(stages as unknown as [NodeJS.ReadableStream, NodeJS.ReadWriteStream], () => {}) as unknown as Readable
}

/** A stream of chunks gunzipped (for standard input that turns out to be gzip). */
export function gunzipChunks(chunks: AsyncIterable<Buffer>): Readable {
  return pipeline(chunks, createGunzip(), () => {}) as unknown as Readable
}

/** Reads a stream whole, up to `maxBytes`; null when it holds more (the rest is not read). */
export async function readAllBounded(chunks: AsyncIterable<Buffer | string>, maxBytes: number): Promise<{ bytes: Buffer | null; size: number }> {
  const parts: Buffer[] = []
  let size = 0
  for await (const chunk of chunks) {
    const buffer = typeof chunk === 'string' ? Buffer.from(chunk) : chunk
    size += buffer.length
    // Leaving the loop closes the stream: the rest is never read.
    if (size > maxBytes) return { bytes: null, size }
    parts.push(buffer)
  }
  return { bytes: Buffer.concat(parts), size }
}

