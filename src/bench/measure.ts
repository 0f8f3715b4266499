import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Backbone } from '../backbone/index.js'
import type { Ner } from '../backbone/ner/index.js'
import type { Article } from '../doc/schema.js'
import { parseTextPage } from '../ingest/text.js'
import { splitSentences } from '../stages/sentences/split.js'
import { tokenize } from '../stages/tokenize/tokenize.js'
import { packageRoot } from '../util/package-root.js'

/**
 * Shared by the benchmark entries: runs `run` once to warm up (JIT, lazy tables), then repeats it
 * until at least `minSeconds` have passed.
 */
export function measure(run: () => void, minSeconds = 3): { seconds: number; rounds: number } {
  run()
  const started = process.hrtime.bigint()
  let rounds = 0
  let seconds = 0
  while (seconds < minSeconds) {
    run()
    rounds++
    seconds = Number(process.hrtime.bigint() - started) / 1e9
  }
  return { seconds, rounds }
}

/** The fixed benchmark corpus: the bundled Wikinews sample articles, and their whitespace-separated words. */
export function sampleArticles(): { articles: Article[]; words: number } {
  const folder = join(packageRoot(), 'examples', 'wikinews')
  const articles = readdirSync(folder)
    .filter((name) => name.endsWith('.txt'))
    .sort()
    .map((name) => parseTextPage(readFileSync(join(folder, name), 'utf8'), { name }))
  return { articles, words: articles.reduce((sum, article) => sum + (article.text.match(/\S+/g) ?? []).length, 0) }
}

/** A text's sentences as word arrays (our tokenizer and splitter), the backbone's input. */
export function sentenceWords(text: string): string[][] {
  const tokens = tokenize(text)
  return splitSentences(text, tokens).map((sentence) => {
    const words: string[] = []
    for (let t = sentence.tokenStart; t < sentence.tokenEnd; t++) words.push(text.slice(tokens.start[t]!, tokens.end[t]!))
    return words
  })
}

/**
 * The trained backbone over whole articles, as both benchmarks time it: tokenize and split each
 * text, then tag, parse and recognise entities sentence by sentence.
 */
export function runBackbone(texts: readonly string[], backbone: Backbone, ner: Ner): void {
  for (const text of texts) {
    for (const words of sentenceWords(text)) {
      const { upos, xpos } = backbone.tag(words)
      backbone.parse(words, upos, xpos)
      ner.recognize(words, { upos, xpos }) // the tags NER needs are the tagger's, computed once
    }
  }
}
