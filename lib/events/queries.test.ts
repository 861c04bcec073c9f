import { expect, it } from 'vitest'
import { sql } from 'drizzle-orm'
import type { SessionDb } from '../auth/current'
import { rowsOf } from '../db/client'
import { events } from '../db/schema'
import { describeEachDatabase } from '../test/databases'
import { storedRow, webhookBody } from '../test/event-rows'
import {
  clearEvents,
  countEvents,
  endpointReceipts,
  eventHistogram,
  exportEvents,
  getEvent,
  latestEventId,
  likePattern,
  listEvents,
  listEventsAfter,
} from './queries'

describeEachDatabase('event queries', (fresh) => {
  const open = async () => {
    const database = await fresh()
    // These tests are about the queries; the session check in front of them is tested end to end.
    return database.db as SessionDb
  }

  it('pages newest first by id and continues with the cursor', async () => {
    const db = await open()
    await db
      .insert(events)
      .values(
        Array.from({ length: 7 }, (_, i) =>
          storedRow({ json: webhookBody('avatar_video.success', `v${i}`) }),
        ),
      )
    const first = await listEvents(db, { limit: 3 })
    expect(first.events.map((e) => e.correlation.video_id)).toEqual(['v6', 'v5', 'v4'])
    expect(first.nextCursor).toBe(first.events[2]?.id)
    const second = await listEvents(db, { limit: 3, before: first.nextCursor ?? 0 })
    expect(second.events.map((e) => e.correlation.video_id)).toEqual(['v3', 'v2', 'v1'])
    const third = await listEvents(db, { limit: 3, before: second.nextCursor ?? 0 })
    expect(third.events.map((e) => e.correlation.video_id)).toEqual(['v0'])
    expect(third.nextCursor).toBeNull()
    expect(first.events[0]).toMatchObject({
      eventType: 'avatar_video.success',
      verdict: 'verified',
      method: 'POST',
    })
    expect(typeof first.events[0]?.receivedAt).toBe('string')
  })

  it("gives Kayle rows Kayle's own ids, from the payload and the delivery header, and KonPro rows none", async () => {
    const db = await open()
    const kayle = {
      type: 'verification.session.succeeded',
      metadata: { event_id: 'evt_9a1', verification_session_id: 'vs_42' },
      data: {},
    }
    const [konproRow, kayleRow] = await db
      .insert(events)
      .values([
        storedRow(),
        storedRow({
          json: kayle,
          provider: 'kayle',
          eventType: kayle.type,
          correlation: {},
          headers: { 'x-kayle-delivery-id': 'whd_7' },
        }),
      ])
      .returning({ id: events.id })
    const listed = await listEvents(db, {})
    const byId = new Map(listed.events.map((e) => [e.id, e]))
    expect(byId.get(kayleRow!.id)?.kayle).toEqual({
      eventId: 'evt_9a1',
      sessionId: 'vs_42',
      deliveryId: 'whd_7',
    })
    expect(byId.get(konproRow!.id)?.kayle).toBeNull()
    // The detail derives the same ids from the row in JS: the two readings agree.
    expect((await getEvent(db, kayleRow!.id))?.kayle).toEqual(byId.get(kayleRow!.id)?.kayle)
  })

  it('filters by endpoint, response, rejected, non-JSON bodies, several types or verdicts, and a payload field', async () => {
    const db = await open()
    await db.insert(events).values([
      storedRow({ json: webhookBody('avatar_video.success', 'a'), endpointId: 'ep_1' }),
      storedRow({
        json: webhookBody('avatar_video.fail', 'b'),
        endpointId: 'ep_2',
        verdict: 'invalid',
        responseStatus: 401,
        rejected: true,
      }),
      storedRow({
        json: webhookBody('video_translate.success', 'c'),
        verdict: 'unsigned',
        responseStatus: 429,
        rejected: true,
      }),
      storedRow({
        json: webhookBody('personalized_video', 'd'),
        parseStatus: 'invalid_json',
        payload: null,
        responseStatus: 202,
      }),
    ])
    const ids = async (filters: Parameters<typeof listEvents>[1]['filters']) =>
      (await listEvents(db, { filters })).events
        .map((e) => e.correlation.video_id ?? e.eventType)
        .sort()
    expect(await ids({ endpoint: 'ep_2' })).toEqual(['b'])
    expect(await ids({ status: '2xx' })).toEqual(['a', 'd'])
    expect(await ids({ status: '429' })).toEqual(['c'])
    expect(await ids({ rejected: '1' })).toEqual(['b', 'c'])
    expect(await ids({ notJson: '1' })).toEqual(['d'])
    expect(await ids({ type: 'avatar_video.success,video_translate.success' })).toEqual(['a', 'c'])
    expect(await ids({ verdict: 'invalid,unsigned' })).toEqual(['b', 'c'])
    expect(await ids({ field: 'event_data.video_id=c' })).toEqual(['c'])
    expect(await ids({ field: 'event_data.folder_id=folder-1', verdict: 'verified' })).toEqual([
      'a',
    ])
    // A path with SQL in it is refused by the schema; the query binds the path regardless.
    expect(await ids({ field: "event_data.video_id=' or 1=1 --" })).toEqual([])
  })

  it("answers one endpoint's receipts: the count, the answers by status, 2xx share and the latest", async () => {
    const db = await open()
    const at = (minutes: number) => new Date(Date.parse('2026-11-22T18:00:00Z') + minutes * 60_000)
    await db.insert(events).values([
      storedRow({
        json: webhookBody('avatar_video.success', 'a'),
        endpointId: 'ep_1',
        receivedAt: at(0),
      }),
      storedRow({
        json: webhookBody('avatar_video.fail', 'b'),
        endpointId: 'ep_1',
        responseStatus: 429,
        rejected: true,
        receivedAt: at(1),
      }),
      storedRow({
        json: webhookBody('avatar_video.success', 'c'),
        endpointId: 'ep_1',
        receivedAt: at(2),
      }),
      storedRow({ json: webhookBody('video_translate.success', 'd'), endpointId: 'ep_2' }),
      storedRow({ json: webhookBody('avatar_video.success', 'e') }),
    ])
    const receipts = await endpointReceipts(db, 'ep_1', { recent: 2 })
    expect(receipts).toMatchObject({
      total: 3,
      answers: [
        { status: 200, count: 2 },
        { status: 429, count: 1 },
      ],
      succeeded: 2,
    })
    expect(receipts.recent).toMatchObject([
      { eventType: 'avatar_video.success', responseStatus: 200, receivedAt: at(2).toISOString() },
      { eventType: 'avatar_video.fail', responseStatus: 429, receivedAt: at(1).toISOString() },
    ])
    // Both reads can go through the endpoint's index rather than a scan of every delivery.
    const plan = await db.transaction(async (tx) => {
      await tx.execute(sql`set local enable_seqscan = off`)
      return rowsOf<{ 'QUERY PLAN': string }>(
        await tx.execute(
          sql`explain select response_status, count(*) from events where endpoint_id = 'ep_1' group by 1`,
        ),
      )
        .map((r) => r['QUERY PLAN'])
        .join('\n')
    })
    expect(plan).toMatch(/events_endpoint_idx/)
    expect(await endpointReceipts(db, 'ep_none')).toEqual({
      total: 0,
      answers: [],
      succeeded: 0,
      recent: [],
    })
  })

  it('filters by type, verdict, provider and time range', async () => {
    const db = await open()
    const t = (m: number) => new Date(Date.UTC(2026, 0, 1, 12, m))
    await db.insert(events).values([
      storedRow({ json: webhookBody('avatar_video.success', 'a'), receivedAt: t(0) }),
      storedRow({
        json: webhookBody('avatar_video.fail', 'b'),
        verdict: 'invalid',
        rejected: true,
        receivedAt: t(10),
      }),
      storedRow({
        json: webhookBody('avatar_video.fail', 'c'),
        verdict: 'unsigned',
        receivedAt: t(20),
      }),
      storedRow({
        json: webhookBody('video_translate.success', 'd'),
        provider: 'other',
        receivedAt: t(30),
      }),
    ])
    const ids = async (filters: Parameters<typeof listEvents>[1]['filters']) =>
      (await listEvents(db, { filters })).events.map((e) => e.correlation.video_id)
    expect(await ids({ type: 'avatar_video.fail' })).toEqual(['c', 'b'])
    expect(await ids({ verdict: 'invalid' })).toEqual(['b'])
    expect(await ids({ provider: 'other' })).toEqual(['d'])
    expect(await ids({ from: t(10).toISOString(), to: t(30).toISOString() })).toEqual(['c', 'b'])
    expect(await ids({ type: 'avatar_video.fail', verdict: 'unsigned' })).toEqual(['c'])
    expect(await ids({ since: '7d' })).toEqual([])
    await db.insert(events).values(storedRow({ json: webhookBody('avatar_video.success', 'now') }))
    expect(await ids({ since: '15m' })).toEqual(['now'])
    expect(await countEvents(db, { type: 'avatar_video.fail' })).toBe(2)
  })

  it('searches payload and raw body text, treating LIKE wildcards literally', async () => {
    const db = await open()
    await db.insert(events).values([
      storedRow({
        json: webhookBody('avatar_video.success', 'plain', { note: '50% off_today' }),
      }),
      storedRow({
        json: webhookBody('avatar_video.success', 'other', { note: '50 percent offXtoday' }),
      }),
      storedRow({
        json: null,
        payload: null,
        body: new TextEncoder().encode('not json: Héllo'),
        parseStatus: 'invalid_json',
        eventType: null,
      }),
      storedRow({
        json: null,
        payload: null,
        body: new Uint8Array([0xff, 0xfe, 0x41, 0x42]),
        parseStatus: 'invalid_utf8',
        eventType: null,
      }),
    ])
    const q = async (text: string) => (await listEvents(db, { filters: { q: text } })).events.length
    expect(await q('50% off_')).toBe(1)
    expect(await q('%')).toBe(1)
    expect(await q('off_t')).toBe(1)
    expect(await q('PLAIN')).toBe(1)
    expect(await q('héllo')).toBe(1)
    expect(await q('AB')).toBe(1)
    expect(await q('nothing-like-this')).toBe(0)
    expect(likePattern('a\\b%c_d')).toBe('%a\\\\b\\%c\\_d%')
  })

  it('answers rows after a cursor oldest first, honouring filters', async () => {
    const db = await open()
    await db
      .insert(events)
      .values([
        storedRow({ json: webhookBody('avatar_video.success', 'a') }),
        storedRow({ json: webhookBody('avatar_video.fail', 'b') }),
        storedRow({ json: webhookBody('avatar_video.success', 'c') }),
      ])
    const all = await listEventsAfter(db, { after: 0 })
    expect(all.map((e) => e.correlation.video_id)).toEqual(['a', 'b', 'c'])
    const afterFirst = await listEventsAfter(db, {
      after: all[0]?.id ?? 0,
      filters: { type: 'avatar_video.success' },
    })
    expect(afterFirst.map((e) => e.correlation.video_id)).toEqual(['c'])
    expect(await latestEventId(db)).toBe(all[2]?.id)
  })

  it('returns one delivery with headers, text or base64 body and payload', async () => {
    const db = await open()
    const [json, binary] = await db
      .insert(events)
      .values([
        storedRow({ headers: { 'x-signature': 'abc', 'content-type': 'application/json' } }),
        storedRow({
          json: null,
          payload: null,
          body: new Uint8Array([0xff, 0x00, 0x10]),
          parseStatus: 'invalid_utf8',
          eventType: null,
        }),
      ])
      .returning({ id: events.id })
    const detail = await getEvent(db, json?.id ?? 0)
    expect(detail?.headers['x-signature']).toBe('abc')
    expect(detail?.payload).toEqual(webhookBody('avatar_video.success', 'v1'))
    expect(JSON.parse(detail?.bodyText ?? '')).toEqual(webhookBody('avatar_video.success', 'v1'))
    const raw = await getEvent(db, binary?.id ?? 0)
    expect(raw?.bodyText).toBeNull()
    expect(raw?.bodyBase64).toBe(Buffer.from([0xff, 0x00, 0x10]).toString('base64'))
    expect(await getEvent(db, 999_999)).toBeNull()
  })

  it('counts deliveries per interval and verdict', async () => {
    const db = await open()
    const now = new Date(Date.UTC(2026, 0, 1, 12, 31, 0))
    const ago = (min: number) => new Date(now.getTime() - min * 60_000)
    await db.insert(events).values([
      storedRow({ receivedAt: ago(1) }),
      storedRow({ receivedAt: ago(1), verdict: 'invalid' }),
      storedRow({ receivedAt: ago(1), verdict: 'invalid' }),
      storedRow({ receivedAt: ago(45), verdict: 'unsigned' }),
      storedRow({ receivedAt: ago(90) }), // outside the hour
      storedRow({ receivedAt: ago(1), json: webhookBody('avatar_video.fail', 'f') }),
    ])
    const hour = await eventHistogram(db, { range: 'hour', now })
    expect(hour.buckets).toHaveLength(30)
    expect(hour.buckets.reduce((n, b) => n + b.total, 0)).toBe(5)
    const last = hour.buckets[hour.buckets.length - 1]
    expect(last?.counts).toEqual({ verified: 2, invalid: 2, unsigned: 0, no_secret: 0 })
    expect(Date.parse(last?.end ?? '')).toBeGreaterThan(now.getTime())
    const filtered = await eventHistogram(db, {
      range: 'hour',
      now,
      filters: { type: 'avatar_video.fail' },
    })
    expect(filtered.buckets.reduce((n, b) => n + b.total, 0)).toBe(1)
    const week = await eventHistogram(db, { range: 'week', now })
    expect(week.buckets).toHaveLength(28)
    expect(week.buckets.reduce((n, b) => n + b.total, 0)).toBe(6)
    const day = await eventHistogram(db, { range: 'day', now })
    expect(day.buckets).toHaveLength(24)
  })

  it('spans all time from the oldest delivery the filters keep, in round buckets', async () => {
    const db = await open()
    const now = new Date(Date.UTC(2026, 0, 10, 12, 31, 0))
    const ago = (min: number) => new Date(now.getTime() - min * 60_000)
    const empty = await eventHistogram(db, { range: 'all', now })
    expect(empty.bucketMs).toBe(3_600_000)
    expect(empty.buckets).toHaveLength(24)
    await db.insert(events).values([
      storedRow({ receivedAt: ago(3 * 1440) }), // three days back
      storedRow({ receivedAt: ago(5), json: webhookBody('avatar_video.fail', 'f') }),
      storedRow({ receivedAt: ago(1) }),
    ])
    const all = await eventHistogram(db, { range: 'all', now })
    expect(all.buckets).toHaveLength(24)
    expect(all.bucketMs).toBe(6 * 3_600_000)
    expect(all.buckets.reduce((n, b) => n + b.total, 0)).toBe(3)
    expect(Date.parse(all.buckets[0]?.start ?? '')).toBeLessThanOrEqual(ago(3 * 1440).getTime())
    expect(Date.parse(all.buckets.at(-1)?.end ?? '')).toBeGreaterThan(now.getTime())
    // Filtered to the recent type, the chart narrows to the minutes it needs.
    const recent = await eventHistogram(db, {
      range: 'all',
      now,
      filters: { type: 'avatar_video.fail' },
    })
    expect(recent.bucketMs).toBe(60_000)
    expect(recent.buckets.reduce((n, b) => n + b.total, 0)).toBe(1)
    const quarter = await eventHistogram(db, { range: 'quarter', now })
    expect(quarter.buckets).toHaveLength(15)
    expect(quarter.buckets.reduce((n, b) => n + b.total, 0)).toBe(2)
  })

  it('exports a filtered view in pages and clears the log', async () => {
    const db = await open()
    await db.insert(events).values(
      Array.from({ length: 12 }, (_, i) =>
        storedRow({
          json: webhookBody(i % 2 ? 'avatar_video.fail' : 'avatar_video.success', `v${i}`),
        }),
      ),
    )
    const seen: string[] = []
    for await (const row of exportEvents(db, { type: 'avatar_video.fail' }, 4))
      seen.push(row.correlation.video_id ?? '')
    expect(seen).toEqual(['v11', 'v9', 'v7', 'v5', 'v3', 'v1'])
    // Clearing a filtered view removes exactly what the filter shows and keeps the rest.
    expect(await clearEvents(db, { type: 'avatar_video.fail', q: 'v1' })).toBe(2)
    expect(await countEvents(db, { type: 'avatar_video.fail' })).toBe(4)
    expect(await countEvents(db)).toBe(10)
    expect(await clearEvents(db)).toBe(10)
    expect(await countEvents(db)).toBe(0)
  })

  it('keeps keyset pages and filters correct over 100,000 rows', async () => {
    const db = await open()
    await db.execute(sql`
      insert into events (method, size, headers, body, payload, parse_status, event_type, correlation, verdict, response_status, dedupe_key, received_at)
      select 'POST', 100, '{}'::jsonb, convert_to('{"n":' || g || '}', 'UTF8'), jsonb_build_object('n', g, 'tag', 'tag-' || g),
        'ok', case when g % 3 = 0 then 'avatar_video.fail' else 'avatar_video.success' end, jsonb_build_object('video_id', 'v' || g),
        case when g % 5 = 0 then 'invalid' else 'verified' end, 200, 'k' || g,
        timestamptz '2026-01-01T00:00:00Z' + g * interval '1 second'
      from generate_series(1, 100000) g`)
    expect(await countEvents(db)).toBe(100_000)
    const started = Date.now()
    let page = await listEvents(db, {
      filters: { type: 'avatar_video.fail', verdict: 'invalid' },
      limit: 100,
    })
    // g divisible by 15, newest first: 99990, 99975, ...
    expect(page.events[0]?.correlation.video_id).toBe('v99990')
    expect(page.events[99]?.correlation.video_id).toBe(`v${99990 - 99 * 15}`)
    let pages = 1
    let seen = page.events.length
    while (page.nextCursor !== null) {
      page = await listEvents(db, {
        filters: { type: 'avatar_video.fail', verdict: 'invalid' },
        limit: 100,
        before: page.nextCursor,
      })
      seen += page.events.length
      pages++
    }
    expect(seen).toBe(Math.floor(100_000 / 15))
    expect(pages).toBe(Math.ceil(seen / 100))
    const deep = await listEvents(db, { before: 50_001, limit: 3 })
    expect(deep.events.map((e) => e.id)).toEqual([50_000, 49_999, 49_998])
    const ranged = await listEvents(db, {
      filters: { from: '2026-01-01T00:00:10Z', to: '2026-01-01T00:00:13Z' },
    })
    expect(ranged.events.map((e) => e.correlation.video_id)).toEqual(['v12', 'v11', 'v10'])
    const text = await listEvents(db, { filters: { q: 'tag-77777"' } })
    expect(text.events.map((e) => e.correlation.video_id)).toEqual(['v77777'])
    expect(Date.now() - started).toBeLessThan(20_000)
  })
})
