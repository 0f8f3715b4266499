/**
 * Read-only model weights shared between the worker threads of one process, so that N analysis
 * workers hold one copy of the weights instead of N.
 *
 * - `sharedModel(key, load)` is how a loader gets its model: once per thread, from the cache.
 * - On the main thread, once `enableModelSharing()` has been called (the worker pool does, before
 *   its first worker starts), a model is moved into shared memory as it is loaded, before anything
 *   uses it: the weight arrays of its weight objects (the fields named for their class with
 *   `registerWeightClasses`, which nothing writes to after loading: the tables of a weight table,
 *   a lookup map), of at least SHARE_MIN_BYTES, are copied into SharedArrayBuffers (views of one
 *   buffer stay views of one buffer) and the objects point to the copies (the originals are garbage).
 * - `modelSnapshots()` describes the loaded models (class instances by registered name, plain data,
 *   typed arrays), for `workerData`; structured cloning copies the plain data and every other array
 *   into the worker and shares the SharedArrayBuffers. A worker calls `receiveModelSnapshots()`
 *   first, and its `sharedModel` then rebuilds each model around the shared memory instead of
 *   reading and decoding the file.
 *
 * Every other array (a model's or a weight table's scratch buffers and memo tables, whatever their
 * size) is copied into each thread, so no thread ever writes to shared memory; a weight field that
 * is renamed without its registration being updated is copied too (safe, and
 * shared-models.test.ts notices the lost sharing). A model loaded on the main
 * thread before sharing was enabled is handed over as copies (safe, not shared). Every class a
 * model is made of must be registered (`registerModelClasses`, or `registerWeightClasses` for the
 * read-only ones) so that a worker can give the rebuilt objects their prototypes; a model with an
 * unregistered class, a function or another unsupported value is refused with an error naming it,
 * never half-shared.
 */

/** Smaller typed arrays are copied into each worker: sharing them saves nothing worth a page. */
export const SHARE_MIN_BYTES = 64 * 1024

type Constructor = abstract new (...args: never[]) => object

const classes = new Map<string, Constructor>()
const classNames = new Map<Constructor, string>()
/** Per weight class, the fields whose arrays nothing writes to once loaded: those may be shared. */
const weightFields = new Map<Constructor, ReadonlySet<string>>()

/** A class instance in a snapshot: its registered class name and own fields. */
interface ObjectNode {
  $class: string | null
  fields: Record<string, unknown>
}

export type ModelSnapshots = Map<string, unknown>

const loaded = new Map<string, object>()
let received: ModelSnapshots | null = null
let sharing = false
/** Models loaded after sharing was enabled (their weights are in shared memory). */
const sharedKeys = new Set<string>()

/**
 * Objects every thread has one of (a process-wide cache such as the backbone's shared vocabulary):
 * a model that refers to one is rebuilt referring to the receiving thread's own instance, never to
 * a copy, so that the thread's models keep agreeing with each other.
 */
const singletons = new Map<string, object>()
const singletonNames = new Map<object, string>()

export function registerThreadSingletons(named: Record<string, object>): void {
  for (const [name, instance] of Object.entries(named)) {
    const known = singletons.get(name)
    if (known && known !== instance) throw new Error(`thread singleton "${name}" is registered for another object`)
    singletons.set(name, instance)
    singletonNames.set(instance, name)
  }
}

/** Registers the classes whose instances models are made of, by a name unique in the process. */
export function registerModelClasses(named: Record<string, Constructor>): void {
  for (const [name, constructor] of Object.entries(named)) {
    const known = classes.get(name)
    if (known && known !== constructor) throw new Error(`model class name "${name}" is registered for another class`)
    classes.set(name, constructor)
    classNames.set(constructor, name)
  }
}

/**
 * Registers classes that hold weights, with the fields whose typed arrays no method used during
 * analysis writes to: those arrays are shared between threads (the class's other fields are copied).
 */
export function registerWeightClasses(named: Record<string, { type: Constructor; fields: readonly string[] }>): void {
  for (const [name, { type, fields }] of Object.entries(named)) {
    registerModelClasses({ [name]: type })
    weightFields.set(type, new Set(fields))
  }
}

/** The model under `key` (a file path, say), loaded once per thread: from a snapshot in a worker, else by `load`. */
export function sharedModel<T extends object>(key: string, load: () => T): T {
  const cached = loaded.get(key)
  if (cached) return cached as T
  let model: T
  if (received?.has(key)) {
    model = restore(received.get(key), new Map()) as T
  } else {
    model = load()
    if (sharing) {
      moveToSharedMemory(model)
      sharedKeys.add(key)
    }
  }
  loaded.set(key, model)
  return model
}

/** Main thread: from now on, models are loaded into shared memory (the worker pool calls this first). */
export function enableModelSharing(): void {
  sharing = true
}

/** Main thread: the models loaded so far, for the workers' `workerData`. */
export function modelSnapshots(): ModelSnapshots {
  const snapshots: ModelSnapshots = new Map()
  for (const [key, model] of loaded) snapshots.set(key, describe(model, new Map(), key))
  return snapshots
}

/** Worker thread: the main thread's snapshots, before any model is asked for. */
export function receiveModelSnapshots(snapshots: ModelSnapshots | null | undefined): void {
  received = snapshots ?? null
}

/** How many loaded models have their weights in shared memory, and how many bytes those weights take. */
export function sharedWeights(): { models: number; bytes: number } {
  let bytes = 0
  const seen = new Set<object>()
  const visit = (value: unknown): void => {
    if (value === null || typeof value !== 'object' || seen.has(value)) return
    seen.add(value)
    if (ArrayBuffer.isView(value)) {
      if (value.buffer instanceof SharedArrayBuffer) bytes += value.byteLength
      return
    }
    for (const child of children(value)) visit(child)
  }
  let models = 0
  for (const [key, model] of loaded) {
    if (!sharedKeys.has(key) && !received?.has(key)) continue
    models++
    visit(model)
  }
  return { models, bytes }
}

function children(value: object): unknown[] {
  if (value instanceof Map) return [...value.keys(), ...value.values()]
  if (value instanceof Set) return [...value]
  return Object.values(value)
}

/** Replaces the large weight arrays of the weight objects reachable from `root` by copies in shared memory. */
function moveToSharedMemory(root: object): void {
  const buffers = new Map<ArrayBufferLike, SharedArrayBuffer>()
  const share = (array: ArrayBufferView): ArrayBufferView => {
    if (array.byteLength < SHARE_MIN_BYTES || array.buffer instanceof SharedArrayBuffer || array instanceof DataView) return array
    // One shared copy per underlying buffer, so that two views of one buffer stay views of one buffer.
    let shared = buffers.get(array.buffer)
    if (!shared) {
      shared = new SharedArrayBuffer(array.buffer.byteLength)
      new Uint8Array(shared).set(new Uint8Array(array.buffer))
      buffers.set(array.buffer, shared)
    }
    const Typed = array.constructor as new (buffer: SharedArrayBuffer, offset: number, length: number) => ArrayBufferView
    return new Typed(shared, array.byteOffset, (array as unknown as { length: number }).length)
  }
  const seen = new Set<object>()
  const visit = (holder: object): void => {
    if (seen.has(holder) || ArrayBuffer.isView(holder)) return
    seen.add(holder)
    const fields = weightFields.get((Object.getPrototypeOf(holder) as { constructor?: Constructor } | null)?.constructor as Constructor)
    for (const key of fields ?? []) {
      const value = (holder as Record<string, unknown>)[key]
      if (ArrayBuffer.isView(value)) (holder as Record<string, unknown>)[key] = share(value)
    }
    for (const child of children(holder)) if (child !== null && typeof child === 'object') visit(child)
  }
  visit(root)
}

/** The snapshot of `value`: the same graph (shared references and cycles kept) with class instances as ObjectNodes. */
function describe(value: unknown, memo: Map<object, unknown>, path: string): unknown {
  if (typeof value === 'function' || typeof value === 'symbol') throw new Error(`cannot share ${path}: a ${typeof value}`)
  if (value === null || typeof value !== 'object') return value
  if (ArrayBuffer.isView(value)) return value
  const known = memo.get(value)
  if (known !== undefined) return known
  const singleton = singletonNames.get(value)
  if (singleton !== undefined) return { $singleton: singleton }
  if (Array.isArray(value)) {
    const out: unknown[] = []
    memo.set(value, out)
    value.forEach((item, i) => out.push(describe(item, memo, `${path}[${i}]`)))
    return out
  }
  if (value instanceof Map) {
    const out = new Map<unknown, unknown>()
    memo.set(value, out)
    for (const [k, v] of value) out.set(describe(k, memo, `${path}.key`), describe(v, memo, `${path}.get(${String(k)})`))
    return out
  }
  if (value instanceof Set) {
    const out = new Set<unknown>()
    memo.set(value, out)
    for (const v of value) out.add(describe(v, memo, `${path}{}`))
    return out
  }
  const proto = Object.getPrototypeOf(value) as { constructor?: Constructor } | null
  let $class: string | null = null
  if (proto !== Object.prototype && proto !== null) {
    $class = classNames.get(proto.constructor as Constructor) ?? null
    if ($class === null) throw new Error(`cannot share ${path}: class ${proto.constructor?.name ?? '?'} is not registered (registerModelClasses)`)
  }
  const node: ObjectNode = { $class, fields: {} }
  memo.set(value, node)
  for (const key of Object.keys(value)) node.fields[key] = describe((value as Record<string, unknown>)[key], memo, `${path}.${key}`)
  return node
}

/** The objects a snapshot describes, with their classes' prototypes. */
function restore(node: unknown, memo: Map<object, unknown>): unknown {
  if (node === null || typeof node !== 'object' || ArrayBuffer.isView(node)) return node
  const known = memo.get(node)
  if (known !== undefined) return known
  if (Array.isArray(node)) {
    const out: unknown[] = []
    memo.set(node, out)
    for (const item of node) out.push(restore(item, memo))
    return out
  }
  if (node instanceof Map) {
    const out = new Map<unknown, unknown>()
    memo.set(node, out)
    for (const [k, v] of node) out.set(restore(k, memo), restore(v, memo))
    return out
  }
  if (node instanceof Set) {
    const out = new Set<unknown>()
    memo.set(node, out)
    for (const v of node) out.add(restore(v, memo))
    return out
  }
  const singleton = (node as { $singleton?: string }).$singleton
  if (singleton !== undefined) {
    const instance = singletons.get(singleton)
    if (!instance) throw new Error(`cannot rebuild a shared model: thread singleton "${singleton}" is not registered in this thread`)
    return instance
  }
  const { $class, fields } = node as ObjectNode
  let proto: object | null = Object.prototype
  if ($class !== null) {
    const constructor = classes.get($class)
    if (!constructor) throw new Error(`cannot rebuild a shared model: class "${$class}" is not registered in this thread`)
    proto = constructor.prototype as object
  }
  const out = Object.create(proto) as Record<string, unknown>
  memo.set(node, out)
  // Defined, not assigned, as class fields are: a getter of the same name on the prototype does not interfere.
  for (const [key, value] of Object.entries(fields)) {
    Object.defineProperty(out, key, { value: restore(value, memo), writable: true, enumerable: true, configurable: true })
  }
  return out
}
