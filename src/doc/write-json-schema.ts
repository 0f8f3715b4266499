/** `npm run schema`: writes docs/whosaid-1.schema.json from the zod schema. */
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { packageRoot } from '../util/package-root.js'
import { analysisJsonSchema } from './json-schema.js'

const target = join(packageRoot(), 'docs', 'whosaid-1.schema.json')
writeFileSync(target, JSON.stringify(analysisJsonSchema(), null, 2) + '\n')
process.stderr.write(`wrote ${target}\n`)
