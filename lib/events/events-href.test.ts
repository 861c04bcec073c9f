import { expect, it } from 'vitest'
import { filtersToSearchParams, parseEventFilters } from '../validations/event-filters'
import { eventsHref } from './events-href'

it('keeps commas readable in /events addresses, and they read back as the same filters', () => {
  const params = filtersToSearchParams({ verdict: 'invalid,unsigned', type: 'a.b,c', q: 'x y&z' })
  const href = eventsHref(params)
  expect(href).toBe('/events?type=a.b,c&verdict=invalid,unsigned&q=x+y%26z')
  expect(parseEventFilters(new URLSearchParams(href.split('?')[1])).data).toEqual({
    type: 'a.b,c',
    verdict: 'invalid,unsigned',
    q: 'x y&z',
  })
  expect(eventsHref(new URLSearchParams(), '/events')).toBe('/events')
  expect(eventsHref('verdict=unsigned', '')).toBe('?verdict=unsigned')
})
