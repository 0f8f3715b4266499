/**
 * `npm run bench`: speed of the analysis pipeline on the bundled sample articles (a fixed corpus of
 * real news text). Reports words per second on one core, articles per second and peak memory, and
 * writes the first section of docs/BENCH.md unless `--json` is given (then it prints one JSON
 * object). The pipeline is timed in both analysis profiles (accurate, the default, and fast: no
 * parsing), and then, unless `--no-ingest`, `whosaid ingest` on a corpus with 1 and 2 worker threads
 * in each profile (bench/ingest.ts, a few minutes: `ingest_wps_1`, `ingest_fast_wps_2` ...).
 *
 * Speeds are words per CPU-second of this process (process.cpuUsage, user + system): the machines
 * this runs on are shared, and other processes stretch wall time but not our CPU time. Wall-clock
 * figures and the load average are reported next to them.
 */
import { spawnSync } from 'node:child_process'
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { cpus, loadavg } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { analyzeArticle } from '../pipeline/analyze.js'
import { loadBackbone } from '../backbone/index.js'
import { loadNer } from '../backbone/ner/index.js'
import { tokenize } from '../stages/tokenize/tokenize.js'
import { packageRoot } from '../util/package-root.js'
import { runBackbone, sampleArticles } from './measure.js'
import { createPipeline } from '../pipeline/pipeline.js'
import { entitiesStage, resolveStage } from '../stages/entities/index.js'
import { sentencesStage } from '../stages/sentences/index.js'
import { tokenizeStage } from '../stages/tokenize/index.js'
import { attributeWithModel, attributionModel, prepareSyntax, type PreparedSyntax } from '../stages/attribute-model/index.js'
import type { Document } from '../doc/document.js'

const MIN_SECONDS = 3
const root = packageRoot()
const { articles, words } = sampleArticles()
const texts = articles.map((article) => article.text)

function cpuSeconds(): number {
  const u = process.cpuUsage()
  return (u.user + u.system) / 1e6
}

/** Repeated passes until MIN_SECONDS of CPU time are spent, after a warm-up pass. */
function measure(run: () => void): { seconds: number; wallSeconds: number; rounds: number } {
  run() // warm-up: JIT and lazy tables
  const c0 = cpuSeconds()
  const started = process.hrtime.bigint()
  let rounds = 0
  let seconds = 0
  while (seconds < MIN_SECONDS) {
    run()
    rounds++
    seconds = cpuSeconds() - c0
  }
  return { seconds, wallSeconds: Number(process.hrtime.bigint() - started) / 1e9, rounds }
}

const loadBefore = loadavg()[0]!
const pipeline = measure(() => {
  for (const article of articles) analyzeArticle(article)
})

// The trained backbone alone: tokenize, split, then tag + parse + NER each sentence.
const backboneModels = loadBackbone()
const ner = loadNer()
backboneModels.preload()
const backbone = measure(() => runBackbone(texts, backboneModels, ner))

// Where the pipeline's time goes: the stages before attribution (tokens, sentences, entities),
// the backbone's tagging and parsing that attribution reads, and the attribution model's own work
// (features, Viterbi, statements) given that syntax. Issue 4: the last must not cost more than the backbone.
const upstreamPipeline = createPipeline([tokenizeStage, sentencesStage, entitiesStage, resolveStage])
const upstream = measure(() => {
  for (const article of articles) upstreamPipeline.run(article)
})
const model = attributionModel()
const docs: Document[] = articles.map((article) => upstreamPipeline.run(article))
let prepared: PreparedSyntax[] = []
const syntax = model
  ? measure(() => {
      prepared = docs.map((doc) => prepareSyntax(doc, model))
    })
  : null
const attribution = model
  ? measure(() => {
      docs.forEach((doc, i) => attributeWithModel(doc, model, prepared[i]))
    })
  : null
const wps = (m: { seconds: number; rounds: number } | null): number | null => (m ? Math.round((words * m.rounds) / m.seconds) : null)

// wink-nlp with its English lite model over the same text, for comparison (tokens, sentences,
// POS, entities: its default pipeline).
const require = createRequire(import.meta.url)
const winkNlp = require('wink-nlp') as (model: unknown) => { readDoc(text: string): unknown }
const wink = winkNlp(require('wink-eng-lite-web-model'))
const winkRun = measure(() => {
  for (const article of articles) wink.readDoc(article.text)
})
const tokenizer = measure(() => {
  for (const article of articles) tokenize(article.text)
})
let statements = 0
for (const article of articles) statements += analyzeArticle(article).statements.length

// The fast profile (stages/attribute-model/model-file.ts): the same pipeline with the attribution
// model that reads no parse. The stage reads the profile when it picks its model, so it can switch here.
const profileBefore = process.env['WHOSAID_PROFILE']
process.env['WHOSAID_PROFILE'] = 'fast'
const fastModel = attributionModel()
const pipelineFast = fastModel && !fastModel.meta.parsed
  ? measure(() => {
      for (const article of articles) analyzeArticle(article)
    })
  : null
if (profileBefore === undefined) delete process.env['WHOSAID_PROFILE']
else process.env['WHOSAID_PROFILE'] = profileBefore

/** `whosaid ingest` at corpus scale in each profile (bench/ingest.ts, its own processes): its JSON figures, merged. */
function ingestFigures(): Record<string, number | string> {
  if (process.argv.includes('--no-ingest')) return {}
  const figures: Record<string, number | string> = {}
  for (const profile of ['accurate', 'fast']) {
    const run = spawnSync(process.execPath, [fileURLToPath(new URL('./ingest.js', import.meta.url)), '--json', '--profile', profile], { encoding: 'utf8', maxBuffer: 1 << 24 })
    if (run.status !== 0) throw new Error(`bench/ingest.js --profile ${profile} failed (${run.status}): ${run.stderr}`)
    Object.assign(figures, JSON.parse(run.stdout) as Record<string, number | string>)
  }
  return figures
}

const perSecond = (m: { rounds: number }, seconds: number, units = words): number => Math.round((units * m.rounds) / seconds)
const result = {
  corpus: `examples/wikinews (${articles.length} articles, ${words} words)`,
  backbone_wps: perSecond(backbone, backbone.seconds),
  pipeline_wps: perSecond(pipeline, pipeline.seconds),
  pipeline_fast_wps: pipelineFast ? perSecond(pipelineFast, pipelineFast.seconds) : null,
  wink_wps: perSecond(winkRun, winkRun.seconds),
  articles_per_s: perSecond(pipeline, pipeline.seconds, articles.length),
  tokenizer_wps: perSecond(tokenizer, tokenizer.seconds),
  upstream_wps: perSecond(upstream, upstream.seconds),
  syntax_wps: wps(syntax),
  attribution_wps: wps(attribution),
  wall: {
    backbone_wps: perSecond(backbone, backbone.wallSeconds),
    pipeline_wps: perSecond(pipeline, pipeline.wallSeconds),
    wink_wps: perSecond(winkRun, winkRun.wallSeconds),
    tokenizer_wps: perSecond(tokenizer, tokenizer.wallSeconds),
  },
  loadavg: [loadBefore, loadavg()[0]!].map((x) => Number(x.toFixed(2))),
  statements,
  peak_rss_mb: Math.round(process.resourceUsage().maxRSS / 1024),
  ...ingestFigures(),
  node: process.version,
  cpu: cpus()[0]?.model ?? 'unknown',
}

if (process.argv.includes('--json')) {
  process.stdout.write(JSON.stringify(result) + '\n')
} else {
  const n = (x: number): string => x.toLocaleString('en')
  const markdown = `# Speed

Measured by \`npm run bench\` (single thread) on ${result.corpus}, ${result.node}, ${result.cpu}.
Each figure is the mean over repeated passes of at least ${MIN_SECONDS} CPU-seconds after a warm-up pass,
in words per CPU-second of the benchmark process (user + system time, so one core); wall-clock
figures of the same passes are shown for comparison. Load average (1 min) at the start / end:
${result.loadavg.join(' / ')} on ${cpus().length} cores.

| stage | words / CPU-s | words / s (wall) | articles / CPU-s |
|---|---|---|---|
| whole analysis pipeline (\`analyzeArticle\`: everything from tokens to statements) | ${n(result.pipeline_wps)} | ${n(result.wall.pipeline_wps)} | ${n(result.articles_per_s)} |
| the same pipeline, \`--profile fast\` (attribution without the parse) | ${result.pipeline_fast_wps === null ? 'model not shipped' : n(result.pipeline_fast_wps)} | | |
| trained backbone: tokenize + tag + parse + NER | ${n(result.backbone_wps)} | ${n(result.wall.backbone_wps)} | |
| tokenizer alone | ${n(result.tokenizer_wps)} | ${n(result.wall.tokenizer_wps)} | |
| pipeline part 1: tokens, sentences, entities, resolution | ${n(result.upstream_wps)} | ${n(perSecond(upstream, upstream.wallSeconds))} | |
| pipeline part 2: backbone tagging and parsing for attribution | ${result.syntax_wps === null ? 'model not shipped' : n(result.syntax_wps)} | | |
| pipeline part 3: the attribution model's own work (features, Viterbi, statements; must not cost more than parts 2) | ${result.attribution_wps === null ? 'model not shipped' : n(result.attribution_wps)} | | |
| wink-nlp 2 + wink-eng-lite-web-model (its default pipeline), same text, same run | ${n(result.wink_wps)} | ${n(result.wall.wink_wps)} | |

Peak resident memory of the benchmark process: ${result.peak_rss_mb} MB. Statements found in the corpus: ${result.statements}.
${ingestTable(result as unknown as Record<string, unknown>)}
Compare figures from the same run (wink-nlp runs in the same process right after ours).
\`npm run --silent bench -- --json\` prints the same figures as one JSON object. Per-component
figures of the backbone: \`node dist/bench/backbone.js\` (see below).
`
  // this run rewrites the first section only; the sections after it (## ...) are kept
  const path = join(root, 'docs', 'BENCH.md')
  const old = existsSync(path) ? readFileSync(path, 'utf8') : ''
  const rest = old.indexOf('\n## ')
  writeFileSync(path, markdown + (rest >= 0 ? old.slice(rest) : ''))
  process.stdout.write(markdown)
}

/** The ingest figures of this run as a table (empty with --no-ingest). */
function ingestTable(figures: Record<string, unknown>): string {
  if (figures['ingest_wps_1'] === undefined) return ''
  const n = (x: unknown): string => (typeof x === 'number' ? x.toLocaleString('en') : '–')
  const rows: string[] = []
  for (const [profile, prefix] of [['accurate', 'ingest_'], ['fast', 'ingest_fast_']] as const) {
    for (const workers of [1, 2]) {
      const at = (name: string): unknown => figures[`${prefix}${name}_${workers}`]
      rows.push(`| ${profile} | ${workers} | ${n(at('wps'))} | ${n(at('sustained_wps'))} | ${n(at('articles_per_s'))} | ${n(at('cpu_s'))} | ${n(at('rss_mb'))} MB | ${n(at('load_before'))} → ${n(at('load_after'))} |`)
    }
  }
  return `
\`whosaid ingest\` of ${String(figures['ingest_corpus'])} as JSONL into a fresh SQLite store (bench/ingest.ts; wall
time of the whole command, start-up included; "sustained": from the first progress line past a quarter of the corpus
to the end, once the workers have loaded the models and compiled the hot code, the rate a long ingest keeps):

| profile | workers | words / s | sustained words / s | articles / s | CPU seconds | peak RSS (all threads) | load average (1 min) before → after |
|---|---|---|---|---|---|---|---|
${rows.join('\n')}

Scaling from 1 to 2 workers: ${n(figures['ingest_scaling_1_to_2'])} (accurate), ${n(figures['ingest_fast_scaling_1_to_2'])} (fast).
`
}
