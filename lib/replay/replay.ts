import 'server-only'
import { createHmac } from 'node:crypto'
import { desc, eq } from 'drizzle-orm'
import type { SessionDb } from '../auth/current'
import { replayAttempts, type ReplayAttempt } from '../db/schema'
import { getEvent } from '../events/queries'
import { sendOutboundCapturing } from '../net/outbound'
import { resendableHeaders } from '../net/resend-headers.mjs'

// "Send again to…": a stored delivery re-sent to a URL, with its own headers and body bytes or
// re-signed with a KonPro endpoint's secret; the answer is kept with the delivery as an attempt.

export const REPLAY_TIMEOUT_MS = 10_000
export const KEPT_BODY_BYTES = 1024

const SIGNATURE_HEADERS = ['signature', 'heygen-signature', 'heygen-timestamp']

export function replayHeaders(
  stored: Record<string, string>,
  body: Uint8Array,
  secret?: string,
): Record<string, string> {
  // Re-signing replaces the stored signature headers with a new `Signature`.
  const headers = resendableHeaders(stored, secret ? SIGNATURE_HEADERS : [])
  // KonPro's `Signature`: HMAC-SHA256 over the raw body, hex.
  if (secret) headers.signature = createHmac('sha256', secret).update(body).digest('hex')
  return headers
}

export type ReplayOutcome =
  { ok: true; attempt: ReplayAttempt } | { ok: false; problem: 'not_found' | 'not_konpro' }

export async function replayDelivery(
  db: SessionDb,
  input: { eventId: number; url: string; secret?: { endpointId: string; value: string } },
  actorEmail: string | null,
  { timeoutMs = REPLAY_TIMEOUT_MS }: { timeoutMs?: number } = {},
): Promise<ReplayOutcome> {
  const event = await getEvent(db, input.eventId)
  if (!event) return { ok: false, problem: 'not_found' }
  if (input.secret && event.provider !== 'konpro') return { ok: false, problem: 'not_konpro' }
  const body = Buffer.from(event.bodyBase64, 'base64')
  const result = await sendOutboundCapturing(db, input.url, {
    method: event.method,
    headers: replayHeaders(event.headers, body, input.secret?.value),
    body,
    timeoutMs,
    maxBodyBytes: KEPT_BODY_BYTES,
  })
  const [attempt] = await db
    .insert(replayAttempts)
    .values({
      eventId: event.id,
      url: input.url,
      mode: input.secret ? 'resigned' : 'original',
      signedWith: input.secret?.endpointId ?? null,
      actorEmail,
      status: result.ok ? result.answer.status : null,
      error: result.ok ? null : result.message,
      responseHeaders: result.ok ? result.answer.headers : null,
      responseBody: result.ok ? result.answer.body : null,
      latencyMs: result.ok ? result.answer.latencyMs : result.latencyMs,
    })
    .returning()
  return { ok: true, attempt: attempt! }
}

/** A delivery's replays, newest first. */
export function listReplayAttempts(
  db: SessionDb,
  eventId: number,
  limit = 50,
): Promise<ReplayAttempt[]> {
  return db
    .select()
    .from(replayAttempts)
    .where(eq(replayAttempts.eventId, eventId))
    .orderBy(desc(replayAttempts.createdAt), desc(replayAttempts.id))
    .limit(limit)
}
