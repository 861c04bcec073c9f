import { describe, expect, it } from 'vitest'
import { PROVIDERS } from '@/lib/providers/catalog'
import { defaultProvider, navItems, providerOf } from './nav-items'

describe('providerOf', () => {
  it('gives each provider its own pages, under /<id>', () => {
    expect(providerOf('/konpro/endpoints')).toBe('konpro')
    expect(providerOf('/konpro/endpoints/webhook_1')).toBe('konpro')
    expect(providerOf('/kayle/deliveries')).toBe('kayle')
    expect(providerOf('/kayle')).toBe('kayle')
  })

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
