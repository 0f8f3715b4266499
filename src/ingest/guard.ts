/**
 * The gate every byte input passes before parsing: it turns bytes into a string or refuses them with
 * the error code that tells the user what is wrong with the file (empty, binary, not UTF-8, too big).
 */
import { WhosaidError } from '../errors.js'
import { describeSource, type SourceRef } from './types.js'

/** One article rarely exceeds a few hundred KB; 10 MB leaves room for bloated HTML pages. */
export const DEFAULT_MAX_BYTES = 10 * 1024 * 1024

/** How much of the input the binary sniffing looks at: enough to see a file header. */
const SNIFF_BYTES = 8 * 1024

/** Share of control bytes above which an input is taken for binary rather than odd text. */
const MAX_CONTROL_SHARE = 0.1

export interface GuardOptions {
  maxBytes?: number
}

export function assertSize(size: number, source: SourceRef, maxBytes = DEFAULT_MAX_BYTES): void {
  if (size > maxBytes) {
    throw new WhosaidError('E004', `${size} bytes, the limit is ${maxBytes}`, describeSource(source))
  }
}

/** True when the start of the input looks like a binary file (NUL bytes or many control bytes). */
export function looksBinary(bytes: Uint8Array): boolean {
  const head = bytes.subarray(0, SNIFF_BYTES)
  if (head.length === 0) return false
  let control = 0
  for (const byte of head) {
    if (byte === 0) return true
    // Tab, LF, CR, form feed and ESC occur in real text files; other C0 controls do not.
    if (byte < 0x20 && byte !== 0x09 && byte !== 0x0a && byte !== 0x0d && byte !== 0x0c && byte !== 0x1b) {
      control++
    }
  }
  return control / head.length > MAX_CONTROL_SHARE
}

function isUtf16(bytes: Uint8Array): boolean {
  return bytes.length >= 2 && ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff))
}

/** Decodes the bytes of one input as UTF-8, or throws E001/E002/E003/E004 naming the input. */
export function decodeInput(bytes: Uint8Array, source: SourceRef, options: GuardOptions = {}): string {
  const where = describeSource(source)
  assertSize(bytes.length, source, options.maxBytes)
  if (bytes.length === 0) throw new WhosaidError('E001', undefined, where)
  // UTF-16 text is full of NUL bytes; say what it is rather than calling it binary.
  if (isUtf16(bytes)) throw new WhosaidError('E003', 'it is UTF-16', where)
  if (looksBinary(bytes)) throw new WhosaidError('E002', undefined, where)
  let text: string
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes)
  } catch (cause) {
    throw new WhosaidError('E003', undefined, where, { cause })
  }
  if (text.replace(/^\uFEFF/, '').trim() === '') throw new WhosaidError('E001', 'only white space', where)
  return text
}
