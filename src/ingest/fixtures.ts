/**
 * Where the ingest tests find their files. Paths are resolved from this module, never from the
 * working directory or a machine-specific root, so the tests run from any checkout.
 */
import { existsSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

/** The repository root: the nearest folder above this module that holds package.json. */
export function repoRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url))
  while (!existsSync(join(dir, 'package.json'))) {
    const parent = dirname(dir)
    if (parent === dir) throw new Error('package.json not found above the ingest module')
    dir = parent
  }
  return dir
}

export function ingestFixture(...parts: string[]): string {
  return join(repoRoot(), 'test', 'fixtures', 'ingest', ...parts)
}

export function examplesDir(): string {
  return join(repoRoot(), 'examples', 'wikinews')
}
