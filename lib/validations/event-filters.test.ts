import { describe, expect, it } from 'vitest'
import {
  filtersToSearchParams,
  hasActiveFilters,
  chartRangeOf,
  histogramRangeSchema,
  parseEventFilters,
  parseEventFiltersLenient,
  parseEventListQuery,
} from './event-filters'

describe('event filters', () => {
  it('parses every filter from search params and drops blanks', () => {
    const params = new URLSearchParams(
      'type=avatar_video.fail&verdict=invalid&provider=&from=2026-01-01T00:00:00Z&to=2026-01-02T00:00:00.000Z&q=%20x%20',
    )
    const result = parseEventFilters(params)
    expect(result.success && result.data).toEqual({
      type: 'avatar_video.fail',
      verdict: 'invalid',
      from: '2026-01-01T00:00:00Z',
      to: '2026-01-02T00:00:00.000Z',
      q: ' x ',
    })
  })

  it('accepts Next search param records with repeated keys', () => {
    const result = parseEventFilters({ type: ['a', 'b'], verdict: undefined })
    expect(result.success && result.data).toEqual({ type: 'a' })
  })

  it('rejects unknown verdicts, bad dates and reversed ranges', () => {
    expect(parseEventFilters({ verdict: 'maybe' }).success).toBe(false)
    expect(parseEventFilters({ from: 'yesterday' }).success).toBe(false)
    expect(
      parseEventFilters({ from: '2026-01-02T00:00:00Z', to: '2026-01-01T00:00:00Z' }).success,
    ).toBe(false)
    expect(parseEventFilters({ q: 'x'.repeat(501) }).success).toBe(false)
    expect(parseEventFilters({ since: '2y' }).success).toBe(false)
    expect(parseEventFilters({ since: '1h' }).success).toBe(true)
  })

  it('reads several verdicts, the response filters and a payload field', () => {
    expect(
      parseEventFilters({
        verdict: 'invalid,unsigned',
        status: '401',
        rejected: '1',
        notJson: '1',
        field: 'event_data.video_id=v 1',
      }).success,
    ).toBe(true)
    expect(parseEventFilters({ verdict: 'invalid,maybe' }).success).toBe(false)
    expect(parseEventFilters({ status: '500' }).success).toBe(false)
    expect(parseEventFilters({ field: 'no equals sign' }).success).toBe(false)
    expect(parseEventFilters({ field: "a'b=1" }).success).toBe(false)
    expect(hasActiveFilters({ rejected: '1' })).toBe(true)
  })

  it('drops only the invalid parameters when lenient', () => {
    expect(parseEventFiltersLenient({ verdict: 'maybe', type: 'avatar_video.success' })).toEqual({
      filters: { type: 'avatar_video.success' },
      invalid: ['verdict'],
    })
  })

  it('parses paging parameters', () => {
    const ok = parseEventListQuery(new URLSearchParams('after=41&limit=20&type=t'))
    expect(ok.success && ok.data).toEqual({ filters: { type: 't' }, after: 41, limit: 20 })
    expect(parseEventListQuery(new URLSearchParams('before=-1')).success).toBe(false)
    expect(parseEventListQuery(new URLSearchParams('limit=100000')).success).toBe(false)
    expect(parseEventListQuery(new URLSearchParams('after=abc')).success).toBe(false)
  })

  it('round-trips through search params', () => {
    const filters = { type: 'a b', verdict: 'unsigned' as const, q: '50%' }
    const params = filtersToSearchParams(filters, { range: 'week' })
    expect(params.toString()).toBe('type=a+b&verdict=unsigned&q=50%25&range=week')
    const back = parseEventFilters(params)
    expect(back.success && back.data).toEqual(filters)
    expect(hasActiveFilters({})).toBe(false)
    expect(hasActiveFilters(filters)).toBe(true)
  })

  it('defaults the chart range to all time', () => {
    expect(histogramRangeSchema.parse(undefined)).toBe('all')
    expect(histogramRangeSchema.parse('week')).toBe('week')
    expect(histogramRangeSchema.safeParse('year').success).toBe(false)
  })

  it('gives the chart the period the list shows', () => {
    expect(chartRangeOf({}, 'hour')).toBe('all')
    expect(chartRangeOf({ since: '15m' }, undefined)).toBe('quarter')
    expect(chartRangeOf({ since: '7d' }, 'hour')).toBe('week')
    const picked = { from: '2026-01-01T00:00:00Z', to: '2026-01-01T01:00:00Z' }
    expect(chartRangeOf(picked, 'day')).toBe('day')
    expect(chartRangeOf(picked, undefined)).toBe('all')
    expect(chartRangeOf(picked, 'year')).toBe('all')
  })
})
