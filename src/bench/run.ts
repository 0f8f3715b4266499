/**
 * `npm run bench`: speed of the analysis pipeline on the bundled sample articles (a fixed corpus of
 * real news text). Reports words per second on one core, articles per second and peak memory, and
 * writes docs/BENCH.md unless `--json` is given (then it prints one JSON object).
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { cpus } from 'node:os'
import { join } from 'node:path'
import { parseTextPage } from '../ingest/text.js'
import { analyzeArticle } from '../pipeline/analyze.js'
import { loadBackbone } from '../backbone/index.js'
import { loadNer } from '../backbone/ner/index.js'
import { splitSentences } from '../stages/sentences/split.js'
import { tokenize } from '../stages/tokenize/tokenize.js'
import { packageRoot } from '../util/package-root.js'
import { measure as measureFor } from './measure.js'
import { createPipeline } from '../pipeline/pipeline.js'
import { entitiesStage, resolveStage } from '../stages/entities/index.js'
import { sentencesStage } from '../stages/sentences/index.js'
import { tokenizeStage } from '../stages/tokenize/index.js'
import { attributeWithModel, attributionModel, prepareSyntax, type PreparedSyntax } from '../stages/attribute-model/index.js'
import type { Document } from '../doc/document.js'

const MIN_SECONDS = 3
const root = packageRoot()
const folder = join(root, 'examples', 'wikinews')
const articles = readdirSync(folder)
  .filter((name) => name.endsWith('.txt'))
  .sort()
  .map((name) => parseTextPage(readFileSync(join(folder, name), 'utf8'), { name }))
const words = articles.reduce((sum, article) => sum + (article.text.match(/\S+/g) ?? []).length, 0)

const measure = (run: () => void): { seconds: number; rounds: number } => measureFor(run, MIN_SECONDS)

const pipeline = measure(() => {
  for (const article of articles) analyzeArticle(article)
})

// The trained backbone alone: tokenize, split, then tag + parse + NER each sentence.
const backboneModels = loadBackbone()
const ner = loadNer()
backboneModels.preload()
const backbone = measure(() => {
  for (const article of articles) {
    const tokens = tokenize(article.text)
    for (const sentence of splitSentences(article.text, tokens)) {
      const words: string[] = []
      for (let t = sentence.tokenStart; t < sentence.tokenEnd; t++) words.push(article.text.slice(tokens.start[t]!, tokens.end[t]!))
      const { upos, xpos } = backboneModels.tag(words)
      backboneModels.parse(words, upos, xpos)
      ner.recognize(words)
    }
  }
})

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

const result = {
  corpus: `examples/wikinews (${articles.length} articles, ${words} words)`,
  backbone_wps: Math.round((words * backbone.rounds) / backbone.seconds),
  pipeline_wps: Math.round((words * pipeline.rounds) / pipeline.seconds),
  wink_wps: Math.round((words * winkRun.rounds) / winkRun.seconds),
  articles_per_s: Math.round((articles.length * pipeline.rounds) / pipeline.seconds),
  tokenizer_wps: Math.round((words * tokenizer.rounds) / tokenizer.seconds),
  upstream_wps: Math.round((words * upstream.rounds) / upstream.seconds),
  syntax_wps: wps(syntax),
  attribution_wps: wps(attribution),
  statements,
  peak_rss_mb: Math.round(process.resourceUsage().maxRSS / 1024),
  node: process.version,
  cpu: cpus()[0]?.model ?? 'unknown',
}

if (process.argv.includes('--json')) {
  process.stdout.write(JSON.stringify(result) + '\n')
} else {
  const markdown = `# Speed

Measured by \`npm run bench\` (single thread, so words/second is per core) on ${result.corpus},
${result.node}, ${result.cpu}. Each figure is the mean over repeated passes of at least ${MIN_SECONDS} s after a warm-up pass.

| stage | words / s (one core) | articles / s |
|---|---|---|
| whole analysis pipeline (\`analyzeArticle\`: everything from tokens to statements) | ${result.pipeline_wps.toLocaleString('en')} | ${result.articles_per_s.toLocaleString('en')} |
| trained backbone: tokenize + tag + parse + NER | ${result.backbone_wps.toLocaleString('en')} | |
| tokenizer alone | ${result.tokenizer_wps.toLocaleString('en')} | |
| pipeline part 1: tokens, sentences, entities, resolution | ${result.upstream_wps.toLocaleString('en')} | |
| pipeline part 2: backbone tagging and parsing for attribution | ${result.syntax_wps?.toLocaleString('en') ?? 'model not shipped'} | |
| pipeline part 3: the attribution model's own work (features, Viterbi, statements) | ${result.attribution_wps?.toLocaleString('en') ?? 'model not shipped'} | |
| wink-nlp 2 + wink-eng-lite-web-model (its default pipeline), same text, same run | ${result.wink_wps.toLocaleString('en')} | |

Peak resident memory of the benchmark process: ${result.peak_rss_mb} MB. Statements found in the corpus: ${result.statements}.

Machine load matters: these are single runs on a shared 2-core machine; compare figures from the
same run (wink-nlp runs in the same process right after ours). \`npm run --silent bench -- --json\`
prints the same figures as one JSON object.
`
  writeFileSync(join(root, 'docs', 'BENCH.md'), markdown)
  process.stdout.write(markdown)
}
