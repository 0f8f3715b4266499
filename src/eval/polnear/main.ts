/**
 * `node dist/eval/polnear/main.js [--split test|valid] [--protocol article|segment] [--json]
 *   [--segments-only] [--raw] [--detok]`: whosaid's attribution scores on PolNeAR, as a table or
 * as one JSON object.
 */
import { evaluatePolnear, type PolnearResult } from './index.js'

interface Args {
  split: 'test' | 'valid'
  protocol: 'article' | 'segment'
  json: boolean
  segmentsOnly: boolean
  raw: boolean
  detokenize: boolean
}

function parseArgs(argv: readonly string[]): Args {
  let split: Args['split'] = 'test'
  let protocol: Args['protocol'] = 'article'
  const option = (name: string, i: number): string | undefined => {
    const arg = argv[i]!
    return arg.startsWith(`${name}=`) ? arg.slice(name.length + 1) : arg === name ? argv[i + 1] : undefined
  }
  for (let i = 0; i < argv.length; i++) {
    const splitValue = option('--split', i)
    if (splitValue !== undefined) {
      if (splitValue !== 'test' && splitValue !== 'valid') throw new Error(`--split must be test or valid, not ${splitValue}`)
      split = splitValue
    }
    const protocolValue = option('--protocol', i)
    if (protocolValue !== undefined) {
      if (protocolValue !== 'article' && protocolValue !== 'segment') throw new Error(`--protocol must be article or segment, not ${protocolValue}`)
      protocol = protocolValue
    }
  }
  return { split, protocol, json: argv.includes('--json'), segmentsOnly: argv.includes('--segments-only'), raw: argv.includes('--raw'), detokenize: argv.includes('--detok') }
}

const pad = (s: string, n: number): string => s.padEnd(n)
const num = (x: number): string => x.toFixed(1).padStart(6)

export function formatTable(r: PolnearResult): string {
  const lines: string[] = []
  lines.push(`PolNeAR ${r.split} (CofeNet segments: ${r.segments}, pipeline failures: ${r.failures}, ${r.seconds} s)`)
  lines.push(
    r.protocol === 'article'
      ? `Protocol: each article analysed whole, statements mapped onto the segments' tokens (${r.unplacedTokens ?? 0} segment tokens not found in their article).`
      : 'Protocol: the pipeline run on each segment\'s text alone (tokens joined by spaces).',
  )
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
  if (r.segmentProtocol) {
    const o = r.segmentProtocol
    lines.push('')
    lines.push(`Same metric, pipeline run on each segment's text alone (${o.failures} failures): exact F1 source ${o.source.f1.toFixed(1)}, cue ${o.cue.f1.toFixed(1)}, content ${o.content.f1.toFixed(1)}`)
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
  const result = await evaluatePolnear({ split: args.split, protocol: args.protocol, segmentsOnly: args.segmentsOnly, raw: args.raw, detokenize: args.detokenize })
  process.stdout.write(args.json ? JSON.stringify(result) + '\n' : formatTable(result))
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`)
  process.exitCode = 1
})
