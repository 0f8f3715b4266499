/**
 * Name keys: how a name is compared across articles and backends. Case, accents and transliteration
 * vary between outlets ("António Guterres", "ANTONIO GUTERRES"; "Mohamed Morsi", "Muhammad Morsi";
 * "Abdel Fattah el-Sisi", "Abd al-Fattah al-Sisi"), so every lookup compares folded keys, never
 * surface strings. The same folding as the entity stage's within an article (lexicon/transliteration.ts),
 * after compatibility decomposition (ligatures, full-width letters).
 */
import { foldTransliteration } from '../lexicon/transliteration.js'

/** `António  Guterres` → `antonio guterres`, `Abdel Fattah el-Sisi` → `abd al fattah al sisi`. */
export function nameKey(name: string): string {
  return foldTransliteration(name.normalize('NFKD'))
}

/**
 * The name key of stores written before transliteration folding (SQLite schema 1-3, PostgreSQL
 * 1-2): case and accents folded only. The key migrations compare against it.
 */
export function foldCaseAndAccents(name: string): string {
  return name.normalize('NFKD').replace(/\p{M}+/gu, '').toLowerCase().replace(/\s+/g, ' ').trim()
}

/** A LIKE pattern matching any key that contains `name` (folded), with `%`, `_` and `\` escaped. */
export function containsPattern(name: string): string {
  return `%${nameKey(name).replace(/[\\%_]/g, (c) => `\\${c}`)}%`
}
