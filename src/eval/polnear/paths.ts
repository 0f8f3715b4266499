/**
 * Where the PolNeAR data lives: `../shared/data/polnear` next to the repository root, or
 * `$WHOSAID_DATA/polnear` when that variable is set. The repository root is the folder holding
 * package.json, found by walking up from this module (so it works from src/ and from dist/).
 */
import { existsSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

export function repoRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url))
  for (;;) {
    if (existsSync(join(dir, 'package.json'))) return dir
    const up = dirname(dir)
    if (up === dir) throw new Error('whosaid eval: package.json not found above this module')
    dir = up
  }
}

/** The shared data folder (holds `polnear/`, `gum/`, ...). */
export function dataRoot(): string {
  const override = process.env['WHOSAID_DATA']
  if (override) return resolve(override)
  return resolve(repoRoot(), '..', 'shared', 'data')
}

export function polnearDir(): string {
  return join(dataRoot(), 'polnear')
}
