/**
 * Browser end-to-end harness: a whosaid server on a free loopback port over a temporary SQLite store
 * holding the sample corpus, a Chromium (the system one, through playwright-core), pages armed with
 * traps that record any script execution, dialog or CSP violation, and helpers that read the
 * highlighted article back as offset ranges to compare with the API record.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { isAbsolute, join } from 'node:path'
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core'
import { ingestPaths } from '../corpus/ingest.js'
import { serve, type RunningServer } from '../http/serve.js'
import { analyzeInput } from '../pipeline/analyze-input.js'
import { SqliteStore } from '../store/sqlite/sqlite-store.js'
import { packageRoot } from '../util/package-root.js'

/* Callbacks given to page.evaluate run in the page; tsconfig has no DOM library, so they see it loosely. */
declare const document: any, window: any, location: any

export const CHROMIUM_PATH = process.env['WHOSAID_CHROMIUM'] ?? '/usr/bin/chromium'
export const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync']

export interface E2eServer {
  url: string
  store: SqliteStore
  /** Articles the sample corpus put in the store. */
  stored: number
  close(): Promise<void>
}

/** Starts the server over a fresh store with `examples/` ingested (analysed in-process, as the CLI does). */
export async function startServer(): Promise<E2eServer> {
  const dir = mkdtempSync(join(tmpdir(), 'whosaid-e2e-'))
  const store = SqliteStore.open(join(dir, 'e2e.db'))
  let server: RunningServer | null = null
  try {
    const problems: string[] = []
    const counts = await ingestPaths([join(packageRoot(), 'examples')], store, { onProblem: (p) => problems.push(`${p.code} ${p.message} (${p.where})`) })
    // Without a working pipeline every browser check would time out; say why at once instead.
    if (counts.stored === 0) throw new Error(`the sample corpus could not be analysed, so there is nothing to test: ${problems[0] ?? 'no articles found'}`)
    server = await serve({ store, analyze: analyzeInput, host: '127.0.0.1', port: 0 })
    const running = server
    return {
      url: running.url,
      store,
      stored: counts.stored,
      close: async () => {
        await running.close()
        await store.close()
        rmSync(dir, { recursive: true, force: true })
      },
    }
  } catch (error) {
    await server?.close()
    await store.close()
    rmSync(dir, { recursive: true, force: true })
    throw error
  }
}

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS })
}

/** What the traps caught on a page: anything here means content executed or was blocked trying. */
export interface Traps {
  dialogs: string[]
  errors: string[]
  cspViolations(): Promise<string[]>
  pwned(): Promise<unknown>
}

/**
 * A new page whose window has a `__pwned` trap (hostile fixtures try to set it) and a CSP violation
 * log, installed before any page script; dialogs are recorded and dismissed.
 */
export async function armedPage(context: BrowserContext): Promise<{ page: Page; traps: Traps }> {
  const page = await context.newPage()
  const dialogs: string[] = []
  const errors: string[] = []
  page.on('dialog', (dialog) => {
    dialogs.push(`${dialog.type()}: ${dialog.message()}`)
    void dialog.dismiss().catch(() => undefined)
  })
  page.on('pageerror', (error) => errors.push(error.message))
  await page.addInitScript(() => {
    const w = window as unknown as { __pwnedLog: unknown[]; __csp: string[] }
    w.__pwnedLog = []
    w.__csp = []
    Object.defineProperty(window, '__pwned', {
      configurable: false,
      get: () => (w.__pwnedLog.length ? w.__pwnedLog[w.__pwnedLog.length - 1] : undefined),
      set: (value: unknown) => void w.__pwnedLog.push(value),
    })
    document.addEventListener('securitypolicyviolation', (event: any) => w.__csp.push(`${event.violatedDirective}: ${event.blockedURI}`))
  })
  return {
    page,
    traps: {
      dialogs,
      errors,
      cspViolations: () => page.evaluate(() => (window as unknown as { __csp: string[] }).__csp.slice()),
      pwned: () => page.evaluate(() => (window as unknown as { __pwned: unknown }).__pwned),
    },
  }
}

/** Opens a route of the page and waits for its heading (every view renders one h1). */
export async function open(page: Page, base: string, hash: string): Promise<void> {
  const url = `${base}/${hash}`
  if (page.url().startsWith(base)) await page.evaluate((target) => (location.hash = target), hash)
  else await page.goto(url)
  await rendered(page)
}

/** Waits until the page has rendered the route in its address bar (after a click or a hash change). */
export async function rendered(page: Page): Promise<void> {
  await page.waitForFunction(() => {
    const main = document.getElementById('main')
    return !!main && !main.hasAttribute('aria-busy') && main.getAttribute('data-route') === location.hash
  })
}

/** A highlighted piece of the article text: its offsets and classes. */
export interface Piece {
  start: number
  end: number
  classes: string[]
}

/** The highlighted pieces of `.article-text`, with offsets counted over its text as the API counts them. */
export function readPieces(page: Page): Promise<{ text: string; pieces: Piece[] }> {
  return page.evaluate(() => {
    const root = document.querySelector('.article-text')!
    const pieces: Array<{ start: number; end: number; classes: string[] }> = []
    let at = 0
    for (const node of Array.from(root.childNodes) as any[]) {
      const length = node.textContent?.length ?? 0
      if (node.nodeType === 1) pieces.push({ start: at, end: at + length, classes: Array.from(node.classList) })
      at += length
    }
    return { text: root.textContent ?? '', pieces }
  })
}

/** Character offsets covered by pieces with `cls`. */
export function covered(pieces: readonly Piece[], cls: string): Set<number> {
  const set = new Set<number>()
  for (const piece of pieces) if (piece.classes.includes(cls)) for (let i = piece.start; i < piece.end; i++) set.add(i)
  return set
}

/** Where screenshots go: docs/screenshots, another folder named by WHOSAID_SCREENSHOTS, or nowhere with `off`. */
export function screenshotDir(): string | null {
  const setting = process.env['WHOSAID_SCREENSHOTS']
  if (setting === 'off') return null
  const dir = setting ? (isAbsolute(setting) ? setting : join(process.cwd(), setting)) : join(packageRoot(), 'docs', 'screenshots')
  mkdirSync(dir, { recursive: true })
  return dir
}

export async function screenshot(page: Page, name: string, options: { fullPage?: boolean } = {}): Promise<void> {
  const dir = screenshotDir()
  if (!dir) return
  // No caret or animation caught halfway (the page's CSP forbids injecting a style to do it).
  await page.screenshot({ path: join(dir, `${name}.png`), fullPage: options.fullPage ?? false, animations: 'disabled', caret: 'hide' })
}

/** True when the page scrolls sideways: something overflowed the layout. */
export function overflowsSideways(page: Page): Promise<boolean> {
  return page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth + 1)
}
