import 'server-only'
import { getKayle } from '.'
import { getDb } from '../db'
import { load } from '../providers/load'
import type { KayleDeliveryFilter } from './client'
import { activeKeyCounts, keysForEndpoint } from './vault'

/** Every Kayle endpoint, newest first, with how many active encryption keys the console holds for it. */
export const loadKayleEndpoints = () =>
  load(async () => {
    const [endpoints, counts] = await Promise.all([(await getKayle()).listAllEndpoints(), activeKeyCounts(await getDb())])
    return endpoints
      .map((e) => ({ ...e, activeKeys: counts[e.id] ?? 0 }))
      .sort((a, b) => b.createdAt.localeCompare(a.createdAt))
  })

export const loadKayleEndpoint = (id: string) =>
  load(async () => {
    const [endpoint, keys] = await Promise.all([(await getKayle()).getEndpoint(id), keysForEndpoint(await getDb(), id)])
    // Public halves only: the private keys stay sealed in the database.
    return { endpoint, keys: keys.map(({ keyId, active, createdAt, deactivatedAt }) => ({ keyId, active, createdAt: createdAt.toISOString(), deactivatedAt: deactivatedAt?.toISOString() ?? null })) }
  })

export const loadKayleDeliveries = (filter: KayleDeliveryFilter) => load(async () => (await getKayle()).listDeliveries({ limit: 100, ...filter }))

export const loadKayleEvents = (cursor?: string) => load(async () => (await getKayle()).listEvents({ limit: 50, ...(cursor ? { startingAfter: cursor } : {}) }))
