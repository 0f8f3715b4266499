import assert from 'node:assert/strict'
import { test } from 'node:test'
import { analysisProfile, attributionModelPath, loadAttributionModel, profileModelPath, readLabelBias } from './model-file.js'

/** Runs `body` with WHOSAID_PROFILE set to `value` (undefined: unset), then restores it. */
function withProfile<T>(value: string | undefined, body: () => T): T {
  const before = process.env.WHOSAID_PROFILE
  if (value === undefined) delete process.env.WHOSAID_PROFILE
  else process.env.WHOSAID_PROFILE = value
  try {
    return body()
  } finally {
    if (before === undefined) delete process.env.WHOSAID_PROFILE
    else process.env.WHOSAID_PROFILE = before
  }
}

test('should pick the attribution model of the profile, accurate by default, and refuse an unknown one', () => {
  withProfile(undefined, () => {
    assert.equal(analysisProfile(), 'accurate')
    assert.equal(attributionModelPath(), profileModelPath('accurate'))
  })
  withProfile('fast', () => assert.equal(attributionModelPath(), profileModelPath('fast')))
  withProfile('quick', () => assert.throws(() => analysisProfile(), /WHOSAID_PROFILE must be one of accurate, fast, not "quick"/))
})

test('should ship a fast model that needs no parse, with its own decoding biases', () => {
  const fast = loadAttributionModel(profileModelPath('fast'))
  const accurate = loadAttributionModel(profileModelPath('accurate'))
  assert.ok(fast && accurate)
  assert.equal(fast.meta.parsed, false)
  assert.equal(accurate.meta.parsed, true)
  // each model's cue biases were tuned on PolNeAR dev for that model (tune-bias.js)
  const fastBias = readLabelBias(profileModelPath('fast'))
  assert.ok(fastBias && fastBias.some((value) => value < 0))
})
