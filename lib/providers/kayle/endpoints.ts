import 'server-only'
import { getKayle } from './'
import { getDb } from '../../db'
import { load } from '../load'
import type { KayleClient, KayleDeliveryFilter } from './client'
import { KayleError } from './errors'
import type { KayleDelivery } from './schemas'
import { keyViews } from './key-views'
import { activeKeyCounts, keysForEndpoint } from './vault'

export type { KeyView } from './key-views'

/** Endpoints on one page of the endpoints list; Kayle's own largest page is 100. */
export const ENDPOINTS_PAGE_SIZE = 50

/** Every Kayle endpoint, newest first, with how many active encryption keys the console holds for it. */
export const loadKayleEndpoints = () =>
  load(async () => {
    const [endpoints, counts] = await Promise.all([
      (await getKayle()).listAllEndpoints(),
      activeKeyCounts(await getDb()),
    ])
    return endpoints
      .map((e) => ({ ...e, activeKeys: counts[e.id] ?? 0 }))
      .sort((a, b) => b.createdAt.localeCompare(a.createdAt))
  })

/** One page of endpoints in Kayle's order, after the endpoint `startingAfter` (Kayle's cursor). */
export const loadKayleEndpointPage = (startingAfter?: string) =>
  load(async () => {
    const [page, counts] = await Promise.all([
      (await getKayle()).listEndpoints({
        limit: ENDPOINTS_PAGE_SIZE,
        ...(startingAfter ? { startingAfter } : {}),
      }),
      activeKeyCounts(await getDb()),
    ])
    return {
      ...page,
      endpoints: page.endpoints.map((e) => ({ ...e, activeKeys: counts[e.id] ?? 0 })),
    }
  })

export const loadKayleEndpoint = (id: string) =>
  load(async () => {
    const kayle = await getKayle()
    const [endpoint, atKayle, stored] = await Promise.all([
      kayle.getEndpoint(id),
      kayle.listAllKeys(id),
      keysForEndpoint(await getDb(), id),
    ])
    // Public halves only: the private keys stay sealed in the database.
    return { endpoint, keys: keyViews(atKayle, stored) }
  })

export const loadKayleDeliveries = (filter: KayleDeliveryFilter) =>
  load(async () => (await getKayle()).listDeliveries({ limit: 100, ...filter }))

export const loadKayleEvents = (cursor?: string) =>
  load(async () =>
    (await getKayle()).listEvents({ limit: 50, ...(cursor ? { startingAfter: cursor } : {}) }),
  )

/** Names of the given endpoints (one GET each; an endpoint Kayle no longer has keeps its id). */
async function endpointNames(kayle: KayleClient, ids: string[]): Promise<Record<string, string>> {
  const named = await Promise.all(
    [...new Set(ids)].map(async (id) => {
      try {
        const e = await kayle.getEndpoint(id)
        return [id, e.name ?? e.url] as const
      } catch {
        return [id, id] as const
      }
    }),
  )
  return Object.fromEntries(named)
}

/** The event, every delivery Kayle lists for it (full rows, via `event_id`), and their endpoints' names. */
export const loadKayleEvent = (id: string) =>
  load(async () => {
    const kayle = await getKayle()
    const [event, deliveries] = await Promise.all([kayle.getEvent(id), allDeliveriesOf(kayle, id)])
    return {
      event,
      deliveries,
      names: await endpointNames(
        kayle,
        deliveries.map((d) => d.endpointId),
      ),
    }
  })

/** Kayle has no GET for one delivery: it is found among its event's deliveries (`event_id` filter). */
async function allDeliveriesOf(kayle: KayleClient, eventId: string): Promise<KayleDelivery[]> {
  const items: KayleDelivery[] = []
  let startingAfter: string | undefined
  for (let page = 0; page < 20; page++) {
    const result = await kayle.listDeliveryPage({
      eventId,
      limit: 100,
      ...(startingAfter ? { startingAfter } : {}),
    })
    items.push(...result.items)
    if (!result.hasMore || !result.nextCursor || result.nextCursor === startingAfter) break
    startingAfter = result.nextCursor
  }
  return items
}

export const loadKayleDelivery = (eventId: string, deliveryId: string) =>
  load(async () => {
    const kayle = await getKayle()
    const delivery = (await allDeliveriesOf(kayle, eventId)).find((d) => d.id === deliveryId)
    if (!delivery)
      throw new KayleError(
        'not_found',
        `Kayle lists no delivery ${deliveryId} for event ${eventId}.`,
        { status: 404 },
      )
    const names = await endpointNames(kayle, [delivery.endpointId])
    return { delivery, endpointName: names[delivery.endpointId] ?? delivery.endpointId }
  })
