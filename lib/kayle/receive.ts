import 'server-only'
import { createHash } from 'node:crypto'
import type { Db } from '../db/client'
import type { Answer, Incoming } from '../webhooks/incoming'
import { parseDelivery, type ParsedDelivery } from '../webhooks/parse'
import { getReceiverPolicy, statusFor } from '../webhooks/policy'
import { admitDelivery, requestFacts, storeAndAnswer } from '../webhooks/receive'
import type { createEventWriter } from '../events/writer'
import { decryptKayleBytes, KayleDecryptError, type KaylePrivateKey } from './jwe'
import { SIGNATURE_HEADER, verifyKayleSignature, type KayleSigningSecret } from './signature'

type Cached<T> = (opts?: { refresh?: boolean }) => Promise<T[]>

export interface KayleReceiverDeps {
  db: Db
  writer: ReturnType<typeof createEventWriter>
  /** Signing secrets of the Kayle endpoints (vault.signingSecrets, cached). */
  secrets: Cached<KayleSigningSecret>
  /** Private keys, active ones first (vault.privateKeys, cached). */
  keys: Cached<KaylePrivateKey & { endpointId: string }>
  limiter: { check(key: string): number | null }
  maxBodyBytes: number
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true })

interface Opened {
  parsed: ParsedDelivery
  keyId: string
}

/** Decrypts with the cached keys, then once more with a fresh list (a key made a moment ago). */
async function open(body: Uint8Array, keys: KayleReceiverDeps['keys']): Promise<Opened | null> {
  let jwe: string
  try {
    jwe = strictUtf8.decode(body)
  } catch {
    return null
  }
  const tried = await keys()
  try {
    const { plaintext, keyId } = await decryptKayleBytes(jwe, tried)
    return { parsed: parseDelivery(plaintext), keyId }
  } catch (error) {
    if (!(error instanceof KayleDecryptError)) throw error
  }
  const fresh = (await keys({ refresh: true })).filter(
    (k) => !tried.some((t) => t.keyId === k.keyId),
  )
  if (fresh.length === 0) return null
  try {
    const { plaintext, keyId } = await decryptKayleBytes(jwe, fresh)
    return { parsed: parseDelivery(plaintext), keyId }
  } catch (error) {
    if (error instanceof KayleDecryptError) return null
    throw error
  }
}

const record = (value: unknown): Record<string, unknown> =>
  value && typeof value === 'object' && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {}
const text = (value: unknown) => (typeof value === 'string' && value ? value.slice(0, 500) : null)

/**
 * One Kayle delivery: limit, read, verify the signature over the raw encrypted bytes, decrypt
 * when the signature is accepted, store durably, then answer. Bad input is stored and described,
 * never a 5xx; 503 only when the database refuses the write.
 */
export async function receiveKayleDelivery(
  req: Incoming,
  deps: KayleReceiverDeps,
): Promise<Answer> {
  const admitted = await admitDelivery(req, deps)
  if ('refused' in admitted) return admitted.refused
  const { ip, body } = admitted

  const header = req.headers.get(SIGNATURE_HEADER)
  let verification = verifyKayleSignature({ body, header, secrets: await deps.secrets() })
  if (verification.verdict === 'invalid' || verification.verdict === 'no_secret') {
    // The endpoint's secret may be newer than the cached list (just created or rotated): look again.
    verification = verifyKayleSignature({
      body,
      header,
      secrets: await deps.secrets({ refresh: true }),
    })
  }
  // verifying-signatures.mdx: "If any step fails, return 400" (missing, malformed, stale or wrong
  // signature alike); the shared policy says whether to refuse, Kayle's guide says with what.
  const status =
    statusFor(verification.verdict, await getReceiverPolicy(deps.db)) === 200 ? 200 : 400

  // Only an accepted delivery is decrypted: a forged body costs no RSA work and is stored as received.
  const opened = status === 200 && body.byteLength > 0 ? await open(body, deps.keys) : null
  const payload = record(opened?.parsed.payload)
  const eventId = text(record(payload.metadata).event_id)
  const keyOwner = opened
    ? (await deps.keys()).find((k) => k.keyId === opened.keyId)?.endpointId
    : undefined

  return storeAndAnswer(
    deps,
    {
      provider: 'kayle',
      ...requestFacts(req, ip, body),
      payload: opened?.parsed.payload ?? null,
      parseStatus: opened
        ? opened.parsed.parseStatus
        : body.byteLength === 0
          ? 'empty'
          : 'undecryptable',
      eventType: text(payload.type) ?? text(req.headers.get('x-kayle-event')),
      verdict: verification.verdict,
      rejected: status !== 200,
      responseStatus: status,
      endpointId: verification.endpointId ?? keyOwner ?? null,
      // Kayle re-sends the same event (re-signed) on retry; its event id marks the copies.
      dedupeKey: eventId
        ? `kayle:${eventId}`
        : `kayle-body:${createHash('sha256').update(body).digest('hex')}`,
    },
    verification.reason,
  )
}
