#!/usr/bin/env node
/**
 * Rebuilds the bundled sample articles (examples/wikinews/*.txt and examples/README.md) from the
 * GUM corpus: the 24 Wikinews news articles and 19 Wikinews interviews, which are CC BY 2.5 and may
 * be redistributed with attribution. The text is rebuilt from the CoNLL-U tokens (`SpaceAfter=No`
 * decides the spacing, `# newpar` the paragraphs); figure captions go to `Caption:` header lines
 * and the headline paragraph to `Title:`, so the body is the article's running text only.
 *
 *   node scripts/make-examples.mjs [path/to/gum]      (default: ../shared/data/gum from the repo)
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { gunzipSync } from 'node:zlib'

/** The repository root: the nearest folder above this script that holds package.json. */
function repoRoot() {
  let dir = dirname(fileURLToPath(import.meta.url))
  while (!existsSync(join(dir, 'package.json'))) {
    const parent = dirname(dir)
    if (parent === dir) throw new Error('package.json not found above scripts/')
    dir = parent
  }
  return dir
}

const root = repoRoot()
const gumDir = resolve(process.argv[2] ?? join(root, '..', 'shared', 'data', 'gum'))
const outDir = join(root, 'examples', 'wikinews')
const DOCS = /^GUM_(news|interview)_.+\.conllu\.gz$/
const WIKINEWS_DATELINE = /^(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day, [A-Z][a-z]+ \d{1,2}, \d{4}$/

/** `figure (2 s) | caption (2 s)` → [{name: 'figure', attrs: '', sentences: 2}, ...] */
function parseBlockChain(value) {
  return value.split(' | ').map((part) => {
    const match = /^(\S+)(.*?)\((\d+) s\)\s*$/.exec(part.trim())
    if (!match) throw new Error(`unexpected newpar_block part: ${part}`)
    return { name: match[1], attrs: match[2].trim(), remaining: Number(match[3]) }
  })
}

/** `#WilliamSSaturn` → `William S. Saturn`: speaker ids are names with the spaces taken out. */
function speakerName(attrs) {
  const id = /who:::"#([^"]+)"/.exec(attrs)?.[1]
  if (!id) return null
  return id
    .split(/(?=[A-Z])/)
    .map((part) => (part.length === 1 ? `${part}.` : part))
    .join(' ')
}

/** Text of one sentence from its token lines: multi-word tokens print once, as written. */
function sentenceText(tokenLines) {
  let text = ''
  let coveredUntil = 0
  for (const line of tokenLines) {
    const [id, form, , , , , , , , misc] = line.split('\t')
    if (id.includes('.')) continue // empty nodes carry no surface text
    const range = /^(\d+)-(\d+)$/.exec(id)
    if (range) coveredUntil = Number(range[2])
    else if (Number(id) <= coveredUntil) continue
    const spaceAfter = !misc.split('|').includes('SpaceAfter=No')
    text += form + (spaceAfter ? ' ' : '')
  }
  return text.trim()
}

/**
 * One GUM document → { name, meta, paragraphs[], captions[] }. Paragraphs are lists of sentences;
 * a sentence inside a figure or caption element goes to captions instead.
 */
function readDocument(conllu, name) {
  const meta = {}
  const paragraphs = []
  const captions = []
  /** Elements (from `# newpar_block`) still open, with how many sentences they have left. */
  let open = []
  let paragraph = null
  let caption = null
  let speaker = null
  let tokens = []

  const startParagraph = () => {
    paragraph = { sentences: [], chain: [], elements: [], speaker: null }
    paragraphs.push(paragraph)
    caption = null
  }

  const endSentence = () => {
    if (tokens.length === 0) return
    const text = sentenceText(tokens)
    tokens = []
    const inFigure = open.some((element) => element.name === 'figure' || element.name === 'caption')
    if (inFigure) {
      caption ??= (captions.push([]), captions[captions.length - 1])
      caption.push(text)
    } else {
      // A document may start without `# newpar` (GUM_interview_mckenzie), and a sentence may follow
      // a paragraph whose elements are all used up (the dateline after `head (1 s)`): both start a
      // paragraph. Wikinews prints the dateline on a line of its own, so it is always one.
      const stray = paragraph && paragraph.elements.length > 0 && paragraph.elements.every((e) => e.remaining === 0)
      const dateline = WIKINEWS_DATELINE.test(text)
      const afterDateline = paragraph && paragraph.sentences.length === 1 && WIKINEWS_DATELINE.test(paragraph.sentences[0])
      if (!paragraph || stray || afterDateline || (dateline && paragraph.sentences.length > 0)) startParagraph()
      if (paragraph.sentences.length === 0 && speaker) paragraph.speaker = speaker
      speaker = null
      paragraph.sentences.push(text)
    }
    for (const element of open) element.remaining--
    open = open.filter((element) => element.remaining > 0)
  }

  for (const line of conllu.split('\n')) {
    if (line.startsWith('# meta::')) {
      const match = /^# meta::(\w+) = (.*)$/.exec(line)
      if (match) meta[match[1]] = match[2].trim()
    } else if (line === '# newpar') {
      endSentence()
      startParagraph()
    } else if (line.startsWith('# newpar_block = ')) {
      const chain = parseBlockChain(line.slice('# newpar_block = '.length))
      if (!paragraph) startParagraph()
      paragraph.chain = chain.map((element) => element.name)
      paragraph.elements = chain
      const turn = chain.find((element) => element.name === 'sp')
      if (turn) speaker = speakerName(turn.attrs)
      open.push(...chain.filter((element) => element.remaining > 0))
    } else if (/^\d/.test(line)) {
      tokens.push(line)
    } else if (line.trim() === '') {
      endSentence()
    }
  }
  endSentence()
  return {
    name,
    meta,
    paragraphs: paragraphs.filter((p) => p.sentences.length > 0),
    captions: captions.map((sentences) => sentences.join(' ')),
  }
}

/** Case, accents and punctuation aside: the meta title writes "Licen" where the page has "Ličen". */
const comparable = (text) =>
  text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '')

/** The article as a header-block text file (the format whosaid's text parser reads). */
function renderArticle(doc) {
  const paragraphs = doc.paragraphs.map((p) => (p.speaker ? `${p.speaker}: ` : '') + p.sentences.join(' '))
  // The first paragraph is the headline as printed on the page: it is the Title, not body text.
  const first = doc.paragraphs[0]
  if (first && first.chain.includes('head') && comparable(paragraphs[0]) === comparable(doc.meta.title ?? '')) {
    paragraphs.shift()
  }
  const header = [
    `Title: ${doc.meta.title}`,
    'Outlet: Wikinews',
    `Date: ${doc.meta.dateCreated}`,
    `URL: ${doc.meta.sourceURL}`,
    `Author: ${doc.meta.author}`,
    ...doc.captions.map((text) => `Caption: ${text}`),
  ]
  return `${header.join('\n')}\n\n${paragraphs.join('\n\n')}\n`
}

/** GUM's `splits.md`: `## dev` / `## test` headings over `  * GUM_...` lists; the rest is train. */
function readSplits(markdown) {
  const splits = new Map()
  let current = null
  for (const line of markdown.split('\n')) {
    const heading = /^##\s+(\S+)/.exec(line)
    if (heading) current = heading[1]
    const item = /^\s*\*\s+(\S+)/.exec(line)
    if (item && current) splits.set(item[1], current)
  }
  return splits
}

function renderReadme(docs, splits) {
  const row = (doc) =>
    `| [${doc.name}.txt](wikinews/${doc.name}.txt) | ${doc.meta.title.replace(/\|/g, '\\|')} | ${doc.meta.dateCreated} | ${splits.get(doc.name) ?? 'train'} | <${doc.meta.sourceURL}> |`
  const table = (kind) => [
    '| File | Title | Date | Split | Source |',
    '| --- | --- | --- | --- | --- |',
    ...docs.filter((doc) => doc.name.startsWith(`GUM_${kind}_`)).map(row),
  ]
  return [
    '# Sample articles',
    '',
    'Real news articles and interviews from [Wikinews](https://en.wikinews.org/), for trying whosaid out and',
    'for tests. Each file is plain text with a short header',
    '(`Title:`, `Outlet:`, `Date:`, `URL:`, `Author:` and one `Caption:` line per photo caption), a blank line, then',
    'the article body with paragraphs separated by blank lines.',
    '',
    '**License and attribution.** The texts are from Wikinews, licensed',
    '[CC BY 2.5](https://creativecommons.org/licenses/by/2.5/); the authors are the Wikinews contributors of',
    'each article (see the source URL). They were taken from the GUM corpus (Georgetown University Multilayer',
    'corpus) by Amir Zeldes et al., <https://github.com/amir-zeldes/gum>, whose annotations are',
    '[CC BY 4.0](https://creativecommons.org/licenses/by/4.0/): Zeldes, Amir (2017). "The GUM Corpus: Creating',
    'Multilayer Resources in the Classroom". *Language Resources and Evaluation* 51(3), 581–612.',
    '',
    'The files are generated by `node scripts/make-examples.mjs` from the GUM CoNLL-U files: tokens joined',
    'as GUM records their spacing (`SpaceAfter=No`), paragraphs from `# newpar`, the headline paragraph moved to',
    '`Title:`, figure captions moved to `Caption:` lines. In the interviews each speaker turn starts with the',
    'speaker, as GUM marks it (`Wikinews: ...`, `Richman: ...`); these labels are the only text not in GUM\'s tokens.',
    'Spelling and spacing are GUM\'s, including the occasional original typo.',
    '',
    'The split column is the document\'s partition in GUM (`splits.md`): whoever tunes rules on these files should',
    'leave the `test` ones out, so that GUM\'s gold annotations can still measure them fairly.',
    '',
    `## News (${docs.filter((d) => d.name.startsWith('GUM_news_')).length})`,
    '',
    ...table('news'),
    '',
    `## Interviews (${docs.filter((d) => d.name.startsWith('GUM_interview_')).length})`,
    '',
    ...table('interview'),
    '',
  ].join('\n')
}

const names = readdirSync(join(gumDir, 'dep')).filter((file) => DOCS.test(file)).sort()
if (names.length === 0) throw new Error(`no GUM news or interview files in ${join(gumDir, 'dep')}`)
const docs = names.map((file) =>
  readDocument(gunzipSync(readFileSync(join(gumDir, 'dep', file))).toString('utf8'), file.replace(/\.conllu\.gz$/, '')),
)
rmSync(outDir, { recursive: true, force: true })
mkdirSync(outDir, { recursive: true })
for (const doc of docs) writeFileSync(join(outDir, `${doc.name}.txt`), renderArticle(doc))
const splits = readSplits(readFileSync(join(gumDir, 'splits.md'), 'utf8'))
writeFileSync(join(root, 'examples', 'README.md'), renderReadme(docs, splits))
console.log(`wrote ${docs.length} articles to examples/wikinews/ and examples/README.md`)
