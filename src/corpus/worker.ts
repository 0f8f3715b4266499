/**
 * An analysis worker thread of the parallel ingest (pool.ts): its own copy of the parsers and the
 * pipeline, the model weights shared with the other workers, answering the main thread's `parse` /
 * `analyze` / `release` messages in order.
 */
import { parentPort, workerData } from 'node:worker_threads'
import { receiveModelSnapshots } from '../util/shared-models.js'
import type { ToWorker, FromWorker, WorkerSetup } from './pool.js'
import { BatchWork } from './work.js'

if (!parentPort) throw new Error('worker.js runs as a worker thread of the corpus ingest')
const port = parentPort
const setup = (workerData ?? {}) as Partial<WorkerSetup>
// Before any analysis: the models are then rebuilt around the main thread's shared memory.
receiveModelSnapshots(setup.models)
const work = new BatchWork(setup.analyze ?? {})

port.on('message', (message: ToWorker) => {
  let reply: FromWorker | null = null
  switch (message.type) {
    case 'parse':
      reply = { type: 'parsed', batch: message.batch, groups: work.parse(message.batch, message.units) }
      break
    case 'analyze':
      reply = { type: 'analyzed', batch: message.batch, results: work.analyze(message.batch, message.keep) }
      break
    case 'release':
      work.release(message.batch)
      break
  }
  if (reply) port.postMessage(reply)
})
port.postMessage({ type: 'ready' } satisfies FromWorker)
