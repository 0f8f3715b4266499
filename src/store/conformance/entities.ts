import assert from 'node:assert/strict'
import type { Store } from '../store.js'
import { it } from './case.js'
import { withStore } from './seed.js'

export function entityCases(makeStore: () => Promise<Store>): void {
  it('should merge an entity across articles by name or alias', () =>
    withStore(makeStore, async ({ store, samples, ids }) => {
      for (const name of ['Sameh Shoukry', 'shoukry', 'SAMEH  SHOUKRY']) {
        const profile = await store.getEntity(name)
        assert.ok(profile, name)
        assert.equal(profile.name, 'Sameh Shoukry')
        assert.equal(profile.type, 'PERSON')
        assert.deepEqual(profile.aliases, ['Shoukry'])
        assert.deepEqual(profile.roles, ['Foreign Minister', "Egypt's foreign minister"])
        assert.deepEqual(profile.articleIds, [ids[0], ids[1]].sort((a, b) => a! - b!))
        // Newest article first, statements in text order within an article.
        assert.deepEqual(
          profile.statements.map((hit) => `${ids.indexOf(hit.articleId)}:${hit.statement.id}`),
          ['1:S2', '1:S3', '0:S1', '0:S2'],
        )
        assert.deepEqual(profile.statements[2]!.statement, samples[0]!.statements[0])
      }
    }))

  it('should find an entity whatever the accents', () =>
    withStore(makeStore, async ({ store }) => {
      const profile = await store.getEntity('antonio guterres')
      assert.equal(profile?.name, 'António Guterres')
      assert.deepEqual(profile?.aliases, ['Guterres', 'UN chief'])
      assert.deepEqual(profile?.roles, ['United Nations Secretary-General'])
      assert.equal(profile?.statements.length, 1)
      assert.equal((await store.getEntity('UN Chief'))?.name, 'António Guterres')
    }))

  it('should give a profile to an entity that never speaks', () =>
    withStore(makeStore, async ({ store, ids }) => {
      const cairo = await store.getEntity('cairo')
      assert.equal(cairo?.type, 'GPE')
      assert.deepEqual(cairo?.articleIds, [ids[0], ids[1]].sort((a, b) => a! - b!))
      assert.deepEqual(cairo?.statements, [])
    }))

  it('should match whole names only and return null for unknown ones', () =>
    withStore(makeStore, async ({ store }) => {
      assert.equal(await store.getEntity('Shouk'), null)
      assert.equal(await store.getEntity('Nobody Atall'), null)
      assert.equal(await store.getEntity('   '), null)
      assert.equal(await store.getEntity('%'), null)
    }))

  it('should choose the most frequent canonical name when articles disagree', () =>
    withStore(makeStore, async ({ store, samples }) => {
      // A third article calls him by a variant spelling, with the usual one as an alias.
      const variant = structuredClone(samples[0]!)
      variant.article.headline = 'Variant spelling'
      variant.provenance.contentHash = 'variant-hash'
      variant.entities[0] = { ...variant.entities[0]!, name: 'Sameh Shukri', aliases: ['Shoukry'] }
      await store.putAnalysis(variant, 'fixture')
      const profile = await store.getEntity('Shoukry')
      assert.equal(profile?.name, 'Sameh Shoukry')
      assert.deepEqual(profile?.aliases, ['Sameh Shukri', 'Shoukry'])
      assert.equal(profile?.articleIds.length, 3)
    }))
}
