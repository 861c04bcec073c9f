import { describe, expect, it } from 'vitest'
import { clientAddress, validAddress } from './client-address'

describe('clientAddress', () => {
  it('keeps IPv4 and IPv6 addresses', () => {
    expect(clientAddress(new Headers({ 'x-forwarded-for': '203.0.113.9, 10.0.0.1' }))).toBe('203.0.113.9')
    expect(clientAddress(new Headers({ 'x-forwarded-for': ' 2001:db8::1 ' }))).toBe('2001:db8::1')
    expect(clientAddress(new Headers({ 'x-real-ip': '198.51.100.7' }))).toBe('198.51.100.7')
  })

  it('never stores what is not an address', () => {
    expect(clientAddress(new Headers({ 'x-forwarded-for': '=HYPERLINK("https://evil.test","x")' }))).toBeNull()
    expect(clientAddress(new Headers({ 'x-forwarded-for': '1'.repeat(7000) }))).toBeNull()
    expect(validAddress('999.1.1.1')).toBeNull()
    expect(validAddress(undefined)).toBeNull()
  })
})
