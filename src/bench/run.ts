/**
 * `npm run bench`: speed of the analysis pipeline on the bundled sample articles (a fixed corpus of
 * real news text). Reports words per second on one core, articles per second and peak memory, and
 * writes docs/BENCH.md unless `--json` is given (then it prints one JSON object).
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { cpus } from 'node:os'
import { join } from 'node:path'
import { parseTextPage } from '../ingest/text.js'
import { analyzeArticle } from '../pipeline/analyze.js'
import { tokenize } from '../stages/tokenize/tokenize.js'
import { packageRoot } from '../util/package-root.js'

const MIN_SECONDS = 3
const root = packageRoot()
const folder = join(root, 'examples', 'wikinews')
const articles = readdirSync(folder)
  .filter((name) => name.endsWith('.txt'))
  .sort()
  .map((name) => parseTextPage(readFileSync(join(folder, name), 'utf8'), { name }))
const words = articles.reduce((sum, article) => sum + (article.text.match(/\S+/g) ?? []).length, 0)

function measure(run: () => void): { seconds: number; rounds: number } {
  run() // warm-up: JIT and lazy tables
  const started = process.hrtime.bigint()
  let rounds = 0
  let seconds = 0
  while (seconds < MIN_SECONDS) {
    run()
    rounds++
    seconds = Number(process.hrtime.bigint() - started) / 1e9
  }
  return { seconds, rounds }
}

const pipeline = measure(() => {
  for (const article of articles) analyzeArticle(article)
})
const tokenizer = measure(() => {
  for (const article of articles) tokenize(article.text)
})
let statements = 0
for (const article of articles) statements += analyzeArticle(article).statements.length

const result = {
  corpus: `examples/wikinews (${articles.length} articles, ${words} words)`,
  pipeline_wps: Math.round((words * pipeline.rounds) / pipeline.seconds),
  articles_per_s: Math.round((articles.length * pipeline.rounds) / pipeline.seconds),
  tokenizer_wps: Math.round((words * tokenizer.rounds) / tokenizer.seconds),
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
| whole analysis pipeline (tokenize, sentences, entities, resolution, attribution) | ${result.pipeline_wps.toLocaleString('en')} | ${result.articles_per_s.toLocaleString('en')} |
| tokenizer alone | ${result.tokenizer_wps.toLocaleString('en')} | |

Peak resident memory of the benchmark process: ${result.peak_rss_mb} MB. Statements found in the corpus: ${result.statements}.

The pipeline measured is the rule-based v1; the trained backbone (issue 3) and the corpus-scale
ingest figures (issue 7) add their rows here when they land. \`npm run --silent bench -- --json\`
prints the same figures as one JSON object.
`
  writeFileSync(join(root, 'docs', 'BENCH.md'), markdown)
  process.stdout.write(markdown)
}
