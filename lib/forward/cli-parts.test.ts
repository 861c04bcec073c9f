import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { parseSince } from '../../bin/forward/forward.mjs'
import { forwardedHeaders } from '../../bin/forward/send.mjs'
import { readSse } from '../../bin/forward/sse.mjs'
import { ForwardError } from '../../bin/forward/errors.mjs'
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
    writeState(file, 'http://a', 41)
    writeState(file, 'http://a', 42, 43)
    expect(readState(file, 'http://a')).toEqual({ console: 'http://a', after: 42, inFlight: 43 })
    writeState(file, 'http://a', 43)
    expect(readState(file, 'http://a')).toEqual({ console: 'http://a', after: 43 })
    writeState(file, 'http://a', 42)
    expect(readState(file, 'http://a')).toEqual({ console: 'http://a', after: 42 })
    // Another console's state is not used.
    expect(readState(file, 'http://b')).toBeNull()
    expect(readdirSync(path.dirname(file))).toEqual(['state.json'])
    // A damaged file stops the forwarder rather than silently skip what arrived meanwhile.
    for (const damaged of [
      '{"console":"http://a","after":',
      '{"console":"http://a","after":-1}',
      '{"console":"http://a","after":4,"inFlight":"5"}',
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
