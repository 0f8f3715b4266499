/**
 * How conformance cases are declared: `it` from here instead of node:test, inside `group(...)`, so a
 * backend can skip a case it does not share, by `"group > case"` name and with a reason that the
 * test report shows (like Hono's router `common.case.test.ts` skip lists). A skip entry that names
 * no case fails the suite, so skip lists cannot outlive the cases they excuse.
 */
import assert from 'node:assert/strict'
import { describe, it as nodeIt, type TestContext } from 'node:test'

export interface ConformanceSkip {
  /** Why this backend behaves differently; shown as the skip reason in the test report. */
  reason: string
  /** Cases as `"group > case"`, e.g. `"searching statements > should ..."`. */
  tests: string[]
}

interface Registration {
  skip: readonly ConformanceSkip[]
  group: string | null
  seen: Set<string>
}

/** The suite being registered. node:test runs describe bodies synchronously, so one at a time. */
let active: Registration | null = null

export function it(name: string, fn: (t: TestContext) => Promise<void> | void): void {
  const path = active?.group ? `${active.group} > ${name}` : name
  active?.seen.add(path)
  const reason = active?.skip.find((entry) => entry.tests.includes(path))?.reason
  if (reason) nodeIt(name, { skip: reason }, fn)
  else nodeIt(name, fn)
}

export function group(name: string, register: () => void): void {
  describe(name, () => {
    const outer = active?.group ?? null
    if (active) active.group = name
    try {
      register()
    } finally {
      if (active) active.group = outer
    }
  })
}

/** Registers the cases `register` declares with `skip` applied, and a check that every skip names a case. */
export function withSkips(skip: readonly ConformanceSkip[], register: () => void): void {
  const registration: Registration = { skip, group: null, seen: new Set() }
  const previous = active
  active = registration
  try {
    register()
  } finally {
    active = previous
  }
  if (skip.length === 0) return
  const unknown = skip.flatMap((entry) => entry.tests).filter((path) => !registration.seen.has(path))
  nodeIt('should skip only cases that exist', () => assert.deepEqual(unknown, [], 'skip entries naming no conformance case'))
}
