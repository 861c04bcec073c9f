import 'server-only'
import type { Db } from '../db/client'
import { chooseAnswer } from './answer-rules'
import { clientAddress } from './client-address'
import { answer, isInternalHeader, type Answer, type Incoming } from './incoming'
import { dedupeKey, parseDelivery } from './parse'
import { getReceiverPolicy, statusFor } from './policy'
import type { EndpointSecret } from './secret-source'
import { verifySignature } from './verify'
import type { createEventWriter } from '../events/writer'

export interface ReceiverDeps {
  db: Db
  writer: ReturnType<typeof createEventWriter>
  secrets: (opts?: { refresh?: boolean }) => Promise<EndpointSecret[]>
  limiter: { check(key: string): number | null }
  maxBodyBytes: number
  provider?: string
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
 * One webhook delivery: limit, read, verify over the raw bytes, store durably, then answer.
 * Bad input is stored and described, never a 5xx; 503 only when the database refuses the write.
 */
export async function receiveDelivery(req: Incoming, deps: ReceiverDeps): Promise<Answer> {
  const admitted = await admitDelivery(req, deps)
  if ('refused' in admitted) return admitted.refused
  const { ip, body } = admitted

  let verification = verifySignature({ body, headers: req.headers, secrets: await deps.secrets() })
  if (verification.verdict === 'invalid' || verification.verdict === 'no_secret') {
    // The endpoint may be newer than the cached secrets: look again before judging.
    verification = verifySignature({
      body,
      headers: req.headers,
      secrets: await deps.secrets({ refresh: true }),
    })
  }
  const status = statusFor(verification.verdict, await getReceiverPolicy(deps.db))
  const signature = req.headers.get('signature') ?? req.headers.get('heygen-signature')
  return storeAndAnswer(
    deps,
    {
      provider: deps.provider ?? 'konpro',
      ...requestFacts(req, ip, body),
      ...parseDelivery(body),
      verdict: verification.verdict,
      rejected: status !== 200,
      responseStatus: status,
      endpointId: verification.endpointId,
      dedupeKey: dedupeKey(body, signature),
    },
    verification.reason,
  )
}
