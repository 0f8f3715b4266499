// Adding articles from the browser: paste one article (text or an HTML page), or upload files
// (text, HTML, JSON, JSONL). A JSONL corpus is sent in chunks of lines and its per-line results are
// read as they stream back, so a big file shows its progress and its bad lines by number.
import { ApiError, forgetFacets, ndjson, postJson, postRaw } from './api.js'
import { articleHref, el, plural } from './dom.js'

/** One request carries at most this many lines and (unless one line is bigger) this many bytes. */
const CHUNK_LINES = 200
const CHUNK_BYTES = 1024 * 1024
/** Problems listed on the page; the count says how many more there were. */
const MAX_PROBLEMS = 200
const MAX_STORED_SHOWN = 25

const EXTENSION_KINDS = { txt: 'text', text: 'text', md: 'text', html: 'html', htm: 'html', jsonl: 'jsonl', ndjson: 'jsonl', json: 'json' }
const KIND_LABELS = { text: 'text page', html: 'HTML page', jsonl: 'JSONL corpus', json: 'JSON records' }

/** What a file holds: by extension, else by its first characters. */
async function kindOf(file) {
  const extension = /\.([a-z0-9]+)$/i.exec(file.name)?.[1]?.toLowerCase()
  if (extension && EXTENSION_KINDS[extension]) return EXTENSION_KINDS[extension]
  const start = (await file.slice(0, 2048).text()).replace(/^\uFEFF/, '').trimStart()
  if (start.startsWith('<')) return 'html'
  if (start.startsWith('{')) return 'jsonl'
  if (start.startsWith('[')) return 'json'
  return 'text'
}

/** Byte ranges of at most CHUNK_LINES lines / CHUNK_BYTES bytes, cut after a newline, with their first line number. */
export function* chunksOf(bytes, maxLines = CHUNK_LINES, maxBytes = CHUNK_BYTES) {
  let start = 0
  let line = 1
  while (start < bytes.length) {
    let end = start
    let lines = 0
    while (end < bytes.length && lines < maxLines) {
      const newline = bytes.indexOf(10, end)
      const next = newline < 0 ? bytes.length : newline + 1
      if (lines > 0 && next - start > maxBytes) break
      end = next
      lines++
    }
    yield { body: bytes.subarray(start, end), firstLine: line, lines }
    line += lines
    start = end
  }
}

function countLines(bytes) {
  let lines = 0
  for (let i = 0; i < bytes.length; i++) if (bytes[i] === 10) lines++
  return bytes.length > 0 && bytes[bytes.length - 1] !== 10 ? lines + 1 : lines
}

const describeError = (error) => (error instanceof ApiError ? `${error.code}: ${error.message}` : error?.message ?? String(error))

function resultCard(result, label) {
  return el(
    'div',
    { class: `notice ${result.inserted ? 'success' : ''}`.trim() },
    el('strong', {}, result.inserted ? `${label} and stored. ` : 'Already stored. '),
    el('a', { href: articleHref(result.id), dir: 'auto' }, result.headline || `Article ${result.id}`),
    el('span', { class: 'meta' }, ` — ${plural(result.statements, 'statement')}, ${plural(result.entities, 'entity', 'entities')}`),
  )
}

function pasteSection() {
  const text = el('textarea', { id: 'paste-text', name: 'text', rows: 12, required: true, spellcheck: 'false', dir: 'auto', 'aria-describedby': 'paste-help' })
  const format = (value, label, checked) =>
    el('label', { class: 'choice' }, el('input', { type: 'radio', name: 'format', value, checked }), ` ${label}`)
  const meta = (id, label, type = 'text') => el('div', { class: 'field' }, el('label', { for: `paste-${id}` }, label), el('input', { id: `paste-${id}`, name: id, type, autocomplete: 'off' }))
  const status = el('div', { class: 'status', role: 'status', 'aria-live': 'polite' })
  const submit = el('button', { type: 'submit' }, 'Analyse and store')
  const anyLanguage = el('input', { type: 'checkbox', id: 'paste-any-language', name: 'anyLanguage' })
  const form = el(
    'form',
    { class: 'ingest-form', 'aria-labelledby': 'paste-title' },
    el('div', { class: 'field' }, el('label', { for: 'paste-text' }, 'Article text, or a whole HTML page'), text, el('p', { class: 'help', id: 'paste-help' }, 'Paste the article as scraped; a site-name header, the headline, captions and "Last Modified" trailers are recognised and moved aside.')),
    el('fieldset', { class: 'choices' }, el('legend', {}, 'Format'), format('auto', 'Detect', true), format('text', 'Plain text'), format('html', 'HTML page')),
    el('details', { class: 'meta-fields' }, el('summary', {}, 'Headline, outlet, URL, date (optional)'), el('div', { class: 'field-grid' }, meta('headline', 'Headline'), meta('outlet', 'Outlet'), meta('url', 'URL', 'url'), meta('published', 'Published', 'date'))),
    el('label', { class: 'choice check', for: 'paste-any-language' }, anyLanguage, ' Analyse even if it is not detected as English'),
    el('div', { class: 'actions' }, submit),
    status,
  )
  form.addEventListener('submit', async (event) => {
    event.preventDefault()
    const value = text.value
    if (!value.trim()) {
      text.setAttribute('aria-invalid', 'true')
      status.replaceChildren(el('p', { class: 'notice error', role: 'alert' }, 'Paste the text of an article first.'))
      text.focus()
      return
    }
    text.removeAttribute('aria-invalid')
    const chosen = form.querySelector('input[name="format"]:checked')?.value ?? 'auto'
    const isHtml = chosen === 'html' || (chosen === 'auto' && /^\s*</.test(value))
    const body = { [isHtml ? 'html' : 'text']: value }
    for (const key of ['headline', 'outlet', 'url', 'published']) {
      const field = form.querySelector(`[name="${key}"]`)
      if (field?.value.trim()) body[key] = field.value.trim()
    }
    if (anyLanguage.checked) body.languageCheck = false
    submit.disabled = true
    form.setAttribute('aria-busy', 'true')
    status.replaceChildren(el('p', { class: 'meta' }, 'Analysing…'))
    try {
      const result = await postJson('/ingest', body)
      forgetFacets()
      status.replaceChildren(resultCard(result, 'Analysed'))
    } catch (error) {
      const where = error instanceof ApiError && error.where ? ` (${error.where})` : ''
      const retry =
        error instanceof ApiError && error.code === 'E009'
          ? el('button', { type: 'button', class: 'secondary small', on: { click: () => { anyLanguage.checked = true; form.requestSubmit() } } }, 'Analyse anyway')
          : null
      status.replaceChildren(el('div', { class: 'notice error', role: 'alert' }, `${describeError(error)}${where} `, retry))
    } finally {
      submit.disabled = false
      form.removeAttribute('aria-busy')
    }
  })
  return el('section', { class: 'card', 'aria-labelledby': 'paste-title' }, el('h2', { id: 'paste-title' }, 'Paste an article'), form)
}

function uploadSection() {
  const input = el('input', { id: 'upload-files', type: 'file', multiple: true, accept: '.txt,.text,.md,.html,.htm,.jsonl,.ndjson,.json,text/plain,text/html,application/json', class: 'file-input' })
  const drop = el('label', { class: 'dropzone', for: 'upload-files' }, el('strong', {}, 'Choose files'), ' or drop them here', el('span', { class: 'help' }, 'Text or HTML article pages, JSONL corpora (one article record a line: text, title, date, url…), JSON records'))
  const chosen = el('ul', { class: 'file-list' })
  const start = el('button', { type: 'button', disabled: true }, 'Upload and analyse')
  const anyLanguage = el('input', { type: 'checkbox', id: 'upload-any-language' })
  const cancel = el('button', { type: 'button', class: 'secondary', hidden: true }, 'Cancel')
  const progress = el('progress', { max: '1000', value: '0', id: 'upload-progress', 'aria-label': 'Upload progress', hidden: true })
  const counts = el('p', { class: 'counts', role: 'status', 'aria-live': 'polite' })
  const problemsTitle = el('h3', { hidden: true }, 'Problems')
  const problems = el('ol', { class: 'problems' })
  const storedTitle = el('h3', { hidden: true }, 'Stored')
  const stored = el('ul', { class: 'stored' })
  let files = []
  let controller = null

  const choose = async (list) => {
    files = await Promise.all([...list].map(async (file) => ({ file, kind: await kindOf(file) })))
    chosen.replaceChildren(...files.map(({ file, kind }) => el('li', {}, el('span', { class: 'file-name', dir: 'auto' }, file.name), el('span', { class: 'meta' }, ` ${KIND_LABELS[kind]}, ${(file.size / 1024).toFixed(file.size < 10240 ? 1 : 0)} KB`))))
    start.disabled = files.length === 0
  }
  input.addEventListener('change', () => choose(input.files ?? []))
  for (const type of ['dragenter', 'dragover']) {
    drop.addEventListener(type, (event) => {
      event.preventDefault()
      drop.classList.add('dragging')
    })
  }
  for (const type of ['dragleave', 'drop']) drop.addEventListener(type, () => drop.classList.remove('dragging'))
  drop.addEventListener('drop', (event) => {
    event.preventDefault()
    if (event.dataTransfer?.files?.length) choose(event.dataTransfer.files)
  })

  const tally = { stored: 0, existing: 0, skipped: 0, failed: 0, problems: 0 }
  const addProblem = (where, text) => {
    tally.failed++
    tally.problems++
    problemsTitle.hidden = false
    if (tally.problems <= MAX_PROBLEMS) problems.append(el('li', {}, el('code', { dir: 'ltr' }, where), ' ', el('span', { dir: 'auto' }, text)))
    else if (tally.problems === MAX_PROBLEMS + 1) problems.append(el('li', { class: 'meta' }, 'More problems were left out of this list.'))
  }
  const addStored = (result) => {
    if (result.inserted) tally.stored++
    else tally.existing++
    storedTitle.hidden = false
    if (stored.children.length < MAX_STORED_SHOWN) {
      stored.append(el('li', {}, el('a', { href: articleHref(result.id), dir: 'auto' }, result.headline || `Article ${result.id}`), el('span', { class: 'meta' }, ` ${result.inserted ? 'new' : 'already stored'} · ${plural(result.statements, 'statement')}`)))
    }
  }
  const showCounts = (prefix) => {
    counts.textContent = `${prefix}${plural(tally.stored, 'article')} stored · ${tally.existing + tally.skipped} already stored · ${tally.failed} failed`
  }

  /** Sends one JSONL file (as bytes) in chunks; `onLine(n)` hears the last line number done. */
  async function sendJsonl(name, bytes, onLine, signal) {
    for (const chunk of chunksOf(bytes)) {
      const query = new URLSearchParams({ name, line: String(chunk.firstLine), ...(anyLanguage.checked ? { languageCheck: 'false' } : {}) })
      const response = await postRaw(`/ingest?${query}`, chunk.body, 'application/x-ndjson', signal)
      for await (const result of ndjson(response)) {
        if (result.done) continue
        if (result.status === 'stored' || result.status === 'exists') addStored(result)
        else if (result.status === 'skipped') tally.skipped++
        else if (result.status === 'failed') addProblem(result.error?.where ?? name, `${result.error?.code}: ${result.error?.message}`)
        if (Number.isInteger(result.line)) onLine(result.line)
      }
      onLine(chunk.firstLine + chunk.lines - 1)
    }
  }

  start.addEventListener('click', async () => {
    if (files.length === 0) return
    Object.assign(tally, { stored: 0, existing: 0, skipped: 0, failed: 0, problems: 0 })
    problems.replaceChildren()
    stored.replaceChildren()
    problemsTitle.hidden = storedTitle.hidden = true
    controller = new AbortController()
    const { signal } = controller
    start.disabled = true
    input.disabled = true
    cancel.hidden = false
    progress.hidden = false
    progress.value = 0
    const totalBytes = files.reduce((sum, { file }) => sum + Math.max(1, file.size), 0)
    let doneBytes = 0
    const setProgress = (fraction, label) => {
      progress.value = Math.round(((doneBytes + fraction) / totalBytes) * 1000)
      progress.setAttribute('aria-valuetext', label)
      showCounts(`${label} — `)
    }
    try {
      for (const [index, { file, kind }] of files.entries()) {
        const size = Math.max(1, file.size)
        const where = `File ${index + 1} of ${files.length}, ${file.name}`
        setProgress(0, where)
        try {
          if (kind === 'text' || kind === 'html') {
            const query = new URLSearchParams({ name: file.name, ...(anyLanguage.checked ? { languageCheck: 'false' } : {}) })
            const response = await postRaw(`/ingest?${query}`, file, kind === 'html' ? 'text/html' : 'text/plain', signal)
            addStored(await response.json())
          } else {
            let bytes
            if (kind === 'json') {
              let records
              try {
                records = JSON.parse(await file.text())
              } catch (error) {
                throw new ApiError(400, { code: 'E005', message: `the file is not valid JSON: ${error.message}`, where: file.name })
              }
              bytes = new TextEncoder().encode((Array.isArray(records) ? records : [records]).map((r) => JSON.stringify(r)).join('\n'))
            } else bytes = new Uint8Array(await file.arrayBuffer())
            const lines = Math.max(1, countLines(bytes))
            await sendJsonl(file.name, bytes, (line) => setProgress((Math.min(line, lines) / lines) * size, `${where}: line ${line.toLocaleString('en')} of ${lines.toLocaleString('en')}`), signal)
          }
        } catch (error) {
          if (signal.aborted) throw error
          addProblem(error instanceof ApiError && error.where && error.where !== 'body' ? error.where : file.name, describeError(error))
        }
        doneBytes += size
        setProgress(0, where)
      }
      progress.value = 1000
      showCounts('Done: ')
    } catch (error) {
      if (!signal.aborted) addProblem('upload', describeError(error))
      showCounts(signal.aborted ? 'Cancelled: ' : 'Stopped: ')
    } finally {
      forgetFacets()
      controller = null
      start.disabled = files.length === 0
      input.disabled = false
      cancel.hidden = true
    }
  })
  cancel.addEventListener('click', () => controller?.abort())

  return el(
    'section',
    { class: 'card', 'aria-labelledby': 'upload-title' },
    el('h2', { id: 'upload-title' }, 'Upload files'),
    input,
    drop,
    chosen,
    el('label', { class: 'choice check', for: 'upload-any-language' }, anyLanguage, ' Analyse articles even if not detected as English'),
    el('div', { class: 'actions' }, start, cancel),
    progress,
    counts,
    problemsTitle,
    problems,
    storedTitle,
    stored,
  )
}

export async function showIngest() {
  return {
    title: 'Add articles',
    nodes: [
      el('h1', { tabindex: '-1' }, 'Add articles'),
      el('p', { class: 'lede' }, 'Articles are analysed on the server and stored; an article already stored (same text and metadata) is recognised and not stored twice.'),
      el('div', { class: 'ingest-layout' }, pasteSection(), uploadSection()),
    ],
  }
}
