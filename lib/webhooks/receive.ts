import 'server-only'
import type { Db } from '../db/client'
import type { AnyProviderDefinition, SecretLookup, Verification } from '../providers/registry'
import { chooseAnswer } from './answer-rules'
import { clientAddress } from './client-address'
import { answer, isInternalHeader, type Answer, type HeaderReader, type Incoming } from './incoming'
import { parseBody, type ParsedBody } from './parse'
import { getReceiverPolicy, statusFor } from './policy'
import { createTurns } from './turns'
import type { createEventWriter } from '../events/writer'

/** What the receive pipeline works with: storage, limits, and one provider's cached lookups. */
export interface ReceiverDeps<S = unknown, K = unknown> {
  db: Db
  writer: ReturnType<typeof createEventWriter>
  secrets: SecretLookup<S>
  /** The keys of a provider whose bodies are encrypted (its definition's `open`). */
  keys?: SecretLookup<K>
  limiter: { check(key: string): number | null }
  maxBodyBytes: number
}

type Writer = ReturnType<typeof createEventWriter>
type Row = Parameters<Writer['write']>[0]

/** Rate limit, then read the raw body once: the bytes to work on, or the answer to send instead. */
export async function admitDelivery(
  req: Incoming,
  deps: Pick<ReceiverDeps, 'limiter' | 'maxBodyBytes'>,
): Promise<{ ip: string | null; body: Uint8Array } | { refused: Answer }> {
  const ip = clientAddress(req.headers)
  const wait = deps.limiter.check(ip ?? 'unknown')
  if (wait !== null)
    return {
      refused: answer(
        429,
        { error: `Too many deliveries from this address; retry in ${wait} s.` },
        { 'retry-after': String(wait) },
      ),
    }
  const body = await req.readBody(deps.maxBodyBytes).catch(() => undefined)
  if (body === null)
    return { refused: answer(413, { error: `Body larger than ${deps.maxBodyBytes} bytes.` }) }
  if (body === undefined)
    return { refused: answer(400, { error: 'The request body could not be read.' }) }
  return { ip, body }
}

// Header values are the sender's to choose: bounded, they cannot bloat every list row and stream
// frame (the content type is shown in each). The raw body is what holds a delivery whole.
const MAX_CONTENT_TYPE = 200
const MAX_HEADER_VALUE = 1024

/** The request as stored: method, every header, content type, size, source and raw bytes. */
export function requestFacts(req: Incoming, ip: string | null, body: Uint8Array) {
  const headers: Record<string, string> = {}
  req.headers.forEach((value, name) => {
    if (isInternalHeader(name)) return
    headers[name] =
      value.length > MAX_HEADER_VALUE ? `${value.slice(0, MAX_HEADER_VALUE - 1)}…` : value
  })
  const contentType = req.headers.get('content-type')?.slice(0, MAX_CONTENT_TYPE) ?? null
  return { method: req.method, sourceIp: ip, contentType, size: body.byteLength, headers, body }
}

/**
 * Stores the delivery durably, then answers; 503 (so the sender retries) only when the database
 * refuses. An accepted delivery may then get an admin's test answer (lib/webhooks/answer-rules.ts):
 * its delay and its status and body, recorded on the stored row. Refused deliveries (a bad
 * signature's 401) keep their answer, so a rule never hides a signing problem.
 */
export async function storeAndAnswer(
  { writer, db }: Pick<ReceiverDeps, 'writer' | 'db'>,
  row: Row,
  reason: string,
): Promise<Answer> {
  let written
  try {
    written = await writer.write(row)
  } catch (error) {
    console.error(
      `Receiver could not store a ${row.provider ?? 'konpro'} delivery; answered 503 so the sender retries.`,
      error,
    )
    return answer(503, { error: 'Storage is unavailable; retry later.' }, { 'retry-after': '5' })
  }
  const id = String(written.id)
  if (row.responseStatus !== 200)
    return answer(row.responseStatus, { received: true, id, error: reason })
  const chosen = await chooseAnswer(db, row.provider ?? 'konpro', written.id).catch(
    (error: unknown) => {
      // The delivery is stored: answer it normally rather than fail it over a test rule.
      console.error('Receiver could not read its test answer rule; answered normally.', error)
      return null
    },
  )
  if (chosen) {
    if (chosen.delayMs > 0) await new Promise((resolve) => setTimeout(resolve, chosen.delayMs))
    return {
      ...answer(chosen.status, null, { 'content-type': chosen.contentType }),
      raw: chosen.body,
    }
  }
  return answer(200, {
    received: true,
    id,
    ...(written.duplicateOf ? { duplicate_of: String(written.duplicateOf) } : {}),
  })
}

/**
 * The event type and correlation ids of a payload, as the events table's columns hold them. The
 * one place a provider's correlation ids meet the table's KonPro-named columns.
 */
export function describePayload(
  definition: AnyProviderDefinition,
  payload: unknown,
  headers: HeaderReader,
) {
  return {
    eventType: definition.eventType(payload, headers),
    correlation: definition.correlation(payload),
  }
}

/** Verifies with the cached secrets, then, when none matched, once more with a fresh list. */
async function verify(
  definition: AnyProviderDefinition,
  body: Uint8Array,
  headers: HeaderReader,
  secrets: SecretLookup<unknown>,
): Promise<Verification> {
  const first = definition.verify({ body, headers, secrets: await secrets() })
  if (first.verdict !== 'invalid' && first.verdict !== 'no_secret') return first
  // The endpoint (or its rotated secret) may be newer than the cached list: look again.
  return definition.verify({ body, headers, secrets: await secrets({ refresh: true }) })
}

/** Above this, a body is checked on a turn of the event loop of its own (./turns.ts). */
const LARGE_BODY_BYTES = 64 * 1024
const largeBodyTurns = createTurns()

/** Above this, a body that is its own payload is not stored a second time as jsonb. */
export const PAYLOAD_COPY_MAX_BYTES = 16 * 1024

/**
 * One webhook delivery, whichever provider's: admit (limit, read the raw body once), verify over
 * the raw bytes, open an accepted encrypted body, store durably, then answer. Bad input is stored
 * and described, never a 5xx; 503 only when the database refuses the write.
 */
export async function receiveDelivery(
  definition: AnyProviderDefinition,
  req: Incoming,
  deps: ReceiverDeps,
): Promise<Answer> {
  const admitted = await admitDelivery(req, deps)
  if ('refused' in admitted) return admitted.refused
  const { ip, body } = admitted
  if (body.byteLength > LARGE_BODY_BYTES) await largeBodyTurns.next()

  const verification = await verify(definition, body, req.headers, deps.secrets)
  const accepted = statusFor(verification.verdict, await getReceiverPolicy(deps.db)) === 200
  const status = accepted ? 200 : definition.refusedStatus

  // Only an accepted delivery is decrypted: a forged body costs no decryption work and is stored
  // as received.
  const opened = !definition.open
    ? { plaintext: body, endpointId: null }
    : accepted && body.byteLength > 0 && deps.keys
      ? await definition.open.decrypt(body, deps.keys)
      : null
  const parsed = opened
    ? parseBody(opened.plaintext)
    : ({
        payload: null,
        parseStatus: body.byteLength === 0 ? 'empty' : 'undecryptable',
      } satisfies ParsedBody)

  return storeAndAnswer(
    deps,
    {
      provider: definition.catalog.id,
      ...requestFacts(req, ip, body),
      ...parsed,
      // A payload that is the body's own JSON is kept beside it only while small: a large body
      // is stored once, and what needs its payload derives it (body_json in migration 0011).
      payload: !definition.open && body.byteLength > PAYLOAD_COPY_MAX_BYTES ? null : parsed.payload,
      ...describePayload(definition, parsed.payload, req.headers),
      verdict: verification.verdict,
      rejected: !accepted,
      responseStatus: status,
      endpointId: verification.endpointId ?? opened?.endpointId ?? null,
      dedupeKey: definition.dedupeKey({ body, headers: req.headers, payload: parsed.payload }),
    },
    verification.reason,
  )
}
