import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { parseSince } from '../../bin/forward/forward.mjs'
import { forwardedHeaders } from '../../bin/forward/send.mjs'
import { readSse } from '../../bin/forward/sse.mjs'
import { ForwardError } from '../../bin/forward/errors.mjs'
import { handledSince, MAX_HANDLED } from '../../bin/forward/handled.mjs'
import { readState, writeState } from '../../bin/forward/state.mjs'

// The pieces of `konpro-console forward` that need no server: the complete run is in
// forward.integration.test.ts.

const streamOf = (chunks: string[]) =>
  new ReadableStream<Uint8Array>({
    start(controller) {
      for (const c of chunks) controller.enqueue(new TextEncoder().encode(c))
      controller.close()
    },
  })

describe('readSse', () => {
  it('reads messages split anywhere across chunks, with CRLF or LF, skipping comments', async () => {
    const text =
      'retry: 2000\n: connected\n\nid: 7\nevent: delivery\ndata: {"id":7}\n\n: heartbeat\r\n\r\nid: 8\r\nevent: delivery\r\ndata: {"id":\r\ndata: 8}\r\n\r\n'
    const chunks = text.match(/[\s\S]{1,5}/g)!
    const got = []
    for await (const m of readSse(streamOf(chunks), { idleMs: 5_000, onIdle: () => {} }))
      got.push(m)
    expect(got).toEqual([
      { id: '7', event: 'delivery', data: '{"id":7}' },
      { id: '8', event: 'delivery', data: '{"id":\n8}' },
    ])
  })

  it('gives up on a stream that stays silent', async () => {
    let idle = false
    const silent = new ReadableStream<Uint8Array>({ start() {} })
    const reading = (async () => {
      for await (const m of readSse(silent, { idleMs: 50, onIdle: () => (idle = true) })) void m
    })()
    await expect(reading).rejects.toThrow('silent')
    expect(idle).toBe(true)
  })
})

it('parses --since as a window or a delivery id, and says what it takes otherwise', () => {
  expect(parseSince('10m')).toEqual({ ms: 600_000 })
  expect(parseSince('2h')).toEqual({ ms: 7_200_000 })
  expect(parseSince('1d')).toEqual({ ms: 86_400_000 })
  expect(parseSince('1234')).toEqual({ id: 1234 })
  expect(() => parseSince('yesterday')).toThrow('--since takes a duration such as 10m')
  expect(() => parseSince('-5')).toThrow()
})

it('forwards every header but those of the original connection, and names the delivery', () => {
  const stored = {
    host: 'console.example.com',
    'content-length': '12',
    connection: 'keep-alive',
    'transfer-encoding': 'chunked',
    signature: 'abc',
    'heygen-signature': 'def',
    'heygen-timestamp': '1700000000',
    'content-type': 'application/json',
    'x-cut-short': 'aaaa…',
  }
  expect(forwardedHeaders(stored, 42)).toEqual({
    signature: 'abc',
    'heygen-signature': 'def',
    'heygen-timestamp': '1700000000',
    'content-type': 'application/json',
    'x-konpro-console-delivery': '42',
  })
  // A delivery that may have reached the app before a hard kill says so, beside its id.
  expect(forwardedHeaders({ signature: 'abc' }, 43, { redelivery: true })).toEqual({
    signature: 'abc',
    'x-konpro-console-delivery': '43',
    'x-konpro-console-redelivery': '1',
  })
})

it('keeps state for one console, written whole', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'forward-state-'))
  try {
    const file = path.join(dir, 'nested', 'state.json')
    expect(readState(file, 'http://a')).toBeNull()
    writeState(file, 'http://a', { after: 41 })
    writeState(file, 'http://a', { after: 42, inFlight: 43 })
    expect(readState(file, 'http://a')).toEqual({ console: 'http://a', after: 42, inFlight: 43 })
    writeState(file, 'http://a', { after: 43 })
    expect(readState(file, 'http://a')).toEqual({ console: 'http://a', after: 43 })
    writeState(file, 'http://a', { after: 42, handled: [44, 45], inFlight: 43 })
    expect(readState(file, 'http://a')).toEqual({
      console: 'http://a',
      after: 42,
      handled: [44, 45],
      inFlight: 43,
    })
    writeState(file, 'http://a', { after: 42, handled: [] })
    expect(readState(file, 'http://a')).toEqual({ console: 'http://a', after: 42 })
    // A file written before the handled ids were kept reads as nothing handled above `after`.
    writeFileSync(file, '{"console":"http://a","after":7,"updatedAt":"2026-12-01T00:00:00.000Z"}')
    expect(readState(file, 'http://a')).toEqual({ console: 'http://a', after: 7 })
    // Another console's state is not used.
    expect(readState(file, 'http://b')).toBeNull()
    expect(readdirSync(path.dirname(file))).toEqual(['state.json'])
    // A damaged file stops the forwarder rather than silently skip what arrived meanwhile.
    for (const damaged of [
      '{"console":"http://a","after":',
      '{"console":"http://a","after":-1}',
      '{"console":"http://a","after":4,"inFlight":"5"}',
      '{"console":"http://a","after":4,"handled":5}',
      '{"console":"http://a","after":4,"handled":[6,4]}',
      'null',
    ]) {
      writeFileSync(file, damaged)
      expect(() => readState(file, 'http://a'), damaged).toThrow(ForwardError)
      expect(() => readState(file, 'http://a'), damaged).toThrow(
        /Delete it to start with new deliveries, or pass --since/,
      )
    }
    expect(() => readState(path.dirname(file), 'http://a')).toThrow(/cannot be read: EISDIR/)
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
})

it('resumes after the newest delivery that one stored the grace later was handled after', () => {
  const at = (s: number) => new Date(Date.UTC(2026, 11, 1, 0, 0, s)).toISOString()
  const handled = handledSince(10, [], 5_000)
  handled.add(12, at(0))
  handled.add(13, at(3))
  // A lower id committed late, stored before 13.
  handled.add(11, at(1))
  expect(handled.after).toBe(10)
  expect(handled.ids()).toEqual([11, 12, 13])
  // Stored 5 s after 12 (and 11): every id below 12 has committed by then.
  handled.add(14, at(5))
  expect(handled.after).toBe(12)
  expect(handled.ids()).toEqual([13, 14])
  // What is at or below the resume point, or above it and handled, is not handled again.
  expect([10, 12, 13, 14].map((id) => handled.seen(id, at(5)))).toEqual([true, true, true, true])
  expect(handled.seen(15, at(6))).toBe(false)
})

it('learns when restored ids were stored as the stream replays them', () => {
  const at = (s: number) => new Date(Date.UTC(2026, 11, 1, 0, 0, s)).toISOString()
  const handled = handledSince(10, [11, 12], 5_000)
  expect(handled.seen(11, at(0))).toBe(true)
  expect(handled.seen(12, at(6))).toBe(true)
  expect(handled.after).toBe(11)
  expect(handled.ids()).toEqual([12])
})

it('keeps at most MAX_HANDLED ids above the resume point', () => {
  const stored = new Date(Date.UTC(2026, 11, 1)).toISOString()
  const handled = handledSince(0, [], 5_000)
  for (let id = 1; id <= MAX_HANDLED + 10; id++) handled.add(id, stored)
  expect(handled.after).toBe(10)
  expect(handled.ids()).toHaveLength(MAX_HANDLED)
})
