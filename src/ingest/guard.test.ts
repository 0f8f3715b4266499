import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { WhosaidError } from '../errors.js'
import { decodeInput, looksBinary } from './guard.js'

const source = { name: 'input.txt' }
const bytes = (text: string) => new TextEncoder().encode(text)

function throwsCode(run: () => unknown, code: string, where = 'input.txt') {
  assert.throws(run, (error: unknown) => error instanceof WhosaidError && error.code === code && error.where === where)
}

describe('decodeInput', () => {
  it('should decode UTF-8 text', () => {
    assert.equal(decodeInput(bytes('Minister says "no" to café tax'), source), 'Minister says "no" to café tax')
  })

  it('should refuse empty and white-space-only input with E001', () => {
    throwsCode(() => decodeInput(new Uint8Array(), source), 'E001')
    throwsCode(() => decodeInput(bytes(' \n\t\r\n '), source), 'E001')
    throwsCode(() => decodeInput(bytes('\uFEFF\n'), source), 'E001')
  })

  it('should refuse binary input with E002', () => {
    const png = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52])
    throwsCode(() => decodeInput(png, source), 'E002')
  })

  it('should refuse invalid UTF-8 with E003', () => {
    // "café" in Latin-1: the lone 0xE9 byte is not UTF-8.
    throwsCode(() => decodeInput(Uint8Array.from([0x63, 0x61, 0x66, 0xe9, 0x20, 0x74, 0x61, 0x78]), source), 'E003')
  })

  it('should call UTF-16 input not UTF-8 (E003) rather than binary', () => {
    const utf16 = Uint8Array.from([0xff, 0xfe, 0x48, 0x00, 0x69, 0x00])
    throwsCode(() => decodeInput(utf16, source), 'E003')
  })

  it('should refuse input larger than maxBytes with E004, naming the input', () => {
    throwsCode(() => decodeInput(bytes('x'.repeat(101)), { name: 'big.txt' }, { maxBytes: 100 }), 'E004', 'big.txt')
    assert.equal(decodeInput(bytes('x'.repeat(100)), source, { maxBytes: 100 }), 'x'.repeat(100))
  })
})

describe('looksBinary', () => {
  it('should let text with tabs, CRLF and form feeds through', () => {
    assert.equal(looksBinary(bytes('Name\tRole\r\nAna Ruiz\tcampaigner\f\r\n')), false)
  })

  it('should catch a high share of control bytes even without NUL', () => {
    assert.equal(looksBinary(Uint8Array.from({ length: 100 }, (_, i) => (i % 3 === 0 ? 0x01 : 0x41))), true)
  })
})
