import 'server-only'
import { getKonpro } from '../konpro'
import { RECEIVER_PATH } from './receiver-url'
import type { EndpointSecret, SecretSource } from './secret-source'

const TTL_MS = 30_000
const MIN_REFRESH_MS = 2_000
const LOOKUP_TIMEOUT_MS = 3_000

/** Secrets of the KonPro endpoints whose URL is this receiver (whatever host name they use). */
export const konproReceiverSecrets: SecretSource = async () => {
  const endpoints = await (await getKonpro()).listEndpoints()
  return endpoints
    .filter((e) => {
      try {
        return new URL(e.url).pathname.replace(/\/+$/, '') === RECEIVER_PATH && e.secret
      } catch {
        return false
      }
    })
    .map((e) => ({ endpointId: e.endpoint_id, url: e.url, secret: e.secret }))
}

/**
 * Caches the secrets briefly; `refresh` (after a signature failed to match) fetches again at
 * most every two seconds, so an endpoint created a moment ago verifies at once. A failing
 * source leaves the last known list in place rather than stalling the receiver. Kayle's receiver
 * caches its signing secrets and private keys the same way.
 */
export function createSecretCache<T = EndpointSecret>(source: () => Promise<T[]>) {
  let secrets: T[] = []
  let fetchedAt = 0
  let inflight: Promise<void> | null = null

  const load = () =>
    (inflight ??= Promise.race([
      source().then((fresh) => {
        secrets = fresh
      }),
      new Promise<void>((resolve) => setTimeout(resolve, LOOKUP_TIMEOUT_MS).unref()),
    ])
      .catch(() => {})
      .finally(() => {
        fetchedAt = Date.now()
        inflight = null
      }))

  return async function get({ refresh = false } = {}): Promise<T[]> {
    const age = Date.now() - fetchedAt
    if (age > TTL_MS || (refresh && age > MIN_REFRESH_MS)) await load()
    return secrets
  }
}
