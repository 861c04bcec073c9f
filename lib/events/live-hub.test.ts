import pg from 'pg'
import { afterEach, describe, expect, it, vi } from 'vitest'
import type { SessionDb } from '../auth/current'
import type { Database } from '../db/client'
import { describeEachDatabase } from '../test/databases'
import { EVENTS_CHANNEL } from './channel'
import { createEventWriter } from './writer'
import { createLiveHub, type Frame } from './live-hub'
import { latestEventId, listEventsAfter, listEventsByIds } from './queries'
import { eventStream, frameOf, MAX_BUFFERED_BYTES, writeEventStream } from './stream'
import { STREAM_END_EVENT } from './stream-limit'
import type { EventSummary } from './types'
import { startHttpServer } from '../test/http-server'

const row = (n: number, padding = 200) => {
  const body = Buffer.from(
    JSON.stringify({ event_type: 'avatar_video.success', event_data: { video_id: `live-${n}` } }),
  )
  return {
    method: 'POST',
    size: body.length,
    headers: { 'content-type': 'application/json' },
    body,
    parseStatus: 'ok',
    eventType: 'avatar_video.success',
    // A fuller summary, so a few thousand rows pass the buffer bound.
    correlation: { video_id: `live-${n}-${'x'.repeat(padding)}` },
    verdict: 'verified',
    responseStatus: 200,
    dedupeKey: `live-${n}-${Math.random()}`,
  }
}

/** A hub on this database, counting its reads; woken by the real LISTEN. */
function hubOn(database: Database) {
  const db = database.db as SessionDb
  const reads = { n: 0 }
  const hub = createLiveHub(
    {
      read: (after, limit) => (reads.n++, listEventsAfter(db, { after, limit })),
      readIds: (ids) => listEventsByIds(db, ids),
      latest: () => latestEventId(db),
      listen: (onWake) => database.listen(EVENTS_CHANNEL, onWake),
    },
    { encode: frameOf, recheckMs: 60_000 },
  )
  return { db, hub, reads }
}

/** Reads SSE ids from a stream until `until` ids or the stream ends; answers the ids and how it ended. */
async function readIds(stream: ReadableStream<Uint8Array>, until: number) {
  const reader = stream.getReader()
  const decoder = new TextDecoder()
  const ids: number[] = []
  let buffer = ''
  try {
    while (ids.length < until) {
      const { done, value } = await reader.read()
      if (done) return { ids, ended: 'closed' as const }
      buffer += decoder.decode(value, { stream: true })
      const frames = buffer.split('\n\n')
      buffer = frames.pop()!
      for (const f of frames) {
        const m = /^id: (\d+)$/m.exec(f)
        if (m) ids.push(Number(m[1]))
      }
    }
    return { ids, ended: 'done' as const, reader }
  } catch (error) {
    return { ids, ended: 'error' as const, error: error as Error }
  }
}

/** The Node writer (server.mjs's fast path) behind a real socket; `open(after)` is a client's stream. */
async function nodeStreams(
  db: SessionDb,
  hub: ReturnType<typeof hubOn>['hub'],
  signal: () => AbortSignal,
) {
  const server = await startHttpServer((req, res) => {
    const after = Number(new URL(req.url, 'http://x').searchParams.get('after'))
    res.writeHead(200, { 'content-type': 'text/event-stream' })
    writeEventStream(db, after, res, { hub })
  })
  return {
    close: () => server.close(),
    open: async (after: number) =>
      (await fetch(`${server.url}/?after=${after}`, { signal: signal() })).body!,
  }
}

describeEachDatabase('live hub', (fresh, defer) => {
  const aborts: AbortController[] = []
  afterEach(async () => {
    for (const a of aborts.splice(0)) a.abort()
  })
  const abortable = () => {
    const a = new AbortController()
    aborts.push(a)
    return a.signal
  }

  it('reads each new batch once and hands the same frames to every subscriber', async () => {
    const database = await fresh()
    const { hub, reads } = hubOn(database)
    const got: Array<readonly Frame[]> = Array.from({ length: 20 }, () => [])
    const subs = await Promise.all(
      got.map((_, i) =>
        hub.subscribe({ deliver: ({ frames }) => (got[i] = [...got[i]!, ...frames]) }),
      ),
    )
    const writer = createEventWriter(database.db)
    const before = reads.n
    const written = await Promise.all(Array.from({ length: 50 }, (_, i) => writer.write(row(i))))
    await expect.poll(() => got.every((g) => g.length === 50), { timeout: 10_000 }).toBe(true)
    // Twenty subscribers, yet the reads are those of one reader (a handful for 50 rows), not twenty.
    expect(reads.n - before).toBeLessThan(20)
    expect(got[0]!.map((f) => f.id).sort((a, b) => a - b)).toEqual(
      written.map((w) => w.id).sort((a, b) => a - b),
    )
    // The very same bytes, encoded once.
    for (const g of got) expect(g.map((f) => f.bytes)).toEqual(got[0]!.map((f) => f.bytes))
    expect(got.every((g) => g.every((f, i) => f.bytes === got[0]![i]!.bytes))).toBe(true)
    subs.forEach((s) => s.unsubscribe())
    expect(hub.size).toBe(0)
  })

  it('streams replay then live rows with no gap and no repeat', async () => {
    const database = await fresh()
    const { db, hub } = hubOn(database)
    const writer = createEventWriter(database.db)
    const old = await Promise.all(Array.from({ length: 700 }, (_, i) => writer.write(row(i))))
    const reading = readIds(eventStream(db, 0, abortable(), { hub }), 1400)
    const fresh2 = await Promise.all(
      Array.from({ length: 700 }, (_, i) => writer.write(row(1000 + i))),
    )
    const { ids } = await reading
    expect([...ids].sort((a, b) => a - b)).toEqual(
      [...old, ...fresh2].map((w) => w.id).sort((a, b) => a - b),
    )
  })

  it('cuts off a reader that does not read at a bounded buffer; it resumes with Last-Event-ID and nothing is lost', async () => {
    const database = await fresh()
    const { db, hub } = hubOn(database)
    const writer = createEventWriter(database.db)
    const stalled = eventStream(db, await latestEventId(db), abortable(), { hub })
    const keeping = readIds(
      eventStream(db, await latestEventId(db), abortable(), { hub }),
      3 + 8 * 500,
    )
    // The stalled one takes a few frames, then stops reading.
    const first = await Promise.all(Array.from({ length: 3 }, (_, i) => writer.write(row(i))))
    const head = await readIds(stalled, 3)
    expect(head.ids).toEqual(first.map((w) => w.id))
    const frameBytes = frameOf((await listEventsAfter(db, { after: 0, limit: 1 }))[0]!).byteLength
    const rest: number[] = []
    // Well past the bound: about 2.5 MB of frames.
    for (let batch = 0; batch < 8; batch++) {
      const ws = await Promise.all(
        Array.from({ length: 500 }, (_, i) => writer.write(row(10_000 + batch * 1000 + i))),
      )
      rest.push(...ws.map((w) => w.id))
    }
    expect((rest.length * frameBytes) / MAX_BUFFERED_BYTES).toBeGreaterThan(2)
    const all = [...first.map((w) => w.id), ...rest]
    // The reader that keeps up gets everything.
    expect((await keeping).ids).toEqual(all)
    // The stalled one was dropped: its buffer is gone (the next read fails at once), and the hub
    // no longer holds it.
    await expect.poll(() => hub.size, { timeout: 10_000 }).toBe(1)
    const after = await head.reader!.read().then(
      () => 'read',
      (error: Error) => error.message,
    )
    expect(after).toMatch(/too slow/)
    // Resuming after the last id it received brings exactly the rest, from the database.
    const lastSeen = head.ids.at(-1)!
    const resumed = await readIds(eventStream(db, lastSeen, abortable(), { hub }), rest.length)
    expect(resumed.ids).toEqual(rest)
  })

  it('written straight to a Node response: replay then live rows with no gap and no repeat', async () => {
    const database = await fresh()
    const { db, hub } = hubOn(database)
    const streams = await nodeStreams(db, hub, abortable)
    defer(streams.close)
    const writer = createEventWriter(database.db)
    const old = await Promise.all(Array.from({ length: 1200 }, (_, i) => writer.write(row(i))))
    const reading = readIds(await streams.open(0), 2400)
    const later = await Promise.all(
      Array.from({ length: 1200 }, (_, i) => writer.write(row(5000 + i))),
    )
    const { ids } = await reading
    expect(ids).toEqual([...old, ...later].map((w) => w.id))
  })

  it('written straight to a Node response: a reader that stops reading is cut off past the bound, and resumes', async () => {
    const database = await fresh()
    const { db, hub } = hubOn(database)
    const streams = await nodeStreams(db, hub, abortable)
    defer(streams.close)
    const writer = createEventWriter(database.db)
    const start = await latestEventId(db)
    const stalled = (await streams.open(start)).getReader()
    await expect.poll(() => hub.size, { timeout: 10_000 }).toBe(1)
    // Past what loopback's socket buffers absorb (several MB) and the 1 MiB bound behind them.
    const written: number[] = []
    for (let batch = 0; batch < 12; batch++) {
      const ws = await Promise.all(
        Array.from({ length: 500 }, (_, i) => writer.write(row(batch * 1000 + i, 3000))),
      )
      written.push(...ws.map((w) => w.id))
    }
    // Dropped: the hub no longer holds it, and its connection ends short of everything.
    await expect.poll(() => hub.size, { timeout: 10_000 }).toBe(0)
    const decoder = new TextDecoder()
    let text = ''
    const ended = await (async () => {
      for (;;) {
        const { done, value } = await stalled.read()
        if (done) return 'closed'
        text += decoder.decode(value, { stream: true })
      }
    })().catch(() => 'error')
    expect(['closed', 'error']).toContain(ended)
    const got = [...text.matchAll(/^id: (\d+)$/gm)].map((m) => Number(m[1]))
    expect(got.length).toBeLessThan(written.length)
    expect(got).toEqual(written.slice(0, got.length))
    // Resuming after the last id it received brings exactly the rest.
    const rest = written.slice(got.length)
    const resumed = await readIds(await streams.open(got.at(-1) ?? start), rest.length)
    expect(resumed.ids).toEqual(rest)
  })

  it('ends itself on schedule with a resume point, and stops reading', async () => {
    const database = await fresh()
    const { db, hub } = hubOn(database)
    const writer = createEventWriter(database.db)
    const first = await writer.write(row(1))
    const stream = eventStream(db, first.id - 1, abortable(), { hub, limitMs: 400, graceMs: 0 })
    const reader = stream.getReader()
    const decoder = new TextDecoder()
    let text = ''
    for (;;) {
      const { done, value } = await reader.read()
      if (done) break
      text += decoder.decode(value, { stream: true })
    }
    expect(text).toContain(`id: ${first.id}\nevent: delivery`)
    expect(text.endsWith(`id: ${first.id}\nevent: ${STREAM_END_EVENT}\ndata: 400\n\n`)).toBe(true)
    expect(hub.size).toBe(0)
  })

  it('hands out a row that commits after a higher id was handed out (another writer), by id', async () => {
    const database = await fresh()
    const { hub } = hubOn(database)
    const got: number[] = []
    const sub = await hub.subscribe({
      deliver: ({ frames }) => got.push(...frames.map((f) => f.id)),
    })
    // Another writer takes an id and has not committed yet.
    const other = new pg.Client({ connectionString: database.url })
    await other.connect()
    try {
      await other.query('begin')
      const { rows } = await other.query(
        `insert into events (method, size, headers, body, parse_status, verdict, response_status, dedupe_key)
         values ('POST', 2, '{}', '\\x7b7d', 'ok', 'verified', 200, 'late') returning id`,
      )
      const late = Number(rows[0].id)
      const early = await createEventWriter(database.db).write(row(1))
      expect(early.id).toBeGreaterThan(late)
      await expect.poll(() => got, { timeout: 10_000 }).toEqual([early.id])
      await other.query('commit')
      await expect.poll(() => got, { timeout: 10_000 }).toEqual([early.id, late])
    } finally {
      await other.end()
      sub.unsubscribe()
    }
  })
})

describe('live hub batching', () => {
  it('reads at once while reads find one row, and waits between reads while they find more', async () => {
    vi.useFakeTimers({ now: 1_000_000 })
    try {
      let wake = () => {}
      let next = 1
      let found = 0 // rows the next read finds
      const reads: number[] = []
      const hub = createLiveHub(
        {
          read: async () => {
            reads.push(Date.now())
            const rows = Array.from({ length: found }, () => ({
              id: next++,
              receivedAt: new Date().toISOString(),
            }))
            found = 0
            return rows as EventSummary[]
          },
          readIds: async () => [],
          latest: async () => 0,
          listen: async (onWake) => ((wake = onWake), async () => {}),
        },
        { encode: () => new Uint8Array(), recheckMs: 60_000 },
      )
      const one = await hub.subscribe({ deliver: () => {} })
      const readsAfter = async (ms: number, rows: number) => {
        await vi.advanceTimersByTimeAsync(ms)
        found = rows
        wake()
        await vi.advanceTimersByTimeAsync(0)
        return reads.length
      }
      reads.length = 0
      // Quiet: one row per read, each wake-up reads at once however close together.
      expect(await readsAfter(1_000, 1)).toBe(1)
      expect(await readsAfter(2, 1)).toBe(2)
      expect(await readsAfter(2, 3)).toBe(3) // this read finds 3 rows: a steady flow
      // One stream: the next read waits until 10 ms after the last one.
      expect(await readsAfter(2, 3)).toBe(3)
      await vi.advanceTimersByTimeAsync(7)
      expect(reads).toHaveLength(3)
      await vi.advanceTimersByTimeAsync(1)
      expect(reads).toHaveLength(4)
      expect(reads[3]! - reads[2]!).toBe(10)

      // 200 streams: 0.5 ms each, at most 100 ms.
      const more = await Promise.all(
        Array.from({ length: 199 }, () => hub.subscribe({ deliver: () => {} })),
      )
      expect(await readsAfter(2, 3)).toBe(4)
      await vi.advanceTimersByTimeAsync(95)
      expect(reads).toHaveLength(4)
      await vi.advanceTimersByTimeAsync(5)
      expect(reads).toHaveLength(5)
      expect(reads[4]! - reads[3]!).toBe(100)
      // That read found 3 rows; the flow stops, and after a quiet spell a wake-up reads at once.
      expect(await readsAfter(1_000, 1)).toBe(6)
      expect(await readsAfter(2, 1)).toBe(7)
      for (const s of [one, ...more]) s.unsubscribe()
    } finally {
      vi.useRealTimers()
    }
  })
})
