import { describe, expect, it } from 'vitest'
import { diffHeaders, diffPayloads } from './delivery-diff'

describe('diffPayloads', () => {
  it('lists changed, removed and added keys by dotted path, nothing for equal ones', () => {
    const a = {
      event_type: 'avatar_video.success',
      event_data: { video_id: 'v1', url: 'https://a', folder_id: 'f', tags: ['x', 'y'] },
    }
    const b = {
      event_type: 'avatar_video.success',
      event_data: { video_id: 'v1', url: 'https://b', tags: ['x', 'z', 'w'], 'odd key': 1 },
    }
    expect(diffPayloads(a, b)).toEqual({
      truncated: false,
      changes: [
        { path: 'event_data.url', kind: 'changed', before: 'https://a', after: 'https://b' },
        { path: 'event_data.folder_id', kind: 'removed', before: 'f' },
        { path: 'event_data.tags[1]', kind: 'changed', before: 'y', after: 'z' },
        { path: 'event_data.tags[2]', kind: 'added', after: 'w' },
        { path: 'event_data["odd key"]', kind: 'added', after: 1 },
      ],
    })
    expect(diffPayloads(a, structuredClone(a)).changes).toEqual([])
  })

  it('treats a change of shape as one change of the value, and stops at the limit', () => {
    expect(diffPayloads({ a: { b: 1 } }, { a: [1] }).changes).toEqual([
      { path: 'a', kind: 'changed', before: { b: 1 }, after: [1] },
    ])
    expect(diffPayloads(1, 'x').changes[0]?.path).toBe('(payload)')
    const many = diffPayloads(
      Array.from({ length: 50 }, (_, i) => i),
      Array.from({ length: 50 }, (_, i) => -i - 1),
      10,
    )
    expect(many.changes).toHaveLength(10)
    expect(many.truncated).toBe(true)
  })
})

describe('diffHeaders', () => {
  it('compares names without case and puts what differs first', () => {
    expect(
      diffHeaders(
        { 'Content-Type': 'application/json', signature: 'aa', 'x-old': '1' },
        { 'content-type': 'application/json', Signature: 'bb', 'x-new': '2' },
      ),
    ).toEqual([
      { name: 'signature', kind: 'changed', before: 'aa', after: 'bb' },
      { name: 'x-new', kind: 'added', after: '2' },
      { name: 'x-old', kind: 'removed', before: '1' },
      { name: 'content-type', kind: 'same', before: 'application/json', after: 'application/json' },
    ])
  })
})
