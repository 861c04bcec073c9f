import { describe, expect, it } from 'vitest'
import { PEER_HEADER } from './client-address'
import { deliveryHeaders } from './incoming'
import { requestFacts } from './receive'

const incoming = (headers: Record<string, string>) => ({
  method: 'POST',
  headers: new Headers(headers),
  readBody: async () => new Uint8Array(),
})

describe('requestFacts', () => {
  it('bounds the header values it stores and streams', () => {
    const long = 'a'.repeat(7000)
    const facts = requestFacts(
      incoming({
        'content-type': `application/json; x=${long}`,
        'user-agent': long,
        'x-extra': long,
      }),
      '203.0.113.9',
      new Uint8Array(),
    )
    expect(facts.contentType!.length).toBeLessThanOrEqual(200)
    expect(facts.contentType).toMatch(/^application\/json; x=a/)
    expect(facts.headers['user-agent']!.length).toBeLessThanOrEqual(1024)
    expect(facts.headers['x-extra']!.length).toBeLessThanOrEqual(1024)
    expect(facts.sourceIp).toBe('203.0.113.9')
  })

  it('keeps ordinary values whole', () => {
    const facts = requestFacts(
      incoming({ 'content-type': 'application/json', 'user-agent': 'KonPro/1.0' }),
      null,
      new Uint8Array([1]),
    )
    expect(facts).toMatchObject({
      contentType: 'application/json',
      size: 1,
      headers: { 'user-agent': 'KonPro/1.0' },
    })
  })

  it('leaves out the socket address server.mjs adds, which the sender never sent', () => {
    const facts = requestFacts(
      incoming({
        [PEER_HEADER]: '198.51.100.7',
        'x-forwarded-for': '198.51.100.7',
        'user-agent': 'KonPro/1.0',
      }),
      '198.51.100.7',
      new Uint8Array(),
    )
    expect(facts.headers).toEqual({ 'x-forwarded-for': '198.51.100.7', 'user-agent': 'KonPro/1.0' })
    expect(facts.sourceIp).toBe('198.51.100.7')
  })

  it('hides it from rows stored before it was left out', () => {
    expect(
      deliveryHeaders({
        [PEER_HEADER]: '198.51.100.7',
        'X-Konpro-Peer': '1',
        signature: 't=1,v1=a',
      }),
    ).toEqual({ signature: 't=1,v1=a' })
  })
})
