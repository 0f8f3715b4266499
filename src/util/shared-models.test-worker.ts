/**
 * Worker thread of shared-models.test.ts: rebuilds the NER model and the backbone's tagger from the
 * main thread's snapshots (loading from a file here is an error) and reports what it recognises and
 * tags, and whether the weights it uses live in shared memory.
 */
import { join } from 'node:path'
import { parentPort, workerData } from 'node:worker_threads'
import { sharedModel } from '../backbone/shared.js'
import { recognizerFor } from '../backbone/ner/index.js'
import type { NerModel } from '../backbone/ner/model.js'
import type { Tagger } from '../backbone/tagger/model.js'
import { receiveModelSnapshots, sharedWeights, type ModelSnapshots } from './shared-models.js'

const { models, dir, words } = workerData as { models: ModelSnapshots; dir: string; words: string[] }
receiveModelSnapshots(models)
const refuse = (): never => {
  throw new Error('the worker loaded a model from its file')
}
const ner = sharedModel<NerModel>(join(dir, 'ner.bin.gz'), refuse)
const tagger = sharedModel<Tagger>(join(dir, 'tagger.bin.gz'), refuse)
// Twice, so that scratch buffers grow and are reused, as in a long run.
recognizerFor(ner).recognize([...words, ...words, ...words])
parentPort!.postMessage({
  entities: recognizerFor(ner).recognize(words),
  tags: tagger.tag(words),
  weights: sharedWeights(),
  nerTableShared: ner.table instanceof Object && Object.values(ner.table).some((v) => ArrayBuffer.isView(v) && v.buffer instanceof SharedArrayBuffer),
})
