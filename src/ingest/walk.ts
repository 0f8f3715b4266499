/** The article files inside a folder, for `whosaid analyse some/folder/`. */
import { readdir, stat } from 'node:fs/promises'
import { join } from 'node:path'
import { formatOfPath } from './formats.js'

/** Notes that travel with corpora but are not articles. */
const NOT_ARTICLES = /^(?:readme|license|licence|copying|notice|changelog)(?:\.[a-z]+)?$/i

/** Files under `dir` with an article extension, recursively, in a stable sorted order. */
export async function listInputFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true })
  // Plain code-unit order: the same on every machine and locale, so runs are reproducible.
  const names = entries.map((entry) => entry.name).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
  const byName = new Map(entries.map((entry) => [entry.name, entry]))
  const files: string[] = []
  for (const name of names) {
    if (name.startsWith('.') || NOT_ARTICLES.test(name)) continue
    const entry = byName.get(name)!
    const path = join(dir, name)
    if (entry.isDirectory()) {
      files.push(...(await listInputFiles(path)))
    } else if (entry.isFile() || (entry.isSymbolicLink() && (await isFile(path)))) {
      // Linked folders are not followed: a link back up the tree would never end.
      if (formatOfPath(name) !== null) files.push(path)
    }
  }
  return files
}

async function isFile(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isFile()
  } catch {
    return false
  }
}

/** Files and bytes `readInputs` will read from `paths`; null when unknown (standard input). */
export async function inputTotals(paths: readonly string[]): Promise<{ files: number; bytes: number } | null> {
  let files = 0
  let bytes = 0
  for (const path of paths) {
    if (path === '-') return null
    try {
      const info = await stat(path)
      if (!info.isDirectory()) {
        files++
        bytes += info.size
        continue
      }
      for (const file of await listInputFiles(path)) {
        files++
        bytes += (await stat(file)).size
      }
    } catch {
      // Missing paths are reported by the reader.
    }
  }
  return { files, bytes }
}
