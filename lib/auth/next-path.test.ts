import { describe, expect, it } from 'vitest'
import { DEFAULT_NEXT, safeNextPath } from './next-path'

describe('safeNextPath', () => {
  it('keeps a same-origin path with its query and hash', () => {
    expect(safeNextPath('/konpro/endpoints')).toBe('/konpro/endpoints')
    expect(safeNextPath('/events?provider=kayle&q=a%20b#top')).toBe(
      '/events?provider=kayle&q=a%20b#top',
    )
    expect(safeNextPath('/events/42', 'http://127.0.0.1:3000')).toBe('/events/42')
  })

  it.each([
    ['backslash host', '/\\evil.example/path'],
    ['double backslash', '/\\\\evil.example'],
    ['tab before the host', '/\t/evil.example'],
    ['newline before the host', '/\n/evil.example'],
    ['carriage return', '/\r/evil.example'],
    ['protocol-relative', '//evil.example/x'],
    ['absolute https', 'https://evil.example/'],
    ['absolute with same-looking path', 'http://evil.example/endpoints'],
    ['javascript scheme', 'javascript:alert(1)'],
    ['dot segment to a protocol-relative path', '/.//evil.example'],
    ['encoded dot segment', '/%2e//evil.example'],
    ['relative without a slash', 'evil.example'],
    ['userinfo trick', '/@evil.example'],
  ])('refuses %s', (_name, next) => {
    const kept = safeNextPath(next, 'http://127.0.0.1:3000')
    expect(new URL(kept, 'http://127.0.0.1:3000').origin).toBe('http://127.0.0.1:3000')
    expect(kept.startsWith('//')).toBe(false)
  })

  it('falls back to the endpoints list for what leaves the origin', () => {
    for (const next of [
      '/\\evil.example',
      '/\t/evil.example',
      '//evil.example',
      'https://evil.example',
      '/%5Cevil.example'.replace('%5C', '\\'),
    ]) {
      expect(safeNextPath(next)).toBe(DEFAULT_NEXT)
    }
    expect(safeNextPath(undefined)).toBe(DEFAULT_NEXT)
    expect(safeNextPath('')).toBe(DEFAULT_NEXT)
    expect(safeNextPath('/login?next=/endpoints')).toBe(DEFAULT_NEXT)
  })

  it('keeps an encoded backslash as a path character, not a host', () => {
    // %5C stays escaped in the path: the browser never reads it as a separator.
    expect(safeNextPath('/%5Cevil.example')).toBe('/%5Cevil.example')
    expect(safeNextPath('/%2F%2Fevil.example')).toBe('/%2F%2Fevil.example')
  })
})
