import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { sql } from 'drizzle-orm'
import { openDatabase, rowsOf } from '../db/client'
import { migrate } from '../db/migrate'
import { events } from '../db/schema'
import { describeEachDatabase } from '../test/databases'
import { hasPgbouncer, startPgbouncer } from '../test/pgbouncer'
import { createScratchDatabase } from '../test/postgres'
import { dedupeKey } from '../webhooks/parse'
import { purgeEvents } from '../webhooks/retention'
import { EVENTS_CHANNEL } from './channel'
import { createEventWriter } from './writer'

const row = (body: string, signature: string | null = 'sig') => ({
  method: 'POST',
  size: body.length,
  headers: { 'content-type': 'application/json' },
  body: Buffer.from(body),
  parseStatus: 'ok',
  verdict: 'verified',
  responseStatus: 200,
  dedupeKey: dedupeKey(Buffer.from(body), signature),
})

describeEachDatabase('event writer', (fresh) => {
  it('stores concurrent writes in batches, every promise settled with its own id', async () => {
    const database = await fresh()
    const woken: string[] = []
    const stop = await database.listen(EVENTS_CHANNEL, (p) => woken.push(p))
    const writer = createEventWriter(database.db)
    const results = await Promise.all(
      Array.from({ length: 300 }, (_, i) => writer.write(row(`{"n":${i}}`))),
    )
    expect(new Set(results.map((r) => r.id)).size).toBe(300)
    const stored = rowsOf<{ n: number }>(
      await database.db.execute(sql`select count(*)::int as n from events`),
    )
    expect(stored[0]?.n).toBe(300)
    // Far fewer notifications than rows: the writes were grouped.
    // Notifications arrive asynchronously: wait for the one naming the newest row.
    await expect.poll(() => Number(woken.at(-1))).toBe(Math.max(...results.map((r) => r.id)))
    expect(woken.length).toBeLessThan(300)
    await stop()
  })

  it('stores every field as given, raw bytes and JSON included', async () => {
    const database = await fresh()
    const writer = createEventWriter(database.db)
    const raw = Buffer.from([0x00, 0xff, 0x7b, 0x22, 0x0a, 0xc3, 0xa9])
    const full = {
      ...row('{"ok":"é"}'),
      provider: 'kayle',
      sourceIp: '203.0.113.9',
      contentType: 'application/json; charset=utf-8',
      headers: { 'x-note': 'naïve "quoted" \\ back', signature: 'abc' },
      payload: { nested: { list: [1, 'two', null], quote: '"{}' } },
      eventType: 'avatar_video.success',
      correlation: {
        video_id: 'v1',
        callback_id: 'c1',
        video_translate_id: 't1',
        project_id: 'p1',
      },
      rejected: true,
      responseStatus: 401,
      endpointId: 'ep_1',
    }
    const [a, b] = await Promise.all([
      writer.write(full),
      writer.write({ ...row('x'), body: raw, size: raw.length, parseStatus: 'invalid_utf8' }),
    ])
    const stored = await database.db.select().from(events)
    const byId = new Map(stored.map((r) => [r.id, r]))
    expect(byId.get(a.id)).toMatchObject({ ...full, body: expect.anything(), duplicateOf: null })
    expect(Buffer.from(byId.get(a.id)!.body).toString()).toBe('{"ok":"é"}')
    expect(Buffer.from(byId.get(b.id)!.body).equals(raw)).toBe(true)
    expect(byId.get(b.id)).toMatchObject({
      provider: 'konpro',
      payload: null,
      sourceIp: null,
      rejected: false,
      parseStatus: 'invalid_utf8',
    })
  })

  it('marks the same body and signature seen again as a redelivery of the first', async () => {
    const database = await fresh()
    const writer = createEventWriter(database.db)
    const first = await writer.write(row('{"same":true}'))
    const [again, inBatchA, inBatchB] = await Promise.all([
      writer.write(row('{"same":true}')),
      writer.write(row('{"fresh":1}')),
      writer.write(row('{"fresh":1}')),
    ])
    expect(first.duplicateOf).toBeNull()
    expect(again?.duplicateOf).toBe(first.id)
    expect([inBatchA?.duplicateOf, inBatchB?.duplicateOf].filter((d) => d !== null)).toHaveLength(1)
    const other = await writer.write(row('{"same":true}', 'other-signature'))
    expect(other.duplicateOf).toBeNull()
    const stored = await database.db
      .select({ id: events.id, duplicateOf: events.duplicateOf })
      .from(events)
    expect(stored.find((r) => r.id === again?.id)?.duplicateOf).toBe(first.id)
  })

  it('rejects every waiting write when the database refuses the batch', async () => {
    const database = await fresh()
    const writer = createEventWriter(database.db)
    const bad = { ...row('{}'), headers: null as unknown as Record<string, string> } // violates NOT NULL
    await expect(writer.write(bad)).rejects.toThrow()
    expect((await writer.write(row('{"after":1}'))).id).toBeGreaterThan(0)
  })

  it('fails only the row the database refuses, not the rest of its batch', async () => {
    const database = await fresh()
    const writer = createEventWriter(database.db)
    const bad = { ...row('{}'), headers: null as unknown as Record<string, string> }
    const results = await Promise.allSettled([
      writer.write(row('{"a":1}')),
      writer.write(bad),
      writer.write(row('{"b":2}')),
    ])
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled'])
    expect(await database.db.select({ id: events.id }).from(events)).toHaveLength(2)
  })

  it('keeps the bodies of one batch under its byte bound, so large deliveries go in several', async () => {
    const database = await fresh()
    const woken: string[] = []
    const stop = await database.listen(EVENTS_CHANNEL, (p) => woken.push(p))
    const writer = createEventWriter(database.db)
    const large = (i: number) => ({ ...row(`{"i":${i},"pad":"${'x'.repeat(700 * 1024)}"}`) })
    const results = await Promise.all(Array.from({ length: 10 }, (_, i) => writer.write(large(i))))
    // One notification per INSERT: 10 bodies of 700 KiB, at most two in 2 MiB, take five or more
    // (all in one statement, but the first, they would take two).
    await expect.poll(() => Number(woken.at(-1))).toBe(Math.max(...results.map((r) => r.id)))
    expect(woken.length).toBeGreaterThanOrEqual(5)
    await stop()
  })

  it('writes on when the server forgot its prepared statements (a pooler reset the connection)', async () => {
    const database = await fresh()
    const writer = createEventWriter(database.db)
    await writer.write(row('{"before":1}'))
    // The pool hands back the connection it used last: the one the statement was prepared on.
    await database.db.execute(sql`deallocate all`)
    expect((await writer.write(row('{"after":1}'))).id).toBeGreaterThan(0)
    expect((await writer.write(row('{"after":2}'))).id).toBeGreaterThan(0)
    expect(await database.db.select({ id: events.id }).from(events)).toHaveLength(3)
  })

  it('purges by age and by count, oldest first', async () => {
    const database = await fresh()
    const writer = createEventWriter(database.db)
    for (let i = 0; i < 12; i++) await writer.write(row(`{"i":${i}}`))
    await database.db.execute(
      sql`update events set received_at = now() - interval '40 days' where id in (select id from events order by id limit 2)`,
    )
    expect(await purgeEvents(database.db, { retentionDays: 30, maxRows: 1000 })).toBe(2)
    expect(await purgeEvents(database.db, { retentionDays: 30, maxRows: 4 })).toBe(6)
    const left = await database.db.select({ id: events.id }).from(events)
    expect(left).toHaveLength(4)
  })
})

describe.skipIf(!inject('postgresAdminUrl') || !hasPgbouncer())(
  'event writer through a transaction pooler [postgres, pgbouncer]',
  () => {
    let scratch: Awaited<ReturnType<typeof createScratchDatabase>>
    let bouncer: Awaited<ReturnType<typeof startPgbouncer>>
    beforeAll(async () => {
      scratch = await createScratchDatabase(inject('postgresAdminUrl'))
      const direct = await openDatabase({ url: scratch.url })
      await migrate(direct.db)
      await direct.close()
      bouncer = await startPgbouncer(inject('postgresAdminUrl'))
    })
    afterAll(async () => {
      await bouncer?.stop()
      await scratch?.drop()
    })

    // PgBouncer before 1.21 hands each transaction to any server connection: a statement named
    // on one is unknown on the next (other clients keep the server connections changing hands).
    // Every write must still be stored.
    it('stores every write although the pooler cannot keep named statements', async () => {
      const pooled = await openDatabase({ url: bouncer.pooled(scratch.url) })
      const others = await openDatabase({ url: bouncer.pooled(scratch.url) })
      let writing = true
      const traffic = Promise.all(
        Array.from({ length: 4 }, async () => {
          while (writing) await others.db.execute(sql`select pg_sleep(0.001)`)
        }),
      )
      try {
        const writer = createEventWriter(pooled.db)
        let n = 0
        for (let round = 0; round < 30; round++)
          await Promise.all(
            Array.from({ length: 1 + (round % 3) }, () => writer.write(row(`{"n":${n++}}`))),
          )
        const [stored] = rowsOf<{ n: number }>(
          await pooled.db.execute(sql`select count(*)::int as n from events`),
        )
        expect(stored?.n).toBe(n)
      } finally {
        writing = false
        await traffic
        await others.close()
        await pooled.close()
      }
    })
  },
)

describeEachDatabase('redelivery marking', (fresh) => {
  it('marks 10,000 copies of one body as redeliveries of the first, through primary-key lookups', async () => {
    const database = await fresh()
    const writer = createEventWriter(database.db)
    const first = await writer.write(row('{"retried":true}'))
    const copies: Array<{ id: number; duplicateOf: number | null }> = []
    for (let round = 0; round < 10; round++) {
      const batch = await Promise.all([
        ...Array.from({ length: 1000 }, () => writer.write(row('{"retried":true}'))),
        ...Array.from({ length: 200 }, (_, i) =>
          writer.write(row(`{"distinct":${round * 1000 + i}}`)),
        ),
      ])
      copies.push(...batch.slice(0, 1000))
    }
    expect(copies).toHaveLength(10_000)
    expect(copies.every((c) => c.duplicateOf === first.id)).toBe(true)
    const [marked] = rowsOf<{ n: number }>(
      await database.db.execute(
        sql`select count(*)::int as n from events where duplicate_of = ${first.id}`,
      ),
    )
    expect(marked?.n).toBe(10_000)
    // The lookup's plan: index scans on two primary keys, never a scan of events.
    await database.db.execute(sql`analyze events`)
    await database.db.execute(sql`analyze event_first_copies`)
    const plan = rowsOf<{ 'QUERY PLAN': string }>(
      await database.db
        .execute(sql`explain select f.event_id from event_first_copies f join events e on e.id = f.event_id
        where f.dedupe_key = ${dedupeKey(Buffer.from('{"retried":true}'), 'sig')} and f.received_at > now() - interval '24 hours'`),
    )
      .map((r) => r['QUERY PLAN'])
      .join('\n')
    expect(plan).toMatch(/Index Scan using event_first_copies_pkey/)
    expect(plan).toMatch(/Index (Only )?Scan using events_pkey/)
    expect(plan).not.toMatch(/Seq Scan on events/)
  }, 120_000)

  it('starts a new first copy once the first is gone or older than a day', async () => {
    const database = await fresh()
    const writer = createEventWriter(database.db)
    const first = await writer.write(row('{"again":1}'))
    expect((await writer.write(row('{"again":1}'))).duplicateOf).toBe(first.id)
    // The log cleared: the next copy is a first again, not a copy of a deleted row.
    await database.db.execute(sql`delete from events`)
    const second = await writer.write(row('{"again":1}'))
    expect(second.duplicateOf).toBeNull()
    expect((await writer.write(row('{"again":1}'))).duplicateOf).toBe(second.id)
    // A day later, a copy starts over too.
    await database.db.execute(
      sql`update event_first_copies set received_at = now() - interval '25 hours'`,
    )
    await database.db.execute(sql`update events set received_at = now() - interval '25 hours'`)
    const third = await writer.write(row('{"again":1}'))
    expect(third.duplicateOf).toBeNull()
    expect((await writer.write(row('{"again":1}'))).duplicateOf).toBe(third.id)
  })
})
