import 'server-only'
import { desc, eq } from 'drizzle-orm'
import type { SessionDb } from '../auth/current'
import { replayAttempts, type ReplayAttempt } from '../db/schema'
import { getEvent } from '../events/queries'
import { sendOutboundCapturing } from '../net/outbound'
import { resendableHeaders } from '../net/resend-headers.mjs'
import { providerDefinition, type Resign } from '../providers/registry'

// "Send again to…": a stored delivery re-sent to a URL, with its own headers and body bytes or
// re-signed with one of its provider's endpoint secrets, the way that provider signs; the answer is
// kept with the delivery as an attempt.

export const REPLAY_TIMEOUT_MS = 10_000
export const KEPT_BODY_BYTES = 1024

export function replayHeaders(
  stored: Record<string, string>,
  body: Uint8Array,
  signing?: { resign: Resign; secret: string },
): Record<string, string> {
  // Re-signing replaces the stored signature headers with the provider's new ones.
  const headers = resendableHeaders(stored, signing ? signing.resign.headers : [])
  return signing ? { ...headers, ...signing.resign.sign(body, signing.secret) } : headers
}

/** An endpoint's secret to re-sign with, and the provider whose endpoint it is. */
export interface ReplaySecret {
  provider: string
  endpointId: string
  value: string
}

export type ReplayOutcome =
  { ok: true; attempt: ReplayAttempt } | { ok: false; problem: 'not_found' | 'other_provider' }

export async function replayDelivery(
  db: SessionDb,
  input: { eventId: number; url: string; secret?: ReplaySecret },
  actorEmail: string | null,
  { timeoutMs = REPLAY_TIMEOUT_MS }: { timeoutMs?: number } = {},
): Promise<ReplayOutcome> {
  const event = await getEvent(db, input.eventId)
  if (!event) return { ok: false, problem: 'not_found' }
  const { resign } = providerDefinition(event.provider)
  // A secret signs only its own provider's deliveries, in that provider's scheme.
  if (input.secret && (input.secret.provider !== event.provider || !resign))
    return { ok: false, problem: 'other_provider' }
  const body = Buffer.from(event.bodyBase64, 'base64')
  const result = await sendOutboundCapturing(db, input.url, {
    method: event.method,
    headers: replayHeaders(
      event.headers,
      body,
      input.secret && resign ? { resign, secret: input.secret.value } : undefined,
    ),
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
