import { NextRequest } from 'next/server'
import { describe, expect, it } from 'vitest'
import { PEER_HEADER } from './webhooks/client-address'

// env() is read once per process: the trusted proxy is configured before the proxy first runs.
process.env.TRUSTED_PROXIES = '10.0.0.0/8'
process.env.APP_URL = ''
const { proxy } = await import('../proxy')

const page = (peer: string, headers: Record<string, string> = {}) =>
  proxy(
    new NextRequest('http://console.test/login', { headers: { [PEER_HEADER]: peer, ...headers } }),
  )

describe('proxy security headers', () => {
  it('sets HSTS when a trusted proxy says the browser used https', () => {
    const res = page('10.0.0.2', { 'x-forwarded-proto': 'https' })
    expect(res.headers.get('strict-transport-security')).toBe('max-age=31536000; includeSubDomains')
    expect(res.headers.get('x-content-type-options')).toBe('nosniff')
  })

  it('ignores X-Forwarded-Proto written by anyone else', () => {
    expect(
      page('198.51.100.7', { 'x-forwarded-proto': 'https' }).headers.get(
        'strict-transport-security',
      ),
    ).toBeNull()
    // No socket address at all (`next start`): nothing vouches for the header either.
    expect(
      proxy(
        new NextRequest('http://console.test/login', { headers: { 'x-forwarded-proto': 'https' } }),
      ).headers.get('strict-transport-security'),
    ).toBeNull()
  })

  it('sets no HSTS over plain http from a trusted proxy', () => {
    expect(
      page('10.0.0.2', { 'x-forwarded-proto': 'http' }).headers.get('strict-transport-security'),
    ).toBeNull()
  })
})
