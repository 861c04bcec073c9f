import { describe, expect, it } from 'vitest'
import { formatRelative } from './format'

const NOW = Date.parse('2026-11-22T18:00:00Z')
const at = (offsetMs: number) => new Date(NOW + offsetMs).toISOString()
const S = 1000
const MIN = 60 * S
const H = 60 * MIN
const D = 24 * H

describe('formatRelative', () => {
  it('words past times in seconds, minutes, hours and days, then the date', () => {
    expect(formatRelative(at(-3 * S), NOW)).toBe('just now')
    expect(formatRelative(at(-42 * S), NOW)).toBe('42 s ago')
    expect(formatRelative(at(-(3 * MIN + 59 * S)), NOW)).toBe('3 min ago')
    expect(formatRelative(at(-5 * H), NOW)).toBe('5 h ago')
    expect(formatRelative(at(-12 * D), NOW)).toBe('12 d ago')
    expect(formatRelative(at(-40 * D), NOW)).toBe('13 Oct 2026')
  })

  it('reads a past event ahead of the clock (skew) as "just now", never "in 2 seconds"', () => {
    expect(formatRelative(at(2 * S), NOW)).toBe('just now')
    expect(formatRelative(at(5 * MIN), NOW)).toBe('just now')
  })

  it('words a time meant to lie ahead as "in …"', () => {
    const future = { future: true }
    expect(formatRelative(at(42 * S), NOW, future)).toBe('in 42 s')
    expect(formatRelative(at(5 * MIN), NOW, future)).toBe('in 5 min')
    expect(formatRelative(at(5 * H + 30 * MIN), NOW, future)).toBe('in 5 h')
    expect(formatRelative(at(3 * D), NOW, future)).toBe('in 3 d')
    expect(formatRelative(at(40 * D), NOW, future)).toBe('1 Jan 2027')
  })

  it('lets a future time that has come, or passed, read as the past does', () => {
    const future = { future: true }
    expect(formatRelative(at(3 * S), NOW, future)).toBe('just now')
    expect(formatRelative(at(-4 * MIN), NOW, future)).toBe('4 min ago')
  })

  it('answers an unreadable time as given', () => {
    expect(formatRelative('soon', NOW)).toBe('soon')
  })
})
