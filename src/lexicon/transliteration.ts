/**
 * Transliteration folding for names: the same person is written al-Sisi, Al-Sisi, el-Sisi and
 * Sisi; Abdel Fattah, Abd al-Fattah and Abdul Fattah; Ma'ruf, Ma’ruf and Maruf; Mohamed, Mohammed
 * and Muhammad. The folded form is lower case, accent- and apostrophe-free, with dashes as spaces
 * and the particles unified (el → al, abdel → abd al). Folding twice changes nothing, which the
 * stores' key migrations rely on.
 */
export function foldTransliteration(name: string): string {
  return name
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/['’‘ʼ`]/g, '')
    .replace(/[-‐‑]/g, ' ')
    .replace(/\b(?:abdel|abdul|abdal)\b/g, 'abd al')
    .replace(/\b(?:el|ul)\b/g, 'al')
    .replace(/\b(?:as|ash|ad|ar|at|az|an)\s(?=\p{L})/gu, 'al ')
    .replace(/\bmohamm?ed|\bmuhamm?ad|\bmohamm?ad/g, 'muhammad')
    .replace(/\s+/g, ' ')
    .trim()
}
