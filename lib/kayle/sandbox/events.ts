import 'server-only'
import { randomBytes } from 'node:crypto'
import type { KayleEventTypeName } from '../event-catalog'

export const CONTRACT_VERSION = '2025-01-01'

const random = (bytes = 8) => randomBytes(bytes).toString('hex')

/** A realistic decrypted delivery for each event type, shaped as Kayle documents it. */
export function sampleEvent(type: KayleEventTypeName) {
  const sessionId = `vs_${random()}`
  const now = new Date().toISOString()
  const outcome = type.slice('verification.session.'.length)
  const base = { verification_session_id: sessionId, reference_id: `ref_${random(4)}`, status: outcome, created_at: now }
  const details: Record<string, Record<string, unknown>> = {
    succeeded: { completed_at: now, checks: { document: 'passed', liveness: 'passed', face_match: 'passed' } },
    failed: { completed_at: now, failure_reason: 'document_unreadable', checks: { document: 'failed', liveness: 'passed', face_match: 'not_run' } },
    expired: { expired_at: now },
    cancelled: { cancelled_at: now, cancelled_by: 'user' },
  }
  return {
    type,
    metadata: { contract_version: CONTRACT_VERSION, event_id: `evt_${random()}`, verification_session_id: sessionId },
    data: { ...base, ...details[outcome] },
  }
}
