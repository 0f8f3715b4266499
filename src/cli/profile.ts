/**
 * `--profile accurate|fast` of the commands that analyse: which attribution model they use
 * (stages/attribute-model/model-file.ts PROFILES). The choice travels in WHOSAID_PROFILE, so that
 * the analysis worker threads, which inherit the environment, use the same model.
 */
import { Option, type Command } from 'commander'
import { WhosaidError } from '../errors.js'
import { PROFILES } from '../stages/attribute-model/model-file.js'

export const profileOption = () =>
  new Option('--profile <name>', 'accurate: attribution reads the dependency parse; fast: no parsing, about half the CPU, 1-3 points of F1 less')
    .choices(PROFILES)
    .default(process.env['WHOSAID_PROFILE'] || 'accurate')

/**
 * Before a command runs, makes its --profile this process's profile. Commander checks the choices
 * given on the command line, not a default taken from WHOSAID_PROFILE, so that one is checked here.
 */
export function applyProfileOption(program: Command): void {
  program.hook('preAction', (_program, command) => {
    const profile = command.opts()['profile'] as string | undefined
    if (profile === undefined) return
    if (!(PROFILES as readonly string[]).includes(profile)) {
      throw new WhosaidError('E010', `the profile "${profile}" (from WHOSAID_PROFILE) is none of ${PROFILES.join(', ')}`, 'WHOSAID_PROFILE')
    }
    process.env['WHOSAID_PROFILE'] = profile
  })
}
