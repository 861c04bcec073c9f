import { describe, expect, it } from 'vitest'
import { PROVIDERS } from '@/lib/providers/catalog'
import { defaultProvider, navItems, providerOf } from './nav-items'

describe('providerOf', () => {
  it.each([
    ['/konpro/endpoints', 'konpro'],
    ['/konpro/endpoints/webhook_1', 'konpro'],
    ['/kayle/deliveries', 'kayle'],
    ['/kayle', 'kayle'],
  ])('puts %s, under /<id>, with %s', (path, id) => expect(providerOf(path)).toBe(id))

  it('leaves the shared pages, and look-alike paths, to no provider', () => {
    for (const path of ['/events', '/settings/users', '/', '/konprox', '/kayleidoscope'])
      expect(providerOf(path), path).toBeNull()
  })
})

describe('navItems', () => {
  it('opens with each provider’s home from the catalog, which is one of its own pages', () => {
    for (const [id, items] of Object.entries(navItems)) {
      const home = PROVIDERS[id as keyof typeof PROVIDERS].home
      expect(items[0]?.href).toBe(home)
      expect(providerOf(home)).toBe(id)
    }
    expect(navItems[defaultProvider]).toBeDefined()
  })
})
