/**
 * Speed of each backbone component on the bundled news sample, in words per CPU-second:
 * `node dist/bench/backbone.js [--seconds S] [--repeat R] [--json] [--models DIR]` (DIR: the tagger
 * and parser files to time instead of models/; the NER's stay those of models/).
 *
 * CPU time (process.cpuUsage, user + system of this process) rather than wall time, because the
 * machines this runs on are shared: a busy neighbour stretches wall time but not our CPU time.
 * Each component gets its inputs precomputed (the tagger gets words, the parser and NER words +
 * tags), so the figures add up: 1 / backbone ≈ sum of 1 / component. Each figure is the best of R
 * repeats of at least S CPU-seconds, after a warm-up pass; model loading is timed separately
 * (first call, cold: file read + gunzip + decode).
 */
import { cpus, loadavg } from 'node:os'
import { loadBackbone } from '../backbone/index.js'
import { loadNer } from '../backbone/ner/index.js'
import { splitSentences } from '../stages/sentences/split.js'
import { tokenize } from '../stages/tokenize/tokenize.js'
import { runBackbone, sampleArticles, sentenceWords } from './measure.js'

const argv = process.argv.slice(2)
const arg = (name: string, dflt: number): number => {
  const i = argv.indexOf(name)
  return i >= 0 ? Number(argv[i + 1]) : dflt
}
const MIN_CPU_SECONDS = arg('--seconds', 2)
const REPEAT = arg('--repeat', 3)

function cpuSeconds(): number {
  const u = process.cpuUsage()
  return (u.user + u.system) / 1e6
}

/** Time a zero-argument call once, in CPU and wall milliseconds. */
function once(run: () => void): { cpuMs: number; wallMs: number } {
  const c0 = cpuSeconds()
  const w0 = process.hrtime.bigint()
  run()
  return { cpuMs: (cpuSeconds() - c0) * 1000, wallMs: Number(process.hrtime.bigint() - w0) / 1e6 }
}

// Model loading first, while nothing else has touched the models.
const modelsAt = argv.indexOf('--models')
const bb = modelsAt >= 0 ? loadBackbone(argv[modelsAt + 1]!) : loadBackbone()
const ner = loadNer()
const loadTagger = once(() => bb.tag(['Load']))
const loadParser = once(() => bb.parse(['Load'], ['VERB'], ['VB']))
const loadNerModel = once(() => ner.recognize(['Load']))

const { articles, words } = sampleArticles()
const texts = articles.map((article) => article.text)
const sentences: string[][] = texts.flatMap(sentenceWords)
const tags = sentences.map((ws) => bb.tag(ws))

/** Words per CPU-second: best of REPEAT runs of at least MIN_CPU_SECONDS each. */
function measure(run: () => void): number {
  run() // warm-up: JIT and caches
  let best = 0
  for (let r = 0; r < REPEAT; r++) {
    const c0 = cpuSeconds()
    let rounds = 0
    let spent = 0
    while (spent < MIN_CPU_SECONDS) {
      run()
      rounds++
      spent = cpuSeconds() - c0
    }
    best = Math.max(best, (words * rounds) / spent)
  }
  return Math.round(best)
}

const load0 = loadavg()[0]!
const result = {
  corpus: `examples/wikinews (${articles.length} articles, ${words} words, ${sentences.length} sentences)`,
  tokenizer: measure(() => {
    for (const article of articles) splitSentences(article.text, tokenize(article.text))
  }),
  tagger: measure(() => {
    for (const ws of sentences) bb.tag(ws)
  }),
  parser: measure(() => {
    for (let i = 0; i < sentences.length; i++) bb.parse(sentences[i]!, tags[i]!.upos, tags[i]!.xpos)
  }),
  ner: measure(() => {
    for (let i = 0; i < sentences.length; i++) ner.recognize(sentences[i]!, tags[i]!)
  }),
  backbone: measure(() => runBackbone(texts, bb, ner)),
  load_ms: {
    tagger: Math.round(loadTagger.cpuMs),
    parser: Math.round(loadParser.cpuMs),
    ner: Math.round(loadNerModel.cpuMs),
  },
  load_wall_ms: {
    tagger: Math.round(loadTagger.wallMs),
    parser: Math.round(loadParser.wallMs),
    ner: Math.round(loadNerModel.wallMs),
  },
  loadavg: [load0, loadavg()[0]!].map((x) => Number(x.toFixed(2))),
  node: process.version,
  cpu: cpus()[0]?.model ?? 'unknown',
}

if (argv.includes('--json')) process.stdout.write(JSON.stringify(result) + '\n')
else {
  const f = (x: number): string => x.toLocaleString('en').padStart(10)
  process.stdout.write(
    `${result.corpus}; words per CPU-second, best of ${REPEAT} x ${MIN_CPU_SECONDS} s\n` +
      `tokenizer + splitter ${f(result.tokenizer)}\ntagger               ${f(result.tagger)}\n` +
      `parser               ${f(result.parser)}\nNER                  ${f(result.ner)}\n` +
      `backbone (all four)  ${f(result.backbone)}\n` +
      `model load (CPU ms / wall ms): tagger ${result.load_ms.tagger}/${result.load_wall_ms.tagger}, ` +
      `parser ${result.load_ms.parser}/${result.load_wall_ms.parser}, NER ${result.load_ms.ner}/${result.load_wall_ms.ner}\n` +
      `load average at start / end: ${result.loadavg.join(' / ')}\n`,
  )
}
