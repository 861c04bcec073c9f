import { describe, expect, it } from 'vitest'
import { keyViews } from './key-views'
import type { KayleKey } from './schemas'
import type { StoredKayleKey } from './vault'

const atKayle = (keyId: string, isActive: boolean, createdAt: string): KayleKey => ({
  id: `whk_${keyId}`,
  keyId,
  endpointId: 'whe_1',
  algorithm: 'RSA-OAEP-256',
  keyType: 'RSA',
  jwk: {},
  isActive,
  status: isActive ? 'active' : 'inactive',
  createdAt,
  updatedAt: createdAt,
  disabledAt: isActive ? null : '2026-05-05T12:00:00Z',
})
const stored = (keyId: string, active: boolean, createdAt: string): StoredKayleKey => ({
  keyId,
  endpointId: 'whe_1',
  publicJwk: {},
  active,
  createdAt: new Date(createdAt),
  deactivatedAt: null,
})

describe('the keys an endpoint page shows', () => {
  it('takes each key’s state from Kayle, not from the console’s own row', () => {
    // The console thinks k1 is active; Kayle says it is not (deactivated elsewhere): Kayle wins.
    const views = keyViews(
      [atKayle('k1', false, '2026-05-01T00:00:00Z'), atKayle('k2', true, '2026-05-02T00:00:00Z')],
      [stored('k1', true, '2026-05-01T00:00:00Z')],
    )
    expect(views).toEqual([
      {
        keyId: 'k2',
        kayleId: 'whk_k2',
        active: true,
        createdAt: '2026-05-02T00:00:00Z',
        deactivatedAt: null,
        held: false,
      },
      {
        keyId: 'k1',
        kayleId: 'whk_k1',
        active: false,
        createdAt: '2026-05-01T00:00:00Z',
        deactivatedAt: '2026-05-05T12:00:00Z',
        held: true,
      },
    ])
  })

  it('keeps a key the console holds but Kayle no longer lists, shown as not active', () => {
    expect(keyViews([], [stored('k9', true, '2026-05-01T00:00:00Z')])).toEqual([
      {
        keyId: 'k9',
        kayleId: null,
        active: false,
        createdAt: '2026-05-01T00:00:00.000Z',
        deactivatedAt: null,
        held: true,
      },
    ])
  })
})
