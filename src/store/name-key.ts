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

/** A LIKE pattern matching any key that contains `name` (folded), with `%`, `_` and `\` escaped. */
export function containsPattern(name: string): string {
  return `%${nameKey(name).replace(/[\\%_]/g, (c) => `\\${c}`)}%`
}
