import { describe, expect, it } from 'vitest'
import { konproDefinition } from '../providers/konpro/definition'
import { dedupeKey, MAX_JSON_DEPTH, parseBody } from './parse'
import { describePayload } from './receive'
import { createRateLimiter } from './receiver-state'

/** What the receiver stores of a KonPro body: the parse, the event type and the ids. */
function parseDelivery(body: Uint8Array) {
  const parsed = parseBody(body)
  return { ...parsed, ...describePayload(konproDefinition, parsed.payload, new Headers()) }
}

describe('parseDelivery', () => {
  it('reads the event type and the ids in event_data', () => {
    const parsed = parseDelivery(
      Buffer.from(
        JSON.stringify({
          event_type: 'video_translate.success',
          event_data: { video_translate_id: 'vt1', callback_id: 'cb', project_id: 42 },
        }),
      ),
    )
    expect(parsed).toMatchObject({
      parseStatus: 'ok',
      eventType: 'video_translate.success',
    })
    // Only the ids present, each as text: no video_id here.
    expect(parsed.correlation).toEqual({
      video_translate_id: 'vt1',
      callback_id: 'cb',
      project_id: '42',
    })
  })

  it.each([
    ['an empty body', Buffer.alloc(0), 'empty'],
    ['invalid JSON', Buffer.from('{"event_type": '), 'invalid_json'],
    ['invalid UTF-8', Buffer.from([0x7b, 0xff, 0xfe, 0x7d]), 'invalid_utf8'],
  ])('describes %s without throwing', (_, body, status) => {
    expect(parseDelivery(body)).toMatchObject({
      parseStatus: status,
      payload: null,
      eventType: null,
    })
  })

  it('keeps JSON nested deeper than the limit unparsed, and says why', () => {
    const deep = Buffer.from('{"a":'.repeat(4400) + '1' + '}'.repeat(4400))
    expect(parseDelivery(deep)).toMatchObject({
      parseStatus: 'too_deep',
      payload: null,
      eventType: null,
    })
    // The limit itself is fine, one more level is not.
    const nested = (n: number) => Buffer.from('['.repeat(n) + ']'.repeat(n))
    expect(parseDelivery(nested(MAX_JSON_DEPTH)).parseStatus).toBe('ok')
    expect(parseDelivery(nested(MAX_JSON_DEPTH + 1)).parseStatus).toBe('too_deep')
    // Brackets inside strings do not count.
    const text = Buffer.from(JSON.stringify({ event_type: 'x', s: '['.repeat(1000) }))
    expect(parseDelivery(text)).toMatchObject({ parseStatus: 'ok', eventType: 'x' })
  })

  it('keeps JSON that PostgreSQL could not store as jsonb by replacing U+0000', () => {
    const parsed = parseDelivery(Buffer.from('{"event_type":"a\\u0000b"}'))
    expect(parsed.eventType).toBe('a\ufffdb')
  })

  it('replaces lone surrogates, which PostgreSQL refuses in jsonb, and keeps pairs', () => {
    const parsed = parseDelivery(
      Buffer.from('{"event_type":"x\\ud800y","\\udc00":["\\ud83d\\ude00",{"k":"\\udbff"}]}'),
    )
    expect(parsed.parseStatus).toBe('ok')
    expect(parsed.payload).toEqual({ event_type: 'x\ufffdy', '\ufffd': ['😀', { k: '\ufffd' }] })
    expect(parsed.eventType).toBe('x\ufffdy')
  })

  it('accepts JSON that is not an object', () => {
    expect(parseDelivery(Buffer.from('[1,2]'))).toMatchObject({
      parseStatus: 'ok',
      payload: [1, 2],
      eventType: null,
    })
  })
})

describe('dedupeKey', () => {
  it('is equal only for the same body and signature', () => {
    const body = Buffer.from('{"a":1}')
    expect(dedupeKey(body, 'abc')).toBe(dedupeKey(Buffer.from('{"a":1}'), 'abc'))
    expect(dedupeKey(body, 'abc')).not.toBe(dedupeKey(body, 'abd'))
    expect(dedupeKey(body, null)).not.toBe(dedupeKey(Buffer.from('{"a":2}'), null))
  })
})

describe('rate limiter', () => {
  it('allows the limit per window, then says how long to wait', () => {
    const limiter = createRateLimiter(3)
    const t = 1_000_000
    expect([1, 2, 3].map(() => limiter.check('1.2.3.4', t))).toEqual([null, null, null])
    expect(limiter.check('1.2.3.4', t + 15_000)).toBe(45)
    expect(limiter.check('5.6.7.8', t)).toBeNull()
    expect(limiter.check('1.2.3.4', t + 60_000)).toBeNull()
  })
})
