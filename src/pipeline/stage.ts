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
  /**
   * Optional: reads the models the stage runs with now instead of on its first run, so that a
   * worker pool can load them once for all its threads (util/shared-models.ts) without analysing.
   */
  load?(): void
}
