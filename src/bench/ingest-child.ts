/**
 * The `whosaid` command line run by the ingest benchmark (ingest.ts), reporting its own resource use
 * when done: worker threads live in this process, so its peak RSS and CPU time are those of the
 * whole ingest, workers included. Prints one JSON line on file descriptor 3.
 */
import { writeSync } from 'node:fs'
import { main } from '../cli/main.js'

const started = process.hrtime.bigint()
const code = await main(process.argv.slice(2))
const usage = process.resourceUsage()
const report = {
  code,
  seconds: Number(process.hrtime.bigint() - started) / 1e9,
  peakRssMb: Math.round(usage.maxRSS / 1024),
  cpuSeconds: (usage.userCPUTime + usage.systemCPUTime) / 1e6,
}
try {
  writeSync(3, JSON.stringify(report) + '\n')
} catch {
  // Run by hand, without the benchmark's pipe on descriptor 3: the report goes to stderr.
  process.stderr.write(JSON.stringify(report) + '\n')
}
process.exitCode = code
