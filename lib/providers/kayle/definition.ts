import 'server-only'
import { createHash } from 'node:crypto'
import { decryptKayleBytes, KayleDecryptError, type KaylePrivateKey } from './jwe'
import { getKayle } from './'
import { load } from '../load'
import {
  SIGNATURE_HEADER,
  signKayle,
  verifyKayleSignature,
  type KayleSigningSecret,
} from './signature'
import { privateKeys, signingSecrets } from './vault'
import { fieldsOf } from '../../webhooks/parse'
import { PROVIDERS } from '../catalog'
import type { Opened, ProviderDefinition, SecretLookup } from '../registry'
import { diagnoseKayleSignature } from './signature-diagnosis'

type Key = KaylePrivateKey & { endpointId: string }

const strictUtf8 = new TextDecoder('utf-8', { fatal: true })
const text = (value: unknown) => (typeof value === 'string' && value ? value.slice(0, 500) : null)

/** Decrypts with `keys`; null when none of them opens the body. */
async function decryptWith(jwe: string, keys: Key[]): Promise<Opened | null> {
  try {
    const { plaintext, keyId } = await decryptKayleBytes(jwe, keys)
    // The key tells which endpoint it was, even without a signature.
    return { plaintext, endpointId: keys.find((k) => k.keyId === keyId)?.endpointId ?? null }
  } catch (error) {
    if (error instanceof KayleDecryptError) return null
    throw error
  }
}

/** Decrypts with the cached keys, then once more with a fresh list (a key made a moment ago). */
async function decrypt(body: Uint8Array, keys: SecretLookup<Key>): Promise<Opened | null> {
  let jwe: string
  try {
    jwe = strictUtf8.decode(body)
  } catch {
    return null
  }
  const tried = await keys()
  const opened = await decryptWith(jwe, tried)
  if (opened) return opened
  const fresh = (await keys({ refresh: true })).filter(
    (k) => !tried.some((t) => t.keyId === k.keyId),
  )
  return fresh.length === 0 ? null : decryptWith(jwe, fresh)
}

const eventIdOf = (payload: unknown) => text(fieldsOf(fieldsOf(payload).metadata).event_id)

export const kayleDefinition: ProviderDefinition<KayleSigningSecret, Key> = {
  catalog: PROVIDERS.kayle,
  secrets: signingSecrets,
  verify: ({ body, headers, secrets }) =>
    verifyKayleSignature({ body, header: headers.get(SIGNATURE_HEADER), secrets }),
  open: { keys: privateKeys, decrypt },
  eventType: (payload, headers) =>
    text(fieldsOf(payload).type) ?? text(headers.get('x-kayle-event')),
  correlation(payload): Record<string, string> {
    const eventId = eventIdOf(payload)
    return eventId ? { event_id: eventId } : {}
  },
  // Kayle re-sends the same event (re-signed) on retry; its event id marks the copies.
  dedupeKey({ body, payload }) {
    const eventId = eventIdOf(payload)
    return eventId
      ? `kayle:${eventId}`
      : `kayle-body:${createHash('sha256').update(body).digest('hex')}`
  },
  // verifying-signatures.mdx: "If any step fails, return 400" (missing, malformed, stale or wrong
  // signature alike); the shared policy says whether to refuse, Kayle's guide says with what.
  refusedStatus: 400,
  diagnose: diagnoseKayleSignature,
  resign: {
    headers: [SIGNATURE_HEADER],
    // Signed now: Kayle's receivers refuse a `t` more than five minutes old.
    sign: (body, secret) => ({
      [SIGNATURE_HEADER]: signKayle(body, secret, Math.floor(Date.now() / 1000)),
    }),
    // The endpoints whose signing secret this console holds, named by their URL when Kayle lists it.
    async endpoints(db) {
      const [secrets, listed] = await Promise.all([
        signingSecrets(db),
        load(async () => (await getKayle()).listAllEndpoints()),
      ])
      const urls = new Map(listed.ok ? listed.data.map((e) => [e.id, e.url]) : [])
      return secrets.map((s) => ({ id: s.endpointId, url: urls.get(s.endpointId) ?? s.endpointId }))
    },
    secret: async (db, endpointId) =>
      (await signingSecrets(db)).find((s) => s.endpointId === endpointId)?.secret ?? null,
  },
}
