/**
 * `node dist/eval/polnear/main.js [--split test|valid] [--json] [--segments-only] [--raw] [--detok]`:
 * whosaid's attribution scores on PolNeAR, as a table or as one JSON object.
 */
import { evaluatePolnear, type PolnearResult } from './index.js'

function parseArgs(argv: readonly string[]): { split: 'test' | 'valid'; json: boolean; segmentsOnly: boolean; raw: boolean; detokenize: boolean } {
  let split: 'test' | 'valid' = 'test'
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!
    const value = arg.startsWith('--split=') ? arg.slice('--split='.length) : arg === '--split' ? argv[++i] : undefined
    if (value === undefined) continue
    if (value !== 'test' && value !== 'valid') throw new Error(`--split must be test or valid, not ${value}`)
    split = value
  }
  return { split, json: argv.includes('--json'), segmentsOnly: argv.includes('--segments-only'), raw: argv.includes('--raw'), detokenize: argv.includes('--detok') }
}

const pad = (s: string, n: number): string => s.padEnd(n)
const num = (x: number): string => x.toFixed(1).padStart(6)

export function formatTable(r: PolnearResult): string {
  const lines: string[] = []
  lines.push(`PolNeAR ${r.split} (CofeNet segments: ${r.segments}, pipeline failures: ${r.failures}, ${r.seconds} s)`)
  lines.push('')
  lines.push(`${pad('label', 9)} | ${pad('exact P / R / F1', 22)} | ${pad('token overlap P / R / F1', 24)} | gold / pred / matched spans`)
  for (const label of ['source', 'cue', 'content'] as const) {
    const e = r[label]
    const o = r.overlap[label]
    const s = r.spans[label]
    lines.push(
      `${pad(label, 9)} | ${num(e.p)} ${num(e.r)} ${num(e.f1)}  | ${num(o.p)} ${num(o.r)} ${num(o.f1)}    | ${s.gold} / ${s.predicted} / ${s.matched}`,
    )
  }
  if (r.articleOverlap) {
    const a = r.articleOverlap
    lines.push('')
    lines.push(`Article level (brat, ${a.files} annotation files over ${a.articles} articles), word-token overlap P / R / F1:`)
    for (const label of ['source', 'cue', 'content'] as const) {
      lines.push(`  ${pad(label, 8)} ${num(a[label].p)} ${num(a[label].r)} ${num(a[label].f1)}`)
    }
  }
  if (r.speakerResolution) {
    const s = r.speakerResolution
    lines.push('')
    lines.push(`Speaker resolution: ${s.goldWithSource} gold attributions with a source; ${s.noOverlap} with no overlapping predicted speaker.`)
    lines.push(
      `  named gold sources: ${s.named.total}, correct ${s.named.correct} (${s.named.accuracy.toFixed(1)}%), wrong entity ${s.named.wrongEntity}, unresolved ${s.named.unresolved}`,
    )
    lines.push(`  unverifiable (pronoun / description): ${s.unverifiable.total}, resolved to an entity ${s.unverifiable.resolvedToEntity}, unresolved ${s.unverifiable.unresolved}`)
    lines.push(`  Definition: ${s.definition}`)
  }
  return lines.join('\n') + '\n'
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2))
  const result = await evaluatePolnear({ split: args.split, segmentsOnly: args.segmentsOnly, raw: args.raw, detokenize: args.detokenize })
  process.stdout.write(args.json ? JSON.stringify(result) + '\n' : formatTable(result))
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`)
  process.exitCode = 1
})
