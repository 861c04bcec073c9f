import 'server-only'
import { createHmac } from 'node:crypto'
import type { Db } from '../../db/client'
import { getKonpro } from './'
import { konproConnection } from './connection'
import { loadEndpoints, revealSecret } from './endpoints'
import { listSandboxEndpoints } from './sandbox/store'
import { CORRELATION_FIELDS } from '../../events/correlation'
import { dedupeKey, fieldsOf } from '../../webhooks/parse'
import { verifySignature, type EndpointSecret } from '../../webhooks/verify'
import { PROVIDERS } from '../catalog'
import type { ProviderDefinition } from '../registry'
import { diagnoseKonproSignature } from './signature-diagnosis'

const catalog = PROVIDERS.konpro

const idOf = (value: unknown) =>
  typeof value === 'string' || typeof value === 'number' ? String(value).slice(0, 500) : null

/** KonPro's endpoints as its API lists them; the built-in sandbox's straight from its table. */
async function endpoints(db: Db) {
  if ((await konproConnection(db)).source === 'sandbox')
    return (await listSandboxEndpoints(db)).map((e) => ({
      endpoint_id: e.endpointId,
      url: e.url,
      secret: e.secret,
    }))
  return (await getKonpro()).listEndpoints()
}

/** Secrets of the KonPro endpoints whose URL is this receiver (whatever host name they use). */
export async function konproReceiverSecrets(db: Db): Promise<EndpointSecret[]> {
  return (await endpoints(db))
    .filter((e) => {
      try {
        return new URL(e.url).pathname.replace(/\/+$/, '') === catalog.receiverPath && e.secret
      } catch {
        return false
      }
    })
    .map((e) => ({ endpointId: e.endpoint_id, url: e.url, secret: e.secret }))
}

export const konproDefinition: ProviderDefinition<EndpointSecret> = {
  catalog,
  secrets: konproReceiverSecrets,
  verify: verifySignature,
  eventType: (payload) => idOf(fieldsOf(payload).event_type),
  correlation(payload) {
    const data = fieldsOf(fieldsOf(payload).event_data)
    const ids: Record<string, string> = {}
    // The ids KonPro puts in `event_data`, stored so a delivery can be found by its job.
    for (const { key } of CORRELATION_FIELDS) {
      const id = idOf(data[key])
      if (id !== null) ids[key] = id
    }
    return ids
  },
  // The same body under the same signature is the same delivery sent again.
  dedupeKey: ({ body, headers }) =>
    dedupeKey(body, headers.get('signature') ?? headers.get('heygen-signature')),
  refusedStatus: 401,
  diagnose: diagnoseKonproSignature,
  resign: {
    headers: ['signature', 'heygen-signature', 'heygen-timestamp'],
    // KonPro's `Signature`: HMAC-SHA256 over the raw body, hex.
    sign: (body, secret) => ({
      signature: createHmac('sha256', secret).update(body).digest('hex'),
    }),
    // Any endpoint of the team, not only those pointing at this receiver: a replay goes anywhere.
    async endpoints() {
      const listed = await loadEndpoints()
      return listed.ok ? listed.data.map((e) => ({ id: e.id, url: e.url })) : []
    },
    secret: (_db, endpointId) => revealSecret(endpointId),
  },
}
