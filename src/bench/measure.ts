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
