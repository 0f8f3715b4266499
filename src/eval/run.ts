/**
 * `npm run eval`: every accuracy figure of whosaid on the public test splits in ../shared/data, each
 * produced by its own evaluation entry (run as a child process so one failing suite is reported,
 * not fatal). Writes docs/EVAL.md, or prints one JSON object with `--json`.
 */
import { spawnSync } from 'node:child_process'
import { existsSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { packageRoot } from '../util/package-root.js'

interface Suite {
  /** Key in the JSON output. */
  name: string
  /** Compiled entry relative to dist/, and its arguments; it prints one JSON object with --json. */
  entry: string
  args: string[]
  command: string
  /** environment of the run (the fast profile's suite sets WHOSAID_PROFILE) */
  env?: Record<string, string>
}

const SUITES: Suite[] = [
  { name: 'backbone', entry: 'backbone/eval.js', args: ['--json'], command: 'node dist/backbone/eval.js' },
  { name: 'ner', entry: 'backbone/ner/eval.js', args: ['--json'], command: 'node dist/backbone/ner/eval.js' },
  { name: 'polnear', entry: 'eval/polnear/main.js', args: ['--split', 'test', '--json'], command: 'node dist/eval/polnear/main.js --split test' },
  { name: 'stance', entry: 'stance/eval.js', args: ['--json'], command: 'node dist/stance/eval.js' },
  {
    name: 'polnear_fast',
    entry: 'eval/polnear/main.js',
    args: ['--split', 'test', '--json'],
    command: 'WHOSAID_PROFILE=fast node dist/eval/polnear/main.js --split test',
    env: { WHOSAID_PROFILE: 'fast' },
  },
]

type Json = Record<string, unknown>

const root = packageRoot()
const results: Json = {}
const problems: string[] = []
for (const suite of SUITES) {
  const entry = join(root, 'dist', suite.entry)
  if (!existsSync(entry)) {
    problems.push(`${suite.name}: ${suite.entry} is not built`)
    continue
  }
  const started = Date.now()
  const child = spawnSync(process.execPath, [entry, ...suite.args], { cwd: root, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, env: { ...process.env, ...suite.env } })
  if (child.status !== 0) {
    problems.push(`${suite.name}: exit ${child.status}: ${child.stderr.trim().split('\n').slice(-3).join(' | ')}`)
    continue
  }
  try {
    const output = JSON.parse(child.stdout.trim().split('\n').pop() ?? '') as Json
    // The polnear entry reports under its own name; the others already use top-level keys.
    Object.assign(results, suite.name.startsWith('polnear') ? { [suite.name]: output } : output)
    results[`${suite.name}_seconds`] = Math.round((Date.now() - started) / 100) / 10
  } catch {
    problems.push(`${suite.name}: did not print JSON`)
  }
}
if (problems.length) results['problems'] = problems

if (process.argv.includes('--json')) {
  process.stdout.write(JSON.stringify(results) + '\n')
} else {
  const markdown = renderMarkdown(results)
  writeFileSync(join(root, 'docs', 'EVAL.md'), markdown)
  process.stdout.write(markdown)
}
process.exitCode = problems.length ? 1 : 0

function renderMarkdown(r: Json): string {
  const num = (value: unknown): string => (typeof value === 'number' ? value.toFixed(1) : '–')
  const get = (path: string): unknown => path.split('.').reduce<unknown>((node, key) => (node && typeof node === 'object' ? (node as Json)[key] : undefined), r)
  const lines: string[] = ['# Accuracy', '', 'Every figure is produced by `npm run eval` (which runs the commands named below on the public **test** splits in `../shared/data`); nothing was trained or tuned on a test split. `npm run --silent eval -- --json` prints the same figures as one JSON object.', '']
  lines.push('## Tagging and parsing — UD English EWT test (gold tokenization)', '', `Command: \`${SUITES[0]!.command}\``, '')
  lines.push('| | UPOS | XPOS | UAS | LAS |', '|---|---|---|---|---|')
  lines.push(`| whosaid (averaged perceptron tagger + greedy arc-hybrid parser) | ${num(get('ewt.upos'))} | ${num(get('ewt.xpos'))} | ${num(get('ewt.uas'))} | ${num(get('ewt.las'))} |`)
  lines.push('| spaCy `en_udv25_englishewt_trf` (transformer; published) | 96.94 | 96.36 | 91.90 | 89.42 |', '')
  lines.push('LAS follows the CoNLL 2018 shared task: syntactic words, punctuation included, universal relation labels.', '')
  lines.push('## Named entities', '', `Command: \`${SUITES[1]!.command}\``, '')
  lines.push('| test set | P | R | F1 |', '|---|---|---|---|')
  lines.push(`| UNER English EWT test (PER/ORG/LOC, exact span) | ${num(get('uner.p'))} | ${num(get('uner.r'))} | ${num(get('uner.f1'))} |`)
  lines.push(`| GUM test, named mentions (exact span) | ${num(get('gum_ner.p'))} | ${num(get('gum_ner.r'))} | ${num(get('gum_ner.f1'))} |`)
  lines.push('', 'Published: XLM-R large on UNER English EWT: 86.0 F1.', '')
  lines.push('## Attribution — PolNeAR test (CofeNet segments, exact span match, micro)', '', `Command: \`${SUITES[2]!.command}\``, '')
  lines.push('| system | source P / R / F1 | cue P / R / F1 | content P / R / F1 |', '|---|---|---|---|')
  const prf = (label: string): string => `${num(get(`polnear.${label}.p`))} / ${num(get(`polnear.${label}.r`))} / **${num(get(`polnear.${label}.f1`))}**`
  lines.push(`| whosaid, article protocol (headline) | ${prf('source')} | ${prf('cue')} | ${prf('content')} |`)
  const fastPrf = (label: string): string => `${num(get(`polnear_fast.${label}.p`))} / ${num(get(`polnear_fast.${label}.r`))} / ${num(get(`polnear_fast.${label}.f1`))}`
  if (get('polnear_fast')) lines.push(`| whosaid \`--profile fast\` (no parse; \`${SUITES[4]!.command}\`), article protocol | ${fastPrf('source')} | ${fastPrf('cue')} | ${fastPrf('content')} |`)
  const segmentF1 = (label: string): string => `– / – / ${num(get(`polnear.segmentProtocol.${label}.f1`))}`
  if (get('polnear.segmentProtocol')) lines.push(`| whosaid, segment protocol | ${segmentF1('source')} | ${segmentF1('cue')} | ${segmentF1('content')} |`)
  lines.push('| BiLSTM-CRF (published) | – / – / 69.6 | – / – / 66.7 | – / – / 59.0 |')
  lines.push('| BERT-CRF (published) | – / – / 82.2 | – / – / 74.9 | – / – / 71.0 |')
  lines.push('| BERT-CofeNet (published) | – / – / 83.2 | – / – / 75.3 | – / – / 72.9 |', '')
  const overlap = (label: string): string => `${num(get(`polnear.overlap.${label}.p`))} / ${num(get(`polnear.overlap.${label}.r`))} / ${num(get(`polnear.overlap.${label}.f1`))}`
  lines.push(`Token overlap (P / R / F1, article protocol): source ${overlap('source')}, cue ${overlap('cue')}, content ${overlap('content')}.`, '')
  lines.push(
    'Protocols. The CofeNet README allows two ways to score on its segments: run the pipeline on each segment, or map',
    'article-level output onto the segments\' token indices. The **article protocol** (headline row) analyses each test',
    'article whole, once, as whosaid is used, and maps its statements onto every segment\'s tokens (src/eval/polnear/align.ts:',
    `CoreNLP's escapes, dashes, ellipses and repeated abbreviation stops are matched; ${get('polnear.unplacedTokens') ?? '?'} segment tokens, from segments whose`,
    'text differs from the article file, could not be placed and take part in no predicted span). The **segment protocol** runs',
    'the whole pipeline on each segment\'s tokens joined by spaces, with no context beyond the segment — the published systems',
    'were scored this way. Both use the same gold spans and the same exact-match metric.',
    '',
    'The system: the learned tagger in src/stages/attribute-model (two-pass structured perceptron over BIO tags, trained on',
    'PolNeAR train only; models/attribution.README.md) with decoding biases on B-cue / I-cue tuned on PolNeAR dev',
    '(models/attribution.decoding.json, `node dist/eval/polnear/tune-bias.js --write`), and speaker-label paragraphs',
    '("PENCE: ...") read as source / colon / content. Statements nested in another\'s content (a report inside an',
    'interview answer: its cue lies in the turn\'s content) are left out of the scored spans, as the BIO layer holds one',
    'level. Every setting was chosen on dev (CofeNet `valid.jsonl`, `node dist/eval/polnear/main.js --split valid`).',
    '',
    'Disclosure — how often the test split was looked at: (1) session 2, segment protocol, shipped model without biases:',
    '68.7 / 66.0 / 57.3; (2) after adding the article protocol and speaker labels (dev 74.7 / 68.8 / 61.3), before the',
    'decoding biases: article protocol 69.8 / 66.6 / 59.8; (3) once the retrained NER, tagger and parser, the attribution',
    'model retrained on them and its biases were settled on dev (dev 75.4 / 70.5 / 62.5): 71.1 / 67.8 / 59.9; (4) session 3\'s',
    'final run, regenerated after two post-rules that a failing hand-written test called for were checked on dev',
    '(a circumstance after the cue is not content; a fronted clause is taken whole: dev 75.4 / 70.5 / 62.6): 71.1 / 67.8 /',
    '60.0; (5) session 4, after the parser was retrained (move features pairing s1 and b0, fewer label features), the',
    'attribution model retrained on it with its biases retuned, nested statements left out as above, a content between two',
    'cues given to the first, datelines kept out of sources, and reported speech with neither cue nor source dropped (dev',
    '75.6 / 71.3 / 63.0): 71.3 / 67.5 / 59.6; (6) session 5, same models, after post-rules checked on dev (a content in a',
    'paragraph without a cue continues the statement before it only when it is a quotation running on or follows a cue',
    'ending in a colon; an apposition of the source is not content; the one told is not content; dev 75.6 / 71.3 / 63.2):',
    '71.2 / 67.5 / 59.8; (7) session 6, after post-rules checked on dev (a paragraph ending in a',
    'dash and a person\'s name is that person\'s quotation; "you" in a question and "you know" fillers are not statements:',
    'dev 76.5 / 72.1 / 63.3), the attribution model pruned to its rows of 3 int8 steps or more, no retraining, and the',
    'noun phrase before a "who" speaker not taken as its content (dev 76.7 / 71.9 / 63.5; the decoding biases rechecked',
    'and kept): 71.0 / 67.5 / 59.7; (8) session 7, same models, after two fixes in the entities stage (a capitalised',
    'common word joins a person only when spelt as the name; a one-word hyphenated "person" whose initials the article',
    'uses is an organisation: dev 76.7 / 71.9 / 63.6): 71.0 / 67.5 / 59.7; (9) the run reported above, session 7\'s final',
    'code: entity spans no longer widened over hyphenated modifiers ("anti-Trump") or run on past a person\'s name',
    '("Elizabeth Warren of Massachusetts"), hyphenated pairs of surnames ("Trump-Clinton") not people, possessive sources',
    '("her claim that ...") resolved to the nearest name (dev unchanged, 76.7 / 71.9 / 63.6; run twice, the second time',
    'for the last of these, which moves no span); (10) session 8: the accurate profile unchanged (the figures above are',
    'the same code and models as (9)); first look for the fast profile\'s model (trained without the parse on PolNeAR',
    'train, its cue biases tuned on dev: dev 73.8 / 69.9 / 61.9): 68.5 / 66.1 / 58.6; (11) the run reported above: the',
    'fast model with its rows below 5 int8 steps dropped, chosen on dev and speed (dev 73.7 / 69.8 / 61.6;',
    'models/attribution-fast.README.md; run twice, with the same figures, the second time for this text). No setting',
    'was chosen on a test run.',
    'The rule-based attribution scored 40.0 / 44.2 / 11.0.',
    '',
  )
  const resolution = get('polnear.speakerResolution')
  if (resolution) lines.push('Speaker resolution on the article-level brat files (test):', '', '```json', JSON.stringify(resolution, null, 2), '```', '')
  lines.push('## Stance — FNC-1 competition test', '', `Command: \`${SUITES[3]!.command}\``, '')
  lines.push('| system | FNC-1 score (% of max) | macro-F1 |', '|---|---|---|')
  lines.push(`| whosaid (5 averaged MLPs over similarity, overlap and cue-word features) | ${num(get('fnc1.relative'))} | ${num(get('fnc1.f1_macro'))} |`)
  lines.push('| SOLAT in the SWEN (published) | 82.02 | – |', '| Athene (published) | 81.97 | – |', '| UCLMR (published) | 81.72 | – |', '')
  const perClass = get('fnc1.per_class_f1') as Record<string, number> | undefined
  const confusion = get('fnc1.confusion') as number[][] | undefined
  if (perClass && confusion) {
    const labels = Object.keys(perClass)
    lines.push(`Raw ${num(get('fnc1.raw'))} of 11,651.25. Per-class F1: ${labels.map((l) => `${l} ${num(perClass[l])}`).join(', ')}.`, '')
    lines.push(`| gold \\ predicted | ${labels.join(' | ')} |`, `|---|${labels.map(() => '---').join('|')}|`)
    confusion.forEach((row, g) => lines.push(`| ${labels[g]} | ${row.join(' | ')} |`))
    lines.push('')
  }
  lines.push(
    'Disclosure: the stance model was chosen on 5 body-disjoint folds of the training data; during development the test',
    'score was looked at twice (83.17 for an early 3-seed model, 81.91 for a model stopped on a single dev split that had',
    'already been judged unreliable); all settings were chosen on the folds.',
    '',
  )
  if (Array.isArray(r['problems'])) lines.push('## Not measured in this run', '', ...(r['problems'] as string[]).map((problem) => `- ${problem}`), '')
  return lines.join('\n')
}
