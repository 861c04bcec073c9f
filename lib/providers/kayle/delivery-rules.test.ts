import { describe, expect, it } from 'vitest'
import {
  failureReason,
  retentionReasonText,
  retryability,
  RETENTION_REASON_TEXT,
  type DeliveryState,
} from './delivery-rules'
import { KAYLE_RETENTION_REASONS } from './schemas'

const NOW = Date.parse('2026-05-05T12:00:00Z')
const failed: DeliveryState = {
  status: 'failed',
  attempts: 8,
  lastStatusCode: 502,
  payloadExpiresAt: '2026-05-08T11:03:30Z',
  payloadScrubbedAt: null,
  retentionReason: 'terminal_failure_retention',
}

describe('retry as deliveries.mdx allows it', () => {
  it('offers a retry only for a failed delivery whose payload is kept', () => {
    expect(retryability(failed, NOW)).toEqual({ allowed: true })
  })

  it('refuses a delivered one (scrubbed at the 2xx), with the reason', () => {
    const delivered = {
      ...failed,
      status: 'succeeded',
      lastStatusCode: 200,
      payloadExpiresAt: null,
      payloadScrubbedAt: '2026-05-05T11:00:01Z',
      retentionReason: 'delivered',
    }
    expect(retryability(delivered, NOW)).toEqual({
      allowed: false,
      reason: 'Delivered: Kayle scrubbed the payload at the 2xx answer.',
    })
  })

  it('refuses once payload_expires_at has passed or payload_scrubbed_at is set', () => {
    expect(
      retryability({ ...failed, payloadExpiresAt: '2026-05-05T11:59:59Z' }, NOW),
    ).toMatchObject({ allowed: false, reason: expect.stringContaining('no longer retained') })
    expect(
      retryability(
        { ...failed, payloadScrubbedAt: '2026-05-05T11:00:00Z', retentionReason: 'expired' },
        NOW,
      ),
    ).toMatchObject({ allowed: false })
  })

  it('refuses a delivery Kayle never had a payload for (no active key)', () => {
    const noKey = {
      ...failed,
      attempts: 1,
      lastStatusCode: null,
      payloadExpiresAt: null,
      payloadScrubbedAt: '2026-05-05T11:00:00Z',
      retentionReason: 'no_active_key',
    }
    expect(retryability(noKey, NOW)).toEqual({
      allowed: false,
      reason: `No payload to send again. ${RETENTION_REASON_TEXT.no_active_key}`,
    })
    expect(failureReason(noKey)).toContain('no active encryption key')
  })

  it('does not offer a retry while Kayle is still attempting', () => {
    expect(
      retryability(
        {
          ...failed,
          status: 'pending',
          retentionReason: 'pending_delivery',
          payloadExpiresAt: null,
        },
        NOW,
      ),
    ).toMatchObject({ allowed: false })
    expect(
      retryability(
        {
          ...failed,
          status: 'delivering',
          retentionReason: 'pending_delivery',
          payloadExpiresAt: null,
        },
        NOW,
      ),
    ).toMatchObject({ allowed: false })
  })
})

describe('failure and retention reasons', () => {
  it('explains every documented retention reason, and shows an undocumented one as sent', () => {
    for (const reason of KAYLE_RETENTION_REASONS)
      expect(retentionReasonText(reason)).toBe(RETENTION_REASON_TEXT[reason])
    expect(retentionReasonText('new_reason')).toBe('Kayle’s reason: new_reason.')
    expect(retentionReasonText(null)).toBe('Kayle gave no reason.')
  })

  it('names a non-2xx answer, no answer at all, and nothing for a delivery that did not fail', () => {
    expect(failureReason(failed)).toBe(
      'The endpoint answered HTTP 502; Kayle counts any answer outside 2xx as a failure.',
    )
    expect(failureReason({ ...failed, lastStatusCode: null })).toContain('gave no answer')
    expect(failureReason({ ...failed, status: 'succeeded' })).toBeNull()
  })
})
