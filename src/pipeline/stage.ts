import type { Document, LayerName } from '../doc/document.js'

/**
 * A pipeline stage: a named, versioned step that reads the layers it `requires` and writes only the
 * layers it `assigns`. The pipeline checks the chain of requirements when it is built.
 */
export interface Stage {
  readonly name: string
  readonly version: string
  readonly requires: readonly LayerName[]
  readonly assigns: readonly LayerName[]
  run(doc: Document): void
}
