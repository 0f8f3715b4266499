import { z } from 'zod'
import { AnalysisSchema } from './schema.js'

/** The JSON Schema (draft 2020-12) of a `whosaid/1` record, generated from the zod schema. */
export function analysisJsonSchema(): Record<string, unknown> {
  return { $id: 'https://whosaid.invalid/schema/whosaid-1.json', title: 'whosaid/1 analysis', ...z.toJSONSchema(AnalysisSchema) }
}
