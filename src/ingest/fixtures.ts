/**
 * Where the ingest tests find their files. Paths are resolved from the package root, never from the
 * working directory, so the tests run from any checkout.
 */
import { join } from 'node:path'
import { packageRoot } from '../util/package-root.js'

export function ingestFixture(...parts: string[]): string {
  return join(packageRoot(), 'test', 'fixtures', 'ingest', ...parts)
}

export function examplesDir(): string {
  return join(packageRoot(), 'examples', 'wikinews')
}
