/** FNC-1 files: `<repo>/../shared/data/fnc1` (or `$WHOSAID_DATA/fnc1`). */
import { existsSync, readFileSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { mulberry32, shuffle } from '../backbone/features/hash.js'
import { parseCsvObjects } from './csv.js'
import { LABELS } from './score.js'

/** The folder holding package.json, found by walking up from this module. */
export function repoRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url))
  for (;;) {
    if (existsSync(join(dir, 'package.json'))) return dir
    const up = dirname(dir)
    if (up === dir) throw new Error('stance: package.json not found above ' + fileURLToPath(import.meta.url))
    dir = up
  }
}

export function fnc1Dir(): string {
  const env = process.env['WHOSAID_DATA']
  return join(env ? resolve(env) : resolve(repoRoot(), '..', 'shared', 'data'), 'fnc1')
}

export function modelsDir(): string {
  return join(repoRoot(), 'models')
}

export interface Pair {
  headline: string
  bodyId: number
  /** index into LABELS */
  label: number
}

export interface Fnc1Split {
  pairs: Pair[]
  bodies: Map<number, string>
}

export function loadFnc1(which: 'train' | 'competition_test', dir = fnc1Dir()): Fnc1Split {
  const bodies = new Map<number, string>()
  for (const r of parseCsvObjects(readFileSync(join(dir, `${which}_bodies.csv`), 'utf8'))) {
    bodies.set(Number(r['Body ID']), r['articleBody']!)
  }
  const pairs: Pair[] = []
  for (const r of parseCsvObjects(readFileSync(join(dir, `${which}_stances.csv`), 'utf8'))) {
    const label = (LABELS as readonly string[]).indexOf(r['Stance']!)
    if (label < 0) throw new Error(`fnc1: unknown stance ${r['Stance']}`)
    const bodyId = Number(r['Body ID'])
    if (!bodies.has(bodyId)) throw new Error(`fnc1: missing body ${bodyId}`)
    pairs.push({ headline: r['Headline']!, bodyId, label })
  }
  return { pairs, bodies }
}

/** Union-find over bodies and headlines joined by related pairs: one group per Emergent claim, roughly. */
function claimGroups(data: Fnc1Split) {
  const parent = new Map<string, string>()
  const find = (x: string): string => {
    let p = parent.get(x) ?? x
    if (p !== x) {
      p = find(p)
      parent.set(x, p)
    }
    return p
  }
  for (const p of data.pairs) {
    if (p.label === 3) continue
    const ra = find('b' + p.bodyId)
    const rb = find('h' + p.headline)
    if (ra !== rb) parent.set(ra, rb)
  }
  const groups = new Map<string, number[]>()
  for (const id of [...data.bodies.keys()].sort((a, b) => a - b)) {
    const r = find('b' + id)
    if (!groups.has(r)) groups.set(r, [])
    groups.get(r)!.push(id)
  }
  return { find, groups: [...groups.values()] }
}

/**
 * Hold out bodies for development. Bodies linked through a related headline form one group (one
 * Emergent claim, roughly), and whole groups go to dev, so no body and no related headline is shared
 * between train and dev; every pair goes where its body goes. With `strict`, an unrelated pair whose
 * headline belongs to a claim of the other side gets a random headline of its own side instead, so dev
 * headlines are new to the model, as in the competition test set, and the class shares stay.
 */
export function splitByBody(data: Fnc1Split, devShare = 0.2, seed = 1, strict = true): { train: Pair[]; dev: Pair[]; devBodies: Set<number> } {
  const { groups } = claimGroups(data)
  const order = shuffle(groups, mulberry32(seed))
  const devBodies = new Set<number>()
  const target = devShare * data.bodies.size
  for (const g of order) {
    if (devBodies.size >= target) break
    for (const id of g) devBodies.add(id)
  }
  const { train, dev } = splitPairs(data, devBodies, seed, strict)
  return { train, dev, devBodies }
}

/** k folds of whole claims: fold k's bodies, for cross-validation. */
export function claimFolds(data: Fnc1Split, k: number, seed = 1): Set<number>[] {
  const { groups } = claimGroups(data)
  const order = shuffle(groups, mulberry32(seed))
  const folds = Array.from({ length: k }, () => new Set<number>())
  for (const g of order) {
    let f = 0
    for (let i = 1; i < k; i++) if (folds[i]!.size < folds[f]!.size) f = i
    for (const id of g) folds[f]!.add(id)
  }
  return folds
}

/** Pairs of the held-out bodies vs the rest (see splitByBody for strict). */
export function splitPairs(data: Fnc1Split, devBodies: Set<number>, seed = 1, strict = true): { train: Pair[]; dev: Pair[] } {
  const { find } = claimGroups(data)
  const train: Pair[] = []
  const dev: Pair[] = []
  const devRoots = new Set([...devBodies].map((id) => find('b' + id)))
  const related = new Set<string>()
  for (const p of data.pairs) if (p.label !== 3) related.add(p.headline)
  const sideHeadlines: [string[], string[]] = [[], []]
  for (const h of [...related].sort()) sideHeadlines[devRoots.has(find('h' + h)) ? 1 : 0].push(h)
  const rand = mulberry32(seed + 1000)
  for (const p of data.pairs) {
    const side = devBodies.has(p.bodyId)
    let q = p
    if (strict && related.has(p.headline) && devRoots.has(find('h' + p.headline)) !== side) {
      const pool = sideHeadlines[side ? 1 : 0]
      const bodyRoot = find('b' + p.bodyId)
      let h = pool[Math.floor(rand() * pool.length)]!
      while (find('h' + h) === bodyRoot) h = pool[Math.floor(rand() * pool.length)]!
      q = { headline: h, bodyId: p.bodyId, label: 3 }
    }
    ;(side ? dev : train).push(q)
  }
  return { train, dev }
}
