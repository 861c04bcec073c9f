import type { KayleKey } from './schemas'
import type { StoredKayleKey } from './vault'

/** A key as the endpoint page shows it: its state at Kayle, and whether this console holds its private half. */
export interface KeyView {
  keyId: string
  /** Kayle's id (`whk_...`), null when Kayle no longer lists the key. */
  kayleId: string | null
  active: boolean
  createdAt: string
  deactivatedAt: string | null
  held: boolean
}

/** Kayle's list is the truth for a key's state; the console's own rows add what Kayle does not list. */
export function keyViews(atKayle: KayleKey[], stored: StoredKayleKey[]): KeyView[] {
  const held = new Set(stored.map((k) => k.keyId))
  const listed = new Set(atKayle.map((k) => k.keyId))
  const views: KeyView[] = atKayle.map((k) => ({
    keyId: k.keyId,
    kayleId: k.id,
    active: k.isActive,
    createdAt: k.createdAt,
    deactivatedAt: k.isActive ? null : (k.disabledAt ?? k.updatedAt),
    held: held.has(k.keyId),
  }))
  for (const k of stored) {
    if (!listed.has(k.keyId))
      views.push({
        keyId: k.keyId,
        kayleId: null,
        active: false,
        createdAt: k.createdAt.toISOString(),
        deactivatedAt: k.deactivatedAt?.toISOString() ?? null,
        held: true,
      })
  }
  return views.sort((a, b) => b.createdAt.localeCompare(a.createdAt))
}
