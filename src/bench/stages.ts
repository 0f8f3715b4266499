/**
 * `node dist/bench/stages.js`: time per pipeline stage on the bundled sample articles, and what the
 * stages after attribution (relations, claims, stance, sources) add to a whole analysis. Writes
 * docs/BENCH-STAGES.md unless `--json` is given (then it prints one JSON object).
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { cpus } from 'node:os'
import { join } from 'node:path'
import { toAnalysis } from '../doc/serialize.js'
import { parseTextPage } from '../ingest/text.js'
import { getDefaultPipeline } from '../pipeline/analyze.js'
import { createPipeline } from '../pipeline/pipeline.js'
import type { Stage } from '../pipeline/stage.js'
import { loadStanceModel } from '../stance/index.js'
import { packageRoot } from '../util/package-root.js'
import { measure as measureFor } from './measure.js'

const MIN_SECONDS = 3
/** The stages issue 5 added after attribution. */
const NEW_STAGES = new Set(['whosaid.relations.rules', 'whosaid.claims.rules', 'whosaid.stance.fnc1', 'whosaid.sources.rules'])

const root = packageRoot()
const examples = join(root, 'examples')
const articles = readdirSync(examples, { recursive: true, encoding: 'utf8' })
  .filter((name) => name.endsWith('.txt'))
  .sort()
  .map((name) => parseTextPage(readFileSync(join(examples, name), 'utf8'), { name }))

// The stance model is read on first use: time that once, apart from the per-article figures.
const loadStarted = process.hrtime.bigint()
loadStanceModel().predict('warm up', 'the model')
const modelLoadMs = Number(process.hrtime.bigint() - loadStarted) / 1e6

const full = getDefaultPipeline()
const spent = new Map<string, bigint>(full.stages.map((stage) => [stage.name, 0n]))
const timed: Stage[] = full.stages.map((stage) => ({
  ...stage,
  run(doc) {
    const started = process.hrtime.bigint()
    stage.run(doc)
    spent.set(stage.name, spent.get(stage.name)! + process.hrtime.bigint() - started)
  },
}))
const timedPipeline = createPipeline(timed)
const basePipeline = createPipeline(full.stages.filter((stage) => !NEW_STAGES.has(stage.name)))

const measure = (run: () => void): { seconds: number; rounds: number } => measureFor(run, MIN_SECONDS)

// Whole analyses (pipeline + serialisation), with and without the new stages. The two alternate
// article by article, so that a change in machine load falls on both alike.
function compare(): { baseMs: number; fullMs: number } {
  let baseNs = 0n
  let fullNs = 0n
  let passes = 0
  const started = process.hrtime.bigint()
  while (Number(process.hrtime.bigint() - started) / 1e9 < 2 * MIN_SECONDS || passes < 2) {
    for (const article of articles) {
      const t0 = process.hrtime.bigint()
      toAnalysis(basePipeline.run(article), basePipeline.stages)
      const t1 = process.hrtime.bigint()
      toAnalysis(full.run(article), full.stages)
      const t2 = process.hrtime.bigint()
      // The first pass warms both up and is not counted.
      if (passes > 0) {
        baseNs += t1 - t0
        fullNs += t2 - t1
      }
    }
    passes++
  }
  const perArticle = (ns: bigint): number => Number(ns) / 1e6 / ((passes - 1) * articles.length)
  return { baseMs: perArticle(baseNs), fullMs: perArticle(fullNs) }
}
const { baseMs, fullMs } = compare()
for (const key of spent.keys()) spent.set(key, 0n)
const perStage = measure(() => {
  for (const article of articles) timedPipeline.run(article)
})

let statements = 0
for (const article of articles) statements += full.run(article).statements.length
const stageMs = [...spent].map(([name, ns]) => ({ name, ms: Number(ns) / 1e6 / (perStage.rounds + 1) / articles.length, added: NEW_STAGES.has(name) }))
const result = {
  corpus: `examples (${articles.length} articles, ${statements} statements)`,
  base_ms_per_article: round(baseMs),
  full_ms_per_article: round(fullMs),
  added_ms_per_article: round(fullMs - baseMs),
  added_percent: round((100 * (fullMs - baseMs)) / baseMs),
  stages: stageMs.map(({ name, ms, added }) => ({ name, ms_per_article: round(ms, 3), added })),
  stance_ms_per_statement: round((stageMs.find((stage) => stage.name === 'whosaid.stance.fnc1')?.ms ?? 0) * (articles.length / Math.max(statements, 1)), 3),
  stance_model_load_ms: round(modelLoadMs),
  node: process.version,
  cpu: cpus()[0]?.model ?? 'unknown',
}

function round(value: number, digits = 2): number {
  return Math.round(value * 10 ** digits) / 10 ** digits
}

if (process.argv.includes('--json')) {
  process.stdout.write(JSON.stringify(result) + '\n')
} else {
  const rows = result.stages.map(({ name, ms_per_article, added }) => `| \`${name}\`${added ? ' (after attribution)' : ''} | ${ms_per_article.toFixed(3)} |`)
  const markdown = `# Time per stage

Measured by \`node dist/bench/stages.js\` (after \`npm run build\`; single thread) on ${result.corpus},
${result.node}, ${result.cpu}. Each figure is the mean over repeated passes of at least ${MIN_SECONDS} s after a warm-up pass.

| stage | ms per article |
|---|---|
${rows.join('\n')}

Whole analysis (pipeline and serialisation to \`whosaid/1\`), the two pipelines alternating article by article:
${result.base_ms_per_article} ms per article up to attribution, ${result.full_ms_per_article} ms with the stages after it:
**+${result.added_ms_per_article} ms per article (+${result.added_percent}%)**. The stance model runs once per statement
(${result.stance_ms_per_statement} ms each; the claim is analysed once per article); reading the model file costs
${result.stance_model_load_ms} ms once per process.

Machine load matters: this is a shared 2-core machine; compare figures from the same run.
`
  writeFileSync(join(root, 'docs', 'BENCH-STAGES.md'), markdown)
  process.stdout.write(markdown)
}
