import { describe, expect, it } from 'vitest'
import ipaddr from 'ipaddr.js'
import { clientAddress, forwardedHttps, PEER_HEADER, validAddress } from './client-address'

const none = { vercel: false, cidrs: [] }
const proxies = (...entries: string[]) => ({
  vercel: false,
  cidrs: entries.map((e) => ipaddr.parseCIDR(e)),
})
const from = (peer: string, extra: Record<string, string> = {}) =>
  new Headers({ [PEER_HEADER]: peer, ...extra })

describe('clientAddress', () => {
  it('is the socket address when no proxy is trusted, whatever the forwarding headers say', () => {
    expect(clientAddress(from('198.51.100.7', { 'x-forwarded-for': '203.0.113.9' }), none)).toBe(
      '198.51.100.7',
    )
    expect(clientAddress(from('198.51.100.7', { 'x-real-ip': '203.0.113.9' }), none)).toBe(
      '198.51.100.7',
    )
    expect(clientAddress(from('::ffff:198.51.100.7'), none)).toBe('198.51.100.7')
  })

  it('walks X-Forwarded-For right to left past trusted proxies only', () => {
    const trusted = proxies('10.0.0.0/8', '2001:db8::/32')
    // A client's own forged first hop is never reached: the proxy's appended hop stops the walk.
    expect(
      clientAddress(
        from('10.0.0.2', { 'x-forwarded-for': '1.2.3.4, 203.0.113.9, 10.0.0.5' }),
        trusted,
      ),
    ).toBe('203.0.113.9')
    expect(clientAddress(from('2001:db8::1', { 'x-forwarded-for': '203.0.113.9' }), trusted)).toBe(
      '203.0.113.9',
    )
    // The peer is not a trusted proxy: its header is anyone's to write.
    expect(clientAddress(from('198.51.100.7', { 'x-forwarded-for': '203.0.113.9' }), trusted)).toBe(
      '198.51.100.7',
    )
  })

  it('uses Vercel’s own header with the vercel preset', () => {
    const vercel = { vercel: true, cidrs: [] }
    expect(
      clientAddress(
        new Headers({ 'x-vercel-forwarded-for': '203.0.113.9', 'x-forwarded-for': '1.2.3.4' }),
        vercel,
      ),
    ).toBe('203.0.113.9')
    expect(clientAddress(new Headers({ 'x-real-ip': '203.0.113.10' }), vercel)).toBe('203.0.113.10')
  })

  it('never stores what is not an address', () => {
    expect(
      clientAddress(
        from('10.0.0.2', { 'x-forwarded-for': '=HYPERLINK("https://evil.test","x")' }),
        proxies('10.0.0.0/8'),
      ),
    ).toBeNull()
    expect(
      clientAddress(
        from('10.0.0.2', { 'x-forwarded-for': '1'.repeat(7000) }),
        proxies('10.0.0.0/8'),
      ),
    ).toBeNull()
    expect(clientAddress(from('not an address'), none)).toBeNull()
    expect(validAddress('999.1.1.1')).toBeNull()
    expect(validAddress(undefined)).toBeNull()
  })
})

describe('forwardedHttps', () => {
  it('believes X-Forwarded-Proto only from a trusted proxy', () => {
    expect(forwardedHttps(from('198.51.100.7', { 'x-forwarded-proto': 'https' }), none)).toBe(false)
    expect(
      forwardedHttps(from('10.0.0.2', { 'x-forwarded-proto': 'https' }), proxies('10.0.0.0/8')),
    ).toBe(true)
    expect(
      forwardedHttps(from('10.0.0.2', { 'x-forwarded-proto': 'http' }), proxies('10.0.0.0/8')),
    ).toBe(false)
  })
})
