import { describe, expect, it } from 'vitest'
import { pagerLinks, pagerParamsSchema } from './kayle-pager'

const links = (query: Record<string, string>, next: string | null) =>
  pagerLinks('/kayle/endpoints', pagerParamsSchema.parse(query), next)

describe('forward-only cursors with a stack of the pages before', () => {
  it('walks forward and back to the first page', () => {
    const first = links({}, 'whe_a')
    expect(first).toEqual({ previous: null, next: '/kayle/endpoints?after=whe_a&back=', page: 1 })
    const second = links({ after: 'whe_a', back: '' }, 'whe_b')
    expect(second).toEqual({
      previous: '/kayle/endpoints',
      next: '/kayle/endpoints?after=whe_b&back=%2Cwhe_a',
      page: 2,
    })
    const third = links({ after: 'whe_b', back: ',whe_a' }, null)
    expect(third).toEqual({ previous: '/kayle/endpoints?after=whe_a&back=', next: null, page: 3 })
  })

  it('drops what is not a cursor Kayle documents, instead of sending it', () => {
    expect(pagerParamsSchema.parse({ after: 'bad cursor!', back: 'x' })).toEqual({
      after: undefined,
      back: ['x'],
    })
    expect(pagerParamsSchema.parse({ after: 'whe_a', back: 'ok,not ok' })).toEqual({
      after: 'whe_a',
      back: [],
    })
  })
})
