/**
 * Dump everything the backbone predicts, so a speed change can be shown to leave the outputs
 * byte-identical: `node dist/bench/backbone-dump.js > before.txt`, change code, dump again, `cmp`.
 *
 * Covers EWT dev (gold tokenization: tags, heads, relations, NER spans), UNER EWT dev (NER spans on
 * its own tokenization) and the bundled news sample examples/wikinews (our tokenizer and sentence
 * splitter, then the same). The corpora come from ../shared/data (or $WHOSAID_DATA); a missing
 * corpus is reported on stderr and skipped, so the dump also runs on a fresh clone (news only).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { loadBackbone } from '../backbone/index.js'
import { parseConllu } from '../backbone/conllu.js'
import { ewtFile } from '../backbone/paths.js'
import { loadNer } from '../backbone/ner/index.js'
import { readUner } from '../backbone/ner/data.js'
import { parseTextPage } from '../ingest/text.js'
import { splitSentences } from '../stages/sentences/split.js'
import { tokenize } from '../stages/tokenize/tokenize.js'
import { packageRoot } from '../util/package-root.js'

const bb = loadBackbone()
const ner = loadNer()
const lines: string[] = []

function dumpSentence(id: string, words: string[], withSyntax: boolean): void {
  lines.push(`# ${id} ${words.join(' ')}`)
  if (withSyntax) {
    const { upos, xpos } = bb.tag(words)
    const { heads, deprels } = bb.parse(words, upos, xpos)
    for (let i = 0; i < words.length; i++) lines.push(`${i + 1}\t${upos[i]}\t${xpos[i]}\t${heads[i]}\t${deprels[i]}`)
  }
  lines.push('ner ' + ner.recognize(words).map((e) => `${e.start}-${e.end}:${e.type}`).join(' '))
}

const dev = ewtFile('dev')
if (existsSync(dev)) {
  parseConllu(readFileSync(dev, 'utf8')).forEach((s, i) => dumpSentence(`ewt-dev ${i}`, s.words, true))
} else process.stderr.write(`skipped EWT dev: ${dev} not found\n`)

try {
  readUner('dev').forEach((s, i) => dumpSentence(`uner-dev ${i}`, s.words, false))
} catch (e) {
  process.stderr.write(`skipped UNER dev: ${(e as Error).message}\n`)
}

const folder = join(packageRoot(), 'examples', 'wikinews')
for (const name of readdirSync(folder).filter((f) => f.endsWith('.txt')).sort()) {
  const article = parseTextPage(readFileSync(join(folder, name), 'utf8'), { name })
  const tokens = tokenize(article.text)
  splitSentences(article.text, tokens).forEach((sentence, i) => {
    const words: string[] = []
    const spans: string[] = []
    for (let t = sentence.tokenStart; t < sentence.tokenEnd; t++) {
      words.push(article.text.slice(tokens.start[t]!, tokens.end[t]!))
      spans.push(`${tokens.start[t]}:${tokens.end[t]}:${tokens.kind[t]}:${tokens.flags[t]}`)
    }
    lines.push(`tokens ${spans.join(' ')}`)
    dumpSentence(`${name} ${i}`, words, true)
  })
}

process.stdout.write(lines.join('\n') + '\n')
