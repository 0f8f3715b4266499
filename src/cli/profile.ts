/**
 * `--profile accurate|fast` of the commands that analyse: which attribution model they use
 * (stages/attribute-model/model-file.ts PROFILES). The choice travels in WHOSAID_PROFILE, so that
 * the analysis worker threads, which inherit the environment, use the same model.
 */
import { Option, type Command } from 'commander'
import { PROFILES } from '../stages/attribute-model/model-file.js'

export const profileOption = () =>
  new Option('--profile <name>', 'accurate: attribution reads the dependency parse; fast: no parsing, ~1.8x less CPU, a few points of F1 less')
    .choices(PROFILES)
    .default(process.env['WHOSAID_PROFILE'] || 'accurate')

/** Before a command runs, makes its --profile this process's profile. */
export function applyProfileOption(program: Command): void {
  program.hook('preAction', (_program, command) => {
    const profile = command.opts()['profile'] as string | undefined
    if (profile !== undefined) process.env['WHOSAID_PROFILE'] = profile
  })
}
