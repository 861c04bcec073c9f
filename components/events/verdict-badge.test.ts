import { createElement } from 'react'
import { renderToStaticMarkup } from 'react-dom/server'
import { describe, expect, it } from 'vitest'
import { VerdictBadge } from './verdict-badge'

const text = (html: string) => html.replace(/<[^>]+>/g, '')

describe('VerdictBadge', () => {
  it('says when a verified body is not JSON instead of a bare "Verified"', () => {
    const html = renderToStaticMarkup(
      createElement(VerdictBadge, { verdict: 'verified', parseStatus: 'invalid_json' }),
    )
    expect(text(html)).toBe('Verified · not JSON')
    expect(html).toContain('title="Verified, but the body is not JSON"')
  })

  it('names each unreadable body, and a readable one adds nothing', () => {
    const label = (parseStatus: Parameters<typeof VerdictBadge>[0]['parseStatus']) =>
      text(renderToStaticMarkup(createElement(VerdictBadge, { verdict: 'unsigned', parseStatus })))
    expect(label('ok')).toBe('Unsigned')
    expect(label('empty')).toBe('Unsigned · empty body')
    expect(label('invalid_utf8')).toBe('Unsigned · not text')
    expect(label('undecryptable')).toBe('Unsigned · not decrypted')
  })
})
