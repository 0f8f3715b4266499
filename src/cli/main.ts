/**
 * `whosaid` command line: argument parsing only; every command calls a library function.
 * Exit codes: 0 success, 1 failure, 2 bad usage, 3 partial success (some inputs failed).
 */
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander'
import { WhosaidError } from '../errors.js'
import { FORMATS, type OutputFormat } from './format.js'
import { runAnalyze, runDemo, runIngest, runSearch, runServe, type ServeCommandOptions } from './commands.js'
import { addQueueCommands, attemptsOption, backoffOption, ingestQueueOption, prefixOption, queueNameOption, runEnqueue, type EnqueueCliOptions } from '../queue/cli.js'
import { defaultWorkers, MAX_WORKERS } from '../corpus/ingest.js'
import { checkClaim } from '../stages/stance/index.js'
import { applyProfileOption, profileOption } from './profile.js'

const DEFAULT_STORE = 'whosaid.db'

function integer(name: string, min: number, max: number) {
  return (value: string): number => {
    const parsed = Number(value)
    if (!Number.isInteger(parsed) || parsed < min || parsed > max) throw new InvalidArgumentError(`${name} must be an integer from ${min} to ${max}`)
    return parsed
  }
}

function isoDate(value: string): string {
  if (!/^\d{4}-\d{2}-\d{2}/.test(value) || Number.isNaN(Date.parse(value))) throw new InvalidArgumentError('expected an ISO date such as 2019-05-14')
  return value
}

/** `--claim TEXT`: a proposition of at most MAX_CLAIM_LENGTH characters; the same check as the API's. */
function claimText(value: string): string {
  try {
    return checkClaim(value, '--claim')
  } catch (error) {
    if (error instanceof WhosaidError) throw new InvalidArgumentError(error.message.replace(/^invalid argument: /, ''))
    throw error
  }
}

/** `--cors ORIGIN`, repeatable: `https://newsroom.example` (scheme, host, optional port) or `*`. */
function corsOrigin(value: string, previous: string[] = []): string[] {
  const origin = value.trim().replace(/\/$/, '')
  if (origin !== '*' && !/^https?:\/\/[^/\s?#]+$/i.test(origin)) throw new InvalidArgumentError('expected an origin such as https://newsroom.example (or *)')
  return [...previous, origin]
}

const corsOption = () => new Option('--cors <origin>', 'let web pages from this origin call the API (repeatable; CORS is off by default)').argParser(corsOrigin)
const rateLimitOption = () =>
  new Option('--rate-limit <n>', 'API requests a minute per client address, in bursts of n/4 (0 = no limit)').argParser(integer('--rate-limit', 0, 1_000_000)).default(1200)

function buildProgram(setExitCode: (code: number) => void): Command {
  const program = new Command('whosaid')
    .description('Who said what, about whom: sourced statements, speakers and entities from news articles.')
    .version('0.1.0')
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride()
    .configureOutput({ writeErr: (text) => process.stderr.write(text) })

  const storeOption = () => new Option('--store <url>', 'store: sqlite:FILE, a FILE ending .db, or postgres://…').default(process.env['WHOSAID_STORE'] ?? DEFAULT_STORE)
  const portOption = () => new Option('--port <n>', 'port to listen on (0 = any free port)').argParser(integer('--port', 0, 65535)).default(Number(process.env['PORT'] ?? 8080))

  program
    .command('analyze')
    .description('analyse one article file (text, HTML or JSONL; - for standard input) and print the result')
    .argument('<file>', 'article file, or - for standard input')
    .addOption(new Option('-f, --format <format>', 'output format').choices(FORMATS).default('json'))
    .option('--no-language-check', 'analyse even when the text is not detected as English')
    .option('--max-bytes <n>', 'largest accepted article in bytes', integer('--max-bytes', 1, 2 ** 31))
    .option('--claim <text>', 'weigh every statement against this claim instead of the headline (stance per statement and source)', claimText)
    .addOption(profileOption())
    .action(async (file: string, options: { format: OutputFormat; languageCheck: boolean; maxBytes?: number; claim?: string }) => {
      setExitCode(await runAnalyze(file, options))
    })

  program
    .command('ingest')
    .description('analyse files, folders, JSONL corpora (.jsonl, .jsonl.gz) and WARC archives (.warc, .warc.gz) into the store; already stored articles are skipped')
    .argument('<paths...>', 'files or folders (- for standard input)')
    .addOption(storeOption())
    .option('--no-language-check', 'analyse even when a text is not detected as English')
    .option('--max-bytes <n>', 'largest accepted article in bytes', integer('--max-bytes', 1, 2 ** 31))
    .option('--no-progress', 'no progress bar, even on a terminal')
    .addOption(profileOption())
    .addOption(new Option('--workers <n>', 'analysis threads (1 = analyse on the main thread)').argParser(integer('--workers', 1, MAX_WORKERS)).default(defaultWorkers(), 'one per core, at most 8 and one per GB of memory'))
    .addOption(ingestQueueOption())
    .addOption(queueNameOption())
    .addOption(prefixOption())
    .addOption(attemptsOption())
    .addOption(backoffOption())
    .action(async (paths: string[], options: { store: string; languageCheck: boolean; maxBytes?: number; progress: boolean; workers: number } & Omit<EnqueueCliOptions, 'queue'> & { queue?: string }) => {
      // With --queue: enqueue for `whosaid worker` processes instead of analysing here.
      if (options.queue) return setExitCode(await runEnqueue(paths, { ...options, queue: options.queue }))
      setExitCode(await runIngest(paths, { ...options, progress: options.progress === false ? false : undefined }))
    })

  program
    .command('search')
    .description('full-text search over stored statements')
    .argument('<query>', 'words or "a phrase" (empty string: every statement)')
    .addOption(storeOption())
    .option('--speaker <name>', 'only statements by this speaker (name or alias)')
    .option('--entity <name>', 'only statements from articles that mention this entity')
    .option('--since <date>', 'only articles published on or after this ISO date', isoDate)
    .option('--limit <n>', 'results per page', integer('--limit', 1, 200), 20)
    .option('--offset <n>', 'results to skip', integer('--offset', 0, 1e9), 0)
    .option('--json', 'print JSON')
    .action(async (query: string, options: { store: string; speaker?: string; entity?: string; since?: string; limit: number; offset: number; json?: boolean }) => {
      setExitCode(await runSearch(query, { ...options, json: options.json === true }))
    })

  program
    .command('serve')
    .description('serve the HTTP API and the web UI')
    .addOption(storeOption())
    .option('--host <host>', 'address to bind (anything but loopback requires --token)', '127.0.0.1')
    .addOption(portOption())
    .addOption(new Option('--token <token>', 'require this bearer token on every request').env('WHOSAID_TOKEN'))
    .addOption(profileOption())
    .addOption(corsOption())
    .addOption(rateLimitOption())
    .action(async (options: ServeCommandOptions) => {
      setExitCode(await runServe(options))
    })

  program
    .command('demo')
    .description('analyse the bundled sample articles into the store, then serve them (npm start)')
    .addOption(storeOption())
    .option('--host <host>', 'address to bind', '127.0.0.1')
    .addOption(portOption())
    .addOption(corsOption())
    .addOption(rateLimitOption())
    .addOption(profileOption())
    .action(async (options: ServeCommandOptions) => {
      setExitCode(await runDemo(options))
    })

  addQueueCommands(program, setExitCode, storeOption)
  applyProfileOption(program)

  return program
}

export async function main(argv: string[]): Promise<number> {
  let exitCode = 0
  const program = buildProgram((code) => (exitCode = code))
  try {
    await program.parseAsync(argv, { from: 'user' })
    return exitCode
  } catch (error) {
    if (error instanceof CommanderError) {
      // Help and version exit 0; every usage error exits 2 (commander already printed the line).
      return error.exitCode === 0 ? 0 : 2
    }
    if (error instanceof WhosaidError) {
      process.stderr.write(`whosaid: ${error.toLine()}\n`)
      return error.code === 'E010' ? 2 : 1
    }
    process.stderr.write(`whosaid: unexpected failure: ${(error as Error).stack ?? String(error)}\n`)
    return 1
  }
}
