import assert from 'node:assert/strict'
import { join } from 'node:path'
import { describe, it } from 'node:test'
import { Worker } from 'node:worker_threads'
import { recognizerFor } from '../backbone/ner/index.js'
import { loadModel as loadNerModel } from '../backbone/ner/model.js'
import { loadTagger } from '../backbone/model-io.js'
import { sharedModel } from '../backbone/shared.js'
import { loadAttributionModel } from '../stages/attribute-model/model-file.js'
import { packageRoot } from './package-root.js'
import { enableModelSharing, modelSnapshots, registerModelClasses, registerWeightClasses, SHARE_MIN_BYTES, sharedWeights } from './shared-models.js'

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
    // NER and tagger weights: about 18 MB since the tagger keeps its mostly-sparse rows sparse in memory (2.5 MB).
    assert.ok(weights.models >= 2 && weights.bytes > 15e6, JSON.stringify(weights))

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

  it('should share every large array of the shipped weight tables, whatever their layout', () => {
    enableModelSharing()
    const { model: attribution } = sharedModel('test:attribution', () => ({ model: loadAttributionModel(join(dir, 'attribution.bin.gz')) }))
    const tagger = sharedModel(join(dir, 'tagger.bin.gz'), () => loadTagger(join(dir, 'tagger.bin.gz')))
    // the attribution table (14 classes: tag slots) and the tagger's (mixed sparse / dense rows)
    for (const table of [attribution!.tagger.table, tagger.table]) {
      const large = Object.entries(table).filter(([, value]) => ArrayBuffer.isView(value) && value.byteLength >= SHARE_MIN_BYTES)
      assert.ok(large.length > 0)
      for (const [field, array] of large) assert.ok((array as ArrayBufferView).buffer instanceof SharedArrayBuffer, `${field} is not shared`)
    }
  })

  it('should share only the large weight arrays of weight classes, keeping views of one buffer together', () => {
    class Table {
      weights = new Float32Array(SHARE_MIN_BYTES / 4)
      small = new Int32Array(16)
      scratch = new Float32Array(SHARE_MIN_BYTES)
      keys: Int32Array
      values: Float32Array
      constructor() {
        const both = new ArrayBuffer(SHARE_MIN_BYTES * 2)
        this.keys = new Int32Array(both)
        this.values = new Float32Array(both)
      }
    }
    class Model {
      table = new Table()
      memo = new Int32Array(SHARE_MIN_BYTES)
      meta = { name: 'model', sizes: [1, 2] }
    }
    registerWeightClasses({ 'test.Table': { type: Table, fields: ['weights', 'small', 'keys', 'values'] } })
    registerModelClasses({ 'test.Model': Model })
    const model = sharedModel('test:model', () => new Model())
    const isShared = (array: ArrayBufferView) => array.buffer instanceof SharedArrayBuffer
    assert.ok(isShared(model.table.weights))
    assert.ok(!isShared(model.table.small), 'too small to share')
    assert.ok(!isShared(model.table.scratch), 'not a weight field')
    assert.ok(!isShared(model.memo), 'not a weight class')
    assert.ok(isShared(model.table.keys) && model.table.keys.buffer === model.table.values.buffer)
    const snapshot = modelSnapshots().get('test:model')
    assert.ok(snapshot && typeof snapshot === 'object' && (snapshot as { $class: string }).$class === 'test.Model')
  })

  it('should refuse a model made of a class it cannot rebuild, naming it', () => {
    class Unregistered {
      weights = new Float32Array(4)
    }
    sharedModel('test:unregistered', () => ({ inner: new Unregistered() }))
    assert.throws(() => modelSnapshots(), /cannot share test:unregistered\.inner: class Unregistered is not registered/)
  })
})
