import assert from 'node:assert/strict'
import { join } from 'node:path'
import { describe, it } from 'node:test'
import { Worker } from 'node:worker_threads'
import { recognizerFor } from '../backbone/ner/index.js'
import { loadModel as loadNerModel } from '../backbone/ner/model.js'
import { loadTagger } from '../backbone/model-io.js'
import { sharedModel } from '../backbone/shared.js'
import { packageRoot } from './package-root.js'
import { enableModelSharing, modelSnapshots, registerModelClasses, SHARE_MIN_BYTES, sharedWeights } from './shared-models.js'

const dir = join(packageRoot(), 'models')
const words = ['Egyptian', 'Foreign', 'Minister', 'Sameh', 'Shoukry', 'told', 'reporters', 'in', 'Cairo', 'on', 'Tuesday', '.']

function runWorker(data: unknown): Promise<Record<string, unknown>> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('./shared-models.test-worker.js', import.meta.url), { workerData: data })
    worker.once('message', (message: Record<string, unknown>) => {
      resolve(message)
      void worker.terminate()
    })
    worker.once('error', reject)
  })
}

describe('shared models', () => {
  it('should load each model once, into shared memory, and let workers use it without reading the file', async () => {
    enableModelSharing()
    let loads = 0
    const nerPath = join(dir, 'ner.bin.gz')
    const taggerPath = join(dir, 'tagger.bin.gz')
    const ner = sharedModel(nerPath, () => (loads++, loadNerModel(nerPath)))
    const tagger = sharedModel(taggerPath, () => (loads++, loadTagger(taggerPath)))
    assert.equal(sharedModel(nerPath, () => (loads++, loadNerModel(nerPath))), ner)
    assert.equal(loads, 2)
    const here = { entities: recognizerFor(ner).recognize(words), tags: tagger.tag(words) }
    assert.ok(here.entities.some((e) => e.type === 'PERSON'), JSON.stringify(here.entities))
    const weights = sharedWeights()
    assert.ok(weights.models >= 2 && weights.bytes > 20e6, JSON.stringify(weights))

    const snapshots = modelSnapshots()
    const [one, two] = await Promise.all([runWorker({ models: snapshots, dir, words }), runWorker({ models: snapshots, dir, words })])
    for (const there of [one, two]) {
      assert.deepEqual(there.entities, here.entities)
      assert.deepEqual(there.tags, here.tags)
      assert.equal(there.nerTableShared, true)
      // The workers' models use the very bytes the main thread loaded: as many shared bytes as here.
      assert.equal((there.weights as { bytes: number }).bytes, weights.bytes)
    }
  })

  it('should copy small arrays and plain data into each thread, and share only large arrays', () => {
    class Holder {
      big = new Float32Array(SHARE_MIN_BYTES / 4)
      scratch = new Int32Array(16)
      meta = { name: 'holder', sizes: [1, 2] }
      byName = new Map([['x', new Float32Array(SHARE_MIN_BYTES)]])
    }
    registerModelClasses({ 'test.Holder': Holder })
    const model = sharedModel('test:holder', () => new Holder())
    assert.ok(model.big.buffer instanceof SharedArrayBuffer)
    assert.ok(model.byName.get('x')!.buffer instanceof SharedArrayBuffer)
    assert.ok(!(model.scratch.buffer instanceof SharedArrayBuffer))
    const snapshot = modelSnapshots().get('test:holder')
    assert.ok(snapshot && typeof snapshot === 'object' && (snapshot as { $class: string }).$class === 'test.Holder')
  })

  it('should refuse a model made of a class it cannot rebuild, naming it', () => {
    class Unregistered {
      weights = new Float32Array(4)
    }
    sharedModel('test:unregistered', () => ({ inner: new Unregistered() }))
    assert.throws(() => modelSnapshots(), /cannot share test:unregistered\.inner: class Unregistered is not registered/)
  })
})
