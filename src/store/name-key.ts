/**
 * Name keys: how a name is compared across articles and backends. Case and accents vary between
 * outlets ("António Guterres", "Antonio Guterres", "ANTONIO GUTERRES"), so every lookup compares
 * folded keys, never surface strings.
 */

/** Lower case, accents removed, inner whitespace collapsed: `António  Guterres` → `antonio guterres`. */
export function nameKey(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim()
}

/** A LIKE pattern matching any key that contains `name` (folded), with `%`, `_` and `\` escaped. */
export function containsPattern(name: string): string {
  return `%${nameKey(name).replace(/[\\%_]/g, (c) => `\\${c}`)}%`
}
