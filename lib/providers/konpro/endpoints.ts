import 'server-only'
import { getKonpro } from './'
import { KONPRO_EVENT_TYPES } from './event-catalog'
import { load } from '../load'
import { toPublicEndpoint, type PublicEndpoint } from './public-endpoint'
import type { KonproEventType } from './schemas'
import { taintObject } from './taint'

/** Every endpoint, without secrets, newest first; a KonPro failure comes back as a message. */
export const loadEndpoints = () =>
  load(async (): Promise<PublicEndpoint[]> => {
    const endpoints = await (await getKonpro()).listEndpoints()
    for (const e of endpoints)
      taintObject('Endpoints carry secrets; pass toPublicEndpoint(endpoint) instead.', e)
    return endpoints
      .map(toPublicEndpoint)
      .sort((a, b) => (b.createdAt ?? '').localeCompare(a.createdAt ?? ''))
  })

/** KonPro's event types; when it cannot list them, the documented ones so forms stay usable. */
export async function loadEventTypes(): Promise<{ types: KonproEventType[]; fallback: boolean }> {
  const result = await load(async () => (await getKonpro()).listEventTypes())
  if (result.ok && result.data.length) return { types: result.data, fallback: false }
  return { types: KONPRO_EVENT_TYPES.map((t) => ({ ...t })), fallback: true }
}

/** One endpoint's secret, for the explicit reveal only. */
export async function revealSecret(endpointId: string): Promise<string | null> {
  const endpoints = await (await getKonpro()).listEndpoints()
  return endpoints.find((e) => e.endpoint_id === endpointId)?.secret ?? null
}
