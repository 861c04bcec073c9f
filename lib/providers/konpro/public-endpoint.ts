import type { KonproEndpoint } from './schemas'

/** An endpoint as the browser may see it: everything but the secret. */
export interface PublicEndpoint {
  id: string
  url: string
  status: string
  events: string[]
  username: string
  createdAt: string | null
  entityId: string | null
  /** `whsec_` or similar: enough to recognise the kind of secret, nothing of its value. */
  secretPrefix: string
}

export function toPublicEndpoint(endpoint: KonproEndpoint): PublicEndpoint {
  return {
    id: endpoint.endpoint_id,
    url: endpoint.url,
    status: endpoint.status,
    events: endpoint.events,
    username: endpoint.username,
    createdAt: endpoint.created_at,
    entityId: endpoint.entity_id ?? null,
    secretPrefix: /^[a-z]+_/.exec(endpoint.secret)?.[0] ?? '',
  }
}

export function matchesFilters(
  endpoint: PublicEndpoint,
  filters: { q: string; event: string },
): boolean {
  const q = filters.q.toLowerCase()
  if (
    q &&
    ![endpoint.url, endpoint.id, endpoint.entityId ?? '', ...endpoint.events].some((v) =>
      v.toLowerCase().includes(q),
    )
  )
    return false
  // An endpoint with no event list receives every event, so it matches any event filter.
  if (filters.event && endpoint.events.length > 0 && !endpoint.events.includes(filters.event))
    return false
  return true
}
