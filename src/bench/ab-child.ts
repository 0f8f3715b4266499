/**
 * One timed run for ab.ts: `node ab-child.js ROOT SECONDS EXAMPLES` imports the build under ROOT
 * (its pipeline, text reader and serialiser: entry points every build since the first has),
 * analyses the sample articles under EXAMPLES (the same folder for both builds) once to warm up,
 * then repeatedly for at least SECONDS of CPU time, and prints {"wps": words per CPU-second}.
 */
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'

const [root, secondsArg, examples] = process.argv.slice(2)
if (!root || !examples) throw new Error('ab-child: ROOT SECONDS EXAMPLES are required')
const seconds = Number(secondsArg ?? '3')
const load = async <T>(path: string): Promise<T> => (await import(pathToFileURL(join(root, 'dist', path)).href)) as T

const { parseTextPage } = await load<{ parseTextPage(text: string, options: { name: string }): unknown }>('ingest/text.js')
const { getDefaultPipeline } = await load<{ getDefaultPipeline(): { stages: unknown[]; run(article: unknown): unknown } }>('pipeline/analyze.js')
const { toAnalysis } = await load<{ toAnalysis(doc: unknown, stages: unknown[]): unknown }>('doc/serialize.js')

const texts = readdirSync(examples, { recursive: true, encoding: 'utf8' })
  .filter((name) => name.endsWith('.txt'))
  .sort()
  .map((name) => ({ name, text: readFileSync(join(examples, name), 'utf8') }))
const articles = texts.map(({ name, text }) => parseTextPage(text, { name }))
const words = texts.reduce((sum, { text }) => sum + (text.match(/\S+/g) ?? []).length, 0)
const pipeline = getDefaultPipeline()
const pass = (): void => {
  for (const article of articles) toAnalysis(pipeline.run(article), pipeline.stages)
}
pass()
const cpu = (): number => {
  const u = process.cpuUsage()
  return (u.user + u.system) / 1e6
}
const started = cpu()
let passes = 0
while (cpu() - started < seconds) {
  pass()
  passes++
}
process.stdout.write(JSON.stringify({ wps: Math.round((words * passes) / (cpu() - started)) }) + '\n')
